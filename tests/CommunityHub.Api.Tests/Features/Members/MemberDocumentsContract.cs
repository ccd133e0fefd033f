using System.Net;
using System.Text;
using System.Text.Json;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Members;

/// <summary>
/// The members list reads each member's stored document instead of its row and sectors: every write must have the
/// document rendered at the member's version once it has committed (the tests wait with <c>RenderWrittenAsync</c>), a page from documents must be the bytes and ETag of the page from the tables, and
/// a missing or outdated document must never show.
/// </summary>
public abstract class MemberDocumentsContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    private Db Db => Factory.Services.GetRequiredService<Db>();

    /// <summary>Returns once the documents of every write committed so far are stored.</summary>
    private Task<int> RenderedAsync() => Factory.Services.GetRequiredService<DocumentRenderer>().RenderWrittenAsync(CancellationToken.None);

    private static async Task<(string Body, string ETag)> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, noCache: true).ShouldBe(HttpStatusCode.OK);
        return (Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync()), response.Headers.ETag!.ToString());
    }

    private async Task<T> ExecuteScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Db.OpenAsync(CancellationToken.None);
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    private async Task<int> ExecuteAsync(string sql, object? parameters = null)
    {
        await using var connection = await Db.OpenAsync(CancellationToken.None);
        return await connection.ExecuteAsync(sql, parameters);
    }

    private async Task<(long Version, long MemberVersion)?> DocumentAsync(Guid id)
    {
        await using var connection = await Db.OpenAsync(CancellationToken.None);
        return await connection.QuerySingleOrDefaultAsync<(long, long)?>(
            "SELECT d.version, m.version FROM member_documents d JOIN members m ON m.id = d.member_id WHERE d.member_id = @Id",
            new { Id = id.ToString() });
    }

    /// <summary>The document is at the member's version, and the page from documents is the page the tables give.</summary>
    private async Task ShouldBeCurrentAsync(HttpClient client, string url, Guid id)
    {
        await RenderedAsync();
        var document = (await DocumentAsync(id)).ShouldNotBeNull($"member {id} has no stored document");
        document.Version.ShouldBe(document.MemberVersion, $"the document of {id} is behind its member");
        var fromDocuments = await PageAsync(client, url);
        await ExecuteAsync("DELETE FROM member_documents WHERE member_id = @Id", new { Id = id.ToString() });
        var fromTables = await PageAsync(client, url);
        (await Factory.Services.GetRequiredService<DocumentBackfill>().RunAsync(CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(1);
        fromDocuments.Body.ShouldBe(fromTables.Body);
        fromDocuments.ETag.ShouldBe(fromTables.ETag);
    }

    [Fact]
    public async Task The_list_reads_the_stored_documents_and_every_write_has_them_rendered_at_the_members_version()
    {
        var admin = await Factory.AdminAsync();
        var name = $"Liperin \"Å\" \\ yhdistys <&> 😀 {Guid.NewGuid():N}";
        var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body(name, "426", "association", "youth", "culture"));
        const string url = "/api/v1/members?municipality=426&q=Liperin&limit=50";
        await ShouldBeCurrentAsync(admin, url, member.Id);

        // Served from the documents: a change made to a stored document shows in the page.
        var stored = await ExecuteScalarAsync<byte[]>("SELECT body FROM member_documents WHERE member_id = @Id", new { Id = member.Id.ToString() });
        await ExecuteAsync("UPDATE member_documents SET body = @Body WHERE member_id = @Id", new
        {
            Id = member.Id.ToString(),
            Body = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(stored).Replace("Testijäsen", "Muutettu dokumentissa", StringComparison.Ordinal)),
        });
        (await PageAsync(admin, url)).Body.ShouldContain("Muutettu dokumentissa");

        // Behind its member, a document is not used.
        await ExecuteAsync("UPDATE member_documents SET version = version - 1 WHERE member_id = @Id", new { Id = member.Id.ToString() });
        (await PageAsync(admin, url)).Body.ShouldNotContain("Muutettu dokumentissa");
        (await Factory.Services.GetRequiredService<DocumentBackfill>().RunAsync(CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(1);
        await ShouldBeCurrentAsync(admin, url, member.Id);

        var body = MemberRequests.Body(name + " uusi", "426", "association", "sports");
        body["address"] = null;
        await admin.PutJsonAsync($"/api/v1/members/{member.Id}", body, "\"1\"").ShouldBe(HttpStatusCode.OK);
        await ShouldBeCurrentAsync(admin, url, member.Id);
        JsonSerializer.Deserialize<MemberPage>((await PageAsync(admin, url)).Body, Json.Options)!
            .Items.Single(m => m.Id == member.Id).Sectors.ShouldBe([Sector.Sports]);

        await admin.DeleteAsync($"/api/v1/members/{member.Id}", "\"2\"").ShouldBe(HttpStatusCode.NoContent);
        await RenderedAsync();
        (await DocumentAsync(member.Id)).ShouldBeNull();
        (await PageAsync(admin, url)).Body.ShouldNotContain(member.Id.ToString());
    }
}

public sealed class MemberDocumentsSqliteTests(SqliteApiFactory factory) : MemberDocumentsContract<SqliteApiFactory>(factory);

public sealed class MemberDocumentsSqlServerTests(SqlServerApiFactory factory) : MemberDocumentsContract<SqlServerApiFactory>(factory);
