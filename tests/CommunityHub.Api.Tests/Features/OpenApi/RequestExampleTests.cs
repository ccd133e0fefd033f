using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CommunityHub.Api.Tests.Features.Events;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Features.Webhooks;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.OpenApi;

/// <summary>
/// Every request body in the committed openapi.yaml comes with an example, the example matches its own schema, and the
/// API accepts it as it stands: an integrator can paste it. Only what cannot be known in advance is swapped in: the ids
/// of records the example refers to (members, the partnership, the pilot, its goals) and a registration's token.
/// </summary>
public sealed class RequestExampleTests : IClassFixture<SqliteApiFactory>
{
    private static readonly OpenApiContract Spec = OpenApiContract.Load(Path.Combine(RepoPaths.Root, "openapi.yaml"));

    private readonly SqliteApiFactory factory;

    public RequestExampleTests(SqliteApiFactory factory)
    {
        this.factory = factory;
        WebhookRequests.Configure(factory);
    }

    /// <summary>Operations that take a body: the API's own and the webhook a receiver gets.</summary>
    private static IEnumerable<OpenApiContract.Operation> WithBody => Spec.Operations.Concat(Spec.Webhooks).Where(o => o.HasBody);

    private static JsonObject? Example(OpenApiContract.Operation operation) =>
        operation.Node["requestBody"]?["content"]?["application/json"]?["example"] as JsonObject;

    [Fact]
    public void Every_request_body_has_an_example()
    {
        WithBody.Where(o => Example(o) is null).Select(o => o.Id).Order().ShouldBeEmpty();
    }

    [Fact]
    public void Every_example_matches_its_own_schema_and_sends_only_what_it_fills_in()
    {
        var problems = WithBody
            .SelectMany(o => Example(o) is { } example
                ? Spec.CheckRequestBody(o, example.ToJsonString()).Concat(Nulls(example).Select(path => $"{o.Id}: example sends null at {path}"))
                : [$"{o.Id}: no example"])
            .ToList();
        problems.ShouldBeEmpty(string.Join("\n", problems));
    }

