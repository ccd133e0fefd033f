using System.Net;
using System.Text.Json;
using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Partnerships;

public abstract class PartnershipsContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    [Fact]
    public async Task Create_returns_201_in_draft_with_location_etag_parties_goals_and_derived_review_date()
    {
        var admin = await Factory.AdminAsync();
        var (city, association) = await PartnershipRequests.MembersAsync(admin);
        var response = await admin.PostJsonAsync("/api/v1/partnerships", PartnershipRequests.Body(city, association)).ShouldBe(HttpStatusCode.Created);
        var created = await response.ReadAsync<PartnershipResponse>();

        response.Headers.Location!.ToString().ShouldBe($"/api/v1/partnerships/{created.Id}");
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        created.Status.ShouldBe(PartnershipStatus.Draft);
        created.Version.ShouldBe(1);
        created.Parties.Select(p => (p.MemberId, p.Role)).ShouldBe([(city, PartyRole.Municipality), (association, PartyRole.Coordinator)]);
        created.Parties[1].MemberName.ShouldStartWith("Kumppanuuskeskus");
        created.Goals.Select(g => g.Title).ShouldBe(["Neuvontapiste palvelee kuntalaisia", "Uudet järjestöt löytävät verkoston"]);
        created.Goals.ShouldAllBe(g => g.Id != Guid.Empty);
        created.NextReviewDue.ShouldBe(new DateOnly(2026, 7, 1));

        var fetched = await (await admin.GetAsync($"/api/v1/partnerships/{created.Id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipResponse>();
        fetched.Title.ShouldBe("Kumppanuuskeskuksen tukirakenne");
        fetched.Goals.Select(g => g.Id).ShouldBe(created.Goals.Select(g => g.Id));
    }

    [Fact]
    public async Task Status_sent_on_create_is_ignored_and_next_review_due_is_null_without_an_interval()
    {
        var admin = await Factory.AdminAsync();
        var (city, association) = await PartnershipRequests.MembersAsync(admin);
        var body = PartnershipRequests.Body(city, association);
        body["status"] = "active";
        body["nextReviewDue"] = "2030-01-01";
        body["reviewIntervalMonths"] = null;
        var created = await PartnershipRequests.CreateAsync(admin, body);
        created.Status.ShouldBe(PartnershipStatus.Draft);
        created.NextReviewDue.ShouldBeNull();
    }

    [Fact]
    public async Task Get_honours_if_none_match_and_unknown_or_malformed_ids_are_404()
    {
        var admin = await Factory.AdminAsync();
        var p = await PartnershipRequests.CreateAsync(admin);
        (await admin.GetAsync($"/api/v1/partnerships/{p.Id}", "\"1\"")).StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await admin.GetAsync($"/api/v1/partnerships/{p.Id}", "\"0\"")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await admin.GetAsync($"/api/v1/partnerships/{Guid.NewGuid()}").ShouldBeProblem(HttpStatusCode.NotFound);
        await admin.GetAsync("/api/v1/partnerships/not-a-guid").ShouldBeProblem(HttpStatusCode.NotFound);
        await admin.GetAsync($"/api/v1/partnerships/{Guid.NewGuid()}/history").ShouldBeProblem(HttpStatusCode.NotFound);
        await admin.GetAsync($"/api/v1/partnerships/{Guid.NewGuid()}/reviews").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    // ---- Lifecycle --------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_main_path_draft_negotiation_active_ended_is_legal_and_recorded_in_history_in_order()
    {
        var admin = await Factory.AdminAsync();
        var p = await PartnershipRequests.CreateAsync(admin);
        var negotiation = await PartnershipRequests.TransitionAsync(admin, p.Id, "negotiation", "Neuvottelut alkoivat.", "\"1\"").ShouldBe(HttpStatusCode.OK);
        negotiation.Headers.ETag!.Tag.ShouldBe("\"2\"");
        (await negotiation.ReadAsync<PartnershipResponse>()).Status.ShouldBe(PartnershipStatus.Negotiation);
        await PartnershipRequests.TransitionAsync(admin, p.Id, "active", "Sopimus allekirjoitettu.").ShouldBe(HttpStatusCode.OK);
        var ended = await (await PartnershipRequests.TransitionAsync(admin, p.Id, "ended", null).ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipResponse>();
        ended.Status.ShouldBe(PartnershipStatus.Ended);
        ended.Version.ShouldBe(4);

        var history = await (await admin.GetAsync($"/api/v1/partnerships/{p.Id}/history").ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipHistory>();
        history.Items.Select(h => (h.From, h.To)).ShouldBe([
            (PartnershipStatus.Draft, PartnershipStatus.Negotiation),
            (PartnershipStatus.Negotiation, PartnershipStatus.Active),
            (PartnershipStatus.Active, PartnershipStatus.Ended),
        ]);
        history.Items.Select(h => h.Note).ShouldBe(["Neuvottelut alkoivat.", "Sopimus allekirjoitettu.", null]);
        history.Items.ShouldAllBe(h => h.ByName == "Administrator" && h.ById != null);
        history.Items.Select(h => h.At).ShouldBeInOrder();
    }

    [Theory]
    [InlineData("draft")]
    [InlineData("negotiation")]
    [InlineData("active")]
    public async Task Any_non_final_status_may_be_cancelled(string from)
    {
        var admin = await Factory.AdminAsync();
        var p = await PartnershipRequests.CreateAsync(admin);
        await PartnershipRequests.MoveToAsync(admin, p.Id, from);
        var cancelled = await (await PartnershipRequests.TransitionAsync(admin, p.Id, "cancelled", "Rahoitus ei toteutunut.").ShouldBe(HttpStatusCode.OK))
            .ReadAsync<PartnershipResponse>();
        cancelled.Status.ShouldBe(PartnershipStatus.Cancelled);
        var history = await (await admin.GetAsync($"/api/v1/partnerships/{p.Id}/history")).ReadAsync<PartnershipHistory>();
        history.Items[^1].ShouldSatisfyAllConditions(
            h => h.From.ShouldBe(EnumFromText(from)),
            h => h.To.ShouldBe(PartnershipStatus.Cancelled),
            h => h.Note.ShouldBe("Rahoitus ei toteutunut."));
    }

    [Theory]
    [InlineData("draft", "draft", "negotiation,cancelled")]
    [InlineData("draft", "active", "negotiation,cancelled")]
    [InlineData("draft", "ended", "negotiation,cancelled")]
    [InlineData("negotiation", "draft", "active,cancelled")]
    [InlineData("negotiation", "negotiation", "active,cancelled")]
    [InlineData("negotiation", "ended", "active,cancelled")]
    [InlineData("active", "draft", "ended,cancelled")]
    [InlineData("active", "negotiation", "ended,cancelled")]
    [InlineData("active", "active", "ended,cancelled")]
    [InlineData("ended", "draft", "")]
    [InlineData("ended", "negotiation", "")]
    [InlineData("ended", "active", "")]
    [InlineData("ended", "ended", "")]
    [InlineData("ended", "cancelled", "")]
    [InlineData("cancelled", "draft", "")]
    [InlineData("cancelled", "negotiation", "")]
    [InlineData("cancelled", "active", "")]
    [InlineData("cancelled", "ended", "")]
    [InlineData("cancelled", "cancelled", "")]
    public async Task Every_illegal_move_is_409_naming_the_allowed_targets_and_changes_nothing(string from, string to, string allowed)
    {
        var admin = await Factory.AdminAsync();
        var p = await PartnershipRequests.CreateAsync(admin);
        var before = await PartnershipRequests.MoveToAsync(admin, p.Id, from);

        var problem = await PartnershipRequests.TransitionAsync(admin, p.Id, to).ShouldBeProblem(HttpStatusCode.Conflict);
        problem.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()).ShouldBe(allowed.Split(',', StringSplitOptions.RemoveEmptyEntries));
        problem.GetProperty("currentStatus").GetString().ShouldBe(from);

        var after = await (await admin.GetAsync($"/api/v1/partnerships/{p.Id}")).ReadAsync<PartnershipResponse>();
        after.Status.ShouldBe(before.Status);
        after.Version.ShouldBe(before.Version);
    }

    [Fact]
    public async Task Transition_with_stale_if_match_is_412_and_bad_targets_are_400()
    {
        var admin = await Factory.AdminAsync();
        var p = await PartnershipRequests.CreateAsync(admin);
        await PartnershipRequests.TransitionAsync(admin, p.Id, "negotiation", null, "\"7\"").ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        await PartnershipRequests.TransitionAsync(admin, p.Id, "signed").ShouldBeProblem(HttpStatusCode.BadRequest, "to");
        await admin.PostJsonAsync($"/api/v1/partnerships/{p.Id}/transitions", new { note = "ei kohdetta" }).ShouldBeProblem(HttpStatusCode.BadRequest, "to");
        await admin.PostJsonAsync($"/api/v1/partnerships/{p.Id}/transitions", new { to = "negotiation", note = new string('x', 1001) })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "note");
        await PartnershipRequests.TransitionAsync(admin, Guid.NewGuid(), "negotiation").ShouldBeProblem(HttpStatusCode.NotFound);
        (await (await admin.GetAsync($"/api/v1/partnerships/{p.Id}")).ReadAsync<PartnershipResponse>()).Status.ShouldBe(PartnershipStatus.Draft);
    }

    // ---- PUT ----------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Put_keeps_goal_ids_adds_new_goals_removes_left_out_ones_and_ignores_read_only_fields()
    {
        var admin = await Factory.AdminAsync();
        var p = await PartnershipRequests.CreateAsync(admin);
        var (kept, dropped) = (p.Goals[0], p.Goals[1]);
        var body = PartnershipRequests.ToBody(p);
        body["title"] = "Kumppanuuskeskuksen tukirakenne 2026–2027";
        body["goals"] = new object[]
        {
            new { title = "Tilat ovat yhteiskäytössä", indicator = "Käyttöaste", target = "70 %" },
            new { id = kept.Id, title = kept.Title + " (tarkennettu)", indicator = kept.Indicator, target = "6 500" },
        };
        body["status"] = "ended";
        body["version"] = 99;
        body["id"] = Guid.NewGuid();
        body["nextReviewDue"] = "2031-01-01";

        var response = await admin.PutJsonAsync($"/api/v1/partnerships/{p.Id}", body, "\"1\"").ShouldBe(HttpStatusCode.OK);
        response.Headers.ETag!.Tag.ShouldBe("\"2\"");
        var updated = await response.ReadAsync<PartnershipResponse>();
        updated.Id.ShouldBe(p.Id);
        updated.Status.ShouldBe(PartnershipStatus.Draft);
        updated.Version.ShouldBe(2);
        updated.NextReviewDue.ShouldBe(new DateOnly(2026, 7, 1));
        updated.Title.ShouldBe("Kumppanuuskeskuksen tukirakenne 2026–2027");
        updated.Goals.Count.ShouldBe(2);
        updated.Goals[0].Id.ShouldNotBe(kept.Id);
        updated.Goals[0].Id.ShouldNotBe(dropped.Id);
        updated.Goals[1].Id.ShouldBe(kept.Id);
        updated.Goals[1].Target.ShouldBe("6 500");
        updated.Goals.ShouldNotContain(g => g.Id == dropped.Id);
    }

    [Fact]
    public async Task Put_that_removes_a_reviewed_goal_is_409_and_changes_nothing()
    {
        var admin = await Factory.AdminAsync();
        var p = await PartnershipRequests.CreateAsync(admin);
        await admin.PostJsonAsync($"/api/v1/partnerships/{p.Id}/reviews", PartnershipRequests.Review("2026-03-01", (p.Goals[1].Id, 40)))
            .ShouldBe(HttpStatusCode.Created);
        var current = await (await admin.GetAsync($"/api/v1/partnerships/{p.Id}")).ReadAsync<PartnershipResponse>();
        var body = PartnershipRequests.ToBody(current);
        body["goals"] = new object[] { new { id = current.Goals[0].Id, title = current.Goals[0].Title } };
        body["title"] = "Ei saa tallentua";

        var problem = await admin.PutJsonAsync($"/api/v1/partnerships/{p.Id}", body, $"\"{current.Version}\"").ShouldBeProblem(HttpStatusCode.Conflict);
        problem.GetProperty("goalIds").EnumerateArray().Select(g => g.GetGuid()).ShouldBe([p.Goals[1].Id]);

        var after = await (await admin.GetAsync($"/api/v1/partnerships/{p.Id}")).ReadAsync<PartnershipResponse>();
        after.Version.ShouldBe(current.Version);
        after.Title.ShouldBe(current.Title);
        after.Goals.Select(g => g.Id).ShouldBe(current.Goals.Select(g => g.Id));
    }

    [Fact]
    public async Task Put_with_a_goal_id_of_another_partnership_is_400_naming_it()
    {
        var admin = await Factory.AdminAsync();
        var p = await PartnershipRequests.CreateAsync(admin);
        var other = await PartnershipRequests.CreateAsync(admin);
        var body = PartnershipRequests.ToBody(p);
        body["goals"] = new object[] { new { id = p.Goals[0].Id, title = "Oma" }, new { id = other.Goals[0].Id, title = "Vieras" } };
        await admin.PutJsonAsync($"/api/v1/partnerships/{p.Id}", body).ShouldBeProblem(HttpStatusCode.BadRequest, "goals[1].id");
        body["goals"] = new object[] { new { id = p.Goals[0].Id, title = "Oma" }, new { id = p.Goals[0].Id, title = "Sama" } };
        await admin.PutJsonAsync($"/api/v1/partnerships/{p.Id}", body).ShouldBeProblem(HttpStatusCode.BadRequest, "goals[1].id");
    }

    [Fact]
    public async Task Put_with_stale_if_match_is_412_and_keeps_the_first_write()
    {
        var admin = await Factory.AdminAsync();
        var p = await PartnershipRequests.CreateAsync(admin);
        var first = PartnershipRequests.ToBody(p);
        first["title"] = "Ensimmäinen muutos";
        await admin.PutJsonAsync($"/api/v1/partnerships/{p.Id}", first, "\"1\"").ShouldBe(HttpStatusCode.OK);
        var second = PartnershipRequests.ToBody(p);
        second["title"] = "Kadonnut muutos";
        var problem = await admin.PutJsonAsync($"/api/v1/partnerships/{p.Id}", second, "\"1\"").ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        problem.GetProperty("currentVersion").GetInt64().ShouldBe(2);
        (await (await admin.GetAsync($"/api/v1/partnerships/{p.Id}")).ReadAsync<PartnershipResponse>()).Title.ShouldBe("Ensimmäinen muutos");
    }

    [Theory]
    [InlineData("ended")]
    [InlineData("cancelled")]
    public async Task Editing_a_final_partnership_is_409(string final)
    {
        var admin = await Factory.AdminAsync();
        var p = await PartnershipRequests.CreateAsync(admin);
        var closed = await PartnershipRequests.MoveToAsync(admin, p.Id, final);
        var body = PartnershipRequests.ToBody(closed);
        body["title"] = "Jälkikäteen muutettu";
        var problem = await admin.PutJsonAsync($"/api/v1/partnerships/{p.Id}", body, $"\"{closed.Version}\"").ShouldBeProblem(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString()!.ShouldContain(final);
        (await (await admin.GetAsync($"/api/v1/partnerships/{p.Id}")).ReadAsync<PartnershipResponse>()).Title.ShouldBe(closed.Title);
    }

    // ---- DELETE -------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Delete_archives_so_get_is_404_and_lists_hide_it_and_stale_if_match_is_412()
    {
        var admin = await Factory.AdminAsync();
        var p = await PartnershipRequests.CreateAsync(admin, "611");
        await admin.DeleteAsync($"/api/v1/partnerships/{p.Id}", "\"3\"").ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        await admin.DeleteAsync($"/api/v1/partnerships/{p.Id}", "\"1\"").ShouldBe(HttpStatusCode.NoContent);
        await admin.GetAsync($"/api/v1/partnerships/{p.Id}").ShouldBeProblem(HttpStatusCode.NotFound);
        await admin.DeleteAsync($"/api/v1/partnerships/{p.Id}", null).ShouldBeProblem(HttpStatusCode.NotFound);
        var page = await (await admin.GetAsync("/api/v1/partnerships?municipality=611")).ReadAsync<PartnershipPage>();
        page.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_write_appends_a_change_and_an_audit_entry_with_the_new_version()
    {
        var admin = await Factory.AdminAsync();
        var p = await PartnershipRequests.CreateAsync(admin, "612");
        var body = PartnershipRequests.ToBody(p);
        body["title"] = "Päivitetty";
        await admin.PutJsonAsync($"/api/v1/partnerships/{p.Id}", body).ShouldBe(HttpStatusCode.OK);
        await PartnershipRequests.TransitionAsync(admin, p.Id, "negotiation").ShouldBe(HttpStatusCode.OK);
        await admin.PostJsonAsync($"/api/v1/partnerships/{p.Id}/reviews", PartnershipRequests.Review("2026-02-01", (p.Goals[0].Id, 10)))
            .ShouldBe(HttpStatusCode.Created);
        await admin.DeleteAsync($"/api/v1/partnerships/{p.Id}", null).ShouldBe(HttpStatusCode.NoContent);

        var db = Factory.Services.GetRequiredService<Db>();
        await using var connection = await db.OpenAsync(CancellationToken.None);
        var changes = (await connection.QueryAsync<(string Op, long Version, string Municipality)>(
            "SELECT op, version, municipality_code FROM changes WHERE entity_type = 'partnerships' AND entity_id = @Id ORDER BY version",
            new { Id = p.Id.ToString() })).ToList();
        changes.Select(c => (c.Op, c.Version)).ShouldBe([("upsert", 1L), ("upsert", 2L), ("upsert", 3L), ("upsert", 4L), ("delete", 5L)]);
        changes.ShouldAllBe(c => c.Municipality == "612");
        var audit = (await connection.QueryAsync<string>(
            "SELECT op FROM audit WHERE entity_type = 'partnerships' AND entity_id = @Id ORDER BY version", new { Id = p.Id.ToString() })).ToList();
        audit.ShouldBe(["create", "update", "transition", "update", "delete"]);
    }

    // ---- Validation ---------------------------------------------------------------------------------------------

    [Fact]
    public async Task Fewer_than_two_parties_is_400_on_parties()
    {
        var admin = await Factory.AdminAsync();
        var (city, association) = await PartnershipRequests.MembersAsync(admin);
        var body = PartnershipRequests.Body(city, association);
        body["parties"] = new object[] { new { memberId = city, role = "municipality" } };
        await admin.PostJsonAsync("/api/v1/partnerships", body).ShouldBeProblem(HttpStatusCode.BadRequest, "parties");
        body["parties"] = null;
        await admin.PostJsonAsync("/api/v1/partnerships", body).ShouldBeProblem(HttpStatusCode.BadRequest, "parties");
    }

    [Fact]
    public async Task Unknown_archived_or_repeated_party_members_are_400_naming_the_party()
    {
        var admin = await Factory.AdminAsync();
        var (city, association) = await PartnershipRequests.MembersAsync(admin);
        var body = PartnershipRequests.Body(city, Guid.NewGuid());
        var problem = await admin.PostJsonAsync("/api/v1/partnerships", body).ShouldBeProblem(HttpStatusCode.BadRequest, "parties[1].memberId");
        problem.GetProperty("errors").TryGetProperty("parties[0].memberId", out _).ShouldBeFalse();

        var archived = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Lopettanut yhdistys ry"));
        await admin.DeleteAsync($"/api/v1/members/{archived.Id}", null).ShouldBe(HttpStatusCode.NoContent);
        await admin.PostJsonAsync("/api/v1/partnerships", PartnershipRequests.Body(archived.Id, association))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "parties[0].memberId");

        body = PartnershipRequests.Body(city, association);
        body["parties"] = new object[]
        {
            new { memberId = city, role = "municipality" }, new { memberId = association, role = "partner" }, new { memberId = city, role = "funder" },
        };
        await admin.PostJsonAsync("/api/v1/partnerships", body).ShouldBeProblem(HttpStatusCode.BadRequest, "parties[2].memberId");
    }

    [Fact]
    public async Task Bad_shapes_are_400_naming_the_field()
    {
        var admin = await Factory.AdminAsync();
        var (city, association) = await PartnershipRequests.MembersAsync(admin);

        async Task Expect(string field, Action<Dictionary<string, object?>> change)
        {
            var body = PartnershipRequests.Body(city, association);
            change(body);
            await admin.PostJsonAsync("/api/v1/partnerships", body).ShouldBeProblem(HttpStatusCode.BadRequest, field);
        }

        await Expect("endsOn", b => (b["startsOn"], b["endsOn"]) = ("2026-06-01", "2026-05-31"));
        await Expect("title", b => b["title"] = new string('T', 201));
        await Expect("title", b => b["title"] = null);
        await Expect("title", b => b["title"] = 12);
        await Expect("serviceArea", b => b["serviceArea"] = "space_travel");
        await Expect("serviceArea", b => b["serviceArea"] = null);
        await Expect("municipalityCode", b => b["municipalityCode"] = "56");
        await Expect("description", b => b["description"] = new string('d', 4001));
        await Expect("agreementRef", b => b["agreementRef"] = new string('a', 101));
        await Expect("reviewIntervalMonths", b => b["reviewIntervalMonths"] = 0);
        await Expect("reviewIntervalMonths", b => b["reviewIntervalMonths"] = "six");
        await Expect("startsOn", b => b["startsOn"] = "1.1.2026");
        await Expect("parties[1].role", b => b["parties"] = new object[]
        {
            new { memberId = city, role = "municipality" }, new { memberId = association, role = "sponsor" },
        });
        await Expect("parties[1].role", b => b["parties"] = new object[] { new { memberId = city, role = "municipality" }, new { memberId = association } });
        await Expect("parties[0].responsibilities", b => b["parties"] = new object[]
        {
            new { memberId = city, role = "municipality", responsibilities = new string('r', 1001) }, new { memberId = association, role = "partner" },
        });
        await Expect("goals[0].title", b => b["goals"] = new object[] { new { indicator = "ilman otsikkoa" } });
        await Expect("goals[0].target", b => b["goals"] = new object[] { new { title = "Tavoite", target = new string('t', 501) } });

        await admin.PostRawAsync("/api/v1/partnerships", "{\"title\": \"Rikki\", ").ShouldBeProblem(HttpStatusCode.BadRequest);
        await admin.PostRawAsync("/api/v1/partnerships", "title=x", "application/x-www-form-urlencoded")
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Bad_query_values_are_400_naming_the_parameter()
    {
        var admin = await Factory.AdminAsync();
        await admin.GetAsync("/api/v1/partnerships?cursor=bm90LWEtY3Vyc29y").ShouldBeProblem(HttpStatusCode.BadRequest, "cursor");
        await admin.GetAsync("/api/v1/partnerships?limit=0").ShouldBeProblem(HttpStatusCode.BadRequest, "limit");
        await admin.GetAsync("/api/v1/partnerships?limit=201").ShouldBeProblem(HttpStatusCode.BadRequest, "limit");
        await admin.GetAsync("/api/v1/partnerships?limit=many").ShouldBeProblem(HttpStatusCode.BadRequest, "limit");
        await admin.GetAsync("/api/v1/partnerships?status=signed").ShouldBeProblem(HttpStatusCode.BadRequest, "status");
        await admin.GetAsync("/api/v1/partnerships?serviceArea=space").ShouldBeProblem(HttpStatusCode.BadRequest, "serviceArea");
        await admin.GetAsync("/api/v1/partnerships?municipality=Oulu").ShouldBeProblem(HttpStatusCode.BadRequest, "municipality");
        await admin.GetAsync("/api/v1/partnerships?member=someone").ShouldBeProblem(HttpStatusCode.BadRequest, "member");
        await admin.GetAsync("/api/v1/partnerships?updatedSince=2026-11-22T09:30:00").ShouldBeProblem(HttpStatusCode.BadRequest, "updatedSince");
        await admin.GetAsync("/api/v1/partnerships?updatedSince=yesterday").ShouldBeProblem(HttpStatusCode.BadRequest, "updatedSince");
        await admin.GetAsync("/api/v1/partnerships?reviewDue=maybe").ShouldBeProblem(HttpStatusCode.BadRequest, "reviewDue");
        var membersCursor = CommunityHub.Api.Infrastructure.Http.Cursor.Encode("members", "X", Guid.NewGuid().ToString());
        await admin.GetAsync($"/api/v1/partnerships?cursor={membersCursor}").ShouldBeProblem(HttpStatusCode.BadRequest, "cursor");
        await admin.GetAsync("/api/v1/partnerships/export.csv?status=signed").ShouldBeProblem(HttpStatusCode.BadRequest, "status");
    }

    // ---- Reviews ------------------------------------------------------------------------------------------------

    [Fact]
    public async Task A_review_records_goal_progress_and_moves_next_review_due_from_its_date()
    {
        var admin = await Factory.AdminAsync();
        var p = await PartnershipRequests.CreateAsync(admin);
        p.NextReviewDue.ShouldBe(new DateOnly(2026, 7, 1));

        var response = await admin.PostJsonAsync(
                $"/api/v1/partnerships/{p.Id}/reviews", PartnershipRequests.Review("2026-05-20", (p.Goals[0].Id, 45), (p.Goals[1].Id, 100)))
            .ShouldBe(HttpStatusCode.Created);
        var review = await response.ReadAsync<PartnershipReviewResponse>();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/partnerships/{p.Id}/reviews/{review.Id}");
        review.GoalProgress.Select(g => (g.GoalId, g.GoalTitle, g.Progress)).ShouldBe([
            (p.Goals[0].Id, p.Goals[0].Title, 45), (p.Goals[1].Id, p.Goals[1].Title, 100),
        ]);
        review.ReviewedBy.ShouldBe("Administrator");

        var after = await (await admin.GetAsync($"/api/v1/partnerships/{p.Id}")).ReadAsync<PartnershipResponse>();
        after.NextReviewDue.ShouldBe(new DateOnly(2026, 11, 20));
        after.Version.ShouldBe(2);

        // A back-dated review entered later does not pull the due date back.
        await admin.PostJsonAsync($"/api/v1/partnerships/{p.Id}/reviews", PartnershipRequests.Review("2026-02-10", (p.Goals[0].Id, 20)))
            .ShouldBe(HttpStatusCode.Created);
        (await (await admin.GetAsync($"/api/v1/partnerships/{p.Id}")).ReadAsync<PartnershipResponse>()).NextReviewDue.ShouldBe(new DateOnly(2026, 11, 20));

        // Changing the interval recounts from the latest review.
        var body = PartnershipRequests.ToBody(after);
        body["reviewIntervalMonths"] = 3;
        var updated = await (await admin.PutJsonAsync($"/api/v1/partnerships/{p.Id}", body).ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipResponse>();
        updated.NextReviewDue.ShouldBe(new DateOnly(2026, 8, 20));

        var single = await (await admin.GetAsync($"/api/v1/partnerships/{p.Id}/reviews/{review.Id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipReviewResponse>();
        single.Summary.ShouldBe(review.Summary);
        await admin.GetAsync($"/api/v1/partnerships/{p.Id}/reviews/{Guid.NewGuid()}").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_review_answers_its_old_etag_with_200_once_a_goal_it_shows_is_renamed()
    {
        var admin = await Factory.AdminAsync();
        var p = await PartnershipRequests.CreateAsync(admin);
        var created = await (await admin.PostJsonAsync($"/api/v1/partnerships/{p.Id}/reviews", PartnershipRequests.Review("2026-03-01", (p.Goals[0].Id, 30)))
            .ShouldBe(HttpStatusCode.Created)).ReadAsync<PartnershipReviewResponse>();
        var url = $"/api/v1/partnerships/{p.Id}/reviews/{created.Id}";
        var oldTag = (await admin.GetAsync(url).ShouldBe(HttpStatusCode.OK)).Headers.ETag!.ToString();

        async Task PutGoalsAsync(string firstTitle, string secondTitle)
        {
            var current = await (await admin.GetAsync($"/api/v1/partnerships/{p.Id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipResponse>();
            var body = PartnershipRequests.ToBody(current);
            body["description"] = $"Kuvaus {current.Version}";
            body["goals"] = new object[]
            {
                new { id = (Guid?)p.Goals[0].Id, title = firstTitle, indicator = p.Goals[0].Indicator, target = p.Goals[0].Target },
                new { id = (Guid?)p.Goals[1].Id, title = secondTitle, indicator = p.Goals[1].Indicator, target = p.Goals[1].Target },
            };
            await admin.PutJsonAsync($"/api/v1/partnerships/{p.Id}", body, $"\"{current.Version}\"").ShouldBe(HttpStatusCode.OK);
        }

        // A write that keeps the goal titles leaves the review as it was.
        await PutGoalsAsync(p.Goals[0].Title, p.Goals[1].Title);
        (await admin.GetAsync(url, oldTag)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        // The review shows the goal's current title, so renaming that goal gives the review a new version.
        await PutGoalsAsync("Neuvonta tavoittaa kuntalaiset", p.Goals[1].Title);
        var after = await admin.GetAsync(url, oldTag).ShouldBe(HttpStatusCode.OK);
        var review = await after.ReadAsync<PartnershipReviewResponse>();
        review.GoalProgress.Single().GoalTitle.ShouldBe("Neuvonta tavoittaa kuntalaiset");
        review.Version.ShouldBe(created.Version + 1);
        var newTag = after.Headers.ETag!.ToString();
        newTag.ShouldBe($"\"{review.Version}\"");

        // Renaming a goal the review does not show leaves it as it was.
        await PutGoalsAsync("Neuvonta tavoittaa kuntalaiset", "Verkosto kasvaa");
        (await admin.GetAsync(url, newTag)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Reviews_list_by_review_date_and_page_without_repeats()
    {
        var admin = await Factory.AdminAsync();
        var p = await PartnershipRequests.CreateAsync(admin);
        string[] dates = ["2026-06-01", "2026-01-15", "2026-03-01", "2026-03-01", "2026-02-01"];
        foreach (var date in dates)
        {
            await admin.PostJsonAsync($"/api/v1/partnerships/{p.Id}/reviews", PartnershipRequests.Review(date, (p.Goals[0].Id, 50)))
                .ShouldBe(HttpStatusCode.Created);
        }
        var seen = new List<PartnershipReviewResponse>();
        string? cursor = null;
        do
        {
            var url = $"/api/v1/partnerships/{p.Id}/reviews?limit=2" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await admin.GetAsync(url).ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipReviewPage>();
            seen.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        seen.Select(r => r.ReviewedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(["2026-01-15", "2026-02-01", "2026-03-01", "2026-03-01", "2026-06-01"]);
        seen.Select(r => r.Id).Distinct().Count().ShouldBe(5);
        await admin.GetAsync($"/api/v1/partnerships/{p.Id}/reviews?cursor=abc").ShouldBeProblem(HttpStatusCode.BadRequest, "cursor");
    }

    [Fact]
    public async Task Review_goal_ids_must_be_goals_of_this_partnership_and_shapes_are_checked()
    {
        var admin = await Factory.AdminAsync();
        var p = await PartnershipRequests.CreateAsync(admin);
        var other = await PartnershipRequests.CreateAsync(admin);
        var url = $"/api/v1/partnerships/{p.Id}/reviews";

        await admin.PostJsonAsync(url, PartnershipRequests.Review("2026-03-01", (other.Goals[0].Id, 10)))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "goalProgress[0].goalId");
        await admin.PostJsonAsync(url, PartnershipRequests.Review("2026-03-01", (p.Goals[0].Id, 10), (Guid.NewGuid(), 10)))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "goalProgress[1].goalId");
        await admin.PostJsonAsync(url, PartnershipRequests.Review("2026-03-01", (p.Goals[0].Id, 10), (p.Goals[0].Id, 20)))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "goalProgress[1].goalId");
        await admin.PostJsonAsync(url, PartnershipRequests.Review("2026-03-01", (p.Goals[0].Id, 101)))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "goalProgress[0].progress");
        await admin.PostJsonAsync(url, PartnershipRequests.Review("2026-03-01", (p.Goals[0].Id, -1)))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "goalProgress[0].progress");
        await admin.PostJsonAsync(url, new { summary = "Ei päivämäärää" }).ShouldBeProblem(HttpStatusCode.BadRequest, "reviewedOn");
        await admin.PostJsonAsync(url, new { reviewedOn = "2026-03-01" }).ShouldBeProblem(HttpStatusCode.BadRequest, "summary");
        await admin.PostJsonAsync(url, new { reviewedOn = "2999-01-01", summary = "Tulevaisuudesta" }).ShouldBeProblem(HttpStatusCode.BadRequest, "reviewedOn");
        await admin.PostJsonAsync(url, new { reviewedOn = "2026-03-01", summary = "x", goalProgress = new[] { new { goalId = "nope", progress = 1 } } })
            .ShouldBeProblem(HttpStatusCode.BadRequest, "goalProgress[0].goalId");
        await admin.PostJsonAsync($"/api/v1/partnerships/{Guid.NewGuid()}/reviews", PartnershipRequests.Review("2026-03-01"))
            .ShouldBeProblem(HttpStatusCode.NotFound);

        var reviews = await (await admin.GetAsync(url)).ReadAsync<PartnershipReviewPage>();
        reviews.Items.ShouldBeEmpty();
        (await (await admin.GetAsync($"/api/v1/partnerships/{p.Id}")).ReadAsync<PartnershipResponse>()).Version.ShouldBe(1);
    }

    [Fact]
    public async Task A_cancelled_partnership_takes_no_reviews_but_an_ended_one_does()
    {
        var admin = await Factory.AdminAsync();
        var cancelled = await PartnershipRequests.CreateAsync(admin);
        await PartnershipRequests.MoveToAsync(admin, cancelled.Id, "cancelled");
        await admin.PostJsonAsync($"/api/v1/partnerships/{cancelled.Id}/reviews", PartnershipRequests.Review("2026-03-01", (cancelled.Goals[0].Id, 10)))
            .ShouldBeProblem(HttpStatusCode.Conflict);

        var ended = await PartnershipRequests.CreateAsync(admin);
        await PartnershipRequests.MoveToAsync(admin, ended.Id, "ended");
        await admin.PostJsonAsync($"/api/v1/partnerships/{ended.Id}/reviews", PartnershipRequests.Review("2026-03-01", (ended.Goals[0].Id, 100)))
            .ShouldBe(HttpStatusCode.Created);
    }

    // ---- Filters and paging -------------------------------------------------------------------------------------

    [Fact]
    public async Task Filters_by_municipality_status_service_area_member_and_title()
    {
        var admin = await Factory.AdminAsync();
        var (city, association) = await PartnershipRequests.MembersAsync(admin, "625");
        var (_, other) = await PartnershipRequests.MembersAsync(admin, "625");
        var youth = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(city, association, "Pyhäjoen nuorisotapahtumat", "625", "youth"));
        var jobs = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(city, other, "TYÖLLISYYDEN KUMPPANUUS", "625", "employment"));
        var elsewhere = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(city, association, "Nuorten kesätyöt", "626", "youth"));
        await PartnershipRequests.MoveToAsync(admin, jobs.Id, "active");

        async Task<IEnumerable<Guid>> Ids(string query) =>
            (await (await admin.GetAsync($"/api/v1/partnerships?{query}").ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipPage>()).Items.Select(p => p.Id);

        (await Ids("municipality=625")).ShouldBe([youth.Id, jobs.Id], ignoreOrder: true);
        (await Ids("municipality=625&status=active")).ShouldBe([jobs.Id]);
        (await Ids("municipality=625&status=draft")).ShouldBe([youth.Id]);
        (await Ids("serviceArea=youth&municipality=626")).ShouldBe([elsewhere.Id]);
        (await Ids($"member={association}")).ShouldBe([youth.Id, elsewhere.Id], ignoreOrder: true);
        (await Ids($"member={city}&serviceArea=employment")).ShouldBe([jobs.Id]);
        (await Ids("q=ty%C3%B6llisyyden&municipality=625")).ShouldBe([jobs.Id]);
        (await Ids("q=PYH%C3%84JOEN")).ShouldBe([youth.Id]);
        (await Ids("q=pyhajoen")).ShouldBeEmpty();
        (await Ids("q=100%25")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Updated_since_returns_rows_changed_at_or_after_the_instant_in_any_offset()
    {
        var admin = await Factory.AdminAsync();
        var old = await PartnershipRequests.CreateAsync(admin, "627");
        var fresh = await PartnershipRequests.CreateAsync(admin, "627");
        var cut = fresh.UpdatedAt;
        var touched = await PartnershipRequests.MoveToAsync(admin, old.Id, "negotiation");
        touched.UpdatedAt.ShouldBeGreaterThanOrEqualTo(cut);

        async Task<IEnumerable<Guid>> Since(string instant) =>
            (await (await admin.GetAsync($"/api/v1/partnerships?municipality=627&updatedSince={Uri.EscapeDataString(instant)}")
                .ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipPage>()).Items.Select(p => p.Id);

        (await Since(cut.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture)))
            .ShouldBe([old.Id, fresh.Id], ignoreOrder: true);
        var helsinki = cut.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture);
        (await Since(helsinki)).ShouldBe([old.Id, fresh.Id], ignoreOrder: true);
        (await Since(touched.UpdatedAt.AddTicks(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture))).ShouldBeEmpty();
        (await Since("2000-01-01T00:00:00Z")).Count().ShouldBe(2);
    }

    [Fact]
    public async Task Keyset_paging_returns_every_row_once_in_id_order_and_an_unchanged_page_is_304()
    {
        var admin = await Factory.AdminAsync();
        var (city, association) = await PartnershipRequests.MembersAsync(admin, "628");
        var created = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            created.Add((await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(city, association, $"Kumppanuus {i}", "628"))).Id);
        }
        var seen = new List<Guid>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var url = "/api/v1/partnerships?municipality=628&limit=5" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var page = await (await admin.GetAsync(url).ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipPage>();
            page.Items.Count.ShouldBeLessThanOrEqualTo(5);
            seen.AddRange(page.Items.Select(p => p.Id));
            cursor = page.NextCursor;
            pages++;
        }
        while (cursor is not null);
        pages.ShouldBe(3);
        seen.ShouldBe(created.OrderBy(id => id.ToString(), StringComparer.Ordinal));

        var first = await admin.GetAsync("/api/v1/partnerships?municipality=628&limit=5").ShouldBe(HttpStatusCode.OK);
        var etag = first.Headers.ETag!.Tag;
        (await admin.GetAsync("/api/v1/partnerships?municipality=628&limit=5", etag)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
        await PartnershipRequests.TransitionAsync(admin, seen[0], "negotiation").ShouldBe(HttpStatusCode.OK);
        (await admin.GetAsync("/api/v1/partnerships?municipality=628&limit=5", etag)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    // ---- Roles --------------------------------------------------------------------------------------------------

    [Fact]
    public async Task Viewers_and_member_editors_read_but_may_not_write_and_anonymous_is_401()
    {
        var admin = await Factory.AdminAsync();
        var p = await PartnershipRequests.CreateAsync(admin);
        var body = PartnershipRequests.ToBody(p);
        var viewer = await Factory.AsAsync("viewer");
        var editor = await Factory.AsAsync("member_editor", p.Parties[1].MemberId);

        foreach (var reader in new[] { viewer, editor })
        {
            await reader.GetAsync($"/api/v1/partnerships/{p.Id}").ShouldBe(HttpStatusCode.OK);
            await reader.GetAsync("/api/v1/partnerships").ShouldBe(HttpStatusCode.OK);
            await reader.GetAsync($"/api/v1/partnerships/{p.Id}/history").ShouldBe(HttpStatusCode.OK);
            await reader.GetAsync($"/api/v1/partnerships/{p.Id}/reviews").ShouldBe(HttpStatusCode.OK);
            await reader.GetAsync("/api/v1/partnerships/export.csv").ShouldBe(HttpStatusCode.OK);
            await reader.PostJsonAsync("/api/v1/partnerships", body).ShouldBeProblem(HttpStatusCode.Forbidden);
            await reader.PutJsonAsync($"/api/v1/partnerships/{p.Id}", body).ShouldBeProblem(HttpStatusCode.Forbidden);
            await PartnershipRequests.TransitionAsync(reader, p.Id, "negotiation").ShouldBeProblem(HttpStatusCode.Forbidden);
            await reader.PostJsonAsync($"/api/v1/partnerships/{p.Id}/reviews", PartnershipRequests.Review("2026-03-01"))
                .ShouldBeProblem(HttpStatusCode.Forbidden);
            await reader.DeleteAsync($"/api/v1/partnerships/{p.Id}", null).ShouldBeProblem(HttpStatusCode.Forbidden);
        }

        var anonymous = Factory.Anonymous();
        await anonymous.GetAsync("/api/v1/partnerships").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await anonymous.GetAsync($"/api/v1/partnerships/{p.Id}").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await anonymous.GetAsync("/api/v1/partnerships/export.csv").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await anonymous.PostJsonAsync("/api/v1/partnerships", body).ShouldBeProblem(HttpStatusCode.Unauthorized);

        var staff = await Factory.AsAsync("staff");
        await staff.PostJsonAsync("/api/v1/partnerships", body).ShouldBe(HttpStatusCode.Created);
        (await (await admin.GetAsync($"/api/v1/partnerships/{p.Id}")).ReadAsync<PartnershipResponse>()).Version.ShouldBe(1);
    }

    [Fact]
    public async Task A_municipality_bound_key_sees_only_its_municipality_and_cannot_write()
    {
        var admin = await Factory.AdminAsync();
        var oulu = await PartnershipRequests.CreateAsync(admin, "564", "Oulun kumppanuus");
        var pori = await PartnershipRequests.CreateAsync(admin, "609", "Porin kumppanuus");
        var key = await ApiKeyPrincipal.ClientAsync(Factory, ["partnerships:read"], "564");

        var page = await (await key.GetAsync("/api/v1/partnerships?limit=200").ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipPage>();
        page.Items.ShouldContain(p => p.Id == oulu.Id);
        page.Items.ShouldAllBe(p => p.MunicipalityCode == "564");
        (await (await key.GetAsync("/api/v1/partnerships?municipality=609").ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipPage>()).Items.ShouldBeEmpty();
        await key.GetAsync($"/api/v1/partnerships/{oulu.Id}").ShouldBe(HttpStatusCode.OK);
        await key.GetAsync($"/api/v1/partnerships/{pori.Id}").ShouldBeProblem(HttpStatusCode.NotFound);
        await key.GetAsync($"/api/v1/partnerships/{pori.Id}/history").ShouldBeProblem(HttpStatusCode.NotFound);
        await key.GetAsync($"/api/v1/partnerships/{pori.Id}/reviews").ShouldBeProblem(HttpStatusCode.NotFound);
        var csv = await (await key.GetAsync("/api/v1/partnerships/export.csv").ShouldBe(HttpStatusCode.OK)).Content.ReadAsStringAsync();
        csv.ShouldContain(oulu.Id.ToString());
        csv.ShouldNotContain(pori.Id.ToString());

        await key.PostJsonAsync("/api/v1/partnerships", PartnershipRequests.ToBody(oulu)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await PartnershipRequests.TransitionAsync(key, oulu.Id, "negotiation").ShouldBeProblem(HttpStatusCode.Forbidden);

        var unbound = await ApiKeyPrincipal.ClientAsync(Factory, ["partnerships:read"], null);
        var all = await (await unbound.GetAsync("/api/v1/partnerships?limit=200").ShouldBe(HttpStatusCode.OK)).ReadAsync<PartnershipPage>();
        all.Items.Select(p => p.Id).ShouldContain(pori.Id);
        var wrongScope = await ApiKeyPrincipal.ClientAsync(Factory, ["members:read"], null);
        await wrongScope.GetAsync("/api/v1/partnerships").ShouldBeProblem(HttpStatusCode.Forbidden);
        await wrongScope.GetAsync("/api/v1/partnerships/export.csv").ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    private static PartnershipStatus EnumFromText(string text) => JsonSerializer.Deserialize<PartnershipStatus>($"\"{text}\"", CommunityHub.Api.Infrastructure.Http.Json.Options);
}

public sealed class PartnershipsSqliteTests(SqliteApiFactory factory) : PartnershipsContract<SqliteApiFactory>(factory);

public sealed class PartnershipsSqlServerTests(SqlServerApiFactory factory) : PartnershipsContract<SqlServerApiFactory>(factory);
