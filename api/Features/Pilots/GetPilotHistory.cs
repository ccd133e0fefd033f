
namespace CommunityHub.Api.Features.Pilots;

public sealed record GetPilotHistoryQuery(Guid Id) : IRequest<PilotHistory>;

public sealed class GetPilotHistoryHandler(Db db, ICurrentUser user) : IRequestHandler<GetPilotHistoryQuery, PilotHistory>
{
    public async Task<PilotHistory> Handle(GetPilotHistoryQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await PilotData.GetOrThrowAsync(connection, null, request.Id, user.MunicipalityScope, ct);
        var rows = await connection.QueryAsync<PilotTransitionRow>(new CommandDefinition(
            "SELECT seq, at, actor_id, actor_name, from_stage, to_stage, note FROM pilot_transitions WHERE pilot_id = @Id ORDER BY seq",
            new { request.Id },
            cancellationToken: ct));
        // Who made a change is personal data (a staff member's name and user id) that a machine does not need.
        var showActor = !user.IsApiKey;
        return new PilotHistory(request.Id, rows.Select(r => new PilotTransitionEntry(
            r.Seq, r.At, showActor ? r.ActorId : null, showActor ? r.ActorName : null, EnumText.Parse<PilotStage>(r.FromStage), EnumText.Parse<PilotStage>(r.ToStage), r.Note)).ToList());
    }
}
