using System.Security.Claims;
using System.Text.Json;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Features.Spaces.Bookings;
using CommunityHub.Api.Infrastructure.Data.DemoData;
using CommunityHub.Api.Infrastructure.Time;

namespace CommunityHub.Api.Features.Spaces;

/// <summary>
/// Seeds the Kumppanuuskeskus's rooms: the spaces through their command, the workspaces' tenancies and a weekly series
/// through the booking commands (as a staff principal of its own, named in the audit trail), and a week of bookings
/// (this week and next, some already past, one still requested) and a block written as the booking write does, in the
/// space's locked write with feed, audit and history rows: the commands would refuse a start in the past.
/// </summary>
public sealed class SpaceDemoData(IMediator mediator, Db db, ChangeLog changes, TimeProvider clock, IHttpContextAccessor http, AuthSettings auth, ICurrentUser user)
    : IDemoDataSeeder
{
    public int Order => 50;

    public async Task SeedAsync(DemoDataSet data, CancellationToken ct)
    {
        var previous = http.HttpContext;
        http.HttpContext = new DefaultHttpContext { User = SeederPrincipal() };
        try
        {
            await SeedSpacesAsync(data, ct);
        }
        finally
        {
            http.HttpContext = previous;
        }
    }

    private ClaimsPrincipal SeederPrincipal() => new(new ClaimsIdentity(
        [new Claim(Claims.Subject, "system:demo-data"), new Claim(Claims.Name, "Demo data"), new Claim(auth.RoleClaim, Roles.Staff)],
        authenticationType: "DemoData",
        nameType: Claims.Name,
        roleType: auth.RoleClaim));

    private async Task SeedSpacesAsync(DemoDataSet data, CancellationToken ct)
    {
        var today = Helsinki.Today(clock);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        foreach (var element in data.Section("spaces"))
        {
            var closures = element.GetProperty("closures").EnumerateArray()
                .Select(c => (From: monday.AddDays(7 * c.GetProperty("week").GetInt32() + c.GetProperty("weekday").GetInt32() - 1), Days: c.GetProperty("days").GetInt32(), Reason: c.GetProperty("reason").GetString()))
                .Select(c => new SpaceClosureInput(c.From, c.From.AddDays(c.Days - 1), c.Reason))
                .ToList();
            var input = new SpaceInput(
                element.GetProperty("name").GetString(),
                EnumText.Parse<SpaceKind>(element.GetProperty("kind").GetString()!),
                element.GetProperty("description").GetString(),
                element.GetProperty("capacity").GetInt32(),
                element.GetProperty("features").Deserialize<List<SpaceFeature>>(Json.Options),
                element.GetProperty("address").Deserialize<MemberAddressInput>(Json.Options),
                element.GetProperty("municipalityCode").GetString(),
                element.GetProperty("openingHours").Deserialize<List<OpeningHoursInput>>(Json.Options),
                closures,
                element.GetProperty("rules").Deserialize<SpaceRulesInput>(Json.Options));
            var created = await mediator.Send(new CreateSpaceCommand(input), ct);
            data.Keys["space:" + element.GetProperty("key").GetString()] = created.Id;
        }

        foreach (var tenancy in data.Section("tenancies"))
        {
            var startsAt = Helsinki.FromLocal(today.AddDays(tenancy.GetProperty("startsInDays").GetInt32()).ToDateTime(TimeOnly.MinValue));
            var endsAt = Helsinki.FromLocal(today.AddDays(tenancy.GetProperty("startsInDays").GetInt32() + tenancy.GetProperty("days").GetInt32()).ToDateTime(TimeOnly.MinValue));
            await mediator.Send(new CreateBookingCommand(new BookingInput(
                data.Id("space:" + tenancy.GetProperty("spaceKey").GetString()), data.Id(tenancy.GetProperty("memberKey").GetString()!),
                startsAt, endsAt, tenancy.GetProperty("purpose").GetString(), null, BookingKind.Booking,
                tenancy.GetProperty("overrideReason").GetString())), ct);
        }

        foreach (var series in data.Section("bookingSeries"))
        {
            var weekday = series.GetProperty("weekday").GetInt32();
            var first = today.AddDays(((weekday - 1) - (((int)today.DayOfWeek + 6) % 7) + 7) % 7 + 1);
            var startLocal = first.ToDateTime(TimeOnly.ParseExact(series.GetProperty("startLocalTime").GetString()!, "HH:mm", CultureInfo.InvariantCulture));
            var startsAt = Helsinki.FromLocal(startLocal);
            await mediator.Send(new CreateBookingSeriesCommand(new BookingSeriesInput(
                data.Id("space:" + series.GetProperty("spaceKey").GetString()), data.Id(series.GetProperty("memberKey").GetString()!),
                startsAt, startsAt.AddMinutes(series.GetProperty("durationMinutes").GetInt32()), BookingRepeat.Weekly,
                first.AddDays(7 * (series.GetProperty("weeks").GetInt32() - 1)), series.GetProperty("purpose").GetString(),
                series.GetProperty("attendees").GetInt32())), ct);
        }

        var now = clock.GetUtcNow();
        foreach (var element in data.Section("bookings").Concat(data.Section("bookingBlocks")))
        {
            var date = monday.AddDays(7 * element.GetProperty("week").GetInt32() + element.GetProperty("weekday").GetInt32() - 1);
            var startsAt = Helsinki.FromLocal(date.ToDateTime(TimeOnly.ParseExact(element.GetProperty("startLocalTime").GetString()!, "HH:mm", CultureInfo.InvariantCulture)));
            var endsAt = startsAt.AddMinutes(element.GetProperty("durationMinutes").GetInt32());
            var isBlock = element.TryGetProperty("reason", out var reason);
            await using var scope = await db.BeginWriteAsync(ct);
            var space = await SpaceData.LockAsync(scope, data.Id("space:" + element.GetProperty("spaceKey").GetString()), ct);
            var kind = isBlock ? BookingKind.Block : BookingKind.Booking;
            if ((await BookingData.ConflictsAsync(scope, space.Id, new TimeInterval(startsAt, endsAt), BookingData.Busy(space, kind, startsAt, endsAt), null, ct)).Count > 0)
            {
                continue;
            }
            await BookingData.InsertAsync(scope, changes, user, new BookingData.NewBooking(
                Guid.CreateVersion7(now),
                space,
                isBlock ? null : data.Id(element.GetProperty("memberKey").GetString()!),
                null,
                kind,
                isBlock ? BookingStatus.Blocked : EnumText.Parse<BookingStatus>(element.GetProperty("status").GetString()!),
                isBlock ? reason.GetString() : element.GetProperty("purpose").GetString(),
                isBlock ? null : element.GetProperty("attendees").GetInt32(),
                startsAt,
                endsAt,
                null), now, ct);
            await scope.CommitAsync(ct);
        }
    }
}
