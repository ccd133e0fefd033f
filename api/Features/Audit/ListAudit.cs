
namespace CommunityHub.Api.Features.Audit;

/// <summary>The append-only audit trail by id (time order), optionally for one entity type and/or one entity.</summary>
public sealed record ListAuditQuery(string? EntityType, Guid? EntityId, int? Limit, string? Cursor) : IRequest<AuditPage>, IPagedQuery
{
    public static string CursorKind => "audit";
}

public sealed class ListAuditValidator : AbstractValidator<ListAuditQuery>
{
    public ListAuditValidator()
    {
        RuleFor(q => q.EntityType).Matches("^[a-z_]{1,32}$").When(q => q.EntityType is not null)
            .WithMessage(_ => Texts.Get("audit.entityType"));
    }
}

public sealed class ListAuditHandler(Db db) : IRequestHandler<ListAuditQuery, AuditPage>
{
    public async Task<AuditPage> Handle(ListAuditQuery request, CancellationToken ct)
    {
        var keyset = Keyset.For(request);
        var query = new ListQuery(db.Dialect, "audit a")
            .Where("a.entity_type = @EntityType", "EntityType", request.EntityType)
            .Where("a.entity_id = @EntityId", "EntityId", request.EntityId?.ToString());

        await using var connection = await db.OpenAsync(ct);
        var page = await query.PageAsync<AuditRow>(connection, AuditRow.Columns, keyset, [KeyColumn.Id("a.id")], r => [r.Id.ToString()], ct);
        return new AuditPage(page.Items.Select(r => r.ToEntry()).ToList(), page.NextCursor);
    }
}
