using System.Net;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Members;

/// <summary>Every class of bad input is a problem+json 400/404/415 naming the field — never a 500 — and changes nothing.</summary>
public abstract class MemberInputContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    [Fact]
    public async Task Malformed_json_is_400()
    {
        var admin = await Factory.AdminAsync();
        await admin.PostRawAsync("/api/v1/members", """{"name": "Oulun""").ShouldBeProblem(HttpStatusCode.BadRequest);
        await admin.PostRawAsync("/api/v1/members", "not json").ShouldBeProblem(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Wrong_type_names_the_field()
    {
        var admin = await Factory.AdminAsync();
        await admin.PostRawAsync("/api/v1/members", """{"name": 5, "kind": "association", "municipalityCode": "564"}""")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "name");
        await admin.PostRawAsync("/api/v1/members", """{"name": "Testi ry", "kind": "association", "municipalityCode": "564", "sectors": "youth"}""")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "sectors");
        await admin.PostRawAsync("/api/v1/members", """{"name": "Testi ry", "kind": "association", "municipalityCode": "564", "membership": {"joinedOn": "15.1.2020"}}""")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "membership.joinedOn");
    }

    [Fact]
    public async Task Unknown_enum_values_name_the_field()
    {
        var admin = await Factory.AdminAsync();
        await admin.PostRawAsync("/api/v1/members", """{"name": "Testi ry", "kind": "club", "municipalityCode": "564"}""")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "kind");
        await admin.PostRawAsync("/api/v1/members", """{"name": "Testi ry", "kind": "association", "municipalityCode": "564", "sectors": ["youth", "space"]}""")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "sectors[1]");
        await admin.PostRawAsync("/api/v1/members", """{"name": "Testi ry", "kind": 1, "municipalityCode": "564"}""")
            .ShouldBeProblem(HttpStatusCode.BadRequest, "kind");
        await Factory.Anonymous().GetAsync("/api/v1/members?kind=club").ShouldBeProblem(HttpStatusCode.BadRequest, "kind");
        await Factory.Anonymous().GetAsync("/api/v1/members?sector=space").ShouldBeProblem(HttpStatusCode.BadRequest, "sector");
        await Factory.Anonymous().GetAsync("/api/v1/members?status=gone").ShouldBeProblem(HttpStatusCode.BadRequest, "status");
    }

    [Fact]
    public async Task Oversize_and_out_of_shape_strings_name_their_fields()
    {
        var admin = await Factory.AdminAsync();
        var body = MemberRequests.Body(new string('Ä', 201));
        body["website"] = "ftp://example.fi";
        body["municipalityCode"] = "5640";
        body["description"] = new string('x', 4001);
        body["address"] = new { street = "Katu 1", postalCode = "9010", city = "Oulu" };
        var problem = await admin.PostJsonAsync("/api/v1/members", body).ShouldBeProblem(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "name", "website", "municipalityCode", "description", "address.postalCode" })
        {
            errors.TryGetProperty(field, out _).ShouldBeTrue($"errors should name {field}: {errors}");
        }
    }

    [Fact]
    public async Task Invalid_business_id_check_digit_is_400()
    {
        var admin = await Factory.AdminAsync();
        var body = MemberRequests.Body("Tarkiste ry");
        body["businessId"] = "0737546-3";
        await admin.PostJsonAsync("/api/v1/members", body).ShouldBeProblem(HttpStatusCode.BadRequest, "businessId");
    }

    [Fact]
    public async Task Missing_required_fields_are_named()
    {
        var admin = await Factory.AdminAsync();
        var problem = await admin.PostRawAsync("/api/v1/members", "{}").ShouldBeProblem(HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        foreach (var field in new[] { "name", "kind", "municipalityCode" })
        {
            errors.TryGetProperty(field, out _).ShouldBeTrue($"errors should name {field}: {errors}");
        }
        await admin.PostRawAsync("/api/v1/members", "").ShouldBeProblem(HttpStatusCode.BadRequest, "body");
    }

    [Fact]
    public async Task Bad_ids_are_404()
    {
        var admin = await Factory.AdminAsync();
        await admin.GetAsync("/api/v1/members/not-a-guid").ShouldBeProblem(HttpStatusCode.NotFound);
        await admin.GetAsync($"/api/v1/members/{Guid.CreateVersion7()}").ShouldBeProblem(HttpStatusCode.NotFound);
        await admin.PutJsonAsync($"/api/v1/members/{Guid.CreateVersion7()}", MemberRequests.Body("Ei ole ry")).ShouldBeProblem(HttpStatusCode.NotFound);
        await admin.DeleteAsync($"/api/v1/members/{Guid.CreateVersion7()}").ShouldBeProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_paging_is_400()
    {
        var anonymous = Factory.Anonymous();
        await anonymous.GetAsync("/api/v1/members?cursor=bm90LWEtY3Vyc29y").ShouldBeProblem(HttpStatusCode.BadRequest, "cursor");
        await anonymous.GetAsync("/api/v1/members?limit=0").ShouldBeProblem(HttpStatusCode.BadRequest, "limit");
        await anonymous.GetAsync("/api/v1/members?limit=201").ShouldBeProblem(HttpStatusCode.BadRequest, "limit");
        await anonymous.GetAsync("/api/v1/members?limit=many").ShouldBeProblem(HttpStatusCode.BadRequest, "limit");
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        var admin = await Factory.AdminAsync();
        await admin.PostRawAsync("/api/v1/members", "name=Testi", "application/x-www-form-urlencoded")
            .ShouldBeProblem(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Rejected_input_writes_nothing()
    {
        var admin = await Factory.AdminAsync();
        var body = MemberRequests.Body("Hylätty Yhdistys ry", "123");
        body["kind"] = "club";
        await admin.PostJsonAsync("/api/v1/members", body).ShouldBeProblem(HttpStatusCode.BadRequest);
        var page = await (await admin.GetAsync("/api/v1/members?municipality=123")).JsonAsync();
        page.GetProperty("items").GetArrayLength().ShouldBe(0);
    }
}

public sealed class MemberInputSqliteTests(SqliteApiFactory factory) : MemberInputContract<SqliteApiFactory>(factory);

public sealed class MemberInputSqlServerTests(SqlServerApiFactory factory) : MemberInputContract<SqlServerApiFactory>(factory);
