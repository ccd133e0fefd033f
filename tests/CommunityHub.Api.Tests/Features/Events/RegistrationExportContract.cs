using System.Globalization;
using System.Net;
using System.Text;
using CommunityHub.Api.Features.Events;
using CommunityHub.Api.Features.Events.Registrations;
using CommunityHub.Api.Tests.Infrastructure;
using CsvHelper;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Events;

public abstract class RegistrationExportContract<TFactory>(TFactory factory) : ContractTests<TFactory>(factory)
    where TFactory : ApiFactory
{
    private static readonly CultureInfo Finnish = CultureInfo.GetCultureInfo("fi-FI");
    private static readonly TimeZoneInfo Helsinki = TimeZoneInfo.FindSystemTimeZoneById("Europe/Helsinki");

    [Fact]
    public async Task Both_dialects_parse_back_to_the_registrations_of_the_json_list()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin, "Åbolands förening", "853");
        var published = await EventRequests.PublishedAsync(admin, EventRequests.Body([organizer], DateTimeOffset.UtcNow.AddDays(12), capacity: 1, municipality: "853"));
        var anonymous = Factory.Anonymous();
        await EventRequests.RegisterAsync(anonymous, published.Id, "Åsa Öhman; Väänänen", "asa@example.fi").ShouldBe(HttpStatusCode.Accepted);
        await EventRequests.RegisterAsync(anonymous, published.Id, "=1+2", "formula@example.fi").ShouldBe(HttpStatusCode.Accepted);
        var url = $"/api/v1/events/{published.Id}/registrations";
        var json = await (await admin.GetAsync(url).ShouldBe(HttpStatusCode.OK)).ReadAsync<RegistrationPage>();
        json.Items.Count.ShouldBe(2);

        var plainBytes = await Download(admin, $"{url}.csv");
        Encoding.UTF8.GetString(plainBytes).ShouldStartWith("\uFEFF" + string.Join(",", RegistrationCsv.Header) + "\r\n");
        var plain = Parse(plainBytes, CsvReaderOptions.Default);
        var fiBytes = await Download(admin, $"{url}.csv?dialect=excel-fi");
        Encoding.UTF8.GetString(fiBytes).ShouldStartWith("\uFEFFTunniste;Nimi;Sähköposti;Jäsenen tunniste;Tila;Varasija;Ilmoittautunut;Peruttu;Lisätiedot\r\n");
        var fi = Parse(fiBytes, CsvReaderOptions.Default with { Separator = ';', FormatProvider = Finnish });

        plain.Count.ShouldBe(2);
        fi.Count.ShouldBe(2);
        foreach (var ((row, suomi), r) in plain.Zip(fi).Zip(json.Items))
        {
            var name = r.Name.StartsWith('=') ? "'" + r.Name : r.Name;
            row["id"].ShouldBe(r.Id.ToString());
            suomi["Tunniste"].ShouldBe(r.Id.ToString());
            row["name"].ShouldBe(name);
            suomi["Nimi"].ShouldBe(name);
            row["email"].ShouldBe(r.Email);
            suomi["Sähköposti"].ShouldBe(r.Email);
            row["status"].ShouldBe(r.Status == RegistrationStatus.Confirmed ? "confirmed" : "waitlisted");
            suomi["Tila"].ShouldBe(r.Status == RegistrationStatus.Confirmed ? "vahvistettu" : "varasijalla");
            row["waitlistPosition"].ShouldBe(r.WaitlistPosition?.ToString(CultureInfo.InvariantCulture) ?? "");
            suomi["Varasija"].ShouldBe(r.WaitlistPosition?.ToString(CultureInfo.InvariantCulture) ?? "");
            DateTimeOffset.Parse(row["registeredAt"], CultureInfo.InvariantCulture).ShouldBe(Seconds(r.CreatedAt));
            var local = TimeZoneInfo.ConvertTime(r.CreatedAt, Helsinki).DateTime;
            DateTime.ParseExact(suomi["Ilmoittautunut"], "d.M.yyyy H.mm", Finnish)
                .ShouldBe(new DateTime(local.Year, local.Month, local.Day, local.Hour, local.Minute, 0, DateTimeKind.Unspecified));
            suomi["Peruttu"].ShouldBe("");
        }
        fi[0]["Nimi"].ShouldBe("Åsa Öhman; Väänänen");
        fi[1]["Nimi"].ShouldBe("'=1+2");
    }

    [Fact]
    public async Task An_unknown_dialect_is_a_400_problem_and_access_is_still_checked_first()
    {
        var admin = await Factory.AdminAsync();
        var organizer = await EventRequests.MemberAsync(admin, "Murre ry", "853");
        var created = await EventRequests.CreateAsync(admin, EventRequests.Body([organizer], DateTimeOffset.UtcNow.AddDays(5), municipality: "853"));
        await admin.GetAsync($"/api/v1/events/{created.Id}/registrations.csv?dialect=xlsx").ShouldBeProblem(HttpStatusCode.BadRequest, "dialect");
        await admin.GetAsync($"/api/v1/events/{Guid.NewGuid()}/registrations.csv?dialect=excel-fi").ShouldBeProblem(HttpStatusCode.NotFound);
        var viewer = await Factory.AsAsync("viewer");
        await viewer.GetAsync($"/api/v1/events/{created.Id}/registrations.csv").ShouldBeProblem(HttpStatusCode.Forbidden);
    }

    private static async Task<byte[]> Download(HttpClient client, string url)
    {
        var response = await client.GetAsync(url).ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        return bytes;
    }

    private static DateTimeOffset Seconds(DateTimeOffset at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerSecond), at.Offset);

    private static List<Dictionary<string, string>> Parse(byte[] bytes, CsvReaderOptions options)
    {
        using var reader = CsvReader.Create(bytes, options);
        var rows = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            rows.Add(reader.Headers.ToDictionary(h => h, h => reader.GetString(h)));
        }
        return rows;
    }
}

public sealed class RegistrationExportSqliteTests(SqliteApiFactory factory) : RegistrationExportContract<SqliteApiFactory>(factory);

public sealed class RegistrationExportSqlServerTests(SqlServerApiFactory factory) : RegistrationExportContract<SqlServerApiFactory>(factory);
