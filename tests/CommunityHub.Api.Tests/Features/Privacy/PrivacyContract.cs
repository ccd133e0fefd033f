using System.Net;
using System.Runtime.CompilerServices;
using CommunityHub.Api.Features.Audit;
using CommunityHub.Api.Features.Events;
using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Features.Pilots;
using CommunityHub.Api.Features.Privacy;
using CommunityHub.Api.Tests.Features.Events;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Features.Partnerships;
using CommunityHub.Api.Tests.Features.Pilots;
using CommunityHub.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Privacy;

/// <summary>
/// Personal data: registrants' names and emails are erased a set time after their event ended (the fake clock moves
/// past it; no sleeps), and an admin exports or erases everything stored about one address.
/// </summary>
public abstract class PrivacyContract<TFactory> : ContractTests<TFactory>
    where TFactory : ApiFactory
{
    // Tokens are checked against the wall clock, so the admin signs in once, before a test moves the fake clock.
    private static readonly ConditionalWeakTable<ApiFactory, Task<HttpClient>> Admins = [];

    protected PrivacyContract(TFactory factory)
        : base(factory)
    {
        factory.Clock ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        factory.Set("Privacy:BackgroundRetention", "false");
        factory.Set("Privacy:RegistrationRetentionDays", "90");
    }

    private FakeTimeProvider Clock => (FakeTimeProvider)Factory.Clock!;

    private Task<HttpClient> AdminAsync() => Admins.GetValue(Factory, f => f.AdminAsync());

    private RegistrationRetention Retention => Factory.Services.GetRequiredService<RegistrationRetention>();

    private async Task<RegistrationPage> RegistrationsAsync(HttpClient admin, Guid eventId) =>
        await (await admin.GetAsync($"/api/v1/events/{eventId}/registrations?limit=200").ShouldBe(HttpStatusCode.OK)).ReadAsync<RegistrationPage>();

    private async Task<int> AuditCountAsync(string entityType, Guid? entityId = null)
    {
        await using var connection = await Factory.Services.GetRequiredService<CommunityHub.Api.Infrastructure.Data.Db>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM audit WHERE entity_type = @Type AND (@Id IS NULL OR entity_id = @Id)", new { Type = entityType, Id = entityId });
    }

    [Fact]
    public async Task Retention_erases_exactly_the_registrants_of_events_that_ended_over_90_days_ago_keeping_counts_and_is_idempotent()
    {
        var admin = await AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var anonymous = Factory.Anonymous();
        var start = Clock.GetUtcNow();
        // Ends at start + 1 d 3 h; at start + 92 d it ended over 90 days ago.
        var old = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], start.AddDays(1), "Vanha ilta", capacity: 1));
        // Ends at start + 3 d 3 h: at start + 92 d it ended under 89 days ago.
        var recent = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], start.AddDays(3), "Tuore ilta"));
        var future = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], start.AddDays(200), "Tuleva ilta"));
        await EventRequests.RegisterAsync(anonymous, old.Id, "Aino Aaltonen", "aino@example.fi").ShouldBe(HttpStatusCode.Accepted);
        await EventRequests.RegisterAsync(anonymous, old.Id, "Eero Eskola", "eero@example.fi").ShouldBe(HttpStatusCode.Accepted);
        await EventRequests.RegisterAsync(anonymous, recent.Id, "Iida Ilola", "iida@example.fi").ShouldBe(HttpStatusCode.Accepted);
        await EventRequests.RegisterAsync(anonymous, future.Id, "Oona Oja", "oona@example.fi").ShouldBe(HttpStatusCode.Accepted);

        (await Retention.RunOnceAsync()).ShouldBe(0, "nothing has ended yet");
        Clock.Advance(TimeSpan.FromDays(92));
        (await Retention.RunOnceAsync()).ShouldBe(2);

        var erased = await RegistrationsAsync(admin, old.Id);
        erased.Items.Count.ShouldBe(2);
        erased.Items.ShouldAllBe(r => r.Name == "" && r.Email == "" && r.Notes == null);
        erased.Items.Select(r => r.Status).ShouldBe([RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted], ignoreOrder: true);
        var counts = await (await admin.GetAsync($"/api/v1/events/{old.Id}")).ReadAsync<CommunityEventResponse>();
        counts.ConfirmedCount.ShouldBe(1);
        counts.WaitlistCount.ShouldBe(1);
        (await RegistrationsAsync(admin, recent.Id)).Items.Single().Email.ShouldBe("iida@example.fi");
        (await RegistrationsAsync(admin, future.Id)).Items.Single().Name.ShouldBe("Oona Oja");
        (await AuditCountAsync(PrivacyData.RetentionType.Name, old.Id)).ShouldBe(1);

        (await Retention.RunOnceAsync()).ShouldBe(0, "a second pass finds nothing left");
        (await AuditCountAsync(PrivacyData.RetentionType.Name)).ShouldBe(1);

        Clock.Advance(TimeSpan.FromDays(2));
        (await Retention.RunOnceAsync()).ShouldBe(1, "the recent event's turn came");
        (await RegistrationsAsync(admin, recent.Id)).Items.Single().Email.ShouldBe("");
        (await RegistrationsAsync(admin, future.Id)).Items.Single().Email.ShouldBe("oona@example.fi");
    }

    [Fact]
    public async Task An_admin_erasing_their_own_account_gets_409_in_their_language_and_nothing_is_erased()
    {
        var admin = await AdminAsync();
        var problem = await admin.PostJsonAsync("/api/v1/privacy/subjects/erase", new { email = ApiFactory.AdminEmail })
            .ShouldBeProblem(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().ShouldBe("An admin cannot erase their own account; another admin can.");

        using var finnish = new HttpRequestMessage(HttpMethod.Post, "/api/v1/privacy/subjects/erase")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email = ApiFactory.AdminEmail }),
        };
        finnish.Headers.AcceptLanguage.Add(new System.Net.Http.Headers.StringWithQualityHeaderValue("fi"));
        var finnishProblem = await admin.SendAsync(finnish).ShouldBeProblem(HttpStatusCode.Conflict);
        finnishProblem.GetProperty("detail").GetString().ShouldBe("Ylläpitäjä ei voi poistaa omaa tiliään. Toinen ylläpitäjä voi.");

        // Still signed in and still an admin (a blanked account's session is refused): the account was not touched.
        await admin.GetAsync("/api/v1/users").ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Admin_exports_and_erases_everything_about_one_address_audited_and_staff_may_not()
    {
        var admin = await AdminAsync();
        // Other tests of this class erase too (the database is the class's): only this test's entries are counted.
        var auditedBefore = await AuditCountAsync(PrivacyData.SubjectType.Name);
        var organizer = await EventRequests.MemberAsync(admin);
        var anonymous = Factory.Anonymous();
        var subject = $"kaisa.{Guid.NewGuid():N}@example.fi";
        var first = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Clock.GetUtcNow().AddDays(30), "Ensimmäinen"));
        var second = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], Clock.GetUtcNow().AddDays(31), "Toinen"));
        await EventRequests.RegisterAsync(anonymous, first.Id, "Kaisa Korpela", subject).ShouldBe(HttpStatusCode.Accepted);
        await EventRequests.RegisterAsync(anonymous, second.Id, "Kaisa Korpela", subject.ToUpperInvariant()).ShouldBe(HttpStatusCode.Accepted);
        await EventRequests.RegisterAsync(anonymous, second.Id, "Muu Henkilö", "muu@example.fi").ShouldBe(HttpStatusCode.Accepted);
        await admin.PostJsonAsync($"/api/v1/members/{organizer}/contacts", new { name = "Kaisa Korpela", title = "Toiminnanjohtaja", email = subject, phone = "040 123 4567" })
            .ShouldBe(HttpStatusCode.Created);
        await admin.PostJsonAsync("/api/v1/users", new { email = subject, displayName = "Kaisa Korpela", role = "viewer", password = "Kaisa-password-2026" })
            .ShouldBe(HttpStatusCode.Created);

        await (await Factory.AsAsync("staff")).PostJsonAsync(ExportUrl, new { email = subject }).ShouldBeProblem(HttpStatusCode.Forbidden);
        await (await Factory.AsAsync("staff")).PostJsonAsync("/api/v1/privacy/subjects/erase", new { email = subject }).ShouldBeProblem(HttpStatusCode.Forbidden);
        await Factory.Anonymous().PostJsonAsync(ExportUrl, new { email = subject }).ShouldBe(HttpStatusCode.Unauthorized);
        await admin.PostJsonAsync(ExportUrl, new { email = "not-an-address" }).ShouldBeProblem(HttpStatusCode.BadRequest, "email");

        var export = await (await admin.PostJsonAsync(ExportUrl, new { email = subject }).ShouldBe(HttpStatusCode.OK)).ReadAsync<PersonalDataExport>();
        export.Registrations.Select(r => r.EventId).ShouldBe([first.Id, second.Id], ignoreOrder: true);
        export.Registrations.ShouldAllBe(r => r.Name == "Kaisa Korpela");
        export.Contacts.Single().Phone.ShouldBe("040 123 4567");
        export.Users.Single().DisplayName.ShouldBe("Kaisa Korpela");

        var erasure = await (await admin.PostJsonAsync("/api/v1/privacy/subjects/erase", new { email = subject }).ShouldBe(HttpStatusCode.OK))
            .ReadAsync<PersonalDataErasure>();
        (erasure.Registrations, erasure.Contacts, erasure.Users, erasure.Bookings, erasure.Messages).ShouldBe((2, 1, 1, 0, 0));

        var after = await (await admin.PostJsonAsync(ExportUrl, new { email = subject }).ShouldBe(HttpStatusCode.OK)).ReadAsync<PersonalDataExport>();
        after.Registrations.ShouldBeEmpty();
        after.Contacts.ShouldBeEmpty();
        after.Users.ShouldBeEmpty();
        var kept = await RegistrationsAsync(admin, second.Id);
        kept.Items.Count.ShouldBe(2, "the row stays for the counts");
        kept.Items.ShouldContain(r => r.Email == "muu@example.fi");
        (await (await admin.GetAsync($"/api/v1/events/{second.Id}")).ReadAsync<CommunityEventResponse>()).ConfirmedCount.ShouldBe(2);
        var everything = await (await admin.GetAsync($"/api/v1/events/{second.Id}/registrations?limit=200")).Content.ReadAsStringAsync();
        everything.ShouldNotContain("Kaisa");
        await Factory.Anonymous().PostJsonAsync("/api/v1/auth/token", new { email = subject, password = "Kaisa-password-2026" })
            .ShouldBe(HttpStatusCode.Unauthorized);

        // Three exports and one erasure in the audit log, none naming the address.
        (await AuditCountAsync(PrivacyData.SubjectType.Name) - auditedBefore).ShouldBe(3);
        var audit = await (await admin.GetAsync($"/api/v1/audit?entityType={PrivacyData.SubjectType.Name}&limit=200").ShouldBe(HttpStatusCode.OK))
            .Content.ReadAsStringAsync();
        audit.ShouldContain("\"export\"");
        audit.ShouldContain("\"delete\"");
        audit.ShouldNotContain(subject);
    }

    private const string ExportUrl = "/api/v1/privacy/subjects/export";

    [Fact]
    public async Task The_address_goes_in_a_post_body_and_the_old_query_form_is_400_saying_where()
    {
        var admin = await AdminAsync();
        var subject = $"kysely.{Guid.NewGuid():N}@example.fi";
        var problem = await admin.GetAsync($"/api/v1/privacy/subjects?email={Uri.EscapeDataString(subject)}").ShouldBeProblem(HttpStatusCode.BadRequest, "email");
        problem.GetProperty("errors").GetProperty("email")[0].GetString()!.ShouldContain("POST /api/v1/privacy/subjects/export");
        problem.ToString().ShouldNotContain(subject);
        var export = await (await admin.PostJsonAsync(ExportUrl, new { email = subject }).ShouldBe(HttpStatusCode.OK)).JsonAsync();
        export.GetProperty("registrations").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Export_and_erasure_find_a_contact_email_whatever_its_case_or_spaces()
    {
        var admin = await AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var tag = Guid.NewGuid().ToString("N")[..8];
        await admin.PostJsonAsync($"/api/v1/members/{organizer}/contacts", new { name = "Äijä Testi", email = $"  ÄIJÄ.TESTI.{tag.ToUpperInvariant()}@Example.FI " })
            .ShouldBe(HttpStatusCode.Created);
        var subject = $"äijä.testi.{tag}@example.fi";

        var export = await (await admin.PostJsonAsync(ExportUrl, new { email = subject }).ShouldBe(HttpStatusCode.OK)).JsonAsync();
        export.GetProperty("contacts").GetArrayLength().ShouldBe(1);
        var erasure = await (await admin.PostJsonAsync("/api/v1/privacy/subjects/erase", new { email = $" ÄiJä.TeStI.{tag}@EXAMPLE.fi" }).ShouldBe(HttpStatusCode.OK)).JsonAsync();
        erasure.GetProperty("contacts").GetInt32().ShouldBe(1);
        var contacts = await (await admin.GetAsync($"/api/v1/members/{organizer}/contacts").ShouldBe(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        contacts.ShouldNotContain("Äijä");
    }

    [Fact]
    public async Task Contact_emails_stored_before_normalisation_are_normalised_at_start_up_and_then_found()
    {
        var admin = await AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var contact = await (await admin.PostJsonAsync($"/api/v1/members/{organizer}/contacts", new { name = "Öljy Vanha", email = $"oljy.{tag}@example.fi" })
            .ShouldBe(HttpStatusCode.Created)).JsonAsync();
        // As an older version stored it: as typed.
        await ExecuteAsync("UPDATE contacts SET email = @Email WHERE id = @Id", new { Email = $" ÖLJY.VANHA.{tag.ToUpperInvariant()}@EXAMPLE.FI", Id = contact.GetProperty("id").GetString() });

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            foreach (var task in scope.ServiceProvider.GetServices<CommunityHub.Api.Infrastructure.Data.IStartupTask>())
            {
                await task.RunAsync(CancellationToken.None);
            }
        }

        var export = await (await admin.PostJsonAsync(ExportUrl, new { email = $"öljy.vanha.{tag}@example.fi" }).ShouldBe(HttpStatusCode.OK)).JsonAsync();
        export.GetProperty("contacts").GetArrayLength().ShouldBe(1);
        export.GetProperty("contacts")[0].GetProperty("email").GetString().ShouldBe($"öljy.vanha.{tag}@example.fi");
    }

    [Fact]
    public async Task Export_shows_and_erasure_deletes_the_sign_in_throttles_rows_of_the_address()
    {
        var admin = await AdminAsync();
        var subject = $"Kirjautuja.{Guid.NewGuid():N}@example.fi";
        var guesser = TestClientAddress.From(Factory.Anonymous(), "198.51.100.240");
        for (var i = 0; i < 2; i++)
        {
            await guesser.PostJsonAsync("/api/v1/auth/token", new { email = subject, password = $"wrong-password-{i:D4}" }).ShouldBe(HttpStatusCode.Unauthorized);
        }

        var export = await (await admin.PostJsonAsync(ExportUrl, new { email = subject.ToLowerInvariant() }).ShouldBe(HttpStatusCode.OK)).JsonAsync();
        var rows = export.GetProperty("signInThrottle");
        rows.GetArrayLength().ShouldBe(1);
        rows[0].GetProperty("failures").GetInt32().ShouldBe(2);
        var erasure = await (await admin.PostJsonAsync("/api/v1/privacy/subjects/erase", new { email = subject }).ShouldBe(HttpStatusCode.OK)).JsonAsync();
        erasure.GetProperty("signInThrottle").GetInt32().ShouldBe(1);
        var after = await (await admin.PostJsonAsync(ExportUrl, new { email = subject }).ShouldBe(HttpStatusCode.OK)).JsonAsync();
        after.GetProperty("signInThrottle").GetArrayLength().ShouldBe(0);
    }

    /// <summary>A staff user with this address and display name, signed in.</summary>
    private async Task<HttpClient> StaffUserAsync(HttpClient admin, string email, string displayName)
    {
        await admin.PostJsonAsync("/api/v1/users", new { email, displayName, role = "staff", password = "Staff-password-2026" })
            .ShouldBe(HttpStatusCode.Created);
        return await Factory.SignedInAsync(email, "Staff-password-2026");
    }

    private async Task<int> ExecuteAsync(string sql, object parameters)
    {
        await using var connection = await Factory.Services.GetRequiredService<CommunityHub.Api.Infrastructure.Data.Db>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteAsync(sql, parameters);
    }

    [Fact]
    public async Task Erasure_removes_the_name_copied_into_partnership_and_pilot_histories_and_reviews_keeping_the_ids_and_others_names()
    {
        var admin = await AdminAsync();
        var subject = $"kaisa.{Guid.NewGuid():N}@example.fi";
        var kaisa = await StaffUserAsync(admin, subject, "Kaisa Korpela");
        var other = await StaffUserAsync(admin, $"olli.{Guid.NewGuid():N}@example.fi", "Olli Ojala");

        var partnership = await PartnershipRequests.CreateAsync(admin);
        await PartnershipRequests.TransitionAsync(kaisa, partnership.Id, "negotiation").ShouldBe(HttpStatusCode.OK);
        await PartnershipRequests.TransitionAsync(other, partnership.Id, "active").ShouldBe(HttpStatusCode.OK);
        var owner = await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Pilotin omistaja {Guid.NewGuid():N}", "614"));
        var pilot = await PilotRequests.CreateAsync(admin, PilotRequests.Body(owner.Id));
        await PilotRequests.MoveAsync(kaisa, pilot.Id, "decided");
        await PilotRequests.MoveAsync(other, pilot.Id, "preparing");
        var reviews = $"/api/v1/partnerships/{partnership.Id}/reviews";
        var byKaisa = await kaisa.PostJsonAsync(reviews, PartnershipRequests.Review("2026-03-01", (partnership.Goals[0].Id, 30))).ShouldBe(HttpStatusCode.Created);
        var kaisasReview = await byKaisa.ReadAsync<PartnershipReviewResponse>();
        var kaisasTag = byKaisa.Headers.ETag!.ToString();
        var byOther = await other.PostJsonAsync(reviews, PartnershipRequests.Review("2026-04-01", (partnership.Goals[0].Id, 40))).ShouldBe(HttpStatusCode.Created);
        var othersReview = await byOther.ReadAsync<PartnershipReviewResponse>();
        var othersTag = byOther.Headers.ETag!.ToString();
        kaisasReview.ReviewedBy.ShouldBe("Kaisa Korpela");
        await admin.GetAsync($"{reviews}/{kaisasReview.Id}", kaisasTag).ShouldBe(HttpStatusCode.NotModified);
        var partnershipBefore = await (await admin.GetAsync($"/api/v1/partnerships/{partnership.Id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipResponse>();
        var pilotBefore = await (await admin.GetAsync($"/api/v1/pilots/{pilot.Id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<PilotResponse>();

        await admin.PostJsonAsync("/api/v1/privacy/subjects/erase", new { email = subject }).ShouldBe(HttpStatusCode.OK);

        // As in the audit log, the user id stays (it names nobody once the account is blanked); the name goes.
        var partnershipHistory = await (await admin.GetAsync($"/api/v1/partnerships/{partnership.Id}/history").ShouldBe(HttpStatusCode.OK))
            .ReadAsync<PartnershipHistory>();
        var negotiation = partnershipHistory.Items.Single(t => t.To == PartnershipStatus.Negotiation);
        negotiation.ByName.ShouldBeNull();
        negotiation.ById.ShouldNotBeNull();
        partnershipHistory.Items.Single(t => t.To == PartnershipStatus.Active).ByName.ShouldBe("Olli Ojala");
        var pilotHistory = await (await admin.GetAsync($"/api/v1/pilots/{pilot.Id}/history").ShouldBe(HttpStatusCode.OK)).ReadAsync<PilotHistory>();
        var decided = pilotHistory.Items.Single(t => t.To == PilotStage.Decided);
        decided.ActorName.ShouldBeNull();
        decided.ActorId.ShouldBe(negotiation.ById);
        pilotHistory.Items.Single(t => t.To == PilotStage.Preparing).ActorName.ShouldBe("Olli Ojala");

        var review = await (await admin.GetAsync($"{reviews}/{kaisasReview.Id}", kaisasTag).ShouldBe(HttpStatusCode.OK))
            .ReadAsync<PartnershipReviewResponse>();
        review.ReviewedBy.ShouldBeNull();
        review.Version.ShouldBe(kaisasReview.Version + 1);
        review.Summary.ShouldBe(kaisasReview.Summary);
        await admin.GetAsync($"{reviews}/{othersReview.Id}", othersTag).ShouldBe(HttpStatusCode.NotModified);
        var page = await (await admin.GetAsync(reviews).ShouldBe(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        page.ShouldNotContain("Kaisa");
        page.ShouldContain("Olli Ojala");
        var audit = await (await admin.GetAsync($"/api/v1/audit?entityType=partnerships&entityId={partnership.Id}&limit=200").ShouldBe(HttpStatusCode.OK)).ReadAsync<AuditPage>();
        audit.Items.ShouldNotContain(e => e.ActorName == "Kaisa Korpela");
        audit.Items.ShouldContain(e => e.ActorId == negotiation.ById && e.ActorName == null);

        // The partnership and the pilot do not show who moved them, so their representations (and ETags) stay.
        (await (await admin.GetAsync($"/api/v1/partnerships/{partnership.Id}")).ReadAsync<PartnershipResponse>()).Version.ShouldBe(partnershipBefore.Version);
        (await (await admin.GetAsync($"/api/v1/pilots/{pilot.Id}")).ReadAsync<PilotResponse>()).Version.ShouldBe(pilotBefore.Version);
    }

    [Fact]
    public async Task Erasure_clears_a_review_from_before_reviewer_ids_by_its_exact_display_name_only()
    {
        var admin = await AdminAsync();
        var subject = $"aino.{Guid.NewGuid():N}@example.fi";
        var aino = await StaffUserAsync(admin, subject, "Aino Aalto");
        var namesake = await StaffUserAsync(admin, $"aino2.{Guid.NewGuid():N}@example.fi", "Aino Aalto");
        var partnership = await PartnershipRequests.CreateAsync(admin);
        var reviews = $"/api/v1/partnerships/{partnership.Id}/reviews";
        async Task<PartnershipReviewResponse> ReviewAsync(HttpClient client, string reviewedOn) =>
            await (await client.PostJsonAsync(reviews, PartnershipRequests.Review(reviewedOn, (partnership.Goals[0].Id, 10))).ShouldBe(HttpStatusCode.Created))
                .ReadAsync<PartnershipReviewResponse>();
        var legacy = await ReviewAsync(aino, "2026-02-01");
        var legacyOfOther = await ReviewAsync(admin, "2026-02-02");
        var byNamesake = await ReviewAsync(namesake, "2026-02-03");
        // Reviews written before migration 0018 recorded only the reviewer's name.
        (await ExecuteAsync("UPDATE partnership_reviews SET reviewed_by_id = NULL WHERE id IN @Ids", new { Ids = new[] { legacy.Id.ToString(), legacyOfOther.Id.ToString() } }))
            .ShouldBe(2);

        await admin.PostJsonAsync("/api/v1/privacy/subjects/erase", new { email = subject }).ShouldBe(HttpStatusCode.OK);

        async Task<PartnershipReviewResponse> GetAsync(Guid id) =>
            await (await admin.GetAsync($"{reviews}/{id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipReviewResponse>();
        var cleared = await GetAsync(legacy.Id);
        cleared.ReviewedBy.ShouldBeNull();
        cleared.Version.ShouldBe(legacy.Version + 1);
        var kept = await GetAsync(legacyOfOther.Id);
        (kept.ReviewedBy, kept.Version).ShouldBe(("Administrator", legacyOfOther.Version));
        // A review that records its reviewer's id is matched by the id alone, so a namesake keeps their name.
        var namesakes = await GetAsync(byNamesake.Id);
        (namesakes.ReviewedBy, namesakes.Version).ShouldBe(("Aino Aalto", byNamesake.Version));
    }
}

public sealed class PrivacySqliteTests(SqliteApiFactory factory) : PrivacyContract<SqliteApiFactory>(factory);

public sealed class PrivacySqlServerTests(SqlServerApiFactory factory) : PrivacyContract<SqlServerApiFactory>(factory);
