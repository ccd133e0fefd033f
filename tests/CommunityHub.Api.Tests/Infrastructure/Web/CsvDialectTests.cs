using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Infrastructure.Http;
using Shouldly;

namespace CommunityHub.Api.Tests.Infrastructure.Web;

public sealed class CsvDialectTests
{
    [Theory]
    [InlineData(null, true)]
    [InlineData("rfc4180", true)]
    [InlineData("excel-fi", true)]
    [InlineData("Excel-FI", false)]
    [InlineData("excel", false)]
    [InlineData("", false)]
    public void Only_the_two_dialects_are_known(string? name, bool known) => CsvDialect.IsKnown(name).ShouldBe(known);

    [Fact]
    public void Excel_fi_writes_finnish_dates_times_decimals_and_labels()
    {
        var fi = CsvDialect.For("excel-fi");
        fi.Options.Separator.ShouldBe(';');
        fi.Date(new DateOnly(2026, 3, 5)).ShouldBe("5.3.2026");
        // 29 March 2026: summer time starts; 10:30Z is 13.30 in Helsinki.
        fi.Instant(new DateTimeOffset(2026, 3, 29, 10, 30, 0, TimeSpan.Zero)).ShouldBe("29.3.2026 13.30");
        fi.LocalInstant(new DateTimeOffset(2026, 1, 2, 22, 5, 0, TimeSpan.Zero)).ShouldBe("3.1.2026 0.05");
        fi.Number(1234.5m).ShouldBe("1234,5");
        fi.Number(-0.25m).ShouldBe("-0,25");
        fi.Label<PartnershipStatus>("negotiation").ShouldBe("neuvotteilla");
        fi.Header(["id"], ["Tunniste"]).ShouldBe(["Tunniste"]);
    }

    [Fact]
    public void The_default_stays_machine_readable()
    {
        var plain = CsvDialect.For(null);
        plain.Options.Separator.ShouldBe(',');
        plain.Date(new DateOnly(2026, 3, 5)).ShouldBe("2026-03-05");
        plain.Instant(new DateTimeOffset(2026, 3, 29, 13, 30, 0, TimeSpan.FromHours(3))).ShouldBe("2026-03-29T10:30:00Z");
        plain.LocalInstant(new DateTimeOffset(2026, 3, 29, 10, 30, 0, TimeSpan.Zero)).ShouldBe("2026-03-29T13:30:00+03:00");
        plain.Number(1234.5m).ShouldBe("1234.5");
        plain.Label<PartnershipStatus>("negotiation").ShouldBe("negotiation");
        plain.Header(["id"], ["Tunniste"]).ShouldBe(["id"]);
    }
}
