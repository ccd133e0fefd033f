using System.Text.Json;

namespace CommunityHub.Api.Infrastructure.Data.DemoData;

/// <summary>
/// The demo data set kept in the repo (demo-data.json, written from the Finnish seed texts), with the ids that
/// seeded entities received, so later feature seeders can resolve <c>memberKey</c>, <c>partnershipKey</c>, ….
/// </summary>
public sealed class DemoDataSet
{
    public required JsonElement Root { get; init; }

    public Dictionary<string, Guid> Keys { get; } = new(StringComparer.Ordinal);

    public IEnumerable<JsonElement> Section(string name) =>
        Root.TryGetProperty(name, out var section) && section.ValueKind == JsonValueKind.Array ? section.EnumerateArray() : [];

    public Guid Id(string key) => Keys.TryGetValue(key, out var id) ? id : throw new InvalidOperationException($"Demo data key '{key}' is not seeded.");

    public static DemoDataSet Load()
    {
        var assembly = typeof(DemoDataSet).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith("demo-data.json", StringComparison.Ordinal));
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var document = JsonDocument.Parse(stream);
        return new DemoDataSet { Root = document.RootElement.Clone() };
    }
}

/// <summary>One feature's part of the demo data; seeders run in <see cref="Order"/> on an empty database.</summary>
public interface IDemoDataSeeder
{
    int Order { get; }

    Task SeedAsync(DemoDataSet data, CancellationToken ct);
}
