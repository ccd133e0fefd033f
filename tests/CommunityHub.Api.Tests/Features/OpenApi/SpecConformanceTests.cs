using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Tests.Features.Events;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Features.Partnerships;
using CommunityHub.Api.Tests.Features.Pilots;
using CommunityHub.Api.Tests.Features.Webhooks;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.OpenApi;

/// <summary>
/// A scripted session over every operation of the committed openapi.yaml, as an integrator's validating proxy would
/// see it: each answer's status, content type and body are checked against the document (not against the app's own
/// types), every operation is called, and every status it documents is produced at least once.
/// </summary>
public sealed class SpecConformanceTests : IClassFixture<SqliteApiFactory>, IAsyncLifetime
{
    // Enough for the script's own keys; one key spends them all at the start and must then be refused everywhere.
    private const int KeyPermits = 600;
    private static readonly OpenApiContract Spec = OpenApiContract.Load(Path.Combine(RepoPaths.Root, "openapi.yaml"));

    /// <summary>
    /// Documented answers this session cannot produce, each with the reason: 403 on the feed is for a person whose
    /// token carries no role, which only an external OpenID Connect issuer can send.
    /// 409 on signing oneself out everywhere is for a token whose subject is no local user (again an external issuer).
    /// </summary>
    private static readonly HashSet<(string, int)> NotReachableHere = [("listChanges", 403), ("signOutEverywhere", 409)];

    private readonly SqliteApiFactory factory;
    private readonly ConcurrentQueue<string> violations = new();
    private readonly ConcurrentDictionary<(string Operation, int Status), bool> seen = new();
    private WebhookReceiver? receiver;

    public SpecConformanceTests(SqliteApiFactory factory)
    {
        this.factory = factory;
        WebhookRequests.Configure(factory);
        factory.Set("ApiKeys:PermitsPerMinute", KeyPermits.ToString(CultureInfo.InvariantCulture));
        factory.Set("ApiKeys:WindowSeconds", "3600");
    }

    public async ValueTask InitializeAsync() => receiver = await WebhookReceiver.StartAsync();

    public async ValueTask DisposeAsync()
    {
        if (receiver is not null)
        {
            await receiver.DisposeAsync();
        }
    }

    [Fact]
    public async Task Every_operation_answers_as_openapi_yaml_documents_it()
    {
        var session = await Session.StartAsync(this);
        try
        {
            await session.RunAsync(receiver!);
        }
        catch (Exception e) when (!violations.IsEmpty)
        {
            throw new InvalidOperationException($"The script stopped; mismatches so far:\n{string.Join("\n", violations)}", e);
        }

        foreach (var delivery in receiver!.Received)
        {
            Observe(Spec.Webhooks.Single(), delivery.Body);
        }

        var documented = Spec.Operations.Concat(Spec.Webhooks).Select(o => o.Id).ToHashSet();
        var exercised = seen.Keys.Select(k => k.Operation).ToHashSet();
        documented.Except(exercised).Order().ShouldBeEmpty("operations the session never called");
        var missing = Spec.Operations
            .SelectMany(o => o.Statuses.Select(s => (o.Id, s)))
            // Any operation may meet a busy database (503); DatabaseBusyTests provokes it, not this session.
            .Where(x => !seen.ContainsKey(x) && !NotReachableHere.Contains(x) && x.s != 503)
            .Select(x => $"{x.Id} {x.s}")
            .ToList();
        var report = violations.Select(v => "mismatch: " + v).Concat(missing.Select(m => "documented but never produced: " + m)).ToList();
        report.ShouldBeEmpty(string.Join("\n", report));
    }

    private void Observe(HttpRequestMessage request, HttpResponseMessage response, string body)
    {
        var path = request.RequestUri!.AbsolutePath;
        var operation = Spec.Find(request.Method.Method, path);
        if (operation is null)
        {
            violations.Enqueue($"{request.Method} {path}: no operation in openapi.yaml");
            return;
        }
        var status = (int)response.StatusCode;
        seen[(operation.Id, status)] = true;
        foreach (var problem in Spec.Check(operation, status, response.Content.Headers.ContentType?.MediaType, body))
        {
            violations.Enqueue($"{request.Method} {request.RequestUri.PathAndQuery}: {problem}");
        }
    }

    private void Observe(OpenApiContract.Operation webhook, string body)
    {
        seen[(webhook.Id, 200)] = true;
        foreach (var problem in Spec.CheckRequestBody(webhook, body))
        {
            violations.Enqueue($"webhook delivery: {problem}");
        }
    }

