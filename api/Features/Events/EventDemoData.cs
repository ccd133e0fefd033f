using System.Security.Claims;
using System.Text.Json;
using CommunityHub.Api.Features.Events.Registrations;
using CommunityHub.Api.Infrastructure.Data.DemoData;
using CommunityHub.Api.Infrastructure.Time;

namespace CommunityHub.Api.Features.Events;

/// <summary>
/// Seeds the demo events through the normal commands (so feed and audit rows exist): times relative to today
/// (<c>startsInDays</c> + <c>startLocalTime</c> in Europe/Helsinki), organisers and links resolved by key (a missing
/// partnership or pilot key is left out), then published and registered. A past event gets an explicit registration window (opening 30 days before it
/// started) and its registrations are taken as of a week before the start (the registration write with an explicit time,
/// as the commands always use the clock); it is then marked completed as the data says.
/// </summary>
public sealed class EventDemoData(IMediator mediator, Db db, ChangeLog changes, TimeProvider clock, IHttpContextAccessor http, AuthSettings auth)
    : IDemoDataSeeder
{
    public int Order => 40;

    public async Task SeedAsync(DemoDataSet data, CancellationToken ct)
    {
        // The event commands check who manages an event; at startup nobody is signed in, so the seeder acts as a
        // staff principal of its own (named in the audit trail) for exactly the duration of the seeding.
        var previous = http.HttpContext;
        http.HttpContext = new DefaultHttpContext { User = SeederPrincipal() };
        try
        {
            await SeedEventsAsync(data, ct);
        }
        finally
        {
            http.HttpContext = previous;
        }
    }

    private ClaimsPrincipal SeederPrincipal() => new(new ClaimsIdentity(
        [
            new Claim(Claims.Subject, "system:demo-data"),
            new Claim(Claims.Name, "Demo data"),
            new Claim(auth.RoleClaim, Roles.Staff),
        ],
        authenticationType: "DemoData",
        nameType: Claims.Name,
        roleType: auth.RoleClaim));

    private async Task SeedEventsAsync(DemoDataSet data, CancellationToken ct)
    {
        var today = Helsinki.Local(clock.GetUtcNow()).Date;
        foreach (var element in data.Section("events"))
        {
            var startLocal = today.AddDays(element.GetProperty("startsInDays").GetInt32())
                + TimeSpan.ParseExact(element.GetProperty("startLocalTime").GetString()!, @"hh\:mm", CultureInfo.InvariantCulture);
            var startsAt = Helsinki.FromLocal(startLocal);
            var endsAt = startsAt.AddMinutes(element.GetProperty("durationMinutes").GetInt32());
            var isPast = startsAt <= clock.GetUtcNow();
            var venue = element.TryGetProperty("venue", out var v) && v.ValueKind == JsonValueKind.Object
                ? v.Deserialize<EventVenueInput>(Json.Options)
                : null;
            var input = new CommunityEventInput(
                element.GetProperty("title").GetString(),
                Optional(element, "description"),
                startsAt,
                endsAt,
                venue,
                element.GetProperty("municipalityCode").GetString(),
                element.GetProperty("organizerKeys").EnumerateArray().Select(k => data.Id(k.GetString()!)).ToList(),
                Key(data, element, "partnershipKey"),
                Key(data, element, "pilotKey"),
                element.TryGetProperty("capacity", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32() : null,
                isPast ? startsAt.AddDays(-30) : null,
                null,
                element.TryGetProperty("visibility", out var vis) ? vis.Deserialize<EventVisibility>(Json.Options) : EventVisibility.Public,
                element.TryGetProperty("languages", out var l) ? l.Deserialize<List<EventLanguage>>(Json.Options) : null,
                element.TryGetProperty("keywords", out var k) ? k.Deserialize<List<string>>(Json.Options) : null);
            var created = await mediator.Send(new CreateCommunityEventCommand(input), ct);
            data.Keys[element.GetProperty("key").GetString()!] = created.Id;

            var status = EnumText.Parse<EventStatus>(Optional(element, "status") ?? "draft");
            if (status == EventStatus.Draft)
            {
                continue;
            }
            if (status == EventStatus.Cancelled)
            {
                await Move(created.Id, EventStatus.Cancelled, ct);
                continue;
            }
            await Move(created.Id, EventStatus.Published, ct);
            DateTimeOffset? at = isPast ? startsAt.AddDays(-7) : null;
            if (element.TryGetProperty("registrations", out var registrations) && registrations.ValueKind == JsonValueKind.Array)
            {
                foreach (var registration in registrations.EnumerateArray())
                {
                    var body = registration.Deserialize<RegistrationInput>(Json.Options)!;
                    await Register(created.Id, body, at ?? clock.GetUtcNow(), ct);
                }
            }
            if (status == EventStatus.Completed)
            {
                await Move(created.Id, EventStatus.Completed, ct);
            }
        }
    }

    /// <summary>Registers as the command does (the seeder is staff, so it may see every event), but as of <paramref name="at"/>.</summary>
    private async Task Register(Guid eventId, RegistrationInput input, DateTimeOffset at, CancellationToken ct)
    {
        await using var scope = await db.BeginWriteAsync(ct);
        var current = await CommunityEventData.LockOrThrowAsync(scope, eventId, ct);
        await RegistrationData.RegisterAsync(scope, changes, auth, current, input, input.Language is { } language ? EnumText.Name(language) : Texts.FinnishCode, at, ct);
        await scope.CommitAsync(ct);
    }

    private Task<CommunityEventResponse> Move(Guid id, EventStatus to, CancellationToken ct) =>
        mediator.Send(new TransitionCommunityEventCommand(id, new EventTransitionInput(to), null), ct);

    private static string? Optional(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Guid? Key(DemoDataSet data, JsonElement element, string name) =>
        Optional(element, name) is { } key && data.Keys.TryGetValue(key, out var id) ? id : null;
}
