
namespace CommunityHub.Api.Features.Events.Registrations;

/// <summary>
/// An event's registrations in arrival order (personal data: staff and the organising members' editors only, never
/// anonymous callers or API keys). <c>waitlistPosition</c> is each waitlisted person's current place.
/// </summary>
public sealed record ListRegistrationsQuery(Guid EventId, string? Status, int? Limit, string? Cursor) : IRequest<RegistrationPage>;

public sealed class ListRegistrationsValidator : AbstractValidator<ListRegistrationsQuery>
{
    public const string CursorKind = "registrations";

    public ListRegistrationsValidator()
    {
        RuleFor(q => q.Status).Must(s => EnumText.TryParse<RegistrationStatus>(s, out _)).When(q => q.Status is not null)
            .WithMessage(_ => Texts.Get("filter.status", EnumText.Allowed<RegistrationStatus>()));
        this.PagingRules(q => q.Limit, q => q.Cursor, CursorKind, 1);
    }
}

public sealed class ListRegistrationsHandler(Db db, ICurrentUser user) : IRequestHandler<ListRegistrationsQuery, RegistrationPage>
{
    public async Task<RegistrationPage> Handle(ListRegistrationsQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await RegistrationData.EnsureMayListAsync(connection, user, request.EventId, ct);
        var keyset = Keyset.From(ListRegistrationsValidator.CursorKind, 1, request.Limit, request.Cursor);
        var sql = new StringBuilder($"SELECT {RegistrationData.ListColumns} FROM registrations r WHERE r.event_id = @EventId");
        var parameters = new DynamicParameters(new { request.EventId });
        if (request.Status is not null)
        {
            sql.Append(" AND r.status = @Status");
            parameters.Add("Status", request.Status);
        }
        if (keyset.AfterKey() is { } after)
        {
            if (!int.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out var afterSeq))
            {
                throw new FieldValidationException("cursor", Texts.Get("cursor.invalid"));
            }
            sql.Append(" AND r.queue_seq > @AfterSeq");
            parameters.Add("AfterSeq", afterSeq);
        }
        sql.Append(" ORDER BY r.queue_seq ").Append(db.Dialect.Limit("@Take"));
        parameters.Add("Take", keyset.Take);
        var rows = (await connection.QueryAsync<RegistrationListRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: ct))).ToList();
        var page = keyset.Page(rows, r => [r.QueueSeq.ToString(CultureInfo.InvariantCulture)]);
        return new RegistrationPage(page.Items.Select(r => r.ToResponse()).ToList(), page.NextCursor);
    }
}
