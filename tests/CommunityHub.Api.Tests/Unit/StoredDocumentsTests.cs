using System.Text;
using System.Text.Json;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using Shouldly;

namespace CommunityHub.Api.Tests.Unit;

/// <summary>The page a list writes from stored documents: the same bytes as Utf8JsonWriter, references filled in, versions checked.</summary>
public sealed class StoredDocumentsTests
{
    private static readonly Guid Member = Guid.Parse("01a22c30-c37c-7b53-9364-3b15923b8eb7");

    private static JsonSerializerOptions HttpOptions()
    {
        var options = new Microsoft.AspNetCore.Http.Json.JsonOptions();
        Json.Configure(options.SerializerOptions);
        return options.SerializerOptions;
    }

    /// <summary>A stored document as a list writes it: an object whose "name" is a reference to <see cref="Member"/>.</summary>
    private static string Document(string title, JsonSerializerOptions options)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, JsonBody.WriterOptions(options)))
        {
            writer.WriteStartObject();
            writer.WriteString("title", title);
            writer.WritePropertyName("name");
            StoredDocuments.WriteReference(writer, Member);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static RowSet Rows(params (long Version, long? DocumentVersion, string? Body)[] rows)
    {
        var set = new RowSet(3);
        foreach (var (version, documentVersion, body) in rows)
        {
            set.Add(version);
            set.Add(documentVersion);
            set.Add(body);
        }
        return set;
    }

    [Fact]
    public void The_page_is_what_the_json_writer_writes_with_each_reference_replaced_by_its_value()
    {
        var options = HttpOptions();
        const string name = "Kyyjärven \"Å\" \\ yhdistys <&> 😀 \u0001";
        var titles = new[] { "Ensimmäinen ÅÄÖ \u2028", "Toinen \"lainaus\" \t" };
        using var rows = Rows((1, 1, Document(titles[0], options)), (7, 7, Document(titles[1], options)));
        var quotedName = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(name, options));
        const string cursor = "eyJrIjpbIjAxYTIyYzMwIl19+/=\"";

        using var page = StoredDocuments.Page(rows, 2, 2, cursor, "W/\"x\"", options, new Dictionary<Guid, byte[]> { [Member] = quotedName });

        var expected = JsonSerializer.Serialize(
            new { items = titles.Select(t => new { title = t, name }).ToArray(), nextCursor = cursor }, options);
        Encoding.UTF8.GetString(page.Content.ToArray()).ShouldBe(expected);
        page.ETag.ShouldBe("W/\"x\"");
    }

    [Fact]
    public void An_empty_page_and_a_last_page_end_as_the_writer_ends_them()
    {
        var options = HttpOptions();
        using var rows = Rows();
        using var page = StoredDocuments.Page(rows, 0, 2, null, "W/\"e\"", options);
        Encoding.UTF8.GetString(page.Content.ToArray()).ShouldBe("{\"items\":[],\"nextCursor\":null}");
    }

    [Fact]
    public void Documents_are_current_only_when_each_is_at_its_records_version()
    {
        using var rows = Rows((3, 3, "{}"), (12, 12, "{}"), (5, 4, "{}"), (2, null, null));
        StoredDocuments.AllCurrent(rows, 2, 0, 1).ShouldBeTrue();
        StoredDocuments.AllCurrent(rows, 3, 0, 1).ShouldBeFalse();
        using var missing = Rows((2, null, null));
        StoredDocuments.AllCurrent(missing, 1, 0, 1).ShouldBeFalse();
        using var longer = Rows((12, 1, "{}"));
        StoredDocuments.AllCurrent(longer, 1, 0, 1).ShouldBeFalse();
    }

    [Fact]
    public void References_are_collected_and_a_reference_without_a_value_or_malformed_fails_loudly()
    {
        var options = HttpOptions();
        using var rows = Rows((1, 1, Document("a", options)), (1, 1, "{\"x\":\u0001not-an-id-at-all-not-an-id-at-all-xx}"));
        var found = new HashSet<Guid>();
        StoredDocuments.AddReferences(rows, 1, 2, found);
        found.ShouldBe([Member]);

        Should.Throw<InvalidOperationException>(() => StoredDocuments.Page(rows, 1, 2, null, "W/\"x\"", options, new Dictionary<Guid, byte[]>()));
        Should.Throw<InvalidOperationException>(() => StoredDocuments.AddReferences(rows, 2, 2, found));
    }
}
