using System.Globalization;
using System.Text;
using System.Text.Json;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;

namespace CommunityHub.Api.Tests.Infrastructure.Data;

/// <summary>
/// Stored documents are the response record serialised, so a page made of them must be the bytes of the page record
/// serialised whole; a document is served only at its record's version and in today's format, and the format moves
/// whenever the record's JSON contract does.
/// </summary>
public sealed class DocumentProjectionTests
{
    private const string HardText = "Kyyjärven \"Å\" \\ yhdistys <&> 😀 \u0001 \u2028 \t ÄÖ";

    private static JsonSerializerOptions HttpOptions()
    {
        var options = new Microsoft.AspNetCore.Http.Json.JsonOptions();
        Json.Configure(options.SerializerOptions);
        return options.SerializerOptions;
    }

    public sealed record Party(Guid MemberId, string MemberName);

    public sealed record Thing(Guid Id, string Title, IReadOnlyList<Party> Parties, DateTimeOffset UpdatedAt, long Version) : IVersionedResource;

    public sealed record ThingPage(IReadOnlyList<Thing> Items, string? NextCursor);

    public sealed record ThingWithNote(Guid Id, string Title, IReadOnlyList<Party> Parties, DateTimeOffset UpdatedAt, long Version, string? Note);

    public sealed record PartyWithRole(Guid MemberId, string MemberName, string Role);

    public sealed record ThingWithPartyRoles(Guid Id, string Title, IReadOnlyList<PartyWithRole> Parties, DateTimeOffset UpdatedAt, long Version);

    public sealed record SameShapeOtherName(Guid Id, string Title, IReadOnlyList<Party> Parties, DateTimeOffset UpdatedAt, long Version);

    private static Thing NewThing(string title, long version) =>
        new(Guid.CreateVersion7(), title, [new Party(Guid.CreateVersion7(), HardText)], DateTimeOffset.Parse("2026-12-07T10:00:00.1234567+02:00", CultureInfo.InvariantCulture), version);

    private sealed class Things(JsonSerializerOptions options)
        : DocumentProjection<Thing>("things", "things", "thing_documents", "thing_id", options, new DocumentRenderer(
            new Db(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, ConnectionString = "Data Source=:memory:" }),
            NullLogger<DocumentRenderer>.Instance))
    {
        protected override Task<IReadOnlyList<Thing>> ReadAsync(WriteScope scope, string idsJson, CancellationToken ct) =>
            throw new NotSupportedException();
    }

    private static DocumentRow Row(Thing thing, JsonSerializerOptions options) => new()
    {
        Id = thing.Id,
        Version = thing.Version,
        Body = JsonSerializer.SerializeToUtf8Bytes(thing, options),
    };

    private static string Text(JsonBody body) => Encoding.UTF8.GetString(body.Content.ToArray());

    [Theory]
    [InlineData(null)]
    [InlineData("eyJrIjpbIjAxYTIyYzMwIl19+/=\"<")]
    public void A_page_of_documents_is_the_page_record_serialised_whole(string? cursor)
    {
        var options = HttpOptions();
        var things = new[] { NewThing("Ensimmäinen ÅÄÖ \u2028", 1), NewThing(HardText, 7) };
        var projection = new Things(options);

        using var fromDocuments = projection.Page([.. things.Select(t => Row(t, options))], cursor)!;
        using var fromRecords = JsonBody.Serialize(new ThingPage(things, cursor), "W/\"x\"", options);

        Text(fromDocuments).ShouldBe(Text(fromRecords));
        fromDocuments.ETag.ShouldBe(ETags.ForPage(things.Select(t => (t.Id, t.Version)), cursor));
    }

    [Fact]
    public void A_page_with_a_record_whose_document_is_not_current_is_not_written_from_documents()
    {
        var options = HttpOptions();
        var projection = new Things(options);

        projection.Page([Row(NewThing("a", 3), options)], null).ShouldNotBeNull().Dispose();
        projection.Page([Row(NewThing("a", 3), options), new DocumentRow { Id = Guid.CreateVersion7(), Version = 1 }], null).ShouldBeNull();
    }

    [Fact]
    public void The_format_follows_the_records_json_contract()
    {
        var options = HttpOptions();
        var format = DocumentFormat.Of(options.GetTypeInfo(typeof(Thing)));

        DocumentFormat.Of(options.GetTypeInfo(typeof(Thing))).ShouldBe(format);
        DocumentFormat.Of(options.GetTypeInfo(typeof(SameShapeOtherName))).ShouldBe(format);
        DocumentFormat.Of(options.GetTypeInfo(typeof(ThingWithNote))).ShouldNotBe(format);
        DocumentFormat.Of(options.GetTypeInfo(typeof(ThingWithPartyRoles))).ShouldNotBe(format);
        format.ShouldMatch("^[0-9a-f]{16}$");
    }

    [Fact]
    public void A_large_page_is_written_in_pooled_chunks_below_the_large_object_heap_with_finnish_letters_as_utf8()
    {
        var options = HttpOptions();
        var things = Enumerable.Range(0, 400).Select(i => NewThing($"Äänekosken yhdistys ry – öljyä ja åäö ÅÄÖ {i}", i)).ToList();

        using var body = JsonBody.Serialize(new ThingPage(things, null), "W/\"x\"", options);

        body.Content.Chunks().Count().ShouldBeGreaterThan(2);
        body.Content.Chunks().ShouldAllBe(c => c.Length < 85_000);
        Text(body).ShouldContain("Äänekosken yhdistys ry – öljyä ja åäö ÅÄÖ 399");
    }
}
