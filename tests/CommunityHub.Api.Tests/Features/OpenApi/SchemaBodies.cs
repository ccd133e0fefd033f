using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CommunityHub.Api.Tests.Features.OpenApi;

/// <summary>
/// Random JSON values that a JSON Schema (an OpenAPI 3.1 schema with <c>$ref</c>s into <paramref name="document"/>)
/// accepts: only what the schema says is used — types, required, enum, lengths, patterns, formats, bounds, item counts.
/// A uuid field whose name is in <paramref name="references"/> gets one of those real ids instead of a random one.
/// </summary>
public sealed class SchemaBodies(JsonObject document, Random random, IReadOnlyDictionary<string, Guid[]> references)
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzåäöABCDEFGHIJKLMNOPQRSTUVWXYZÅÄÖ0123456789";
    private const string Ascii = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string Text = Letters + "  -.,";

    public JsonNode? Value(JsonNode? schema, string name = "")
    {
        schema = Resolve(schema);
        if (schema is not JsonObject node)
        {
            return null;
        }
        var branches = (node["oneOf"] as JsonArray ?? node["anyOf"] as JsonArray)?.Where(b => !IsNull(b)).ToList();
        if (branches is { Count: > 0 })
        {
            return Value(branches[random.Next(branches.Count)], name);
        }
        if (node["enum"] is JsonArray values)
        {
            var choices = values.Where(v => v is not null).ToList();
            return choices[random.Next(choices.Count)]!.DeepClone();
        }
        var type = Types(node).Where(t => t != "null").ToList() switch
        {
            [] => node["properties"] is not null ? "object" : "string",
            var some => some[random.Next(some.Count)],
        };
        return type switch
        {
            "object" => Object(node),
            "array" => Array(node, name),
            "integer" => JsonValue.Create((long)Number(node, integer: true)),
            "number" => JsonValue.Create(Number(node, integer: false)),
            "boolean" => JsonValue.Create(random.Next(2) == 0),
            _ => JsonValue.Create(String(node, name)),
        };
    }

    private JsonObject Object(JsonObject schema)
    {
        var required = (schema["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var result = new JsonObject();
        foreach (var (name, property) in schema["properties"] as JsonObject ?? [])
        {
            if (required.Contains(name) || random.Next(3) > 0)
            {
                // An optional field that takes null is sometimes sent as null: the API must take that too.
                result[name] = !required.Contains(name) && Nullable(property) && random.Next(4) == 0 ? null : Value(property, name);
            }
        }
        return result;
    }

    private JsonArray Array(JsonObject schema, string name)
    {
        var min = Int(schema, "minItems") ?? 0;
        var max = Math.Min(Int(schema, "maxItems") ?? min + 3, min + 3);
        var count = random.Next(min, max + 1);
        var items = new JsonArray();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var tries = 0; items.Count < count && tries < count * 20; tries++)
        {
            var item = Value(schema["items"], name);
            if (schema["uniqueItems"]?.GetValue<bool>() == true && !seen.Add(item?.ToJsonString() ?? "null"))
            {
                continue;
            }
            items.Add(item);
        }
        return items;
    }

    private decimal Number(JsonObject schema, bool integer)
    {
        var low = Dec(schema, "minimum") ?? (Dec(schema, "exclusiveMinimum") is { } el ? el + (integer ? 1 : 0.01m) : -1000m);
        var high = Dec(schema, "maximum") ?? (Dec(schema, "exclusiveMaximum") is { } eh ? eh - (integer ? 1 : 0.01m) : 1000m);
        // Huge ranges (a budget up to 10^12) are sampled at their edges and in between.
        var pick = random.Next(4) switch
        {
            0 => low,
            1 => high,
            _ => low + ((high - low) * (decimal)random.NextDouble()),
        };
        return integer ? Math.Floor(pick) : Math.Round(pick, 2, MidpointRounding.ToZero);
    }

    private string String(JsonObject schema, string name)
    {
        var min = Int(schema, "minLength") ?? 0;
        var max = Int(schema, "maxLength") ?? Math.Max(min, 40);
        var patterns = new[] { schema["pattern"] }.Concat((schema["allOf"] as JsonArray ?? []).Select(s => s?["pattern"]))
            .Where(p => p is not null).Select(p => p!.GetValue<string>()).ToList();
        for (var tries = 0; tries < 200; tries++)
        {
            var text = Candidate(schema["format"]?.GetValue<string>(), patterns.FirstOrDefault(), name, min, max);
            if (text.Length >= min && text.Length <= max && patterns.All(p => Regex.IsMatch(text, p)))
            {
                return text;
            }
        }
        throw new InvalidOperationException($"No string found for {name} ({schema.ToJsonString()}).");
    }

    private string Candidate(string? format, string? pattern, string name, int min, int max)
    {
        switch (format)
        {
            case "uuid":
                return references.TryGetValue(name, out var ids) ? ids[random.Next(ids.Length)].ToString() : Guid.NewGuid().ToString();
            case "date":
                return new DateOnly(2020, 1, 1).AddDays(random.Next(3650)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case "date-time":
                return new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(random.Next(5_000_000))
                    .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            case "email":
                return $"{Chars(Ascii, random.Next(1, 13))}.{Chars(Ascii, random.Next(1, 9))}@{Chars(Ascii, random.Next(2, 11))}.fi";
            case "uri":
                return $"{(random.Next(2) == 0 ? "https" : "http")}://{Chars(Ascii, random.Next(2, 11))}.example/{Chars(Ascii, random.Next(0, 13))}";
        }
        if (pattern is null)
        {
            return Chars(Text, random.Next(min, Math.Min(max, min + 40) + 1));
        }
        var match = new RegexSample(pattern, random).Next();
        // An unanchored pattern only needs a match somewhere: surround it with text now and then.
        var prefix = pattern.StartsWith('^') || random.Next(2) == 0 ? "" : Chars(Text, random.Next(4));
        var suffix = pattern.EndsWith('$') || random.Next(2) == 0 ? "" : Chars(Text, random.Next(4));
        return prefix + match + suffix;
    }

    private string Chars(string alphabet, int count)
    {
        var text = new StringBuilder(count);
        for (var i = 0; i < count; i++)
        {
            text.Append(alphabet[random.Next(alphabet.Length)]);
        }
        return text.ToString();
    }

    private JsonNode? Resolve(JsonNode? schema) =>
        schema?["$ref"]?.GetValue<string>() is { } reference
            ? Resolve(document["components"]!["schemas"]![reference.Split('/')[^1]])
            : schema;

    private static IEnumerable<string> Types(JsonObject schema) => schema["type"] switch
    {
        JsonArray types => types.Select(t => t!.GetValue<string>()),
        JsonValue type => [type.GetValue<string>()],
        _ => [],
    };

    private bool IsNull(JsonNode? schema) => Resolve(schema) is JsonObject node && Types(node).SequenceEqual(["null"]);

    private bool Nullable(JsonNode? schema) =>
        Resolve(schema) is JsonObject node
        && (Types(node).Contains("null") || (node["oneOf"] as JsonArray ?? node["anyOf"] as JsonArray ?? []).Any(IsNull));

    private static int? Int(JsonObject schema, string keyword) => (int?)Dec(schema, keyword);

    private static decimal? Dec(JsonObject schema, string keyword) =>
        schema[keyword] is JsonValue v ? decimal.Parse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture) : null;
}
