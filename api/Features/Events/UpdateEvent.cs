using CommunityHub.Api.Features.Events.Registrations;

namespace CommunityHub.Api.Features.Events;

/// <summary>
/// Replaces an event's content (status and counts are read-only). Completed and cancelled events are final (409).
/// A member editor must organise the event before the change, and may add or remove only its own member among the
/// organisers (so it may step down from a co-organised event, but never name or drop another member). Raising the capacity promotes people from
/// the waiting list; lowering it below the confirmed count is refused rather than un-confirming anyone. A published event's
/// space booking follows its space and times (<see cref="EventSpaceBooking"/>). A new time or place is mailed to every
/// registrant, with the calendar entry's SEQUENCE raised (the event's version).
/// </summary>
public sealed record UpdateCommunityEventCommand(Guid Id, CommunityEventInput Input, long? ExpectedVersion) : IRequest<CommunityEventResponse>;

public sealed class UpdateCommunityEventHandler(Db db, ChangeLog changes, TimeProvider clock, ICurrentUser user, RegistrationMails mails)
    : IRequestHandler<UpdateCommunityEventCommand, CommunityEventResponse>
{
    public async Task<CommunityEventResponse> Handle(UpdateCommunityEventCommand request, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await CommunityEventData.LockOrThrowAsync(scope, request.Id, ct);
        var organizers = (await CommunityEventData.OrganizersAsync(scope.Connection, scope.Transaction, [request.Id], ct))[request.Id].ToList();
        EventAccess.EnsureManages(user, organizers);
        EventAccess.EnsureMayChangeOrganizers(user, organizers, request.Input.OrganizerIds!.Distinct().ToList());
        PreconditionFailedException.ThrowIfStale(request.ExpectedVersion, current.Version);
        if (EventLifecycle.IsFinal(current.StatusValue))
        {
            throw new ConflictException(Texts.Get("event.final", EnumText.Label(current.StatusValue)));
        }
        var input = request.Input;
        if (input.Capacity is { } capacity && capacity < current.ConfirmedCount)
        {
            throw new FieldValidationException("capacity",
                Texts.Get("event.capacityBelowConfirmed", current.ConfirmedCount));
        }
        await CommunityEventData.EnsureReferencesExistAsync(scope, input, ct);

        var now = clock.GetUtcNow();
        var version = current.Version + 1;
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE events SET title = @Title, title_search = @TitleSearch, description = @Description, starts_at = @StartsAt,
                ends_at = @EndsAt, venue_name = @VenueName, venue_street = @VenueStreet, venue_city = @VenueCity,
                municipality_code = @MunicipalityCode, partnership_id = @PartnershipId, pilot_id = @PilotId, space_id = @SpaceId, capacity = @Capacity,
                registration_opens_at = @RegistrationOpensAt, registration_closes_at = @RegistrationClosesAt,
                visibility = @Visibility, languages = @Languages, keywords = @Keywords, updated_at = @Now, version = @Version
            WHERE id = @Id
            """,
            CommunityEventData.WriteParameters(request.Id, input, version, now),
            scope.Transaction,
            cancellationToken: ct));
        await CommunityEventData.ReplaceOrganizersAsync(scope, request.Id, input.OrganizerIds!, ct);
        var updated = (await CommunityEventData.FindAsync(scope.Connection, scope.Transaction, request.Id, ct))!;
        if (current.StartsAt != updated.StartsAt || current.EndsAt != updated.EndsAt || current.VenueName != updated.VenueName
            || current.VenueStreet != updated.VenueStreet || current.VenueCity != updated.VenueCity)
        {
            // Registrants hear of a new time or place (with the calendar entry at the new version) before any promotion.
            await mails.ChangedAsync(scope, updated, ct);
        }
        await RegistrationData.PromoteAsync(scope, mails, updated, input.Capacity, now, ct);
        await RegistrationData.RecountAsync(scope, request.Id, ct);
        await EventSpaceBooking.SyncAsync(scope, changes, user, request.Id, archived: false, now, ct);
        await changes.RecordAsync(scope, CommunityEventData.Type, request.Id, ChangeOp.Update, version, input.MunicipalityCode, ct);
        var result = await CommunityEventData.ReadBackAsync(scope, request.Id, ct);
        await scope.CommitAsync(ct);
        return result;
    }
}
