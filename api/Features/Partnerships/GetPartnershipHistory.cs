
namespace CommunityHub.Api.Features.Partnerships;

/// <summary>A partnership's status transitions, oldest first.</summary>
public sealed record GetPartnershipHistoryQuery(Guid Id) : IRequest<PartnershipHistory>;

public sealed class GetPartnershipHistoryHandler(Db db, ICurrentUser user) : IRequestHandler<GetPartnershipHistoryQuery, PartnershipHistory>
{
    public async Task<PartnershipHistory> Handle(GetPartnershipHistoryQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await PartnershipData.GetOrThrowAsync(connection, null, request.Id, user, ct);
        var rows = await connection.QueryAsync<PartnershipTransitionRow>(new CommandDefinition(
            """
            SELECT id, from_status, to_status, note, at, actor_id, actor_name FROM partnership_transitions
            WHERE partnership_id = @Id ORDER BY version
            """,
            new { request.Id },
            cancellationToken: ct));
        // Who made a change is personal data (a staff member's name and user id) that a machine does not need.
        return new PartnershipHistory(rows.Select(r => r.ToResponse())
            .Select(t => user.IsApiKey ? t with { ById = null, ByName = null } : t).ToList());
    }
}
