using System.Globalization;
using System.Text;
using Bogus;
using CommunityHub.Api.Features.Events;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Features.Partnerships;
using CommunityHub.Api.Features.Pilots;

namespace CommunityHub.Bench.DataGen;

/// <summary>Deterministic (seeded) Finnish-looking members, partnerships, pilots and events for the benchmark data set.</summary>
internal sealed class FinnishData(int seed)
{
    public static readonly (string Code, string Name)[] Municipalities =
    [
        ("564", "Oulu"), ("609", "Pori"), ("895", "Uusikaupunki"), ("625", "Pyhäjoki"), ("425", "Liminka"),
        ("614", "Posio"), ("256", "Kyyjärvi"), ("426", "Liperi"), ("297", "Kuopio"), ("091", "Helsinki"),
    ];

    private static readonly string[] Themes =
    [
        "Nuorisotyö", "Kulttuuri", "Liikunta", "Ystävä", "Omaishoitajat", "Mielenterveys", "Maahanmuuttajat", "Työllisyys",
        "Ikäihmiset", "Perhetoiminta", "Kotiseutu", "Ympäristö", "Vammais", "Lukutaito", "Kyläyhdistys", "Partio",
    ];

    private static readonly string[] Suffixes = ["ry", "ry", "ry", "Oy", "säätiö sr", "osuuskunta"];

    private static readonly string[] GoalTitles =
    [
        "Uusien vapaaehtoisten rekrytointi", "Nuorten työllistäminen", "Yksinäisyyden vähentäminen", "Kotoutumisen tuki",
        "Harrastustakuu jokaiselle lapselle", "Ikäihmisten digituki", "Liikuntaryhmien laajentaminen", "Kulttuuritapahtumien saavutettavuus",
        "Perheiden arjen tuki", "Työkokeilupaikkojen lisääminen", "Ruoka-avun koordinointi", "Kylätalon käyttöasteen nosto",
    ];

    private static readonly string[] Indicators =
    [
        "osallistujien määrä", "toteutuneet tapaamiset", "työllistyneiden osuus", "asiakastyytyväisyys (1–5)", "vapaaehtoistunnit",
    ];

    private static readonly string[] Responsibilities =
    [
        "Vastaa tilojen järjestämisestä ja yhteydenpidosta.", "Koordinoi vapaaehtoiset ja raportoi tulokset.",
        "Rahoittaa toimintaa ja seuraa talousraportteja.", "Ohjaa asiakkaat palveluun ja tiedottaa.", "Järjestää koulutukset.",
    ];

    private readonly Faker faker = new("fi") { Random = new Randomizer(seed) };
    private readonly HashSet<string> businessIds = new(StringComparer.Ordinal);

