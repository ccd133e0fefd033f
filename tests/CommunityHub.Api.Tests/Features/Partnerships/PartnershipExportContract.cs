using System.Globalization;
using System.Net;
using System.Text;
using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;
using CsvHelper;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Partnerships;

public abstract class PartnershipExportContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    [Fact]
    public async Task Csv_export_parses_back_to_the_same_partnerships_as_the_json_list()
    {
        var admin = await Factory.AdminAsync();
        var city = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Oulun kaupunki, hyvinvointipalvelut", "629", "municipality"));
        var hub = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Pohjois-Pohjanmaan \"Sote\" yhdistys ry", "629"));
        var first = PartnershipRequests.Body(city.Id, hub.Id, "Ääneen ja yhdessä – nuorten kesä, 2026", "629", "youth");
        first["description"] = "Rivi 1, jossa pilkku\nRivi 2 \"lainaus\" ja öljy";
        first["goals"] = new object[]
        {
            new { title = "Kesätyöpaikat nuorille", indicator = "Työllistyneet nuoret", target = "40" },
            new { title = "Yhteinen tapahtuma" },
        };
        var a = await PartnershipRequests.CreateAsync(admin, first);
        var second = PartnershipRequests.Body(hub.Id, city.Id, "Digituki ikääntyneille", "629", "wellbeing");
        second["agreementRef"] = null;
        second["endsOn"] = null;
        second["reviewIntervalMonths"] = null;
        var b = await PartnershipRequests.CreateAsync(admin, second);
        await PartnershipRequests.MoveToAsync(admin, b.Id, "active");
        await PartnershipRequests.CreateAsync(admin, "630");

        var response = await admin.GetAsync("/api/v1/partnerships/export.csv?municipality=629").ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentType.CharSet.ShouldBe("utf-8");
        response.Content.Headers.ContentDisposition!.ToString().ShouldBe("attachment; filename=partnerships.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        text.ShouldStartWith("id,title,status,serviceArea,municipalityCode,startsOn,endsOn,agreementRef,reviewIntervalMonths,nextReviewDue,parties,goals,description,createdAt,updatedAt,version\r\n");
        text.ShouldContain("\"Rivi 1, jossa pilkku\nRivi 2 \"\"lainaus\"\" ja öljy\"");
        text.ShouldEndWith("\r\n");

        var json = await (await admin.GetAsync("/api/v1/partnerships?municipality=629")).ReadAsync<PartnershipPage>();
        json.Items.Select(p => p.Id).ShouldBe([a.Id, b.Id], ignoreOrder: true);
        var rows = Parse(bytes);
        rows.Count.ShouldBe(json.Items.Count);
        foreach (var (row, p) in rows.Zip(json.Items))
        {
            row["id"].ShouldBe(p.Id.ToString());
            row["title"].ShouldBe(p.Title);
            row["status"].ShouldBe(EnumText.Name(p.Status));
            row["serviceArea"].ShouldBe(EnumText.Name(p.ServiceArea));
            row["municipalityCode"].ShouldBe(p.MunicipalityCode);
            row["startsOn"].ShouldBe(Date(p.StartsOn));
            row["endsOn"].ShouldBe(Date(p.EndsOn));
            row["agreementRef"].ShouldBe(p.AgreementRef ?? "");
            row["reviewIntervalMonths"].ShouldBe(p.ReviewIntervalMonths?.ToString(CultureInfo.InvariantCulture) ?? "");
            row["nextReviewDue"].ShouldBe(Date(p.NextReviewDue));
            row["parties"].ShouldBe(string.Join("; ", p.Parties.Select(x => $"{x.MemberName} ({EnumText.Name(x.Role)})")));
            row["goals"].ShouldBe(string.Join("; ", p.Goals.Select(g =>
                g.Indicator is null && g.Target is null ? g.Title : $"{g.Title} ({g.Indicator ?? "-"}: {g.Target ?? "-"})")));
            row["description"].ShouldBe(p.Description ?? "");
            DateTimeOffset.Parse(row["createdAt"], CultureInfo.InvariantCulture).ShouldBe(p.CreatedAt);
            DateTimeOffset.Parse(row["updatedAt"], CultureInfo.InvariantCulture).ShouldBe(p.UpdatedAt);
            row["version"].ShouldBe(p.Version.ToString(CultureInfo.InvariantCulture));
        }
        var exported = rows.Single(r => r["id"] == a.Id.ToString());
        exported["parties"].ShouldBe("Oulun kaupunki, hyvinvointipalvelut (municipality); Pohjois-Pohjanmaan \"Sote\" yhdistys ry (coordinator)");
        exported["goals"].ShouldBe("Kesätyöpaikat nuorille (Työllistyneet nuoret: 40); Yhteinen tapahtuma");
    }

    [Fact]
    public async Task Csv_export_applies_the_list_filters_and_escapes_formula_cells()
    {
        var admin = await Factory.AdminAsync();
        var (city, hub) = await PartnershipRequests.MembersAsync(admin, "631");
        var formula = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(city, hub, "=HYPERLINK(\"http://x.example\")", "631"));
        var active = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(city, hub, "Aktiivinen kumppanuus", "631"));
        await PartnershipRequests.MoveToAsync(admin, active.Id, "active");
        var archived = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(city, hub, "Arkistoitu", "631"));
        await admin.DeleteAsync($"/api/v1/partnerships/{archived.Id}", null).ShouldBe(HttpStatusCode.NoContent);

        async Task<List<Dictionary<string, string>>> Export(string query) =>
            Parse(await (await admin.GetAsync($"/api/v1/partnerships/export.csv?{query}").ShouldBe(HttpStatusCode.OK)).Content.ReadAsByteArrayAsync());

        var all = await Export("municipality=631");
        all.Select(r => r["id"]).ShouldBe([formula.Id.ToString(), active.Id.ToString()], ignoreOrder: true);
        all.Single(r => r["id"] == formula.Id.ToString())["title"].ShouldBe("'=HYPERLINK(\"http://x.example\")");
        (await Export("municipality=631&status=active")).Select(r => r["id"]).ShouldBe([active.Id.ToString()]);
        (await Export("municipality=631&q=aktiivinen")).Select(r => r["id"]).ShouldBe([active.Id.ToString()]);
        (await Export($"member={city}&serviceArea=culture")).ShouldBeEmpty();
        var empty = await (await admin.GetAsync("/api/v1/partnerships/export.csv?municipality=999")).Content.ReadAsByteArrayAsync();
        Encoding.UTF8.GetString(empty).ShouldBe("\uFEFF" + string.Join(",", PartnershipCsv.Header) + "\r\n");
        await admin.GetAsync("/api/v1/partnerships/export.csv?updatedSince=2026-01-01").ShouldBeProblem(HttpStatusCode.BadRequest, "updatedSince");
    }

    [Fact]
    public async Task Excel_fi_export_parses_back_with_semicolons_finnish_headers_labels_and_dates()
    {
        var admin = await Factory.AdminAsync();
        var city = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Åbo; Turun kaupunki", "853", "municipality"));
        var hub = await MemberRequests.CreateAsync(admin, MemberRequests.Body("Länsi-Suomen \"Järjestöt\" ry", "853"));
        var first = PartnershipRequests.Body(city.Id, hub.Id, "Äänekkäät öljymaalarit; åländsk kväll", "853", "youth");
        first["description"] = "Rivi 1; jossa puolipiste\nRivi 2 \"lainaus\"";
        first["goals"] = new object[] { new { title = "Kesätyöt", indicator = "Nuoret", target = "40" } };
        var a = await PartnershipRequests.CreateAsync(admin, first);
        var formula = await PartnershipRequests.CreateAsync(admin, PartnershipRequests.Body(hub.Id, city.Id, "=SUMMA(A1:A9)", "853", "wellbeing"));
        await PartnershipRequests.MoveToAsync(admin, formula.Id, "active");

        var response = await admin.GetAsync("/api/v1/partnerships/export.csv?municipality=853&dialect=excel-fi").ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        text.ShouldStartWith(string.Join(";", PartnershipCsv.FinnishHeader) + "\r\n");
        text.ShouldStartWith("Tunniste;Nimi;Vaihe;Palvelualue;");

        var json = await (await admin.GetAsync("/api/v1/partnerships?municipality=853")).ReadAsync<PartnershipPage>();
        var rows = Parse(bytes, FinnishExcel);
        rows.Count.ShouldBe(2);
        foreach (var (row, p) in rows.Zip(json.Items))
        {
            row["Tunniste"].ShouldBe(p.Id.ToString());
            row["Nimi"].ShouldBe(p.Id == formula.Id ? "'" + p.Title : p.Title);
            row["Kuntakoodi"].ShouldBe(p.MunicipalityCode);
            ParseDate(row["Alkaa"]).ShouldBe(p.StartsOn);
            ParseDate(row["Päättyy"]).ShouldBe(p.EndsOn);
            ParseDate(row["Seuraava arviointi"]).ShouldBe(p.NextReviewDue);
            row["Arviointiväli (kk)"].ShouldBe(p.ReviewIntervalMonths?.ToString(CultureInfo.InvariantCulture) ?? "");
            row["Kuvaus"].ShouldBe(p.Description ?? "");
            var created = DateTime.ParseExact(row["Luotu"], "d.M.yyyy H.mm", Finnish);
            var local = TimeZoneInfo.ConvertTime(p.CreatedAt, Helsinki).DateTime;
            created.ShouldBe(new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified));
            row["Versio"].ShouldBe(p.Version.ToString(CultureInfo.InvariantCulture));
        }
        var exported = rows.Single(r => r["Tunniste"] == a.Id.ToString());
        exported["Nimi"].ShouldBe("Äänekkäät öljymaalarit; åländsk kväll");
        exported["Vaihe"].ShouldBe("luonnos");
        exported["Palvelualue"].ShouldBe("nuorisopalvelut");
        exported["Osapuolet"].ShouldBe("Åbo; Turun kaupunki (kunta); Länsi-Suomen \"Järjestöt\" ry (koordinaattori)");
        exported["Tavoitteet"].ShouldBe("Kesätyöt (Nuoret: 40)");
        exported["Kuvaus"].ShouldBe("Rivi 1; jossa puolipiste\nRivi 2 \"lainaus\"");
        exported["Alkaa"].ShouldMatch(@"^\d{1,2}\.\d{1,2}\.\d{4}$");
        var active = rows.Single(r => r["Tunniste"] == formula.Id.ToString());
        active["Vaihe"].ShouldBe("voimassa");
        active["Palvelualue"].ShouldBe("hyvinvointi");
        active["Osapuolet"].ShouldBe("Länsi-Suomen \"Järjestöt\" ry (kunta); Åbo; Turun kaupunki (koordinaattori)");

        // The default is unchanged: commas and codes, for machines.
        var plain = Parse(await (await admin.GetAsync("/api/v1/partnerships/export.csv?municipality=853&dialect=rfc4180")
            .ShouldBe(HttpStatusCode.OK)).Content.ReadAsByteArrayAsync());
        plain.Single(r => r["id"] == a.Id.ToString())["status"].ShouldBe("draft");
        plain.Single(r => r["id"] == formula.Id.ToString())["title"].ShouldBe("'=SUMMA(A1:A9)");
    }

    [Fact]
    public async Task An_unknown_csv_dialect_is_a_400_problem()
    {
        var admin = await Factory.AdminAsync();
        var problem = await admin.GetAsync("/api/v1/partnerships/export.csv?dialect=excel").ShouldBeProblem(HttpStatusCode.BadRequest, "dialect");
        problem.GetProperty("errors").GetProperty("dialect")[0].GetString().ShouldBe("dialect must be one of rfc4180, excel-fi.");
    }

    [Fact]
    public async Task OpenApi_documents_the_export_as_text_csv()
    {
        var document = await (await Factory.Anonymous().GetAsync("/openapi/v1.json").ShouldBe(HttpStatusCode.OK)).JsonAsync();
        var export = document.GetProperty("paths").GetProperty("/api/v1/partnerships/export.csv").GetProperty("get");
        export.GetProperty("operationId").GetString().ShouldBe("exportPartnershipsCsv");
        export.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("text/csv", out _).ShouldBeTrue();
        var paths = document.GetProperty("paths");
        paths.GetProperty("/api/v1/partnerships/{id}/transitions").GetProperty("post").GetProperty("operationId").GetString()
            .ShouldBe("transitionPartnership");
        paths.GetProperty("/api/v1/partnerships/{id}/history").GetProperty("get").GetProperty("responses").TryGetProperty("404", out _).ShouldBeTrue();
    }

    private static readonly CultureInfo Finnish = CultureInfo.GetCultureInfo("fi-FI");
    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");
    private static readonly CsvReaderOptions FinnishExcel = CsvReaderOptions.Default with { Separator = ';', FormatProvider = Finnish };

    private static DateOnly? ParseDate(string text) =>
        text.Length == 0 ? null : DateOnly.ParseExact(text, "d.M.yyyy", Finnish);

    private static List<Dictionary<string, string>> Parse(byte[] bytes, CsvReaderOptions? options = null)
    {
        using var reader = CsvReader.Create(bytes, options);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(reader.Headers.ToDictionary(h => h, h => reader.GetString(h)));
        }
        return rows;
    }

    private static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

public sealed class PartnershipExportSqliteTests(SqliteApiFactory factory) : PartnershipExportContract<SqliteApiFactory>(factory);

public sealed class PartnershipExportSqlServerTests(SqlServerApiFactory factory) : PartnershipExportContract<SqlServerApiFactory>(factory);