    /// <summary>Sees every answer the session's clients get, so setup calls are checked too.</summary>
    private sealed class Recorder(SpecConformanceTests owner) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            owner.Observe(request, response, body);
            return response;
        }
    }

    private sealed record Call(HttpClient Client, HttpMethod Method, string Url, object? Body = null, string? IfMatch = null);

    /// <summary>The clients and the resources the script builds up as it goes.</summary>
    private sealed class Session
    {
        private readonly SpecConformanceTests owner;
        private readonly Dictionary<string, HttpClient> clients = [];

        private Session(SpecConformanceTests owner) => this.owner = owner;

        private HttpClient Admin => clients["admin"];

        private HttpClient Viewer => clients["viewer"];

        private HttpClient Anonymous => clients["anonymous"];

        /// <summary>Who may be refused with 403, tried in turn until one is: keys (which never write), then a viewer.</summary>
        private IEnumerable<HttpClient> Outsiders => [clients["key:members"], clients["key:events"], Viewer];

        public static async Task<Session> StartAsync(SpecConformanceTests owner)
        {
            var session = new Session(owner);
            session.clients["anonymous"] = session.NewClient();
            session.clients["admin"] = await session.SignInAsync(ApiFactory.AdminEmail, ApiFactory.AdminPassword);
            session.clients["viewer"] = await session.UserAsync("viewer");
            session.clients["key:members"] = await session.KeyAsync(null, "members:read");
            session.clients["key:events"] = await session.KeyAsync(null, "events:read");
            session.clients["key:all"] = await session.KeyAsync(null, "members:read", "partnerships:read", "pilots:read", "events:read");
            var bad = session.NewClient();
            bad.DefaultRequestHeaders.Add("X-Api-Key", "chk_not-a-real-key");
            session.clients["key:bad"] = bad;
            var exhausted = await session.KeyAsync(null, "members:read");
            for (var i = 0; i < KeyPermits; i++)
            {
                await exhausted.GetAsync("/api/v1/members?limit=1");
            }
            session.clients["key:exhausted"] = exhausted;
            return session;
        }

        private HttpClient NewClient() => owner.factory.CreateDefaultClient(new Recorder(owner));

        private async Task<HttpClient> SignInAsync(string email, string password)
        {
            var client = NewClient();
            var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
            response.EnsureSuccessStatusCode();
            var token = (await response.JsonAsync()).GetProperty("accessToken").GetString();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            return client;
        }

        private async Task<HttpClient> UserAsync(string role, string? email = null)
        {
            email ??= $"{role}-{Guid.NewGuid():N}@tests.communityhub.local";
            await Admin.PostJsonAsync("/api/v1/users", new { email, displayName = $"Test {role}", role, password = "User-password-2026" })
                .ShouldBe(HttpStatusCode.Created);
            return await SignInAsync(email, "User-password-2026");
        }

        private async Task<HttpClient> KeyAsync(string? municipality, params string[] scopes)
        {
            var created = await (await Admin.PostJsonAsync("/api/v1/api-keys", new { name = "Spec key", scopes, municipalityCode = municipality })
                .ShouldBe(HttpStatusCode.Created)).JsonAsync();
            var client = NewClient();
            client.DefaultRequestHeaders.Add("X-Api-Key", created.GetProperty("key").GetString());
            return client;
        }

        private static async Task<HttpResponseMessage> SendAsync(Call call, HttpClient? client = null, string? url = null, HttpContent? content = null,
            string? ifMatch = null, string? ifNoneMatch = null)
        {
            using var request = new HttpRequestMessage(call.Method, url ?? call.Url)
            {
                Content = content ?? (call.Body is null ? null : JsonContent.Create(call.Body, options: Json.Options)),
            };
            if ((ifMatch ?? call.IfMatch) is { } match)
            {
                request.Headers.TryAddWithoutValidation("If-Match", match);
            }
            if (ifNoneMatch is not null)
            {
                request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
            }
            return await (client ?? call.Client).SendAsync(request);
        }

        /// <summary>
        /// Produces each status the operation documents (the generic ones here, 409 and the like through
        /// <paramref name="errors"/>), then makes the successful call and returns its answer.
        /// </summary>
        private async Task<HttpResponseMessage> OpAsync(string operationId, Call call, Func<Task>? errors = null, HttpStatusCode? expect = null)
        {
            var operation = Spec.Operations.Single(o => o.Id == operationId);
            var documented = operation.Statuses.ToHashSet();
            var writes = call.Method != HttpMethod.Get;

            // An unknown key is refused everywhere, anonymous endpoints included; a key past its limit waits.
            await SendAsync(call, clients["key:bad"]);
            await SendAsync(call, clients["key:exhausted"]);
            if (call.Client != Anonymous)
            {
                await SendAsync(call, Anonymous);
            }
            if (documented.Contains(403))
            {
                foreach (var outsider in Outsiders)
                {
                    if ((await SendAsync(call, outsider)).StatusCode == HttpStatusCode.Forbidden)
                    {
                        break;
                    }
                }
            }
            if (writes)
            {
                // Keys never write.
                await SendAsync(call, clients["key:all"]);
            }
            var guids = System.Text.RegularExpressions.Regex.Matches(call.Url, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
            if (guids.Count > 0)
            {
                var last = guids[^1];
                await SendAsync(call, url: call.Url[..last.Index] + Guid.NewGuid() + call.Url[(last.Index + last.Length)..]);
            }
            if (operation.HasBody)
            {
                await SendAsync(call, content: new StringContent("{\"x\": ", Encoding.UTF8, "application/json"));
                await SendAsync(call, content: new StringContent("{\"text\": \"" + new string('x', 1_100_000) + "\"}", Encoding.UTF8, "application/json"));
            }
            var query = (operation.Node["parameters"]?.AsArray() ?? [])
                .Where(p => (string?)p!["in"] == "query")
                .Select(p => (string)p!["name"]!)
                .ToList();
            if (query.Count > 0)
            {
                // One nonsense value in every query parameter (q and the like accept it; the rest must say 400).
                var path = call.Url.Split('?')[0];
                await SendAsync(call, url: path + "?" + string.Join("&", query.Select(q => $"{q}=%40%40")));
            }
            if (call.Method == HttpMethod.Post || call.Method == HttpMethod.Put)
            {
                await SendAsync(call, content: new StringContent("name=x", Encoding.UTF8, "text/plain"));
            }
            if (documented.Contains(412))
            {
                await SendAsync(call, ifMatch: "\"987654\"");
            }
            if (errors is not null)
            {
                await errors();
            }

            var response = await SendAsync(call);
            var wanted = expect ?? (call.Method == HttpMethod.Delete ? HttpStatusCode.NoContent
                : call.Method == HttpMethod.Post && operation.Responses.ContainsKey("201") ? HttpStatusCode.Created : HttpStatusCode.OK);
            await response.ShouldBe(wanted);
            if (call.Method == HttpMethod.Get && response.Headers.ETag is { } etag)
            {
                (await SendAsync(call, ifNoneMatch: etag.ToString())).StatusCode.ShouldBe(HttpStatusCode.NotModified, operationId);
            }
            return response;
        }

        private static async Task<(Guid Id, string ETag)> Created(HttpResponseMessage response) =>
            ((await response.JsonAsync()).GetProperty("id").GetGuid(), response.Headers.ETag?.ToString() ?? "");

        public async Task RunAsync(WebhookReceiver receiver)
        {
            var admin = Admin;

            // Auth and users.
            var login = new Call(Anonymous, HttpMethod.Post, "/api/v1/auth/token", new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword });
            await OpAsync("issueToken", login, async () =>
            {
                var victim = $"throttled-{Guid.NewGuid():N}@tests.communityhub.local";
                for (var i = 0; i < 8; i++)
                {
                    await SendAsync(login with { Body = new { email = victim, password = "Wrong-password-2026" } });
                }
            });
            await OpAsync("getMe", new Call(admin, HttpMethod.Get, "/api/v1/auth/me"));
            await OpAsync("requestPasswordReset", new Call(Anonymous, HttpMethod.Post, "/api/v1/auth/password-reset", new { email = "nobody@example.fi" }), async () =>
                await SendAsync(new Call(Anonymous, HttpMethod.Post, "/api/v1/auth/password-reset", new { email = "not-an-address" })), HttpStatusCode.Accepted);
            var resetEmail = $"reset-{Guid.NewGuid():N}@tests.communityhub.local";
            await admin.PostAsJsonAsync("/api/v1/users", new { email = resetEmail, displayName = "Riikka Reset", role = "viewer", password = "User-password-2026" });
            var resetToken = await Mail.MailTestData.ResetTokenAsync(owner.factory, resetEmail);
            var confirm = new Call(Anonymous, HttpMethod.Post, "/api/v1/auth/password-reset/confirm", new { token = resetToken, newPassword = "Uusi-salasana-kevät-2027" });
            await OpAsync("confirmPasswordReset", confirm, async () =>
            {
                await SendAsync(confirm with { Body = new { token = "used-or-unknown", newPassword = "Uusi-salasana-kevät-2027" } });
                await SendAsync(confirm with { Body = new { token = resetToken, newPassword = "short" } });
            }, HttpStatusCode.NoContent);
            await OpAsync("listMail", new Call(admin, HttpMethod.Get, "/api/v1/mail?status=failed"), async () =>
                await SendAsync(new Call(admin, HttpMethod.Get, "/api/v1/mail?status=maybe")));
            var queued = await Mail.MailTestData.QueuedMessageAsync(owner.factory);
            var erased = await Mail.MailTestData.QueuedMessageAsync(owner.factory, bodyErased: true);
            await OpAsync("retryMail", new Call(admin, HttpMethod.Post, $"/api/v1/mail/{queued}/retry"), async () =>
                await SendAsync(new Call(admin, HttpMethod.Post, $"/api/v1/mail/{erased}/retry")));
            await OpAsync("listUsers", new Call(admin, HttpMethod.Get, "/api/v1/users"));
            var userEmail = $"editor-{Guid.NewGuid():N}@tests.communityhub.local";
            var userBody = new Dictionary<string, object?> { ["email"] = userEmail, ["displayName"] = "Eeva Editori", ["role"] = "staff", ["password"] = "User-password-2026" };
            var (userId, userTag) = await Created(await OpAsync("createUser", new Call(admin, HttpMethod.Post, "/api/v1/users", userBody), async () =>
                await SendAsync(new Call(admin, HttpMethod.Post, "/api/v1/users", new { email = ApiFactory.AdminEmail, displayName = "Dup", role = "viewer", password = "User-password-2026" }))));
            await OpAsync("getUser", new Call(admin, HttpMethod.Get, $"/api/v1/users/{userId}"));
            userBody.Remove("password");
            userBody["displayName"] = "Eeva Editori-Virtanen";
            await OpAsync("updateUser", new Call(admin, HttpMethod.Put, $"/api/v1/users/{userId}", userBody, userTag), async () =>
                await SendAsync(new Call(admin, HttpMethod.Put, $"/api/v1/users/{userId}", new { email = ApiFactory.AdminEmail, displayName = "Dup", role = "staff" })));
            // Sessions: an admin ends any user's sessions; a person ends their own (on a throwaway user, so no client the
            // session still needs is signed out).
            await OpAsync("signOutUserEverywhere", new Call(admin, HttpMethod.Post, $"/api/v1/users/{userId}/sign-out-everywhere"), expect: HttpStatusCode.NoContent);
            await OpAsync("signOutEverywhere", new Call(await UserAsync("staff"), HttpMethod.Post, "/api/v1/auth/sign-out-everywhere"), expect: HttpStatusCode.NoContent);
            var me = (await (await admin.GetAsync("/api/v1/auth/me")).JsonAsync()).GetProperty("id").GetGuid();
            await OpAsync("deleteUser", new Call(admin, HttpMethod.Delete, $"/api/v1/users/{userId}"), async () =>
                await SendAsync(new Call(admin, HttpMethod.Delete, $"/api/v1/users/{me}")));

            // Members and contacts.
            await OpAsync("listMembers", new Call(Anonymous, HttpMethod.Get, "/api/v1/members"));
            var memberBody = MemberRequests.Body("Spec-yhdistys", "564");
            var (memberId, memberTag) = await Created(await OpAsync("createMember", new Call(admin, HttpMethod.Post, "/api/v1/members", memberBody), async () =>
            {
                var first = MemberRequests.Body("Spec-esiyhdistys");
                await MemberRequests.CreateAsync(admin, first);
                var duplicate = MemberRequests.Body("Spec-yhdistys kaksoiskappale");
                duplicate["businessId"] = first["businessId"];
                await SendAsync(new Call(admin, HttpMethod.Post, "/api/v1/members", duplicate));
            }, HttpStatusCode.Created));
            var otherMember = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Spec-kunta", "564", "municipality"));
            await OpAsync("getMember", new Call(Anonymous, HttpMethod.Get, $"/api/v1/members/{memberId}"));
            memberBody["description"] = "Päivitetty kuvaus";
            await OpAsync("updateMember", new Call(admin, HttpMethod.Put, $"/api/v1/members/{memberId}", memberBody, memberTag), async () =>
            {
                var clash = MemberRequests.Body("Spec-kunta");
                clash["businessId"] = memberBody["businessId"];
                await SendAsync(new Call(admin, HttpMethod.Put, $"/api/v1/members/{otherMember.Id}", clash));
            });
            var contactBody = new { name = "Maija Meikäläinen", title = "Toiminnanjohtaja", email = "maija@example.fi", phone = "+358 40 765 4321" };
            var (contactId, contactTag) = await Created(await OpAsync("createContact", new Call(admin, HttpMethod.Post, $"/api/v1/members/{memberId}/contacts", contactBody)));
            await OpAsync("listContacts", new Call(admin, HttpMethod.Get, $"/api/v1/members/{memberId}/contacts"));
            await OpAsync("updateContact", new Call(admin, HttpMethod.Put, $"/api/v1/members/{memberId}/contacts/{contactId}", contactBody, contactTag));

            // API keys.
            var (keyId, _) = await Created(await OpAsync("createApiKey", new Call(admin, HttpMethod.Post, "/api/v1/api-keys", new { name = "Oulun integraatio", scopes = new[] { "partnerships:read" }, municipalityCode = "564" })));
            await OpAsync("listApiKeys", new Call(admin, HttpMethod.Get, "/api/v1/api-keys"));
            await OpAsync("getApiKey", new Call(admin, HttpMethod.Get, $"/api/v1/api-keys/{keyId}"));

            // Partnerships and reviews.
            await OpAsync("listPartnerships", new Call(admin, HttpMethod.Get, "/api/v1/partnerships"));
            var partnershipBody = PartnershipRequests.Body(otherMember.Id, memberId);
            var (partnershipId, partnershipTag) = await Created(await OpAsync("createPartnership", new Call(admin, HttpMethod.Post, "/api/v1/partnerships", partnershipBody)));
            await OpAsync("exportPartnershipsCsv", new Call(admin, HttpMethod.Get, "/api/v1/partnerships/export.csv"));
            await OpAsync("getPartnership", new Call(admin, HttpMethod.Get, $"/api/v1/partnerships/{partnershipId}"));
            partnershipBody["title"] = "Kumppanuuskeskuksen tukirakenne 2026–2027";
            var updated = await OpAsync("updatePartnership", new Call(admin, HttpMethod.Put, $"/api/v1/partnerships/{partnershipId}", partnershipBody, partnershipTag), async () =>
            {
                var ended = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(otherMember.Id, memberId));
                await PartnershipRequests.MoveToAsync(admin, ended.Id, "cancelled");
                await SendAsync(new Call(admin, HttpMethod.Put, $"/api/v1/partnerships/{ended.Id}", PartnershipRequests.Body(otherMember.Id, memberId)));
            });
            var transition = new Call(admin, HttpMethod.Post, $"/api/v1/partnerships/{partnershipId}/transitions", new { to = "negotiation", note = "Neuvottelut alkavat" }, updated.Headers.ETag!.ToString());
            await OpAsync("transitionPartnership", transition, async () => await SendAsync(transition with { Body = new { to = "ended" } }));
            await OpAsync("getPartnershipHistory", new Call(admin, HttpMethod.Get, $"/api/v1/partnerships/{partnershipId}/history"));
            var goal = (await updated.JsonAsync()).GetProperty("goals")[0].GetProperty("id").GetGuid();
            var (reviewId, _) = await Created(await OpAsync("createPartnershipReview",
                new Call(admin, HttpMethod.Post, $"/api/v1/partnerships/{partnershipId}/reviews", PartnershipRequests.Review("2026-06-30", (goal, 40))), async () =>
                {
                    var cancelled = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(otherMember.Id, memberId));
                    await PartnershipRequests.MoveToAsync(admin, cancelled.Id, "cancelled");
                    await SendAsync(new Call(admin, HttpMethod.Post, $"/api/v1/partnerships/{cancelled.Id}/reviews", PartnershipRequests.Review("2026-06-30")));
                }));
            await OpAsync("listPartnershipReviews", new Call(admin, HttpMethod.Get, $"/api/v1/partnerships/{partnershipId}/reviews"));
            await OpAsync("getPartnershipReview", new Call(admin, HttpMethod.Get, $"/api/v1/partnerships/{partnershipId}/reviews/{reviewId}"));

            // Pilots.
            await OpAsync("listPilots", new Call(admin, HttpMethod.Get, "/api/v1/pilots"));
            var pilotBody = PilotRequests.Body(memberId, partnership: partnershipId, municipality: "564");
            var (pilotId, pilotTag) = await Created(await OpAsync("createPilot", new Call(admin, HttpMethod.Post, "/api/v1/pilots", pilotBody)));
            await OpAsync("getPilot", new Call(admin, HttpMethod.Get, $"/api/v1/pilots/{pilotId}"));
            pilotBody["hypothesis"] = "Oma kahvila lisää osallistumista ja itsetuntoa.";
            var pilotUpdated = await OpAsync("updatePilot", new Call(admin, HttpMethod.Put, $"/api/v1/pilots/{pilotId}", pilotBody, pilotTag), async () =>
            {
                var ended = await PilotRequests.WalkToAsync(admin, memberId, "discontinued", PilotRequests.Body(memberId, municipality: "564"));
                await SendAsync(new Call(admin, HttpMethod.Put, $"/api/v1/pilots/{ended.Id}", PilotRequests.Body(memberId, municipality: "564")));
            });
            var pilotTransition = new Call(admin, HttpMethod.Post, $"/api/v1/pilots/{pilotId}/transitions", new { to = "decided", note = "Päätetty" }, pilotUpdated.Headers.ETag!.ToString());
            await OpAsync("transitionPilot", pilotTransition, async () => await SendAsync(pilotTransition with { Body = new { to = "adopted" }, IfMatch = null }));
            await OpAsync("getPilotHistory", new Call(admin, HttpMethod.Get, $"/api/v1/pilots/{pilotId}/history"));

            // Events, registrations and feedback.
            await OpAsync("listEvents", new Call(Anonymous, HttpMethod.Get, "/api/v1/events"));
            var eventBody = EventRequests.Body([memberId], DateTimeOffset.UtcNow.AddDays(30), capacity: 1);
            var (eventId, eventTag) = await Created(await OpAsync("createEvent", new Call(admin, HttpMethod.Post, "/api/v1/events", eventBody)));
            eventBody["description"] = "Päivitetty ohjelma.";
            var eventUpdated = await OpAsync("updateEvent", new Call(admin, HttpMethod.Put, $"/api/v1/events/{eventId}", eventBody, eventTag), async () =>
            {
                var cancelled = await EventRequests.CreateAsync(admin, EventRequests.Body([memberId], DateTimeOffset.UtcNow.AddDays(40)));
                await EventRequests.MoveAsync(admin, cancelled.Id, "cancelled");
                await SendAsync(new Call(admin, HttpMethod.Put, $"/api/v1/events/{cancelled.Id}", EventRequests.Body([memberId], DateTimeOffset.UtcNow.AddDays(40))));
            });
            var eventTransition = new Call(admin, HttpMethod.Post, $"/api/v1/events/{eventId}/transitions", new { to = "published" }, eventUpdated.Headers.ETag!.ToString());
            await OpAsync("transitionEvent", eventTransition, async () => await SendAsync(eventTransition with { Body = new { to = "completed" }, IfMatch = null }));
            await OpAsync("getEvent", new Call(Anonymous, HttpMethod.Get, $"/api/v1/events/{eventId}"));
            await OpAsync("getEventCalendar", new Call(Anonymous, HttpMethod.Get, "/api/v1/events.ics"));
            var registration = new Call(Anonymous, HttpMethod.Post, $"/api/v1/events/{eventId}/registrations", new { name = "Ville Vierailija", email = "ville@example.fi" });
            var registered = await (await OpAsync("registerForEvent", registration, async () =>
            {
                var twice = registration with { Body = new { name = "Kaisa Kahdesti", email = "kaisa@example.fi" } };
                await SendAsync(twice);
                await SendAsync(twice);
                // Staff registering an address already registered: a plain 409 (they read the registrations anyway).
                await SendAsync(twice with { Client = admin });
                // One Idempotency-Key, two different bodies: the second is a 422.
                foreach (var email in new[] { "iida@example.fi", "ilona@example.fi" })
                {
                    using var keyed = new HttpRequestMessage(HttpMethod.Post, registration.Url)
                    {
                        Content = JsonContent.Create(new { name = "Iida Idempotentti", email }, options: Json.Options),
                    };
                    keyed.Headers.Add("Idempotency-Key", "spec-idempotency-key");
                    await Anonymous.SendAsync(keyed);
                }
            }, HttpStatusCode.Accepted)).JsonAsync();
            await OpAsync("listRegistrations", new Call(admin, HttpMethod.Get, $"/api/v1/events/{eventId}/registrations"));
            await OpAsync("exportRegistrations", new Call(admin, HttpMethod.Get, $"/api/v1/events/{eventId}/registrations.csv"));
            var pastBody = EventRequests.Body([memberId], DateTimeOffset.UtcNow.AddHours(-2));
            pastBody["registrationClosesAt"] = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-dd'T'HH:mm:ssK", System.Globalization.CultureInfo.InvariantCulture);
            var past = await EventRequests.PublishedAsync(admin, pastBody);
            // Feedback needs the registration's cancel token (one per registration, sent by mail): staff register someone for
            // the running event (201 with the id), and the token is the one the mail would carry.
            var attendee = await (await SendAsync(new Call(admin, HttpMethod.Post, $"/api/v1/events/{past.Id}/registrations",
                new { name = "Pirkko Palaute", email = "pirkko@example.fi" }))).JsonAsync();
            var feedback = new Call(Anonymous, HttpMethod.Post, $"/api/v1/events/{past.Id}/feedback",
                new { rating = 5, comment = "Hyvä ilta", cancelToken = EventRequests.Token(attendee.GetProperty("id").GetGuid()) });
            await OpAsync("submitEventFeedback", feedback, async () =>
                await SendAsync(feedback with { Url = $"/api/v1/events/{eventId}/feedback" }));
            await OpAsync("getEventFeedbackSummary", new Call(admin, HttpMethod.Get, $"/api/v1/events/{past.Id}/feedback/summary"));
            var staffRegistered = await (await SendAsync(new Call(admin, HttpMethod.Post, $"/api/v1/events/{eventId}/registrations",
                new { name = "Sakari Sihteeri", email = "sakari@example.fi", language = "en" }))).JsonAsync();
            var registrationId = staffRegistered.GetProperty("id").GetGuid();
            var cancelUrl = $"/api/v1/events/{eventId}/registrations/{registrationId}/cancel";
            await OpAsync("cancelRegistrationWithToken", new Call(Anonymous, HttpMethod.Post, cancelUrl, new { cancelToken = EventRequests.Token(registrationId) }), async () =>
            {
                await SendAsync(new Call(Anonymous, HttpMethod.Post, cancelUrl, new { cancelToken = "wrong" }));
                await SendAsync(new Call(Anonymous, HttpMethod.Post, cancelUrl, new { cancelToken = new string('x', 300) }));
            }, HttpStatusCode.NoContent);
            var otherId = registered.ValueKind == System.Text.Json.JsonValueKind.Object && registered.TryGetProperty("id", out var some) ? some.GetGuid() : registrationId;
            await OpAsync("cancelRegistration", new Call(admin, HttpMethod.Delete, $"/api/v1/events/{eventId}/registrations/{otherId}"), async () =>
            {
                await SendAsync(new Call(Anonymous, HttpMethod.Delete, $"/api/v1/events/{eventId}/registrations/{registrationId}?token=wrong"));
                await SendAsync(new Call(Anonymous, HttpMethod.Delete, $"/api/v1/events/{eventId}/registrations/{registrationId}"));
            });

            // Spaces and bookings.
            await OpAsync("listSpaces", new Call(Anonymous, HttpMethod.Get, "/api/v1/spaces"));
            var spaceBody = Spaces.SpaceRequests.Body();
            var (spaceId, spaceTag) = await Created(await OpAsync("createSpace", new Call(admin, HttpMethod.Post, "/api/v1/spaces", spaceBody)));
            await OpAsync("getSpace", new Call(Anonymous, HttpMethod.Get, $"/api/v1/spaces/{spaceId}"));
            spaceBody["description"] = "Päivitetty kuvaus.";
            await OpAsync("updateSpace", new Call(admin, HttpMethod.Put, $"/api/v1/spaces/{spaceId}", spaceBody, spaceTag));
            var monday = Spaces.SpaceRequests.NextMonday();
            var from = Spaces.SpaceRequests.Text(Spaces.SpaceRequests.At(monday, 0));
            var to = Spaces.SpaceRequests.Text(Spaces.SpaceRequests.At(monday.AddDays(7), 0));
            await OpAsync("getSpaceAvailability", new Call(Anonymous, HttpMethod.Get, $"/api/v1/spaces/{spaceId}/availability?from={from}&to={to}"));
            var bookingBody = Spaces.SpaceRequests.Booking(spaceId, memberId, Spaces.SpaceRequests.At(monday, 10), Spaces.SpaceRequests.At(monday, 11));
            var (bookingId, bookingTag) = await Created(await OpAsync("createBooking", new Call(admin, HttpMethod.Post, "/api/v1/bookings", bookingBody), async () =>
            {
                var taken = Spaces.SpaceRequests.Booking(spaceId, memberId, Spaces.SpaceRequests.At(monday, 13), Spaces.SpaceRequests.At(monday, 14));
                await SendAsync(new Call(admin, HttpMethod.Post, "/api/v1/bookings", taken));
                await SendAsync(new Call(admin, HttpMethod.Post, "/api/v1/bookings", taken));
            }));
            await OpAsync("getSpaceCalendar", new Call(Anonymous, HttpMethod.Get, $"/api/v1/spaces/{spaceId}/bookings.ics"));
            await OpAsync("listBookings", new Call(admin, HttpMethod.Get, $"/api/v1/bookings?space={spaceId}"));
            await OpAsync("getBooking", new Call(admin, HttpMethod.Get, $"/api/v1/bookings/{bookingId}"));
            bookingBody["purpose"] = "Hallituksen kokous ja työnohjaus";
            var cancelledBooking = await Spaces.SpaceRequests.BookAsync(admin, Spaces.SpaceRequests.Booking(spaceId, memberId, Spaces.SpaceRequests.At(monday, 16), Spaces.SpaceRequests.At(monday, 17)));
            await Spaces.SpaceRequests.Move(admin, cancelledBooking.Id, "cancelled", "Peruttu");
            var bookingUpdated = await OpAsync("updateBooking", new Call(admin, HttpMethod.Put, $"/api/v1/bookings/{bookingId}", bookingBody, bookingTag), async () =>
                await SendAsync(new Call(admin, HttpMethod.Put, $"/api/v1/bookings/{cancelledBooking.Id}", bookingBody)));
            var bookingTransition = new Call(admin, HttpMethod.Post, $"/api/v1/bookings/{bookingId}/transitions", new { to = "cancelled", reason = "Kokous siirtyi" }, bookingUpdated.Headers.ETag!.ToString());
            await OpAsync("transitionBooking", bookingTransition, async () => await SendAsync(bookingTransition with { Body = new { to = "confirmed" }, IfMatch = null }));
            await OpAsync("getBookingHistory", new Call(admin, HttpMethod.Get, $"/api/v1/bookings/{bookingId}/history"));
            var memberBooking = await Spaces.SpaceRequests.BookAsync(admin, Spaces.SpaceRequests.Booking(spaceId, memberId, Spaces.SpaceRequests.At(monday.AddDays(1), 10), Spaces.SpaceRequests.At(monday.AddDays(1), 11)));
            var memberEditor = NewClient();
            {
                var email = $"member_editor-{Guid.NewGuid():N}@tests.communityhub.local";
                await admin.PostJsonAsync("/api/v1/users", new { email, displayName = "Test editor", role = "member_editor", memberId, password = "User-password-2026" }).ShouldBe(HttpStatusCode.Created);
                memberEditor = await SignInAsync(email, "User-password-2026");
            }
            var feed = await OpAsync("getMemberBookingFeed", new Call(admin, HttpMethod.Get, $"/api/v1/members/{memberId}/bookings-feed"));
            var feedUrl = new Uri((await feed.JsonAsync()).GetProperty("url").GetString()!);
            await OpAsync("getMemberBookingCalendar", new Call(Anonymous, HttpMethod.Get, feedUrl.PathAndQuery), async () =>
                await SendAsync(new Call(Anonymous, HttpMethod.Get, feedUrl.AbsolutePath)));
            await OpAsync("cancelBooking", new Call(memberEditor, HttpMethod.Delete, $"/api/v1/bookings/{memberBooking.Id}"), async () =>
                await SendAsync(new Call(admin, HttpMethod.Delete, $"/api/v1/bookings/{cancelledBooking.Id}")));
            var seriesBody = new
            {
                spaceId, memberId, startsAt = Spaces.SpaceRequests.Text(Spaces.SpaceRequests.At(monday.AddDays(2), 17)),
                endsAt = Spaces.SpaceRequests.Text(Spaces.SpaceRequests.At(monday.AddDays(2), 19)), repeat = "weekly",
                until = monday.AddDays(30).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), purpose = "Vertaistukiryhmä", attendees = 10,
            };
            var (seriesId, _) = await Created(await OpAsync("createBookingSeries", new Call(admin, HttpMethod.Post, "/api/v1/booking-series", seriesBody)));
            await OpAsync("cancelBookingSeries", new Call(admin, HttpMethod.Delete, $"/api/v1/booking-series/{seriesId}"));

            // Change feed and dashboards.
            await OpAsync("listChanges", new Call(clients["key:all"], HttpMethod.Get, "/api/v1/changes"), async () =>
            {
                await SendAsync(new Call(clients["key:members"], HttpMethod.Get, "/api/v1/changes?types=pilots"));
            });
            await OpAsync("getStats", new Call(admin, HttpMethod.Get, "/api/v1/stats"));
            await OpAsync("listAudit", new Call(admin, HttpMethod.Get, "/api/v1/audit"));

            // Webhooks.
            await OpAsync("listWebhooks", new Call(admin, HttpMethod.Get, "/api/v1/webhooks"));
            var webhookBody = WebhookRequests.Body(receiver.Url, ["members", "events"]);
            var (webhookId, webhookTag) = await Created(await OpAsync("createWebhook", new Call(admin, HttpMethod.Post, "/api/v1/webhooks", webhookBody)));
            await OpAsync("getWebhook", new Call(admin, HttpMethod.Get, $"/api/v1/webhooks/{webhookId}"));
            var webhookUpdated = await OpAsync("updateWebhook", new Call(admin, HttpMethod.Put, $"/api/v1/webhooks/{webhookId}", webhookBody, webhookTag), async () =>
                await SendAsync(new Call(admin, HttpMethod.Put, $"/api/v1/webhooks/{webhookId}", new Dictionary<string, object?>(webhookBody) { ["status"] = "failing" })));
            await OpAsync("rotateWebhookSecret", new Call(admin, HttpMethod.Post, $"/api/v1/webhooks/{webhookId}/rotate-secret", null, webhookUpdated.Headers.ETag!.ToString()));
            await OpAsync("pingWebhook", new Call(admin, HttpMethod.Post, $"/api/v1/webhooks/{webhookId}/ping"));
            await OpAsync("listWebhookDeliveries", new Call(admin, HttpMethod.Get, $"/api/v1/webhooks/{webhookId}/deliveries"));

            // Deletes last: each removes what the calls above used.
            await OpAsync("deleteWebhook", new Call(admin, HttpMethod.Delete, $"/api/v1/webhooks/{webhookId}"));
            await OpAsync("revokeApiKey", new Call(admin, HttpMethod.Delete, $"/api/v1/api-keys/{keyId}"));
            await OpAsync("deleteEvent", new Call(admin, HttpMethod.Delete, $"/api/v1/events/{eventId}"));
            await OpAsync("deleteSpace", new Call(admin, HttpMethod.Delete, $"/api/v1/spaces/{spaceId}"));
            await OpAsync("deletePilot", new Call(admin, HttpMethod.Delete, $"/api/v1/pilots/{pilotId}"));
            await OpAsync("deletePartnership", new Call(admin, HttpMethod.Delete, $"/api/v1/partnerships/{partnershipId}"));
            await OpAsync("deleteContact", new Call(admin, HttpMethod.Delete, $"/api/v1/members/{memberId}/contacts/{contactId}"));
            var archivedEditor = $"archived-editor-{Guid.NewGuid():N}@tests.communityhub.local";
            await SendAsync(new Call(admin, HttpMethod.Post, "/api/v1/users",
                new { email = archivedEditor, displayName = "Arkistoidun Editori", role = "member_editor", memberId, password = "User-password-2026" }));
            await OpAsync("deleteMember", new Call(admin, HttpMethod.Delete, $"/api/v1/members/{memberId}"));
            // The archived member's editor is refused sign-in with a reason (403).
            await SendAsync(login with { Body = new { email = archivedEditor, password = "User-password-2026" } });

            // Personal data of one address (the registrant above): export, then erase; erasing the admin itself is a 409.
            await OpAsync("exportPersonalData", new Call(admin, HttpMethod.Post, "/api/v1/privacy/subjects/export", new { email = "ville@example.fi" }));
            await OpAsync("erasePersonalData", new Call(admin, HttpMethod.Post, "/api/v1/privacy/subjects/erase", new { email = "ville@example.fi" }), async () =>
                await SendAsync(new Call(admin, HttpMethod.Post, "/api/v1/privacy/subjects/erase", new { email = ApiFactory.AdminEmail })));
        }
    }
}
