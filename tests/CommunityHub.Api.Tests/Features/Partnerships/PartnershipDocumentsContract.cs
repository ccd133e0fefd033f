using System.Net;
using System.Text;
using System.Text.Json;
using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Partnerships;

/// <summary>
/// The partnership list reads each partnership's stored document (the read model) instead of its row, parties and
/// goals. Every write must have the document rendered at the partnership's version once the write has committed
/// (<see cref="DocumentRenderer"/>; the tests wait for it with <c>RenderWrittenAsync</c>); a page from documents must be
/// the bytes and ETag of the page from the tables; a missing or outdated document must never show, and a document that
/// cannot be rendered must never cost the write; member names come from the members as they are now.
/// </summary>
public abstract class PartnershipDocumentsContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    private Db Db => Factory.Services.GetRequiredService<Db>();

    /// <summary>Returns once the documents of every write committed so far are stored.</summary>
    private Task<int> RenderedAsync() => Factory.Services.GetRequiredService<DocumentRenderer>().RenderWrittenAsync(CancellationToken.None);

    private static async Task<(byte[] Body, string ETag)> PageAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url, noCache: true).ShouldBe(HttpStatusCode.OK);
        return (await response.Content.ReadAsByteArrayAsync(), response.Headers.ETag!.ToString());
    }

    private async Task<T> WithConnectionAsync<T>(Func<System.Data.Common.DbConnection, Task<T>> action)
    {
        await using var connection = await Db.OpenAsync(CancellationToken.None);
        return await action(connection);
    }

    private Task<int> ExecuteAsync(string sql, object? parameters = null) => WithConnectionAsync(c => c.ExecuteAsync(sql, parameters));

    /// <summary>Edits a stored document's JSON text as someone with the database could: its body, and optionally its version and format.</summary>
    private async Task EditDocumentAsync(Guid id, string from, string to, int versionChange = 0, string? format = null)
    {
        var document = (await DocumentAsync(id)).ShouldNotBeNull();
        var body = Encoding.UTF8.GetString(document.Body).Replace(from, to, StringComparison.Ordinal);
        await ExecuteAsync(
            "UPDATE partnership_documents SET body = @Body, version = version + @VersionChange, format = @Format WHERE partnership_id = @Id",
            new { Id = id.ToString(), Body = Encoding.UTF8.GetBytes(body), VersionChange = versionChange, Format = format ?? document.Format });
    }

    /// <summary>Runs a statement of the provider's own dialect (not checked as T-SQL like the app's statements are).</summary>
    private async Task ExecuteNativeAsync(string sql)
    {
        if (Db.Dialect.Provider == DatabaseProvider.SqlServer)
        {
            await ExecuteAsync(sql);
            return;
        }
        await using var connection = new SqliteConnection(Factory.Services.GetRequiredService<DatabaseOptions>().ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync(sql);
    }

    private Task<StoredDocument?> DocumentAsync(Guid id) => WithConnectionAsync(c => c.QuerySingleOrDefaultAsync<StoredDocument>(
        "SELECT d.version AS Version, d.format AS Format, d.body AS Body, p.version AS PartnershipVersion FROM partnership_documents d " +
        "JOIN partnerships p ON p.id = d.partnership_id WHERE d.partnership_id = @Id",
        new { Id = id.ToString() }));

    /// <summary>The page as the tables give it: the documents of the page's partnerships removed, read, then rendered again.</summary>
    private async Task<(byte[] Body, string ETag)> TablesPageAsync(HttpClient client, string url, params Guid[] ids)
    {
        await ExecuteAsync(
            $"DELETE FROM partnership_documents WHERE partnership_id IN ({string.Join(", ", ids.Select(id => $"'{id}'"))})");
        var page = await PageAsync(client, url);
        (await Factory.Services.GetRequiredService<DocumentBackfill>().RunAsync(CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(ids.Length);
        return page;
    }

    private async Task ShouldBeCurrentAsync(HttpClient client, string url, params Guid[] ids)
    {
        await RenderedAsync();
        foreach (var id in ids)
        {
            var document = (await DocumentAsync(id)).ShouldNotBeNull($"partnership {id} has no stored document");
            document.Version.ShouldBe(document.PartnershipVersion, $"the document of {id} is behind its partnership");
        }
        var fromDocuments = await PageAsync(client, url);
        var fromTables = await TablesPageAsync(client, url, ids);
        Encoding.UTF8.GetString(fromDocuments.Body).ShouldBe(Encoding.UTF8.GetString(fromTables.Body));
        fromDocuments.ETag.ShouldBe(fromTables.ETag);
    }

    [Fact]
    public async Task The_list_reads_the_stored_documents_and_their_page_is_the_page_the_tables_give()
    {
        var admin = await Factory.AdminAsync();
        var city = await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Kyyjärven kunta \"Å\" \\ {Guid.NewGuid():N}", "256", "municipality"));
        var association = await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Yhdistys <&> öljy 😀 {Guid.NewGuid():N}", "256"));
        var first = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(city.Id, association.Id, "Ensimmäinen ÅÄÖ", "256"));
        var second = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(association.Id, city.Id, "Toinen \"lainaus\"", "256"));
        const string url = "/api/v1/partnerships?municipality=256&limit=1";
        await RenderedAsync();

        // Served from the documents: a change made to a stored document shows in the page.
        await EditDocumentAsync(first.Id, "Ensimmäinen ÅÄÖ", "Muutettu dokumentissa");
        Encoding.UTF8.GetString((await PageAsync(admin, url)).Body).ShouldContain("Muutettu dokumentissa");

        // Rendered again from the tables (the backfill renders the missing documents), the page is the one the tables
        // give, both pages of it.
        await ExecuteAsync("DELETE FROM partnership_documents WHERE partnership_id = @Id", new { Id = first.Id.ToString() });
        (await Factory.Services.GetRequiredService<DocumentBackfill>().RunAsync(CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(1);
        await ShouldBeCurrentAsync(admin, url, first.Id, second.Id);
        Encoding.UTF8.GetString((await PageAsync(admin, url)).Body).ShouldContain("Ensimmäinen ÅÄÖ");
        var page = JsonSerializer.Deserialize<PartnershipPage>((await PageAsync(admin, url)).Body, Json.Options)!;
        page.NextCursor.ShouldNotBeNull();
        await ShouldBeCurrentAsync(admin, $"{url}&cursor={Uri.EscapeDataString(page.NextCursor)}", first.Id, second.Id);
    }

    [Fact]
    public async Task A_document_behind_its_partnership_is_never_shown()
    {
        var admin = await Factory.AdminAsync();
        var created = await PartnershipRequests.CreateAsync(admin, "426", "Liperin kumppanuus");
        await RenderedAsync();
        await EditDocumentAsync(created.Id, "Liperin kumppanuus", "Vanhentunut", versionChange: -1);

        var body = Encoding.UTF8.GetString((await PageAsync(admin, "/api/v1/partnerships?municipality=426&limit=200")).Body);
        body.ShouldContain("Liperin kumppanuus");
        body.ShouldNotContain("Vanhentunut");
    }

    [Fact]
    public async Task A_document_of_another_format_is_never_shown_and_the_backfill_writes_it_again_in_todays()
    {
        var admin = await Factory.AdminAsync();
        var created = await PartnershipRequests.CreateAsync(admin, "625", "Pyhäjoen kumppanuus");
        const string url = "/api/v1/partnerships?municipality=625&limit=200";
        await RenderedAsync();
        var format = (await DocumentAsync(created.Id)).ShouldNotBeNull().Format.ShouldNotBeNull();

        // As an older release would have left it: same version, another shape.
        await EditDocumentAsync(created.Id, "Pyhäjoen kumppanuus", "Vanha muoto", format: "older-release");
        var body = Encoding.UTF8.GetString((await PageAsync(admin, url)).Body);
        body.ShouldContain("Pyhäjoen kumppanuus");
        body.ShouldNotContain("Vanha muoto");

        (await Factory.Services.GetRequiredService<DocumentBackfill>().RunAsync(CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(1);
        (await DocumentAsync(created.Id))!.Format.ShouldBe(format);
        await ShouldBeCurrentAsync(admin, url, created.Id);
    }

    [Fact]
    public async Task Every_write_has_its_document_rendered_at_the_partnerships_version()
    {
        var admin = await Factory.AdminAsync();
        var (city, coordinator) = await PartnershipRequests.MembersAsync(admin, "614");
        var funder = await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Posion säätiö {Guid.NewGuid():N}", "614"));
        const string url = "/api/v1/partnerships?municipality=614&limit=200";

        var p = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(city, coordinator, "Posion kyläverkosto", "614"));
        await ShouldBeCurrentAsync(admin, url, p.Id);

        var body = PartnershipRequests.ToBody(p);
        body["title"] = "Posion kyläverkosto – laajennettu";
        body["parties"] = new object[]
        {
            new { memberId = coordinator, role = "coordinator", responsibilities = "Kokoaa kylät." },
            new { memberId = funder.Id, role = "funder", responsibilities = (string?)null },
        };
        body["goals"] = new object[] { new { id = (Guid?)p.Goals[0].Id, title = "Kylät mukana", indicator = (string?)null, target = "12" } };
        await admin.PutJsonAsync($"/api/v1/partnerships/{p.Id}", body, "\"1\"").ShouldBe(HttpStatusCode.OK);
        await ShouldBeCurrentAsync(admin, url, p.Id);

        await PartnershipRequests.TransitionAsync(admin, p.Id, "negotiation").ShouldBe(HttpStatusCode.OK);
        await ShouldBeCurrentAsync(admin, url, p.Id);

        await admin.PostJsonAsync($"/api/v1/partnerships/{p.Id}/reviews", PartnershipRequests.Review("2026-03-01", (p.Goals[0].Id, 40)))
            .ShouldBe(HttpStatusCode.Created);
        await ShouldBeCurrentAsync(admin, url, p.Id);

        // A member's new name shows at once. The rename gives the partnership a new version (so its ETags move and the
        // feed carries it), so its document is rendered again at that version, with the new name in it.
        var before = (await DocumentAsync(p.Id))!.Version;
        var renamed = MemberRequests.Body($"Posion säätiö \"uusi\" ÄÖ {Guid.NewGuid():N}", "614");
        await admin.PutJsonAsync($"/api/v1/members/{funder.Id}", renamed, $"\"{funder.Version}\"").ShouldBe(HttpStatusCode.OK);
        await RenderedAsync();
        var rerendered = (await DocumentAsync(p.Id))!;
        rerendered.Version.ShouldBe(before + 1);
        rerendered.Version.ShouldBe(rerendered.PartnershipVersion);
        JsonSerializer.Deserialize<PartnershipResponse>(rerendered.Body, Json.Options)!
            .Parties.Single(x => x.MemberId == funder.Id).MemberName.ShouldBe((string)renamed["name"]!);
        var listed = JsonSerializer.Deserialize<PartnershipPage>((await PageAsync(admin, url)).Body, Json.Options)!;
        listed.Items.Single(x => x.Id == p.Id).Parties.Single(x => x.MemberId == funder.Id).MemberName.ShouldBe((string)renamed["name"]!);
        await ShouldBeCurrentAsync(admin, url, p.Id);

        await admin.DeleteAsync($"/api/v1/partnerships/{p.Id}", null).ShouldBe(HttpStatusCode.NoContent);
        await RenderedAsync();
        (await DocumentAsync(p.Id)).ShouldBeNull();
    }

    [Fact]
    public async Task A_write_commits_when_its_document_cannot_be_stored_and_its_pages_are_right_until_it_is()
    {
        var admin = await Factory.AdminAsync();
        var (city, coordinator) = await PartnershipRequests.MembersAsync(admin, "698");
        const string url = "/api/v1/partnerships?municipality=698&limit=200";
        var sqlServer = Db.Dialect.Provider == DatabaseProvider.SqlServer;
        await ExecuteNativeAsync(sqlServer
            ? "CREATE TRIGGER test_documents_unavailable ON partnership_documents INSTEAD OF INSERT AS THROW 50000, 'documents unavailable', 1;"
            : "CREATE TRIGGER test_documents_unavailable BEFORE INSERT ON partnership_documents BEGIN SELECT RAISE(ABORT, 'documents unavailable'); END;");
        PartnershipResponse created;
        try
        {
            // Before, the document was stored in the write's own transaction, so this write failed (500) and was lost.
            created = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(city, coordinator, "Rovaniemen yökahvila", "698"));
            await RenderedAsync();
            (await DocumentAsync(created.Id)).ShouldBeNull();

            var body = PartnershipRequests.ToBody(created);
            body["title"] = "Rovaniemen yökahvila – talvikausi";
            await admin.PutJsonAsync($"/api/v1/partnerships/{created.Id}", body, "\"1\"").ShouldBe(HttpStatusCode.OK);
            await RenderedAsync();
            var page = Encoding.UTF8.GetString((await PageAsync(admin, url)).Body);
            page.ShouldContain("Rovaniemen yökahvila – talvikausi");
            page.ShouldContain("\"version\":2");
        }
        finally
        {
            await ExecuteNativeAsync("DROP TRIGGER test_documents_unavailable");
        }

        // The next backfill stores what the failed renders left behind.
        (await Factory.Services.GetRequiredService<DocumentBackfill>().RunAsync(CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(1);
        await ShouldBeCurrentAsync(admin, url, created.Id);
    }

    private sealed class StoredDocument
    {
        public long Version { get; init; }
        public string? Format { get; init; }
        public byte[] Body { get; init; } = [];
        public long PartnershipVersion { get; init; }
    }
}

public sealed class PartnershipDocumentsSqliteTests(SqliteApiFactory factory) : PartnershipDocumentsContract<SqliteApiFactory>(factory);

public sealed class PartnershipDocumentsSqlServerTests(SqlServerApiFactory factory) : PartnershipDocumentsContract<SqlServerApiFactory>(factory);
