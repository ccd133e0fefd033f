using System.Text.Json;
using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Infrastructure.Http;
using Shouldly;

namespace CommunityHub.Api.Tests.Unit;

/// <summary>The hand-written list JSON must be byte for byte what System.Text.Json writes for the same page.</summary>
public sealed class PartnershipJsonTests
{
    /// <summary>The HTTP JSON options exactly as the app configures them (ASP.NET Core's defaults plus the API's rules).</summary>
    private static JsonSerializerOptions HttpOptions()
    {
        var options = new Microsoft.AspNetCore.Http.Json.JsonOptions();
        Json.Configure(options.SerializerOptions);
        return options.SerializerOptions;
    }

    private static readonly string[] Texts =
    [
        "Äänekosken yhdistys ry – öljyä ja åäö ÅÄÖ",
        "Lainaus \"sisällä\" ja kenoviiva \\ sekä / kauttaviiva",
        "Rivinvaihto\nsarkain\tja ohjausmerkki \u0001 ja \u001f",
        "<script>alert('x')</script> & +358",
        "Emoji 😀 ja rivierotin \u2028 kappale \u2029 ja nolla-leveys \u200b",
        "",
    ];

    private static PartnershipRow Row(int i, bool nulls) => new()
    {
        Id = Guid.CreateVersion7(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(i)),
        Title = Texts[i % Texts.Length] + $" {i}",
        Description = nulls ? null : string.Concat(Enumerable.Repeat(Texts[(i + 1) % Texts.Length], 1 + (i % 40))),
        MunicipalityCode = i % 2 == 0 ? "564" : "091",
        ServiceArea = EnumText.Name(Enum.GetValues<ServiceArea>()[i % Enum.GetValues<ServiceArea>().Length]),
        Status = EnumText.Name(Enum.GetValues<PartnershipStatus>()[i % Enum.GetValues<PartnershipStatus>().Length]),
        StartsOn = nulls ? null : new DateOnly(2026, 1 + (i % 12), 1 + (i % 28)),
        EndsOn = nulls ? null : new DateOnly(2027, 12, 31),
        AgreementRef = nulls ? null : $"OUKA/{i}/02.08.00/2025",
        ReviewIntervalMonths = nulls ? null : 1 + (i % 60),
        NextReviewDue = nulls ? null : new DateOnly(2026, 7, 1),
        CreatedAt = new DateTimeOffset(2026, 11, 30, 8, 15, 0, TimeSpan.Zero).AddTicks(i * 1234567L),
        UpdatedAt = new DateTimeOffset(2026, 11, 30, 10, 15, 30, TimeSpan.FromHours(2)).AddMilliseconds(i * 100),
        Version = long.MaxValue - i,
    };

    private static (List<PartnershipRow> Rows, PartnershipDetails Details) Page(int count)
    {
        var rows = Enumerable.Range(0, count).Select(i => Row(i, nulls: i % 3 == 1)).ToList();
        var parties = rows.Select((_, i) => (IReadOnlyList<PartyResponse>)Enumerable.Range(0, i % 4 == 3 ? 0 : 2 + (i % 5))
            .Select(j => new PartyResponse(
                Guid.NewGuid(), Texts[(i + j) % Texts.Length] + " ry", Enum.GetValues<PartyRole>()[j % 4], j % 2 == 0 ? null : Texts[j % Texts.Length]))
            .ToList()).ToArray();
        var goals = rows.Select((_, i) => (IReadOnlyList<GoalResponse>)Enumerable.Range(0, i % 5 == 2 ? 0 : 1 + (i % 4))
            .Select(j => new GoalResponse(Guid.NewGuid(), Texts[(i * j) % Texts.Length] + " tavoite", j % 2 == 0 ? null : "Indikaattori ä", j == 1 ? null : "6 000 €"))
            .ToList()).ToArray();
        return (rows, new PartnershipDetails(parties, goals));
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, "cGFydG5lcnNoaXBzfDAxOWFiY2Rl")]
    [InlineData(7, null)]
    [InlineData(150, "cursor/with+chars=\"quoted\"")]
    public void Streamed_page_is_byte_identical_to_System_Text_Json_with_the_same_etag(int count, string? nextCursor)
    {
        var options = HttpOptions();
        var (rows, details) = Page(count);
        var expected = JsonSerializer.SerializeToUtf8Bytes(
            new PartnershipPage(rows.Select((r, i) => r.ToResponse(details.Parties[i], details.Goals[i])).ToList(), nextCursor), options);

        using var body = PartnershipJson.Page(rows, details, nextCursor, options);

        var actual = body.Content.ToArray();
        if (!actual.AsSpan().SequenceEqual(expected))
        {
            var at = actual.AsSpan().CommonPrefixLength(expected);
            var from = Math.Max(0, at - 60);
            Assert.Fail(
                $"Differs at byte {at} of {expected.Length}.\nexpected …{System.Text.Encoding.UTF8.GetString(expected, from, Math.Min(120, expected.Length - from))}\n" +
                $"actual   …{System.Text.Encoding.UTF8.GetString(actual, from, Math.Min(120, actual.Length - from))}");
        }
        body.Length.ShouldBe(expected.Length);
        body.ETag.ShouldBe(ETags.ForPage(rows.Select(r => (r.Id, r.Version)), nextCursor));
        if (count == 150)
        {
            // Large enough to span several pooled chunks, each below the large-object-heap threshold.
            body.Content.Chunks().Count().ShouldBeGreaterThan(2);
            body.Content.Chunks().ShouldAllBe(c => c.Length < 85_000);
        }
    }

    [Fact]
    public void Relaxed_escaping_of_the_http_options_keeps_finnish_letters_as_utf8()
    {
        var (rows, details) = Page(1);
        using var body = PartnershipJson.Page(rows, details, null, HttpOptions());
        var text = System.Text.Encoding.UTF8.GetString(body.Content.ToArray());
        text.ShouldContain("Äänekosken yhdistys ry – öljyä ja åäö ÅÄÖ");
    }
}
