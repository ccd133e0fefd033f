using System.Buffers;
using System.Text.Json;

namespace CommunityHub.Api.Features.Members;

/// <summary>
/// Writes a <see cref="MemberPage"/> straight from the rows (<see cref="RowSet"/>, on either provider) into pooled
/// buffers with <see cref="Utf8JsonWriter"/>, byte for byte what System.Text.Json makes of the same page with the HTTP
/// JSON options, without building the response objects first.
/// </summary>
internal static class MemberJson
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText BusinessId = JsonEncodedText.Encode("businessId");
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText Sectors = JsonEncodedText.Encode("sectors");
    private static readonly JsonEncodedText MunicipalityCode = JsonEncodedText.Encode("municipalityCode");
    private static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
    private static readonly JsonEncodedText Website = JsonEncodedText.Encode("website");
    private static readonly JsonEncodedText Email = JsonEncodedText.Encode("email");
    private static readonly JsonEncodedText Phone = JsonEncodedText.Encode("phone");
    private static readonly JsonEncodedText Address = JsonEncodedText.Encode("address");
    private static readonly JsonEncodedText Street = JsonEncodedText.Encode("street");
    private static readonly JsonEncodedText PostalCode = JsonEncodedText.Encode("postalCode");
    private static readonly JsonEncodedText City = JsonEncodedText.Encode("city");
    private static readonly JsonEncodedText Membership = JsonEncodedText.Encode("membership");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText JoinedOn = JsonEncodedText.Encode("joinedOn");
    private static readonly JsonEncodedText EndedOn = JsonEncodedText.Encode("endedOn");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("createdAt");
    private static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updatedAt");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");

    /// <summary>
    /// The page's JSON and its ETag from the first <paramref name="count"/> member rows (columns as
    /// <see cref="MemberData.Columns"/>) and their sector rows (member id, sector; ordered by member id).
    /// </summary>
    public static JsonBody Page(RowSet rows, int count, RowSet sectors, string? nextCursor, JsonSerializerOptions options)
    {
        var sectorsOf = sectors.ChildrenOf(rows, count, MemberData.IdColumn, 0);
        return JsonBody.Page(
            count, nextCursor, ETags.ForPage(rows, count, MemberData.IdColumn, MemberData.VersionColumn, nextCursor), options,
            (rows, sectors, sectorsOf), static (writer, i, page) => Write(writer, page.rows, i, page.sectors, page.sectorsOf[i]));
    }

    /// <summary>The stored form of one member (<see cref="MemberDocuments"/>): its JSON object exactly as the page writes it.</summary>
    public static byte[] Document(RowSet rows, int row, RowSet sectors, (int Start, int End) sectorRows, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, JsonBody.WriterOptions(options)))
        {
            Write(writer, rows, row, sectors, sectorRows);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, RowSet rows, int row, RowSet sectors, (int Start, int End) sectorRows)
    {
        writer.WriteStartObject();
        writer.WriteId(Id, rows, row, 0);
        writer.WriteText(Name, rows, row, 1);
        writer.WriteText(BusinessId, rows, row, 3);
        writer.WriteEnum<MemberKind>(Kind, rows, row, 4);
        WriteSectors(writer, sectors, sectorRows);
        writer.WriteText(MunicipalityCode, rows, row, 5);
        writer.WriteText(Description, rows, row, 6);
        writer.WriteText(Website, rows, row, 7);
        writer.WriteText(Email, rows, row, 8);
        writer.WriteText(Phone, rows, row, 9);
        // As MemberRow.ToResponse: no address object when all three parts are missing.
        if (rows.IsNull(row, 10) && rows.IsNull(row, 11) && rows.IsNull(row, 12))
        {
            writer.WriteNull(Address);
        }
        else
        {
            writer.WriteStartObject(Address);
            writer.WriteText(Street, rows, row, 10);
            writer.WriteText(PostalCode, rows, row, 11);
            writer.WriteText(City, rows, row, 12);
            writer.WriteEndObject();
        }
        writer.WriteStartObject(Membership);
        writer.WriteEnum<MembershipStatus>(Status, rows, row, 13);
        writer.WriteDate(JoinedOn, rows, row, 14);
        writer.WriteDate(EndedOn, rows, row, 15);
        writer.WriteEndObject();
        writer.WriteInstant(CreatedAt, rows, row, 16);
        writer.WriteInstant(UpdatedAt, rows, row, 17);
        writer.WriteInteger(Version, rows, row, 18);
        writer.WriteEndObject();
    }

    /// <summary>In the enum's declaration order, as <see cref="MemberData.WithSectorsAsync"/> orders them.</summary>
    private static void WriteSectors(Utf8JsonWriter writer, RowSet sectors, (int Start, int End) range)
    {
        Span<Sector> values = stackalloc Sector[range.End - range.Start];
        for (var i = range.Start; i < range.End; i++)
        {
            values[i - range.Start] = EnumText.Parse<Sector>(sectors.Utf8(i, 1));
        }
        values.Sort();
        writer.WriteStartArray(Sectors);
        foreach (var sector in values)
        {
            writer.WriteStringValue(EnumText.Encoded(sector));
        }
        writer.WriteEndArray();
    }
}
