using System.Globalization;
using System.Text.RegularExpressions;
using CommunityHub.Api.Features.Events;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Features.Pilots;
using CommunityHub.Api.Features.Webhooks;
using CommunityHub.Api.Infrastructure.Http;
using CommunityHub.Api.Infrastructure.Localization;
using CommunityHub.Api.Infrastructure.Security;
using CommunityHub.Api.Infrastructure.Time;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Infrastructure.Localization;

public sealed partial class TextsTests
{
    private static readonly IReadOnlyDictionary<string, string> Finnish = Texts.Table(Texts.FinnishCode);
    private static readonly IReadOnlyDictionary<string, string> English = Texts.Table(Texts.EnglishCode);

    [Fact]
    public void Every_message_key_exists_in_both_languages()
    {
        Finnish.Keys.Except(English.Keys).ShouldBeEmpty("keys with a Finnish text but no English one");
        English.Keys.Except(Finnish.Keys).ShouldBeEmpty("keys with an English text but no Finnish one");
        Finnish.Where(t => string.IsNullOrWhiteSpace(t.Value)).ShouldBeEmpty();
        English.Where(t => string.IsNullOrWhiteSpace(t.Value)).ShouldBeEmpty();
    }

    [Fact]
    public void Both_languages_fill_in_the_same_placeholders()
    {
        foreach (var (key, finnish) in Finnish)
        {
            Placeholders(finnish).ShouldBe(Placeholders(English[key]), $"placeholders of '{key}'");
        }
    }

    [Fact]
    public void Every_key_the_code_asks_for_exists()
    {
        var api = Path.Combine(RepoPaths.Root, "api");
        var used = Directory.EnumerateFiles(api, "*.cs", SearchOption.AllDirectories)
            .SelectMany(file => KeyUse().Matches(File.ReadAllText(file)).Select(m => (File: Path.GetFileName(file), Key: m.Groups[1].Value)))
            .ToList();
        used.Count.ShouldBeGreaterThan(100, "the scan should find the message keys in the code");
        used.Where(u => !Finnish.ContainsKey(u.Key)).ShouldBeEmpty();
    }

    [Fact]
    public void Every_enum_value_named_in_messages_has_a_label_in_both_languages()
    {
        Type[] enums =
        [
            typeof(MemberKind), typeof(Sector), typeof(MembershipStatus), typeof(PartnershipStatus), typeof(ServiceArea),
            typeof(PartyRole), typeof(PilotStage), typeof(PilotTheme), typeof(EventStatus), typeof(EventVisibility),
            typeof(EventLanguage), typeof(RegistrationStatus), typeof(Role), typeof(WebhookStatus),
            typeof(Api.Features.Spaces.SpaceKind), typeof(Api.Features.Spaces.SpaceFeature), typeof(Api.Features.Spaces.SpaceApproval),
            typeof(Api.Features.Spaces.SpaceBookableBy), typeof(Api.Features.Spaces.Bookings.BookingStatus), typeof(Api.Features.Spaces.Bookings.BookingKind),
            typeof(Api.Features.Spaces.Bookings.BookingRefusal),
        ];
        foreach (var type in enums)
        {
            foreach (var name in Enum.GetNames(type))
            {
                var key = $"enum.{type.Name}.{System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(name)}";
                Finnish.ContainsKey(key).ShouldBeTrue(key);
                English.ContainsKey(key).ShouldBeTrue(key);
            }
        }
    }

    [Fact]
    public void Messages_follow_the_current_ui_culture_and_default_to_finnish()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fi");
            Texts.Get("member.kindRequired", EnumText.Labels<MemberKind>())
                .ShouldBe("Jäsentyyppi on pakollinen: yhdistys, kunta, yritys, säätiö, viranomainen, muu.");
            EnumText.Label(PilotStage.Preparing).ShouldBe("valmistelussa");
            Texts.Field("municipalityCode").ShouldBe("Kunta");

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Texts.Get("member.kindRequired", EnumText.Labels<MemberKind>())
                .ShouldBe("Kind is required: one of association, municipality, company, foundation, public authority, other.");
            Texts.Field("municipalityCode").ShouldBe("municipalityCode");

            // Times in messages are Finnish wall-clock times, written the Finnish way.
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("fi");
            Helsinki.Describe(new DateTimeOffset(2026, 3, 5, 8, 0, 0, TimeSpan.Zero)).ShouldBe("5.3.2026 klo 10.00 (Suomen aikaa)");
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Helsinki.Describe(new DateTimeOffset(2026, 3, 5, 8, 0, 0, TimeSpan.Zero)).ShouldBe("2026-03-05 10:00 (Europe/Helsinki)");

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("sv");
            Texts.Language.ShouldBe(Texts.FinnishCode);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static string[] Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).Distinct().Order(StringComparer.Ordinal).ToArray();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("Texts\\.(?:Get|Find)\\(\"([^\"]+)\"\\s*[,)]")]
    private static partial Regex KeyUse();
}
