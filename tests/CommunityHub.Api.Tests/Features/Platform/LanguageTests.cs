using System.Net;
using System.Text.Json;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Platform;

/// <summary>The API answers in Finnish or English by Accept-Language; Finnish when neither is asked for.</summary>
public sealed class LanguageTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    private static readonly Guid Missing = Guid.Parse("01900000-0000-7000-8000-000000000001");

    [Theory]
    [InlineData("fi")]
    [InlineData("fi-FI")]
    [InlineData(null)]
    [InlineData("de")]
    public async Task A_bad_member_body_is_described_in_finnish_unless_english_is_asked_for(string? language)
    {
        var admin = Speaking(await factory.AdminAsync(), language);
        var body = MemberRequests.Body("Kielitestin Yhdistys ry");
        body.Remove("kind");
        body["municipalityCode"] = "";

        var response = await admin.PostJsonAsync("/api/v1/members", body);
        var problem = await Task.FromResult(response).ShouldBeProblem(HttpStatusCode.BadRequest, "kind");

        response.Content.Headers.ContentLanguage.ShouldBe(["fi"]);
        problem.GetProperty("title").GetString().ShouldBe("Yksi tai useampi kenttä on virheellinen.");
        problem.GetProperty("detail").GetString().ShouldBe("Korjattavat kentät on lueteltu kohdassa errors.");
        var errors = problem.GetProperty("errors");
        Messages(errors, "kind").ShouldBe(["Jäsentyyppi on pakollinen: yhdistys, kunta, yritys, säätiö, viranomainen, muu."]);
        // FluentValidation's own Finnish text for a built-in rule, naming the field as the form does.
        Messages(errors, "municipalityCode").ShouldBe(["'Kunta' ei voi olla tyhjä."]);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("en-GB")]
    [InlineData("en-US,fi;q=0.5")]
    public async Task A_bad_member_body_is_described_in_english_when_asked_for(string language)
    {
        var admin = Speaking(await factory.AdminAsync(), language);
        var body = MemberRequests.Body("Language Test Association");
        body.Remove("kind");
        body["municipalityCode"] = "";

        var response = await admin.PostJsonAsync("/api/v1/members", body);
        var problem = await Task.FromResult(response).ShouldBeProblem(HttpStatusCode.BadRequest, "kind");

        response.Content.Headers.ContentLanguage.ShouldBe(["en"]);
        problem.GetProperty("title").GetString().ShouldBe("One or more fields are invalid.");
        var errors = problem.GetProperty("errors");
        Messages(errors, "kind").ShouldBe(["Kind is required: one of association, municipality, company, foundation, public authority, other."]);
        Messages(errors, "municipalityCode").ShouldBe(["'municipalityCode' must not be empty."]);
    }

    [Fact]
    public async Task Not_found_problems_are_in_finnish()
    {
        var admin = Speaking(await factory.AdminAsync(), "fi");

        var member = await admin.GetAsync($"/api/v1/members/{Missing}").ShouldBeProblem(HttpStatusCode.NotFound);
        member.GetProperty("title").GetString().ShouldBe("Ei löytynyt");
        member.GetProperty("detail").GetString().ShouldBe($"Jäsentä '{Missing}' ei löytynyt.");

        // A bare 404 of the framework (no such route) gets the same title and a Finnish detail from the status pages.
        var path = await admin.GetAsync("/api/v1/no-such-thing").ShouldBeProblem(HttpStatusCode.NotFound);
        path.GetProperty("title").GetString().ShouldBe("Ei löytynyt");
        path.GetProperty("detail").GetString().ShouldBe("Tästä osoitteesta ei löydy mitään.");
    }

    [Fact]
    public async Task Bare_statuses_get_a_title_and_detail_in_the_request_language()
    {
        var anonymous = Speaking(factory.Anonymous(), null);
        var response = await anonymous.GetAsync("/api/v1/users");
        var problem = await Task.FromResult(response).ShouldBeProblem(HttpStatusCode.Unauthorized);
        response.Content.Headers.ContentLanguage.ShouldBe(["fi"]);
        problem.GetProperty("title").GetString().ShouldBe("Kirjautuminen puuttuu");
        problem.GetProperty("detail").GetString().ShouldBe("Kirjaudu sisään tai lähetä voimassa oleva API-avain.");

        var english = await Speaking(factory.Anonymous(), "en").GetAsync("/api/v1/users").ShouldBeProblem(HttpStatusCode.Unauthorized);
        english.GetProperty("detail").GetString().ShouldBe("Sign in, or send a valid API key.");
    }

    [Fact]
    public async Task Malformed_values_are_described_in_finnish()
    {
        var admin = Speaking(await factory.AdminAsync(), "fi");
        var body = MemberRequests.Body("Kielitestin Säätiö");
        body["kind"] = "public authority";
        var problem = await admin.PostJsonAsync("/api/v1/members", body).ShouldBeProblem(HttpStatusCode.BadRequest, "kind");
        Messages(problem.GetProperty("errors"), "kind").ShouldBe(["Arvo on väärää tyyppiä tai ei ole mikään sallituista arvoista."]);

        var limit = await admin.GetAsync("/api/v1/members?limit=abc").ShouldBeProblem(HttpStatusCode.BadRequest, "limit");
        Messages(limit.GetProperty("errors"), "limit").ShouldBe(["Arvo ei kelpaa kohtaan 'limit'."]);
    }

    [Fact]
    public async Task The_sign_in_lockout_is_explained_in_finnish()
    {
        await using var own = new SqliteApiFactory();
        var anonymous = Speaking(own.Anonymous(), "fi");
        for (var i = 0; i < 5; i++)
        {
            var failed = await anonymous.PostJsonAsync("/api/v1/auth/token", new { email = ApiFactory.AdminEmail, password = $"arvaus-{i}-xxxxx" })
                .ShouldBeProblem(HttpStatusCode.Unauthorized);
            failed.GetProperty("detail").GetString().ShouldBe("Sähköpostiosoite tai salasana on väärin.");
        }

        var limited = await anonymous.PostJsonAsync("/api/v1/auth/token", new { email = ApiFactory.AdminEmail, password = ApiFactory.AdminPassword })
            .ShouldBeProblem(HttpStatusCode.TooManyRequests);
        limited.GetProperty("title").GetString().ShouldBe("Liian monta pyyntöä");
        limited.GetProperty("detail").GetString().ShouldBe("Liian monta epäonnistunutta kirjautumisyritystä. Yritä myöhemmin uudelleen.");
    }

    [Fact]
    public async Task Conflicts_name_states_with_the_words_of_the_web_app()
    {
        var admin = await factory.AdminAsync();
        var partnership = await Partnerships.PartnershipRequests.CreateAsync(admin, "854");
        var finnish = await Partnerships.PartnershipRequests.TransitionAsync(Speaking(admin, "fi"), partnership.Id, "ended")
            .ShouldBeProblem(HttpStatusCode.Conflict);
        finnish.GetProperty("title").GetString().ShouldBe("Ristiriita");
        finnish.GetProperty("detail").GetString()
            .ShouldBe("Kumppanuutta ei voi siirtää vaiheesta ”luonnos” vaiheeseen ”päättynyt”; sallitut: neuvotteilla, peruttu.");
        // Codes in the problem's extensions stay codes: they are for programs.
        finnish.GetProperty("allowed").EnumerateArray().Select(a => a.GetString()).ShouldBe(["negotiation", "cancelled"]);

        var english = await Partnerships.PartnershipRequests.TransitionAsync(Speaking(admin, "en"), partnership.Id, "ended")
            .ShouldBeProblem(HttpStatusCode.Conflict);
        english.GetProperty("detail").GetString().ShouldBe("A partnership that is draft cannot move to ended; allowed: in negotiation, cancelled.");
    }

    private static HttpClient Speaking(HttpClient client, string? language)
    {
        client.DefaultRequestHeaders.AcceptLanguage.Clear();
        if (language is not null)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation("Accept-Language", language);
        }
        return client;
    }

    private static string[] Messages(JsonElement errors, string field) =>
        errors.GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToArray();
}
