
namespace CommunityHub.Api.Features.Audit;

/// <summary>The append-only audit trail by id (time order), optionally for one entity type and/or one entity.</summary>
public sealed record ListAuditQuery(string? EntityType, Guid? EntityId, int? Limit, string? Cursor) : IRequest<AuditPage>;

public sealed class ListAuditValidator : AbstractValidator<ListAuditQuery>
{
    public const string CursorKind = "audit";

    public ListAuditValidator()
    {
        RuleFor(q => q.EntityType).Matches("^[a-z_]{1,32}$").When(q => q.EntityType is not null)
            .WithMessage(_ => Texts.Get("audit.entityType"));
        this.PagingRules(q => q.Limit, q => q.Cursor, CursorKind, 1);
    }
}

public sealed class ListAuditHandler(Db db) : IRequestHandler<ListAuditQuery, AuditPage>
{
    public async Task<AuditPage> Handle(ListAuditQuery request, CancellationToken ct)
    {
        var keyset = Keyset.From(ListAuditValidator.CursorKind, 1, request.Limit, request.Cursor);
        var sql = new StringBuilder($"SELECT {AuditRow.Columns} FROM audit a WHERE 1 = 1");
        var parameters = new DynamicParameters();
        if (request.EntityType is not null)
        {
            sql.Append(" AND a.entity_type = @EntityType");
            parameters.Add("EntityType", request.EntityType);
        }
        if (request.EntityId is { } entityId)
        {
            sql.Append(" AND a.entity_id = @EntityId");
            parameters.Add("EntityId", entityId.ToString());
        }
        if (keyset.AfterKey() is { } after)
        {
            sql.Append(" AND a.id > @AfterId");
            parameters.Add("AfterId", after);
        }
        sql.Append(" ORDER BY a.id ").Append(db.Dialect.Limit("@Take"));
        parameters.Add("Take", keyset.Take);

        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<AuditRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: ct))).ToList();
        var page = keyset.Page(rows, r => [r.Id.ToString()]);
        return new AuditPage(page.Items.Select(r => r.ToEntry()).ToList(), page.NextCursor);
    }
}
