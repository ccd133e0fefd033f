using System.Net;
using System.Text.Json;
using CommunityHub.Api.Features.Pilots;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Pilots;

public abstract class PilotsContract<TFactory> : ContractTests<TFactory>
    where TFactory : ApiFactory
{
    // Frozen at the real time (tokens stay valid) so every "today" in one test run is the same Finnish date.
    private static readonly FakeTimeProvider FrozenClock = new(DateTimeOffset.UtcNow);

    protected PilotsContract(TFactory factory)
        : base(factory)
    {
        Factory.Clock ??= FrozenClock;
    }

    private DateOnly FinnishToday =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(Factory.Clock!.GetUtcNow(), "Europe/Helsinki").DateTime);

    private async Task<(HttpClient Admin, Guid Owner)> SetupAsync(string municipality = "614")
    {
        var admin = await Factory.AdminAsync();
        var owner = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Maaseudun Sivistysliitto ry", municipality));
        return (admin, owner.Id);
    }

    private static Task<HttpResponseMessage> Transition(HttpClient client, Guid id, object body) =>
        client.PostJsonAsync($"/api/v1/pilots/{id}/transitions", body);

    [Fact]
    public async Task Create_then_get_returns_the_pilot_in_stage_idea_with_team_metrics_etag_and_location()
    {
        var (admin, owner) = await SetupAsync();
        var teamMember = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Posion kunta", "614", "municipality"));
        var body = PilotRequests.Body(owner, team: teamMember.Id);
        body["stage"] = "adopted";
        var response = await admin.PostJsonAsync("/api/v1/pilots", body).ShouldBe(HttpStatusCode.Created);
        var created = await response.ReadAsync<PilotResponse>();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/pilots/{created.Id}");
        response.Headers.ETag!.Tag.ShouldBe("\"1\"");
        created.Stage.ShouldBe(PilotStage.Idea);
        created.Version.ShouldBe(1);

        var fetched = await (await admin.GetAsync($"/api/v1/pilots/{created.Id}").ShouldBe(HttpStatusCode.OK)).ReadAsync<PilotResponse>();
        fetched.Title.ShouldBe("Penkkikahvila kuntouttavassa työtoiminnassa");
        fetched.Theme.ShouldBe(PilotTheme.Work);
        fetched.MunicipalityCode.ShouldBe("614");
        fetched.OwnerMemberId.ShouldBe(owner);
        fetched.Team.ShouldBe([new PilotTeamMember(teamMember.Id, "Ohjaus")]);
        fetched.BudgetEur.ShouldBe(8500.50m);
        fetched.PlannedStart.ShouldBe(new DateOnly(2026, 5, 1));
        fetched.Metrics.Select(m => (m.Name, m.Unit, m.Baseline, m.Target)).ShouldBe(
            [("Säännöllisesti osallistuvat", "henkilöä", 7m, 12m), ("Läsnäolo", "%", 55.5m, 75m)]);
        fetched.Metrics.ShouldAllBe(m => m.Id != Guid.Empty);
        fetched.StartedOn.ShouldBeNull();
    }

    [Fact]
    public async Task Walking_the_whole_line_to_adopted_keeps_every_transition_in_history_in_order()
    {
        var (admin, owner) = await SetupAsync();
        var body = PilotRequests.Body(owner);
        var pilot = await PilotRequests.CreateAsync(admin, body);
        string[] line = ["decided", "preparing", "running", "evaluating"];
        foreach (var (to, i) in line.Select((s, i) => (s, i)))
        {
            var moved = await PilotRequests.MoveAsync(admin, pilot.Id, to, $"vaihe {i + 1}");
            moved.Stage.ShouldBe(EnumParse(to));
            moved.Version.ShouldBe(i + 2);
        }
        var running = await (await admin.GetAsync($"/api/v1/pilots/{pilot.Id}")).ReadAsync<PilotResponse>();
        running.StartedOn.ShouldBe(FinnishToday);
        running.EndedOn.ShouldBeNull();

        // PUT replaces the representation: send back the startedOn the running transition recorded.
        body["startedOn"] = PilotRequests.Date(running.StartedOn);
        body["evaluation"] = new { results = "Osallistujia 13.", impact = "Keskusta elävöityi.", learnings = "Sisätila sadepäiville.", recommendation = "Pysyväksi." };
        await admin.PutJsonAsync($"/api/v1/pilots/{pilot.Id}", body).ShouldBe(HttpStatusCode.OK);
        var adopted = await PilotRequests.MoveAsync(admin, pilot.Id, "adopted", null);
        adopted.Stage.ShouldBe(PilotStage.Adopted);
        adopted.EndedOn.ShouldBe(FinnishToday);
        adopted.StartedOn.ShouldBe(FinnishToday);
        adopted.Evaluation.Results.ShouldBe("Osallistujia 13.");

        var history = await (await admin.GetAsync($"/api/v1/pilots/{pilot.Id}/history").ShouldBe(HttpStatusCode.OK)).ReadAsync<PilotHistory>();
        history.Items.Select(h => (h.From, h.To)).ShouldBe(
        [
            (PilotStage.Idea, PilotStage.Decided), (PilotStage.Decided, PilotStage.Preparing), (PilotStage.Preparing, PilotStage.Running),
            (PilotStage.Running, PilotStage.Evaluating), (PilotStage.Evaluating, PilotStage.Adopted),
        ]);
        history.Items.Select(h => h.Note).ShouldBe(["vaihe 1", "vaihe 2", "vaihe 3", "vaihe 4", null]);
        history.Items.Select(h => h.Seq).ShouldBe([1, 2, 3, 4, 5]);
        history.Items.ShouldAllBe(h => h.ActorName == "Administrator" && h.ActorId != null && h.At == Factory.Clock!.GetUtcNow());
    }

    [Theory]
    [MemberData(nameof(PilotCases.AllStages), MemberType = typeof(PilotCases))]
    public async Task Every_illegal_move_is_409_with_the_allowed_stages_and_changes_nothing(string from)
    {
        var (admin, owner) = await SetupAsync();
        var pilot = await PilotRequests.WalkToAsync(admin, owner, from);
        var allowed = PilotStages.Allowed(EnumParse(from)).Select(PilotStages.Name).ToArray();
        foreach (var to in Enum.GetValues<PilotStage>().Select(PilotStages.Name).Except(allowed))
        {
            var problem = await Transition(admin, pilot.Id, new { to, note = "yritys" }).ShouldBeProblem(HttpStatusCode.Conflict);
            problem.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()).ShouldBe(allowed, $"{from} → {to}");
            problem.GetProperty("detail").GetString().ShouldNotBeNullOrEmpty();
        }
        var after = await (await admin.GetAsync($"/api/v1/pilots/{pilot.Id}")).ReadAsync<PilotResponse>();
        after.Version.ShouldBe(pilot.Version);
        after.Stage.ShouldBe(EnumParse(from));
    }

    [Theory]
    [MemberData(nameof(PilotCases.NonFinalStages), MemberType = typeof(PilotCases))]
    public async Task Any_non_final_stage_may_be_discontinued_setting_ended_on(string from)
    {
        var (admin, owner) = await SetupAsync();
        var pilot = await PilotRequests.WalkToAsync(admin, owner, from);
        if (from == "evaluating")
        {
            var body = PilotRequests.Body(owner);
            body["startedOn"] = PilotRequests.Date(pilot.StartedOn);
            body["evaluation"] = new { results = "Tavoitteet eivät toteutuneet.", impact = (string?)null, learnings = (string?)null, recommendation = (string?)null };
            await admin.PutJsonAsync($"/api/v1/pilots/{pilot.Id}", body).ShouldBe(HttpStatusCode.OK);
        }
        var discontinued = await PilotRequests.MoveAsync(admin, pilot.Id, "discontinued", "Rahoitus päättyi");
        discontinued.Stage.ShouldBe(PilotStage.Discontinued);
        discontinued.EndedOn.ShouldBe(FinnishToday);
        var history = await (await admin.GetAsync($"/api/v1/pilots/{pilot.Id}/history")).ReadAsync<PilotHistory>();
        history.Items[^1].ShouldBe(history.Items[^1] with { From = EnumParse(from), To = PilotStage.Discontinued, Note = "Rahoitus päättyi" });
    }

    [Theory]
    [InlineData("idea")]
    [InlineData("decided")]
    [InlineData("preparing")]
    [InlineData("running")]
    public async Task Discontinuing_before_evaluation_without_a_note_is_400_naming_note(string from)
    {
        var (admin, owner) = await SetupAsync();
        var pilot = await PilotRequests.WalkToAsync(admin, owner, from);
        await Transition(admin, pilot.Id, new { to = "discontinued" }).ShouldBeProblem(HttpStatusCode.BadRequest, "note");
        await Transition(admin, pilot.Id, new { to = "discontinued", note = "   " }).ShouldBeProblem(HttpStatusCode.BadRequest, "note");
        (await (await admin.GetAsync($"/api/v1/pilots/{pilot.Id}")).ReadAsync<PilotResponse>()).Stage.ShouldBe(EnumParse(from));
    }

    [Theory]
    [InlineData("adopted")]
    [InlineData("discontinued")]
    public async Task Leaving_evaluating_without_evaluation_results_is_409_even_with_a_note(string to)
    {
        var (admin, owner) = await SetupAsync();
        var pilot = await PilotRequests.WalkToAsync(admin, owner, "evaluating");
        var problem = await Transition(admin, pilot.Id, new { to, note = "Valmis" }).ShouldBeProblem(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString()!.ShouldContain("evaluation.results");
        (await (await admin.GetAsync($"/api/v1/pilots/{pilot.Id}")).ReadAsync<PilotResponse>()).Stage.ShouldBe(PilotStage.Evaluating);
    }

    [Fact]
    public async Task Running_keeps_a_started_on_already_recorded_and_a_final_stage_keeps_ended_on()
    {
        var (admin, owner) = await SetupAsync();
        var body = PilotRequests.Body(owner);
        body["startedOn"] = "2026-03-09";
        body["endedOn"] = "2026-10-31";
        var pilot = await PilotRequests.WalkToAsync(admin, owner, "running", body);
        pilot.StartedOn.ShouldBe(new DateOnly(2026, 3, 9));
        var ended = await PilotRequests.MoveAsync(admin, pilot.Id, "discontinued", "Kumppani vetäytyi");
        ended.EndedOn.ShouldBe(new DateOnly(2026, 10, 31));
    }

    [Fact]
    public async Task Evaluating_needs_started_on()
    {
        var (admin, owner) = await SetupAsync();
        var body = PilotRequests.Body(owner);
        var pilot = await PilotRequests.WalkToAsync(admin, owner, "running", body);
        body["startedOn"] = null;
        await admin.PutJsonAsync($"/api/v1/pilots/{pilot.Id}", body).ShouldBe(HttpStatusCode.OK);
        var problem = await Transition(admin, pilot.Id, new { to = "evaluating" }).ShouldBeProblem(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString()!.ShouldContain("startedOn");
        body["startedOn"] = "2026-04-01";
        await admin.PutJsonAsync($"/api/v1/pilots/{pilot.Id}", body).ShouldBe(HttpStatusCode.OK);
        (await PilotRequests.MoveAsync(admin, pilot.Id, "evaluating")).StartedOn.ShouldBe(new DateOnly(2026, 4, 1));
    }

    [Theory]
    [InlineData("adopted")]
    [InlineData("discontinued")]
    public async Task A_final_stage_is_read_only_for_put(string final)
    {
        var (admin, owner) = await SetupAsync();
        var pilot = await PilotRequests.WalkToAsync(admin, owner, final);
        var body = PilotRequests.Body(owner, "Muutettu otsikko");
        await admin.PutJsonAsync($"/api/v1/pilots/{pilot.Id}", body).ShouldBeProblem(HttpStatusCode.Conflict);
        var after = await (await admin.GetAsync($"/api/v1/pilots/{pilot.Id}")).ReadAsync<PilotResponse>();
        after.Title.ShouldBe(pilot.Title);
        after.Version.ShouldBe(pilot.Version);
    }

    [Fact]
    public async Task Put_ignores_stage_keeps_metric_ids_adds_new_ones_and_removes_those_left_out()
    {
        var (admin, owner) = await SetupAsync();
        var pilot = await PilotRequests.CreateAsync(admin, PilotRequests.Body(owner));
        var kept = pilot.Metrics[1];
        var body = PilotRequests.Body(owner, "Penkkikahvila (tarkennettu)");
        body["stage"] = "adopted";
        body["metrics"] = new object[]
        {
            new { id = kept.Id, name = "Keskimääräinen läsnäolo", unit = "%", baseline = 55, target = 75, actual = 78 },
            new { name = "Kahvilan asiakkaat", unit = "kävijää/viikko", baseline = 0, target = 80, actual = (decimal?)null },
        };
        var updated = await (await admin.PutJsonAsync($"/api/v1/pilots/{pilot.Id}", body, "\"1\"").ShouldBe(HttpStatusCode.OK)).ReadAsync<PilotResponse>();
        updated.Stage.ShouldBe(PilotStage.Idea);
        updated.Version.ShouldBe(2);
        updated.Title.ShouldBe("Penkkikahvila (tarkennettu)");
        updated.Metrics.Count.ShouldBe(2);
        updated.Metrics[0].ShouldBe(new PilotMetric(kept.Id, "Keskimääräinen läsnäolo", "%", 55m, 75m, 78m));
        updated.Metrics[1].Id.ShouldNotBe(pilot.Metrics[0].Id);
        updated.Metrics[1].Name.ShouldBe("Kahvilan asiakkaat");

        body["metrics"] = new object[] { new { id = Guid.CreateVersion7(), name = "Vieras", unit = (string?)null, baseline = 1, target = 2, actual = 3 } };
        await admin.PutJsonAsync($"/api/v1/pilots/{pilot.Id}", body).ShouldBeProblem(HttpStatusCode.BadRequest, "metrics[0].id");
    }

    [Fact]
    public async Task Etags_give_304_on_an_unchanged_get_and_412_on_a_stale_put_transition_or_delete()
    {
        var (admin, owner) = await SetupAsync();
        var pilot = await PilotRequests.CreateAsync(admin, PilotRequests.Body(owner));
        (await admin.GetAsync($"/api/v1/pilots/{pilot.Id}", "\"1\"")).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        using (var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/pilots/{pilot.Id}/transitions")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { to = "decided" }),
        })
        {
            request.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            var moved = await (await admin.SendAsync(request)).ShouldBe(HttpStatusCode.OK);
            moved.Headers.ETag!.Tag.ShouldBe("\"2\"");
        }
        using (var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/pilots/{pilot.Id}/transitions")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { to = "preparing" }),
        })
        {
            stale.Headers.TryAddWithoutValidation("If-Match", "\"1\"");
            await Task.FromResult(await admin.SendAsync(stale)).ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        }
        await admin.PutJsonAsync($"/api/v1/pilots/{pilot.Id}", PilotRequests.Body(owner, "Kadonnut päivitys"), "\"1\"")
            .ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        await admin.DeleteAsync($"/api/v1/pilots/{pilot.Id}", "\"1\"").ShouldBeProblem(HttpStatusCode.PreconditionFailed);
        (await admin.GetAsync($"/api/v1/pilots/{pilot.Id}", "\"1\"")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var current = await (await admin.GetAsync($"/api/v1/pilots/{pilot.Id}")).ReadAsync<PilotResponse>();
        (current.Stage, current.Version, current.Title).ShouldBe((PilotStage.Decided, 2L, pilot.Title));
    }

    [Fact]
    public async Task Delete_archives_the_pilot_so_get_and_history_are_404_and_lists_hide_it()
    {
        var (admin, owner) = await SetupAsync("905");
        var pilot = await PilotRequests.CreateAsync(admin, PilotRequests.Body(owner, municipality: "905"));
        await admin.DeleteAsync($"/api/v1/pilots/{pilot.Id}", "\"1\"").ShouldBe(HttpStatusCode.NoContent);
        await admin.GetAsync($"/api/v1/pilots/{pilot.Id}").ShouldBeProblem(HttpStatusCode.NotFound);
        await admin.GetAsync($"/api/v1/pilots/{pilot.Id}/history").ShouldBeProblem(HttpStatusCode.NotFound);
        await Transition(admin, pilot.Id, new { to = "decided" }).ShouldBeProblem(HttpStatusCode.NotFound);
        var page = await (await admin.GetAsync("/api/v1/pilots?municipality=905")).ReadAsync<PilotPage>();
        page.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Filters_by_theme_stage_municipality_member_partnership_and_q()
    {
        var admin = await Factory.AdminAsync();
        var msl = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Maaseudun Sivistysliitto ry", "425"));
        var liminka = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Limingan kunta", "425", "municipality"));
        var other = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Muu Yhdistys ry", "425"));
        var partnership = await PilotRequests.CreatePartnershipAsync(Factory, "425");

        var work = await PilotRequests.CreateAsync(admin, PilotRequests.Body(msl.Id, "Työkokeilu ÄÄNEKOSKELLA", "work", "425", partnership));
        var wellbeing = await PilotRequests.CreateAsync(admin, PilotRequests.Body(liminka.Id, "Perheliikunta", "wellbeing", "425", null, msl.Id));
        var elsewhere = await PilotRequests.CreateAsync(admin, PilotRequests.Body(other.Id, "Äänekosken kyläily", "leisure", "992"));
        await PilotRequests.MoveAsync(admin, wellbeing.Id, "decided");

        async Task<IEnumerable<Guid>> Ids(string query) =>
            (await (await admin.GetAsync($"/api/v1/pilots?{query}").ShouldBe(HttpStatusCode.OK)).ReadAsync<PilotPage>()).Items.Select(p => p.Id);

        (await Ids("municipality=425")).ShouldBe([work.Id, wellbeing.Id], ignoreOrder: true);
        (await Ids("municipality=992")).ShouldBe([elsewhere.Id]);
        (await Ids("municipality=425&theme=wellbeing")).ShouldBe([wellbeing.Id]);
        (await Ids("municipality=425&stage=decided")).ShouldBe([wellbeing.Id]);
        (await Ids("municipality=425&stage=idea")).ShouldBe([work.Id]);
        (await Ids($"member={msl.Id}")).ShouldBe([work.Id, wellbeing.Id], ignoreOrder: true);
        (await Ids($"member={liminka.Id}")).ShouldBe([wellbeing.Id]);
        (await Ids($"member={other.Id}&municipality=425")).ShouldBeEmpty();
        (await Ids($"partnership={partnership}")).ShouldBe([work.Id]);
        (await Ids("q=%C3%A4%C3%A4nekosk")).ShouldBe([work.Id, elsewhere.Id], ignoreOrder: true);
        (await Ids("q=aanekosk")).ShouldBeEmpty();
        (await Ids("q=PERHELIIKUNTA&theme=wellbeing")).ShouldBe([wellbeing.Id]);
    }

    [Fact]
    public async Task Keyset_paging_visits_every_pilot_once_in_id_order_and_pages_carry_etags()
    {
        var (admin, owner) = await SetupAsync("777");
        var created = new List<Guid>();
        for (var i = 0; i < 7; i++)
        {
            created.Add((await PilotRequests.CreateAsync(admin, PilotRequests.Body(owner, $"Kokeilu {i}", municipality: "777"))).Id);
        }
        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            var url = "/api/v1/pilots?municipality=777&limit=3" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}");
            var response = await admin.GetAsync(url).ShouldBe(HttpStatusCode.OK);
            var page = await response.ReadAsync<PilotPage>();
            page.Items.Count.ShouldBeLessThanOrEqualTo(3);
            seen.AddRange(page.Items.Select(p => p.Id));
            cursor = page.NextCursor;
            (await admin.GetAsync(url, response.Headers.ETag!.Tag)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
        }
        while (cursor is not null);
        seen.ShouldBe(created.Order().ToList());
    }

    [Fact]
    public async Task Anonymous_callers_get_401_and_viewers_read_but_cannot_write()
    {
        var (admin, owner) = await SetupAsync();
        var pilot = await PilotRequests.CreateAsync(admin, PilotRequests.Body(owner));
        var anonymous = Factory.Anonymous();
        await anonymous.GetAsync("/api/v1/pilots").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await anonymous.GetAsync($"/api/v1/pilots/{pilot.Id}").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await anonymous.GetAsync($"/api/v1/pilots/{pilot.Id}/history").ShouldBeProblem(HttpStatusCode.Unauthorized);
        await anonymous.PostJsonAsync("/api/v1/pilots", PilotRequests.Body(owner)).ShouldBeProblem(HttpStatusCode.Unauthorized);
        await Transition(anonymous, pilot.Id, new { to = "decided" }).ShouldBeProblem(HttpStatusCode.Unauthorized);

        var viewer = await Factory.AsAsync("viewer");
        await viewer.GetAsync($"/api/v1/pilots/{pilot.Id}").ShouldBe(HttpStatusCode.OK);
        await viewer.GetAsync($"/api/v1/pilots/{pilot.Id}/history").ShouldBe(HttpStatusCode.OK);
        await viewer.GetAsync("/api/v1/pilots").ShouldBe(HttpStatusCode.OK);
        await viewer.PostJsonAsync("/api/v1/pilots", PilotRequests.Body(owner)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await viewer.PutJsonAsync($"/api/v1/pilots/{pilot.Id}", PilotRequests.Body(owner)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await Transition(viewer, pilot.Id, new { to = "decided" }).ShouldBeProblem(HttpStatusCode.Forbidden);
        await viewer.DeleteAsync($"/api/v1/pilots/{pilot.Id}", null).ShouldBeProblem(HttpStatusCode.Forbidden);
        (await (await admin.GetAsync($"/api/v1/pilots/{pilot.Id}")).ReadAsync<PilotResponse>()).Version.ShouldBe(1);
    }

    [Fact]
    public async Task A_member_editor_creates_and_edits_pilots_its_member_owns_and_nothing_else()
    {
        var admin = await Factory.AdminAsync();
        var own = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Nuorten Tapahtumat ry", "625"));
        var otherMember = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Pyhäjoen kunta", "625", "municipality"));
        var editor = await Factory.AsAsync("member_editor", own.Id);

        var mine = await PilotRequests.CreateAsync(editor, PilotRequests.Body(own.Id, "Nuorten oma tapahtumatiimi", "leisure", "625", null, otherMember.Id));
        await editor.PostJsonAsync("/api/v1/pilots", PilotRequests.Body(otherMember.Id)).ShouldBeProblem(HttpStatusCode.Forbidden);

        var renamed = PilotRequests.Body(own.Id, "Nuorten tapahtumatiimi 2.0", "leisure", "625");
        (await (await editor.PutJsonAsync($"/api/v1/pilots/{mine.Id}", renamed).ShouldBe(HttpStatusCode.OK)).ReadAsync<PilotResponse>())
            .Title.ShouldBe("Nuorten tapahtumatiimi 2.0");
        (await PilotRequests.MoveAsync(editor, mine.Id, "decided")).Stage.ShouldBe(PilotStage.Decided);

        // Handing the pilot to another member would take it out of the editor's hands: refused.
        await editor.PutJsonAsync($"/api/v1/pilots/{mine.Id}", PilotRequests.Body(otherMember.Id)).ShouldBeProblem(HttpStatusCode.Forbidden);

        // Being on another member's team is not ownership.
        var theirs = await PilotRequests.CreateAsync(admin, PilotRequests.Body(otherMember.Id, "Kunnan kokeilu", "work", "625", null, own.Id));
        await editor.PutJsonAsync($"/api/v1/pilots/{theirs.Id}", PilotRequests.Body(otherMember.Id)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await editor.PutJsonAsync($"/api/v1/pilots/{theirs.Id}", PilotRequests.Body(own.Id)).ShouldBeProblem(HttpStatusCode.Forbidden);
        await Transition(editor, theirs.Id, new { to = "decided" }).ShouldBeProblem(HttpStatusCode.Forbidden);
        await editor.DeleteAsync($"/api/v1/pilots/{mine.Id}", null).ShouldBeProblem(HttpStatusCode.Forbidden);
        await editor.GetAsync($"/api/v1/pilots/{theirs.Id}").ShouldBe(HttpStatusCode.OK);

        var staff = await Factory.AsAsync("staff");
        await staff.PutJsonAsync($"/api/v1/pilots/{theirs.Id}", PilotRequests.Body(otherMember.Id, "Henkilöstön muokkaus")).ShouldBe(HttpStatusCode.OK);
        (await (await admin.GetAsync($"/api/v1/pilots/{theirs.Id}")).ReadAsync<PilotResponse>()).Version.ShouldBe(2);
    }

    [Fact]
    public async Task Ids_inside_the_body_that_do_not_exist_are_400_naming_the_field()
    {
        var (admin, owner) = await SetupAsync();
        await admin.PostJsonAsync("/api/v1/pilots", PilotRequests.Body(Guid.CreateVersion7())).ShouldBeProblem(HttpStatusCode.BadRequest, "ownerMemberId");
        await admin.PostJsonAsync("/api/v1/pilots", PilotRequests.Body(owner, team: Guid.CreateVersion7()))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "team[0].memberId");
        await admin.PostJsonAsync("/api/v1/pilots", PilotRequests.Body(owner, partnership: Guid.CreateVersion7()))
            .ShouldBeProblem(HttpStatusCode.BadRequest, "partnershipId");

        var archived = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Lopettanut Yhdistys ry"));
        await admin.DeleteAsync($"/api/v1/members/{archived.Id}", null).ShouldBe(HttpStatusCode.NoContent);
        await admin.PostJsonAsync("/api/v1/pilots", PilotRequests.Body(archived.Id)).ShouldBeProblem(HttpStatusCode.BadRequest, "ownerMemberId");
        var page = await (await admin.GetAsync($"/api/v1/pilots?member={owner}")).ReadAsync<PilotPage>();
        page.Items.ShouldBeEmpty();
    }

    [Theory]
    [MemberData(nameof(PilotCases.BadBodies), MemberType = typeof(PilotCases))]
    public async Task Bad_json_is_400_naming_the_field(string json, string field, string because)
    {
        var admin = await Factory.AdminAsync();
        var problem = await admin.PostRawAsync("/api/v1/pilots", json).ShouldBeProblem(HttpStatusCode.BadRequest, field);
        problem.GetProperty("errors").ValueKind.ShouldBe(JsonValueKind.Object, because);
    }

    [Fact]
    public async Task Invalid_fields_are_400_naming_each_field()
    {
        var (admin, owner) = await SetupAsync();
        async Task Expect(Action<Dictionary<string, object?>> change, string field)
        {
            var body = PilotRequests.Body(owner);
            change(body);
            await admin.PostJsonAsync("/api/v1/pilots", body).ShouldBeProblem(HttpStatusCode.BadRequest, field);
        }
        await Expect(b => b["title"] = new string('x', 201), "title");
        await Expect(b => b["title"] = " ", "title");
        await Expect(b => b.Remove("theme"), "theme");
        await Expect(b => b["municipalityCode"] = "Oulu", "municipalityCode");
        await Expect(b => b.Remove("ownerMemberId"), "ownerMemberId");
        await Expect(b => b["problem"] = new string('x', 4001), "problem");
        await Expect(b => b["budgetEur"] = -1, "budgetEur");
        await Expect(b => b["plannedEnd"] = "2026-04-01", "plannedEnd");
        await Expect(b => { b["startedOn"] = "2026-05-02"; b["endedOn"] = "2026-05-01"; }, "endedOn");
        await Expect(b => b["team"] = new[] { new { memberId = owner, role = "a" }, new { memberId = owner, role = "b" } }, "team");
        await Expect(b => b["team"] = new[] { new { memberId = (Guid?)null, role = "a" } }, "team[0].memberId");
        await Expect(b => b["metrics"] = new[] { new { name = "" } }, "metrics[0].name");
        await Expect(b => b["evaluation"] = new { results = new string('x', 4001) }, "evaluation.results");
    }

    [Fact]
    public async Task Bad_transitions_queries_and_ids_are_400_or_404()
    {
        var (admin, owner) = await SetupAsync();
        var pilot = await PilotRequests.CreateAsync(admin, PilotRequests.Body(owner));
        await Transition(admin, pilot.Id, new { to = "launched" }).ShouldBeProblem(HttpStatusCode.BadRequest, "to");
        await Transition(admin, pilot.Id, new { note = "ilman kohdetta" }).ShouldBeProblem(HttpStatusCode.BadRequest, "to");
        await Transition(admin, pilot.Id, new { to = "decided", note = new string('x', 2001) }).ShouldBeProblem(HttpStatusCode.BadRequest, "note");
        await Transition(admin, Guid.CreateVersion7(), new { to = "decided" }).ShouldBeProblem(HttpStatusCode.NotFound);
        await admin.PostRawAsync($"/api/v1/pilots/{pilot.Id}/transitions", "to=decided", "application/x-www-form-urlencoded")
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);

        await admin.GetAsync($"/api/v1/pilots/{Guid.CreateVersion7()}").ShouldBeProblem(HttpStatusCode.NotFound);
        await admin.GetAsync("/api/v1/pilots/not-a-guid").ShouldBe(HttpStatusCode.NotFound);
        await admin.PutJsonAsync($"/api/v1/pilots/{Guid.CreateVersion7()}", PilotRequests.Body(owner)).ShouldBeProblem(HttpStatusCode.NotFound);
        await admin.GetAsync("/api/v1/pilots?theme=fun").ShouldBeProblem(HttpStatusCode.BadRequest, "theme");
        await admin.GetAsync("/api/v1/pilots?stage=launched").ShouldBeProblem(HttpStatusCode.BadRequest, "stage");
        await admin.GetAsync("/api/v1/pilots?municipality=Oulu").ShouldBeProblem(HttpStatusCode.BadRequest, "municipality");
        await admin.GetAsync("/api/v1/pilots?member=abc").ShouldBeProblem(HttpStatusCode.BadRequest, "member");
        await admin.GetAsync("/api/v1/pilots?partnership=abc").ShouldBeProblem(HttpStatusCode.BadRequest, "partnership");
        await admin.GetAsync("/api/v1/pilots?limit=0").ShouldBeProblem(HttpStatusCode.BadRequest, "limit");
        await admin.GetAsync("/api/v1/pilots?limit=201").ShouldBeProblem(HttpStatusCode.BadRequest, "limit");
        await admin.GetAsync("/api/v1/pilots?limit=many").ShouldBeProblem(HttpStatusCode.BadRequest, "limit");
        await admin.GetAsync("/api/v1/pilots?cursor=bm90LWEtY3Vyc29y").ShouldBeProblem(HttpStatusCode.BadRequest, "cursor");
        var membersCursor = (await (await admin.GetAsync("/api/v1/members?limit=1")).ReadAsync<Api.Features.Members.MemberPage>()).NextCursor;
        if (membersCursor is not null)
        {
            await admin.GetAsync($"/api/v1/pilots?cursor={Uri.EscapeDataString(membersCursor)}").ShouldBeProblem(HttpStatusCode.BadRequest, "cursor");
        }
        await admin.GetAsync($"/api/v1/pilots?q={new string('x', 201)}").ShouldBeProblem(HttpStatusCode.BadRequest, "q");
    }

    private static PilotStage EnumParse(string stage) => Api.Infrastructure.Http.EnumText.Parse<PilotStage>(stage);
}

public static class PilotCases
{
    public static TheoryData<string> NonFinalStages => new() { "idea", "decided", "preparing", "running", "evaluating" };

    public static TheoryData<string> AllStages => new() { "idea", "decided", "preparing", "running", "evaluating", "adopted", "discontinued" };

    public static TheoryData<string, string, string> BadBodies => new()
    {
        { "{\"title\": \"Kokeilu\", ", "body", "malformed JSON" },
        { "{\"title\": 42, \"theme\": \"work\"}", "title", "wrong type" },
        { "{\"title\": \"Kokeilu\", \"theme\": \"fun\"}", "theme", "unknown enum" },
        { "{\"title\": \"Kokeilu\", \"theme\": \"work\", \"budgetEur\": \"lots\"}", "budgetEur", "wrong type" },
        { "{\"title\": \"Kokeilu\", \"theme\": \"work\", \"plannedStart\": \"1.5.2026\"}", "plannedStart", "bad date" },
        { "{\"title\": \"Kokeilu\", \"theme\": \"work\", \"ownerMemberId\": \"not-a-guid\"}", "ownerMemberId", "bad id" },
    };
}

public sealed class PilotsSqliteTests(SqliteApiFactory factory) : PilotsContract<SqliteApiFactory>(factory);

public sealed class PilotsSqlServerTests(SqlServerApiFactory factory) : PilotsContract<SqlServerApiFactory>(factory);
