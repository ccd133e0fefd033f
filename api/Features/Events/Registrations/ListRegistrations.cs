
namespace CommunityHub.Api.Features.Events.Registrations;

/// <summary>
/// An event's registrations in arrival order (personal data: staff and the organising members' editors only, never
/// anonymous callers or API keys). <c>waitlistPosition</c> is each waitlisted person's current place.
/// </summary>
public sealed record ListRegistrationsQuery(Guid EventId, string? Status, int? Limit, string? Cursor) : IRequest<RegistrationPage>, IPagedQuery
{
    public static string CursorKind => "registrations";
}

public sealed class ListRegistrationsValidator : AbstractValidator<ListRegistrationsQuery>
{
    public ListRegistrationsValidator()
    {
        RuleFor(q => q.Status).Must(s => EnumText.TryParse<RegistrationStatus>(s, out _)).When(q => q.Status is not null)
            .WithMessage(_ => Texts.Get("filter.status", EnumText.Allowed<RegistrationStatus>()));
    }
}

public sealed class ListRegistrationsHandler(Db db, ICurrentUser user) : IRequestHandler<ListRegistrationsQuery, RegistrationPage>
{
    public async Task<RegistrationPage> Handle(ListRegistrationsQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await RegistrationData.EnsureMayListAsync(connection, user, request.EventId, ct);
        var keyset = Keyset.For(request);
        var page = await new ListQuery(db.Dialect, "registrations r")
            .Where("r.event_id = @EventId", "EventId", request.EventId)
            .Where("r.status = @Status", "Status", request.Status)
            .PageAsync<RegistrationListRow>(
                connection, RegistrationData.ListColumns, keyset, [KeyColumn.Sequence("r.queue_seq")],
                r => [r.QueueSeq.ToString(CultureInfo.InvariantCulture)], ct);
        return new RegistrationPage(page.Items.Select(r => r.ToResponse()).ToList(), page.NextCursor);
    }
}