    public IReadOnlyList<MemberInput> Members(int count)
    {
        var list = new List<MemberInput>(count);
        for (var i = 0; i < count; i++)
        {
            var (code, city) = faker.PickRandom(Municipalities);
            var theme = faker.PickRandom(Themes);
            var suffix = faker.PickRandom(Suffixes);
            var kind = suffix switch
            {
                "Oy" => MemberKind.Company,
                "säätiö sr" => MemberKind.Foundation,
                "osuuskunta" => MemberKind.Other,
                _ => MemberKind.Association,
            };
            var name = $"{city}n {theme.ToLowerInvariant()} {suffix} {i + 1}";
            var slug = Ascii(city) + (i + 1).ToString(CultureInfo.InvariantCulture);
            list.Add(new MemberInput(
                name,
                NextBusinessId(),
                kind,
                faker.PickRandom(Enum.GetValues<Sector>(), faker.Random.Int(1, 3)).Distinct().ToList(),
                code,
                faker.Lorem.Sentence(12),
                $"https://{slug}.example.fi",
                $"info@{slug}.example.fi",
                "+358 " + faker.Random.Int(40, 50).ToString(CultureInfo.InvariantCulture) + " " + faker.Random.Int(1000000, 9999999).ToString(CultureInfo.InvariantCulture),
                new MemberAddressInput($"{faker.Address.StreetName()} {faker.Random.Int(1, 120)}", faker.Random.Int(10000, 99999).ToString(CultureInfo.InvariantCulture), city),
                new MembershipInput(MembershipStatus.Active, DateOnly.FromDateTime(faker.Date.Past(15, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc))), null)));
        }
        return list;
    }

    public IReadOnlyList<PartnershipInput> Partnerships(int count, IReadOnlyList<Guid> memberIds)
    {
        var list = new List<PartnershipInput>(count);
        for (var i = 0; i < count; i++)
        {
            var (code, city) = faker.PickRandom(Municipalities);
            var partyCount = faker.Random.Int(2, 6);
            var members = Enumerable.Range(0, partyCount * 2).Select(_ => memberIds[faker.Random.Int(0, memberIds.Count - 1)]).Distinct().Take(partyCount).ToList();
            while (members.Count < 2)
            {
                var extra = memberIds[faker.Random.Int(0, memberIds.Count - 1)];
                if (!members.Contains(extra))
                {
                    members.Add(extra);
                }
            }
            var parties = members.Select((id, n) => new PartyInput(
                id,
                n switch { 0 => PartyRole.Municipality, 1 => PartyRole.Coordinator, _ => faker.PickRandom(PartyRole.Partner, PartyRole.Funder) },
                faker.PickRandom(Responsibilities))).ToList();
            var goals = Enumerable.Range(0, faker.Random.Int(1, 5)).Select(_ => new GoalInput(
                null,
                faker.PickRandom(GoalTitles),
                faker.PickRandom(Indicators),
                faker.Random.Int(10, 500).ToString(CultureInfo.InvariantCulture) + " vuodessa")).ToList();
            var starts = DateOnly.FromDateTime(faker.Date.Between(new DateTime(2022, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc)));
            DateOnly? ends = faker.Random.Bool(0.6f) ? starts.AddMonths(faker.Random.Int(6, 48)) : null;
            list.Add(new PartnershipInput(
                $"{city}: {faker.PickRandom(GoalTitles).ToLowerInvariant()} {i + 1}",
                faker.Lorem.Paragraph(2),
                code,
                faker.PickRandom<ServiceArea>(),
                starts,
                ends,
                $"{city.ToUpperInvariant()[..3]}/{starts.Year}/{i + 1:00000}",
                faker.PickRandom(3, 6, 12),
                parties,
                goals));
        }
        return list;
    }

    private static readonly string[] PilotTopics =
    [
        "Digituki kirjastossa", "Kimppakyyti kylille", "Nuorten kesätyöseteli", "Etälukiolinja", "Ruokahävikkikahvila",
        "Liikuntalähetti kotiin", "Kotoutujien kielikahvila", "Senioreiden tablettikoulu", "Kylätalon etätyöpiste", "Lähiluontopolku",
    ];

    private static readonly string[] Venues = ["Kirjasto", "Nuorisotalo", "Kylätalo", "Seurakuntatalo", "Monitoimitalo", "Urheiluhalli"];

    private static readonly string[] Keywords = ["nuoret", "ikäihmiset", "liikunta", "kulttuuri", "ilmainen", "perheet", "luonto", "digi"];

    public IReadOnlyList<PilotInput> Pilots(int count, IReadOnlyList<Guid> memberIds, IReadOnlyList<Guid> partnershipIds)
    {
        var list = new List<PilotInput>(count);
        for (var i = 0; i < count; i++)
        {
            var (code, city) = faker.PickRandom(Municipalities);
            var people = Enumerable.Range(0, 6).Select(_ => memberIds[faker.Random.Int(0, memberIds.Count - 1)]).Distinct().ToList();
            var team = people.Skip(1).Take(faker.Random.Int(0, 4))
                .Select(id => new PilotTeamInput(id, faker.PickRandom("kehittäjä", "kouluttaja", "viestintä", null))).ToList();
            var metrics = Enumerable.Range(0, faker.Random.Int(0, 3)).Select(_ => new PilotMetricInput(
                null,
                faker.PickRandom(Indicators),
                faker.PickRandom("hlöä", "kertaa", "%", null),
                faker.Random.Int(0, 50),
                faker.Random.Int(50, 500),
                faker.Random.Bool(0.5f) ? faker.Random.Int(0, 400) : null)).ToList();
            var start = DateOnly.FromDateTime(faker.Date.Between(new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc)));
            list.Add(new PilotInput(
                $"{city}: {faker.PickRandom(PilotTopics).ToLowerInvariant()} {i + 1}",
                faker.PickRandom<PilotTheme>(),
                faker.Lorem.Paragraph(2),
                faker.Lorem.Sentence(14),
                code,
                faker.Random.Bool(0.4f) ? partnershipIds[faker.Random.Int(0, partnershipIds.Count - 1)] : null,
                people[0],
                team,
                start,
                start.AddMonths(faker.Random.Int(3, 18)),
                null,
                null,
                faker.Random.Int(1, 400) * 250m,
                metrics,
                null));
        }
        return list;
    }

    public IReadOnlyList<CommunityEventInput> Events(int count, IReadOnlyList<Guid> memberIds)
    {
        var list = new List<CommunityEventInput>(count);
        for (var i = 0; i < count; i++)
        {
            var (code, city) = faker.PickRandom(Municipalities);
            var starts = new DateTimeOffset(2026, 1, 1, 8, 0, 0, TimeSpan.Zero).AddDays(faker.Random.Int(0, 700)).AddMinutes(15 * faker.Random.Int(0, 40));
            var organizers = Enumerable.Range(0, faker.Random.Int(1, 3)).Select(_ => memberIds[faker.Random.Int(0, memberIds.Count - 1)]).Distinct().ToList();
            list.Add(new CommunityEventInput(
                $"{faker.PickRandom(Venues)}ilta: {faker.PickRandom(GoalTitles).ToLowerInvariant()} {i + 1}",
                faker.Lorem.Paragraph(3),
                starts,
                starts.AddHours(faker.Random.Int(1, 4)),
                new EventVenueInput($"{city}n {faker.PickRandom(Venues).ToLowerInvariant()}", $"{faker.Address.StreetName()} {faker.Random.Int(1, 120)}", city),
                code,
                organizers,
                null,
                null,
                faker.Random.Bool(0.7f) ? faker.Random.Int(10, 300) : null,
                null,
                null,
                EventVisibility.Public,
                faker.PickRandom(Enum.GetValues<EventLanguage>(), faker.Random.Int(1, 2)).Distinct().ToList(),
                faker.PickRandom(Keywords, faker.Random.Int(0, 4)).Distinct().ToList()));
        }
        return list;
    }

    /// <summary>A unique Y-tunnus: weights 7,9,10,5,8,4,2; remainder 1 is never issued; otherwise 11−r (0 when r = 0).</summary>
    private string NextBusinessId()
    {
        while (true)
        {
            var digits = faker.Random.Int(1000000, 3399999).ToString("0000000", CultureInfo.InvariantCulture);
            var check = CheckDigit(digits);
            if (check is null)
            {
                continue;
            }
            var id = $"{digits}-{check}";
            if (businessIds.Add(id))
            {
                return id;
            }
        }
    }

    internal static int? CheckDigit(string sevenDigits)
    {
        int[] weights = [7, 9, 10, 5, 8, 4, 2];
        var sum = 0;
        for (var i = 0; i < 7; i++)
        {
            sum += (sevenDigits[i] - '0') * weights[i];
        }
        var remainder = sum % 11;
        return remainder switch
        {
            0 => 0,
            1 => null,
            _ => 11 - remainder,
        };
    }

    private static string Ascii(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            builder.Append(c switch { 'ä' => 'a', 'ö' => 'o', 'å' => 'a', _ => c });
        }
        return builder.ToString();
    }
}
