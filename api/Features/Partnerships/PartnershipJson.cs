using System.Buffers;
using System.Text.Json;

namespace CommunityHub.Api.Features.Partnerships;

/// <summary>
/// Writes a <see cref="PartnershipPage"/> straight from the rows (<see cref="RowSet"/>, on either provider) into pooled
/// buffers with <see cref="Utf8JsonWriter"/>, byte for byte what System.Text.Json makes of the same page with the HTTP
/// JSON options (same property order, names, escaping, date and instant formats, nulls written), without building the
/// response objects first.
/// </summary>
internal static class PartnershipJson
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
    private static readonly JsonEncodedText MunicipalityCode = JsonEncodedText.Encode("municipalityCode");
    private static readonly JsonEncodedText ServiceAreaName = JsonEncodedText.Encode("serviceArea");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText StartsOn = JsonEncodedText.Encode("startsOn");
    private static readonly JsonEncodedText EndsOn = JsonEncodedText.Encode("endsOn");
    private static readonly JsonEncodedText AgreementRef = JsonEncodedText.Encode("agreementRef");
    private static readonly JsonEncodedText ReviewIntervalMonths = JsonEncodedText.Encode("reviewIntervalMonths");
    private static readonly JsonEncodedText NextReviewDue = JsonEncodedText.Encode("nextReviewDue");
    private static readonly JsonEncodedText Parties = JsonEncodedText.Encode("parties");
    private static readonly JsonEncodedText Goals = JsonEncodedText.Encode("goals");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("createdAt");
    private static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updatedAt");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    private static readonly JsonEncodedText MemberId = JsonEncodedText.Encode("memberId");
    private static readonly JsonEncodedText MemberName = JsonEncodedText.Encode("memberName");
    private static readonly JsonEncodedText Role = JsonEncodedText.Encode("role");
    private static readonly JsonEncodedText Responsibilities = JsonEncodedText.Encode("responsibilities");
    private static readonly JsonEncodedText Indicator = JsonEncodedText.Encode("indicator");
    private static readonly JsonEncodedText Target = JsonEncodedText.Encode("target");

    /// <summary>
    /// The page's JSON and its ETag (the same one <see cref="Tagged.Page{T}"/> gives) from the first <paramref name="count"/>
    /// partnership rows (columns as <see cref="PartnershipData.Columns"/>) and their children.
    /// </summary>
    public static JsonBody Page(RowSet rows, int count, PartnershipChildren children, string? nextCursor, JsonSerializerOptions options)
    {
        return JsonBody.Page(
            count, nextCursor, ETags.ForPage(rows, count, PartnershipData.IdColumn, PartnershipData.VersionColumn, nextCursor), options,
            (rows, children), static (writer, i, page) => Write(writer, page.rows, i, page.children, nameReferences: false));
    }

    /// <summary>The same page from partnerships already in memory, through the same writer.</summary>
    public static JsonBody Page(
        IReadOnlyList<PartnershipRow> rows, PartnershipDetails details, string? nextCursor, JsonSerializerOptions options)
    {
        using var page = new RowSet(PartnershipData.ColumnCount);
        using var parties = new RowSet(PartnershipData.PartyColumnCount);
        using var goals = new RowSet(PartnershipData.GoalColumnCount);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            page.Add(row.Id);
            page.Add(row.Title);
            page.Add(row.Description);
            page.Add(row.MunicipalityCode);
            page.Add(row.ServiceArea);
            page.Add(row.Status);
            page.Add(row.StartsOn);
            page.Add(row.EndsOn);
            page.Add(row.AgreementRef);
            page.Add(row.ReviewIntervalMonths);
            page.Add(row.NextReviewDue);
            page.Add(row.CreatedAt);
            page.Add(row.UpdatedAt);
            page.Add(row.Version);
            foreach (var party in details.Parties[i])
            {
                parties.Add(row.Id);
                parties.Add(party.MemberId);
                parties.Add(party.MemberName);
                parties.Add(EnumText.Name(party.Role));
                parties.Add(party.Responsibilities);
            }
            foreach (var goal in details.Goals[i])
            {
                goals.Add(row.Id);
                goals.Add(goal.Id);
                goals.Add(goal.Title);
                goals.Add(goal.Indicator);
                goals.Add(goal.Target);
            }
        }
        return Page(page, rows.Count, PartnershipChildren.Of(page, rows.Count, parties, goals), nextCursor, options);
    }

    /// <summary>
    /// The stored form of one partnership (<see cref="PartnershipDocuments"/>): its JSON object exactly as the page
    /// writes it, except that each party's <c>memberName</c> value is a reference to the member
    /// (<see cref="StoredDocuments.WriteReference"/>), for the page to replace with the member's current name.
    /// </summary>
    public static byte[] Document(RowSet rows, int row, PartnershipChildren children, JsonSerializerOptions options)
    {
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer, JsonBody.WriterOptions(options)))
        {
            Write(writer, rows, row, children, nameReferences: true);
        }
        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, RowSet rows, int row, PartnershipChildren children, bool nameReferences)
    {
        writer.WriteStartObject();
        writer.WriteId(Id, rows, row, 0);
        writer.WriteText(Title, rows, row, 1);
        writer.WriteText(Description, rows, row, 2);
        writer.WriteText(MunicipalityCode, rows, row, 3);
        writer.WriteEnum<ServiceArea>(ServiceAreaName, rows, row, 4);
        writer.WriteEnum<PartnershipStatus>(Status, rows, row, 5);
        writer.WriteDate(StartsOn, rows, row, 6);
        writer.WriteDate(EndsOn, rows, row, 7);
        writer.WriteText(AgreementRef, rows, row, 8);
        writer.WriteInteger(ReviewIntervalMonths, rows, row, 9);
        writer.WriteDate(NextReviewDue, rows, row, 10);

        writer.WriteStartArray(Parties);
        var (first, end) = children.PartiesOf[row];
        for (var i = first; i < end; i++)
        {
            writer.WriteStartObject();
            writer.WriteId(MemberId, children.Parties, i, 1);
            if (nameReferences)
            {
                writer.WritePropertyName(MemberName);
                StoredDocuments.WriteReference(writer, children.Parties.Id(i, 1));
            }
            else
            {
                writer.WriteText(MemberName, children.Parties, i, 2);
            }
            writer.WriteEnum<PartyRole>(Role, children.Parties, i, 3);
            writer.WriteText(Responsibilities, children.Parties, i, 4);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WriteStartArray(Goals);
        (first, end) = children.GoalsOf[row];
        for (var i = first; i < end; i++)
        {
            writer.WriteStartObject();
            writer.WriteId(Id, children.Goals, i, 1);
            writer.WriteText(Title, children.Goals, i, 2);
            writer.WriteText(Indicator, children.Goals, i, 3);
            writer.WriteText(Target, children.Goals, i, 4);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WriteInstant(CreatedAt, rows, row, 11);
        writer.WriteInstant(UpdatedAt, rows, row, 12);
        writer.WriteInteger(Version, rows, row, 13);
        writer.WriteEndObject();
    }
}