    [Fact]
    public async Task The_api_accepts_every_example()
    {
        var session = new Session(await factory.AdminAsync());

        var user = await session.SendAsync("createUser", "/api/v1/users");
        await session.SendAsync("updateUser", $"/api/v1/users/{Id(user)}");
        await session.SendAsync("issueToken", "/api/v1/auth/token", factory.Anonymous());
        await session.SendAsync("requestPasswordReset", "/api/v1/auth/password-reset", factory.Anonymous());
        session.Refers("token", await Mail.MailTestData.ResetTokenAsync(factory, user.GetProperty("email").GetString()!));
        await session.SendAsync("confirmPasswordReset", "/api/v1/auth/password-reset/confirm", factory.Anonymous());

        var member = await session.SendAsync("createMember", "/api/v1/members");
        await session.SendAsync("updateMember", $"/api/v1/members/{Id(member)}");
        var contact = await session.SendAsync("createContact", $"/api/v1/members/{Id(member)}/contacts");
        await session.SendAsync("updateContact", $"/api/v1/members/{Id(member)}/contacts/{Id(contact)}");
        await session.SendAsync("createApiKey", "/api/v1/api-keys");

        var partnership = await session.SendAsync("createPartnership", "/api/v1/partnerships");
        partnership = await session.SendAsync("updatePartnership", $"/api/v1/partnerships/{Id(partnership)}");
        session.Refers("partnershipId", Id(partnership));
        session.Refers("goalId", partnership.GetProperty("goals").EnumerateArray().Select(goal => (object)Id(goal)).ToArray());
        await session.SendAsync("transitionPartnership", $"/api/v1/partnerships/{Id(partnership)}/transitions");
        await session.SendAsync("createPartnershipReview", $"/api/v1/partnerships/{Id(partnership)}/reviews");

        var pilot = await session.SendAsync("createPilot", "/api/v1/pilots");
        await session.SendAsync("updatePilot", $"/api/v1/pilots/{Id(pilot)}");
        session.Refers("pilotId", Id(pilot));
        await session.SendAsync("transitionPilot", $"/api/v1/pilots/{Id(pilot)}/transitions");

        var communityEvent = await session.SendAsync("createEvent", "/api/v1/events");
        await session.SendAsync("updateEvent", $"/api/v1/events/{Id(communityEvent)}");
        await session.SendAsync("transitionEvent", $"/api/v1/events/{Id(communityEvent)}/transitions");

        // Registration and feedback depend on the clock (a window that is open, an event that has begun), so they go to
        // events set up around now rather than to the example's own dates.
        var upcoming = await EventRequests.PublishedAsync(session.Admin, EventRequests.Body([Id(member)], DateTimeOffset.UtcNow.AddDays(14)));
        await session.SendAsync("registerForEvent", $"/api/v1/events/{upcoming.Id}/registrations", factory.Anonymous());
        var begun = EventRequests.Body([Id(member)], DateTimeOffset.UtcNow.AddHours(-2));
        begun["registrationClosesAt"] = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture);
        var running = await EventRequests.PublishedAsync(session.Admin, begun);
        var attendee = await (await EventRequests.RegisterAsync(session.Admin, running.Id, "Ritva Rönkkö", "ritva.ronkko@example.fi")
            .ShouldBe(HttpStatusCode.Created)).JsonAsync();
        session.Refers("cancelToken", EventRequests.Token(Id(attendee)));
        await session.SendAsync("submitEventFeedback", $"/api/v1/events/{running.Id}/feedback", factory.Anonymous());
        await session.SendAsync("cancelRegistrationWithToken", $"/api/v1/events/{running.Id}/registrations/{Id(attendee)}/cancel", factory.Anonymous());

        // Bookings depend on the clock (the booking window, a start in the future): they go to the Monday after next,
        // in the example space's opening hours.
        var space = await session.SendAsync("createSpace", "/api/v1/spaces");
        await session.SendAsync("updateSpace", $"/api/v1/spaces/{Id(space)}");
        session.Refers("spaceId", Id(space));
        var monday = Spaces.SpaceRequests.NextMonday();
        session.Refers("startsAt", Spaces.SpaceRequests.Text(Spaces.SpaceRequests.At(monday, 10)), Spaces.SpaceRequests.Text(Spaces.SpaceRequests.At(monday.AddDays(1), 17)));
        session.Refers("endsAt", Spaces.SpaceRequests.Text(Spaces.SpaceRequests.At(monday, 12)), Spaces.SpaceRequests.Text(Spaces.SpaceRequests.At(monday.AddDays(1), 19)));
        session.Refers("until", monday.AddDays(29).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var booking = await session.SendAsync("createBooking", "/api/v1/bookings");
        await session.SendAsync("updateBooking", $"/api/v1/bookings/{Id(booking)}");
        await session.SendAsync("transitionBooking", $"/api/v1/bookings/{Id(booking)}/transitions");
        await session.SendAsync("createBookingSeries", "/api/v1/booking-series");

        var webhook = await session.SendAsync("createWebhook", "/api/v1/webhooks");
        await session.SendAsync("updateWebhook", $"/api/v1/webhooks/{Id(webhook)}");
        await session.SendAsync("exportPersonalData", "/api/v1/privacy/subjects/export");
        await session.SendAsync("erasePersonalData", "/api/v1/privacy/subjects/erase");

        Spec.Operations.Where(o => o.HasBody).Select(o => o.Id).Except(session.Accepted).Order().ShouldBeEmpty("examples never sent");
    }

    private static Guid Id(JsonElement resource) => resource.GetProperty("id").GetGuid();

