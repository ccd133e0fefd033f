using System.Globalization;
using System.Text;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Infrastructure.Security;
using Dapper;
using FluentValidation;
using MediatR;

namespace CommunityHub.Api.Features.Events;

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
            .WithMessage($"Status must be one of {EnumText.Allowed<RegistrationStatus>()}.");
        this.PagingRules(q => q.Limit, q => q.Cursor, CursorKind, 1);
    }
}

public sealed class ListRegistrationsHandler(Db db, ICurrentUser user) : IRequestHandler<ListRegistrationsQuery, RegistrationPage>
{
    public async Task<RegistrationPage> Handle(ListRegistrationsQuery request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await RegistrationReads.EnsureMayListAsync(connection, user, request.EventId, ct);
        var take = request.Limit ?? Paging.DefaultLimit;
        var sql = new StringBuilder($"SELECT {RegistrationReads.Columns} FROM registrations r WHERE r.event_id = @EventId");
        var parameters = new DynamicParameters(new { request.EventId });
        if (request.Status is not null)
        {
            sql.Append(" AND r.status = @Status");
            parameters.Add("Status", request.Status);
        }
        if (request.Cursor is not null)
        {
            var after = Cursor.Decode(request.Cursor, ListRegistrationsValidator.CursorKind, 1);
            if (!int.TryParse(after[0], NumberStyles.None, CultureInfo.InvariantCulture, out var afterSeq))
            {
                throw new FieldValidationException("cursor", "The cursor is not valid for this list. Start again without a cursor.");
            }
            sql.Append(" AND r.queue_seq > @AfterSeq");
            parameters.Add("AfterSeq", afterSeq);
        }
        sql.Append(" ORDER BY r.queue_seq ").Append(db.Dialect.Limit("@Take"));
        parameters.Add("Take", take + 1);
        var rows = (await connection.QueryAsync<RegistrationListRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: ct))).ToList();
        var page = rows.Take(take).ToList();
        var next = rows.Count > take
            ? Cursor.Encode(ListRegistrationsValidator.CursorKind, page[^1].QueueSeq.ToString(CultureInfo.InvariantCulture))
            : null;
        return new RegistrationPage(page.Select(r => r.ToResponse()).ToList(), next);
    }
}

internal static class RegistrationReads
{
    /// <summary>The registration columns plus the current waiting-list place (rank among the waitlisted by arrival).</summary>
    public const string Columns =
        "r.id, r.name, r.email, r.member_id, r.notes, r.status, r.queue_seq, r.created_at, r.updated_at, r.cancelled_at, " +
        "CASE WHEN r.status = 'waitlisted' THEN (SELECT COUNT(*) FROM registrations w " +
        "WHERE w.event_id = r.event_id AND w.status = 'waitlisted' AND w.queue_seq <= r.queue_seq) END AS waitlist_position";

    public static async Task EnsureMayListAsync(System.Data.Common.DbConnection connection, ICurrentUser user, Guid eventId, CancellationToken ct)
    {
        var row = await EventRow.FindAsync(connection, null, eventId, ct) ?? throw new NotFoundException("Event", eventId);
        var organizers = (await EventRow.OrganizersAsync(connection, null, [row.Id], ct))[row.Id];
        if (!EventAccess.Manages(user, organizers))
        {
            throw new ForbiddenException("Registrations are personal data: only staff and the organising members' editors may see them.");
        }
    }
}

internal sealed class RegistrationListRow
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Email { get; init; } = "";
    public Guid? MemberId { get; init; }
    public string? Notes { get; init; }
    public string Status { get; init; } = "";
    public int QueueSeq { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? CancelledAt { get; init; }
    public int? WaitlistPosition { get; init; }

    public RegistrationResponse ToResponse() => new(
        Id, Name, Email, MemberId, Notes, EnumText.Parse<RegistrationStatus>(Status), WaitlistPosition, CreatedAt, UpdatedAt, CancelledAt);
}
