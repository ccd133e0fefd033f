using System.Globalization;
using System.Net;
using CommunityHub.Api.Features.Spaces;
using CommunityHub.Api.Features.Spaces.Bookings;
using CommunityHub.Api.Tests.Infrastructure;

namespace CommunityHub.Api.Tests.Features.Spaces;

/// <summary>Builders for space and booking bodies, and Finnish wall-clock times as instants.</summary>
public static class SpaceRequests
{
    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    /// <summary>The Monday at least a week from now (Finnish date): far enough that deadlines of a day are not reached.</summary>
    public static DateOnly NextMonday(int weeksLater = 0)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Helsinki).DateTime);
        var daysToMonday = ((int)DayOfWeek.Monday - (int)today.DayOfWeek + 7) % 7;
        return today.AddDays(daysToMonday + 7 + 7 * weeksLater);
    }

    /// <summary>The instant of a Helsinki wall-clock time.</summary>
    public static DateTimeOffset At(DateOnly date, int hour, int minute = 0)
    {
        var local = date.ToDateTime(new TimeOnly(hour, minute));
        return new DateTimeOffset(local, Helsinki.GetUtcOffset(local)).ToUniversalTime();
    }

    public static string Text(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static Dictionary<string, object?> Body(string name = "Kokoushuone Kumppari", object? rules = null, object[]? closures = null) => new()
    {
        ["name"] = name,
        ["kind"] = "meeting_room",
        ["description"] = "Kahdentoista hengen kokoushuone.",
        ["capacity"] = 12,
        ["features"] = new[] { "screen", "accessible" },
        ["address"] = new { street = "Kansankatu 53", postalCode = "90100", city = "Oulu" },
        ["municipalityCode"] = "564",
        ["openingHours"] = Enumerable.Range(1, 5).Select(d => new { weekday = d, opens = "08:00", closes = "20:00" }).ToArray(),
        ["closures"] = closures ?? [],
        ["rules"] = rules ?? new
        {
            minMinutes = 30, maxMinutes = 240, intervalMinutes = 30, bufferBeforeMinutes = 0, bufferAfterMinutes = 15, bookAheadDays = 90,
            maxActivePerMember = 3, approval = "automatic", cancelHoursBefore = 24, bookableBy = "members",
        },
    };

    public static async Task<SpaceResponse> CreateAsync(HttpClient staff, Dictionary<string, object?> body)
    {
        var response = await staff.PostJsonAsync("/api/v1/spaces", body).ShouldBe(HttpStatusCode.Created);
        return await response.ReadAsync<SpaceResponse>();
    }

    public static Dictionary<string, object?> Booking(Guid space, Guid? member, DateTimeOffset startsAt, DateTimeOffset endsAt, string purpose = "Hallituksen kokous") => new()
    {
        ["spaceId"] = space,
        ["memberId"] = member,
        ["startsAt"] = Text(startsAt),
        ["endsAt"] = Text(endsAt),
        ["purpose"] = purpose,
        ["attendees"] = 6,
    };

    public static Task<HttpResponseMessage> Book(HttpClient client, Dictionary<string, object?> body) => client.PostJsonAsync("/api/v1/bookings", body);

    public static async Task<BookingResponse> BookAsync(HttpClient client, Dictionary<string, object?> body)
    {
        var response = await Book(client, body).ShouldBe(HttpStatusCode.Created);
        return await response.ReadAsync<BookingResponse>();
    }

    public static Task<HttpResponseMessage> Move(HttpClient client, Guid booking, string to, string? reason = null) =>
        client.PostJsonAsync($"/api/v1/bookings/{booking}/transitions", new { to, reason });
}
