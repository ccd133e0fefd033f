
namespace CommunityHub.Api.Features.Events;

/// <summary>Creates a draft event. Staff may create any; a member editor only events its own member alone organises
/// (co-organisers are added by staff).</summary>
public sealed record CreateCommunityEventCommand(CommunityEventInput Input) : IRequest<CommunityEventResponse>;

public sealed class CreateCommunityEventHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user)
    : IRequestHandler<CreateCommunityEventCommand, CommunityEventResponse>
{
    public async Task<CommunityEventResponse> Handle(CreateCommunityEventCommand request, CancellationToken ct)
    {
        var input = request.Input;
        EventAccess.EnsureManages(user, input.OrganizerIds!);
        EventAccess.EnsureMayChangeOrganizers(user, [], input.OrganizerIds!.Distinct().ToList());
        var now = clock.GetUtcNow();
        var id = Guid.CreateVersion7(now);

        await using var scope = await db.BeginWriteAsync(ct);
        await CommunityEventData.EnsureReferencesExistAsync(scope, input, ct);
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO events (id, title, title_search, description, starts_at, ends_at, venue_name, venue_street, venue_city,
                municipality_code, partnership_id, pilot_id, space_id, capacity, registration_opens_at, registration_closes_at, visibility,
                status, languages, keywords, confirmed_count, waitlist_count, ever_published, published_at, created_at, updated_at, version)
            VALUES (@Id, @Title, @TitleSearch, @Description, @StartsAt, @EndsAt, @VenueName, @VenueStreet, @VenueCity,
                @MunicipalityCode, @PartnershipId, @PilotId, @SpaceId, @Capacity, @RegistrationOpensAt, @RegistrationClosesAt, @Visibility,
                'draft', @Languages, @Keywords, 0, 0, 0, NULL, @Now, @Now, @Version)
            """,
            CommunityEventData.WriteParameters(id, input, 1, now),
            scope.Transaction,
            cancellationToken: ct));
        await CommunityEventData.ReplaceOrganizersAsync(scope, id, input.OrganizerIds!, ct);
        await changes.RecordAsync(scope, CommunityEventData.Type, id, ChangeOp.Create, 1, input.MunicipalityCode, ct);
        var created = await CommunityEventData.ReadBackAsync(scope, id, ct);
        await scope.CommitAsync(ct);
        return created;
    }
}
