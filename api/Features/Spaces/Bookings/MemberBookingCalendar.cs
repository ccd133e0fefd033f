using System.Security.Cryptography;
using CommunityHub.Api.Features.Events;
using CommunityHub.Api.Infrastructure.Time;

namespace CommunityHub.Api.Features.Spaces.Bookings;

/// <summary>
/// A member's own bookings as a calendar a calendar app can subscribe to without signing in: the URL carries a token,
/// an HMAC of the member id under a key derived from <c>Auth:SigningKey</c>, so it can be neither guessed nor turned into
/// another member's feed. Changing the signing key ends every such URL.
/// </summary>
public sealed class BookingFeedTokens(AuthSettings auth)
{
    private readonly byte[] key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(auth.SigningKey!), "communityhub:member-bookings-feed"u8.ToArray());

    public string For(Guid memberId) => Base64UrlEncode(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(memberId.ToString("D"))));

    public bool Matches(Guid memberId, string? token) =>
        token is { Length: > 0 and < 100 } && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(For(memberId)), Encoding.ASCII.GetBytes(token));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>The feed's address for a member: staff, or an editor of that member.</summary>
public sealed record GetMemberBookingFeedQuery(Guid MemberId, string BaseUrl) : IRequest<MemberBookingFeed>;

/// <summary>The subscription address of a member's bookings calendar. Whoever has it sees the member's bookings.</summary>
public sealed record MemberBookingFeed(Guid MemberId, string Url);

public sealed class GetMemberBookingFeedHandler(Db db, ICurrentUser user, BookingFeedTokens tokens) : IRequestHandler<GetMemberBookingFeedQuery, MemberBookingFeed>
{
    public async Task<MemberBookingFeed> Handle(GetMemberBookingFeedQuery request, CancellationToken ct)
    {
        BookingData.EnsureMayAct(user, request.MemberId);
        await using var connection = await db.OpenAsync(ct);
        var live = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM members WHERE id = @Id AND deleted_at IS NULL", new { Id = request.MemberId }, cancellationToken: ct));
        if (live == 0)
        {
            throw new NotFoundException("Member", request.MemberId);
        }
        return new MemberBookingFeed(request.MemberId,
            $"{request.BaseUrl}/api/v1/members/{request.MemberId}/bookings.ics?token={tokens.For(request.MemberId)}");
    }
}

/// <summary>
/// A member's bookings (from 30 days ago to a year ahead) with their details: space, purpose, and requested ones as
/// TENTATIVE, cancelled and denied ones as CANCELLED so a subscriber's copy drops them. No token is a 400, a wrong one a 404.
/// </summary>
public sealed record GetMemberBookingCalendarQuery(Guid MemberId, string? Token) : IRequest<string>;

public sealed class GetMemberBookingCalendarValidator : AbstractValidator<GetMemberBookingCalendarQuery>
{
    public GetMemberBookingCalendarValidator() => RuleFor(q => q.Token).NotEmpty().MaximumLength(100);
}

public sealed class GetMemberBookingCalendarHandler(Db db, TimeProvider clock, BookingFeedTokens tokens) : IRequestHandler<GetMemberBookingCalendarQuery, string>
{
    public async Task<string> Handle(GetMemberBookingCalendarQuery request, CancellationToken ct)
    {
        if (!tokens.Matches(request.MemberId, request.Token))
        {
            throw new NotFoundException("Member", request.MemberId);
        }
        var now = clock.GetUtcNow();
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<MemberCalendarRow>(new CommandDefinition(
            """
            SELECT b.id, s.name AS space_name, s.street, s.city, b.purpose, b.status, b.starts_at, b.ends_at, b.created_at, b.updated_at, b.version
            FROM bookings b JOIN spaces s ON s.id = b.space_id
            WHERE b.member_id = @MemberId AND b.ends_at > @From AND b.starts_at < @To
            ORDER BY b.starts_at, b.id
            """,
            new { request.MemberId, From = now.AddDays(-30), To = now.AddDays(366) },
            cancellationToken: ct));
        var ics = new ICalendarWriter()
            .Raw("BEGIN", "VCALENDAR")
            .Raw("VERSION", "2.0")
            .Text("PRODID", "-//CommunityHub//Bookings 1.0//FI")
            .Raw("CALSCALE", "GREGORIAN")
            .Raw("METHOD", "PUBLISH")
            .Text("X-WR-CALNAME", "CommunityHub – tilavaraukset")
            .Raw("X-WR-TIMEZONE", Helsinki.ZoneId)
            .HelsinkiZone();
        foreach (var row in rows)
        {
            var status = EnumText.Parse<BookingStatus>(row.Status);
            ics.Raw("BEGIN", "VEVENT")
                .Raw("UID", $"{row.Id}@communityhub")
                .Utc("DTSTAMP", now)
                .LocalTime("DTSTART", Helsinki.ZoneId, Helsinki.Local(row.StartsAt).DateTime)
                .LocalTime("DTEND", Helsinki.ZoneId, Helsinki.Local(row.EndsAt).DateTime)
                .Text("SUMMARY", string.IsNullOrWhiteSpace(row.Purpose) ? row.SpaceName : $"{row.SpaceName}: {row.Purpose}")
                .Text("LOCATION", string.Join(", ", new[] { row.SpaceName, row.Street, row.City }.Where(p => !string.IsNullOrWhiteSpace(p))))
                .Raw("SEQUENCE", row.Version.ToString(CultureInfo.InvariantCulture))
                .Raw("STATUS", status switch
                {
                    BookingStatus.Requested => "TENTATIVE",
                    BookingStatus.Confirmed => "CONFIRMED",
                    _ => "CANCELLED",
                })
                .Utc("CREATED", row.CreatedAt)
                .Utc("LAST-MODIFIED", row.UpdatedAt)
                .Raw("END", "VEVENT");
        }
        return ics.Raw("END", "VCALENDAR").ToString();
    }

    private sealed class MemberCalendarRow
    {
        public Guid Id { get; init; }
        public string SpaceName { get; init; } = "";
        public string? Street { get; init; }
        public string? City { get; init; }
        public string? Purpose { get; init; }
        public string Status { get; init; } = "";
        public DateTimeOffset StartsAt { get; init; }
        public DateTimeOffset EndsAt { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }
        public long Version { get; init; }
    }
}
