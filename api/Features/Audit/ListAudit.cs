using System.Text;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using Dapper;
using FluentValidation;
using MediatR;

namespace CommunityHub.Api.Features.Audit;

/// <summary>One write: who made it, when, to which entity, the operation and the version it produced.</summary>
public sealed record AuditEntry(
    Guid Id, DateTimeOffset At, string? ActorId, string? ActorName, string EntityType, Guid EntityId, string Op, long Version);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Items, string? NextCursor);

/// <summary>The append-only audit trail by id (time order), optionally for one entity type and/or one entity.</summary>
public sealed record ListAuditQuery(string? EntityType, Guid? EntityId, int? Limit, string? Cursor) : IRequest<AuditPage>;

public sealed class ListAuditValidator : AbstractValidator<ListAuditQuery>
{
    public const string CursorKind = "audit";

    public ListAuditValidator()
    {
        RuleFor(q => q.EntityType).Matches("^[a-z_]{1,32}$").When(q => q.EntityType is not null)
            .WithMessage("entityType is a collection name such as members, partnerships, pilots, events or users.");
        this.PagingRules(q => q.Limit, q => q.Cursor, CursorKind, 1);
    }
}

public sealed class ListAuditHandler(Db db) : IRequestHandler<ListAuditQuery, AuditPage>
{
    public async Task<AuditPage> Handle(ListAuditQuery request, CancellationToken ct)
    {
        var take = request.Limit ?? Paging.DefaultLimit;
        var sql = new StringBuilder("SELECT a.id, a.at, a.actor_id, a.actor_name, a.entity_type, a.entity_id, a.op, a.version FROM audit a WHERE 1 = 1");
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
        if (request.Cursor is not null)
        {
            sql.Append(" AND a.id > @AfterId");
            parameters.Add("AfterId", Cursor.Decode(request.Cursor, ListAuditValidator.CursorKind, 1)[0]);
        }
        sql.Append(" ORDER BY a.id ").Append(db.Dialect.Limit("@Take"));
        parameters.Add("Take", take + 1);

        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<AuditRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: ct))).ToList();
        var page = rows.Take(take).ToList();
        var next = rows.Count > take ? Cursor.Encode(ListAuditValidator.CursorKind, page[^1].Id.ToString()) : null;
        return new AuditPage(page.Select(r => new AuditEntry(r.Id, r.At, r.ActorId, r.ActorName, r.EntityType, r.EntityId, r.Op, r.Version)).ToList(), next);
    }

    private sealed class AuditRow
    {
        public Guid Id { get; init; }
        public DateTimeOffset At { get; init; }
        public string? ActorId { get; init; }
        public string? ActorName { get; init; }
        public string EntityType { get; init; } = "";
        public Guid EntityId { get; init; }
        public string Op { get; init; } = "";
        public long Version { get; init; }
    }
}