    private static IEnumerable<string> Nulls(JsonNode? node, string path = "$") => node switch
    {
        null => [path],
        JsonObject obj => obj.SelectMany(p => Nulls(p.Value, $"{path}.{p.Key}")),
        JsonArray array => array.SelectMany((item, i) => Nulls(item, $"{path}[{i}]")),
        _ => [],
    };

    /// <summary>Sends examples in turn, swapping the values they refer to for records this session made.</summary>
    private sealed class Session(HttpClient admin)
    {
        // Example value → real value. Member ids are made on first sight; the rest are named once the record exists.
        private readonly Dictionary<string, string> swaps = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string[]> referred = new(StringComparer.Ordinal);
        private static readonly HashSet<string> MemberFields = new(StringComparer.Ordinal) { "memberId", "ownerMemberId", "organizerIds" };

        public HttpClient Admin => admin;

        public HashSet<string> Accepted { get; } = new(StringComparer.Ordinal);

        /// <summary>The example values found under <paramref name="field"/>, in order of appearance, stand for these.</summary>
        public void Refers(string field, params object[] real) => referred[field] = real.Select(r => r.ToString()!).ToArray();

        public async Task<JsonElement> SendAsync(string operationId, string url, HttpClient? client = null)
        {
            var operation = Spec.Operations.Single(o => o.Id == operationId);
            var body = Example(operation) ?? throw new InvalidOperationException($"{operationId} has no example");
            await SwapAsync(body);
            var text = Replace(body.DeepClone()).ToJsonString();
            using var request = new HttpRequestMessage(new HttpMethod(operation.Method), url) { Content = new StringContent(text, Encoding.UTF8, "application/json") };
            var response = await (client ?? admin).SendAsync(request);
            // The success the operation documents: 201 for a create, 202 for an accepted registration, 204 without a body.
            var answer = await response.Content.ReadAsStringAsync();
            response.IsSuccessStatusCode.ShouldBeTrue($"{operationId} refused its example {text}: {answer}");
            operation.Responses.ShouldContainKey(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), $"{operationId} answered an undocumented status");
            Accepted.Add(operationId);
            return answer.Length == 0 ? default : JsonDocument.Parse(answer).RootElement;
        }

        private async Task SwapAsync(JsonNode body)
        {
            var inOrder = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var (field, value) in Strings(body, "$").Distinct())
            {
                if (referred.TryGetValue(field, out var real))
                {
                    var seen = inOrder.TryGetValue(field, out var list) ? list : inOrder[field] = [];
                    seen.Add(value);
                    swaps[value] = real[Math.Min(seen.Count, real.Length) - 1];
                }
                else if (MemberFields.Contains(field) && !swaps.ContainsKey(value))
                {
                    var created = await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Esimerkin jäsen {swaps.Count + 1} {Guid.NewGuid().ToString("N")[..6]}"));
                    swaps[value] = created.Id.ToString();
                }
            }
        }

        private JsonNode Replace(JsonNode node)
        {
            switch (node)
            {
                case JsonObject obj:
                    foreach (var (name, value) in obj.ToList())
                    {
                        obj[name] = value is null ? null : Replace(value.DeepClone());
                    }
                    return obj;
                case JsonArray array:
                    return new JsonArray(array.Select(item => item is null ? null : Replace(item.DeepClone())).ToArray());
                case JsonValue value when value.TryGetValue<string>(out var text) && swaps.TryGetValue(text, out var real):
                    return JsonValue.Create(real);
                default:
                    return node;
            }
        }

        /// <summary>Every string in the body with the name of the field that holds it (an array's items count as its field's).</summary>
        private static IEnumerable<(string Field, string Value)> Strings(JsonNode? node, string field) => node switch
        {
            JsonObject obj => obj.SelectMany(p => Strings(p.Value, p.Key)),
            JsonArray array => array.SelectMany(item => Strings(item, field)),
            JsonValue value when value.TryGetValue<string>(out var text) => [(field, text)],
            _ => [],
        };
    }
}
