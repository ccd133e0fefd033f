using System.Text.Json;

namespace CommunityHub.Api.Features.Partnerships;

/// <summary>
/// Writes a <see cref="PartnershipPage"/> straight from the rows into pooled buffers with <see cref="Utf8JsonWriter"/>,
/// byte for byte what System.Text.Json makes of the same page with the HTTP JSON options (same property order, names,
/// escaping, date and instant formats, nulls written), without building the response objects first.
/// </summary>
internal static class PartnershipJson
{
    private static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
    private static readonly JsonEncodedText NextCursor = JsonEncodedText.Encode("nextCursor");
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

    /// <summary>The page's JSON and its ETag (the same one <see cref="Tagged.Page{T}"/> gives).</summary>
    public static JsonBody Page(
        IReadOnlyList<PartnershipRow> rows, PartnershipDetails details, string? nextCursor, JsonSerializerOptions options)
    {
        var buffer = new ChunkedBuffer();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, JsonBody.WriterOptions(options)))
            {
                writer.WriteStartObject();
                writer.WriteStartArray(Items);
                for (var i = 0; i < rows.Count; i++)
                {
                    Write(writer, rows[i], details.Parties[i], details.Goals[i]);
                }
                writer.WriteEndArray();
                writer.WriteString(NextCursor, nextCursor);
                writer.WriteEndObject();
            }
            return new JsonBody(buffer, ETags.ForPage(rows.Select(r => (r.Id, r.Version)), nextCursor));
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    private static void Write(Utf8JsonWriter writer, PartnershipRow row, IReadOnlyList<PartyResponse> parties, IReadOnlyList<GoalResponse> goals)
    {
        writer.WriteStartObject();
        writer.WriteString(Id, row.Id);
        writer.WriteString(Title, row.Title);
        writer.WriteString(Description, row.Description);
        writer.WriteString(MunicipalityCode, row.MunicipalityCode);
        writer.WriteString(ServiceAreaName, EnumText.Encoded(EnumText.Parse<ServiceArea>(row.ServiceArea)));
        writer.WriteString(Status, EnumText.Encoded(row.StatusValue));
        WriteDate(writer, StartsOn, row.StartsOn);
        WriteDate(writer, EndsOn, row.EndsOn);
        writer.WriteString(AgreementRef, row.AgreementRef);
        if (row.ReviewIntervalMonths is { } months)
        {
            writer.WriteNumber(ReviewIntervalMonths, months);
        }
        else
        {
            writer.WriteNull(ReviewIntervalMonths);
        }
        WriteDate(writer, NextReviewDue, row.NextReviewDue);

        writer.WriteStartArray(Parties);
        foreach (var party in parties)
        {
            writer.WriteStartObject();
            writer.WriteString(MemberId, party.MemberId);
            writer.WriteString(MemberName, party.MemberName);
            writer.WriteString(Role, EnumText.Encoded(party.Role));
            writer.WriteString(Responsibilities, party.Responsibilities);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        writer.WriteStartArray(Goals);
        foreach (var goal in goals)
        {
            writer.WriteStartObject();
            writer.WriteString(Id, goal.Id);
            writer.WriteString(Title, goal.Title);
            writer.WriteString(Indicator, goal.Indicator);
            writer.WriteString(Target, goal.Target);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();

        WriteInstant(writer, CreatedAt, row.CreatedAt);
        WriteInstant(writer, UpdatedAt, row.UpdatedAt);
        writer.WriteNumber(Version, row.Version);
        writer.WriteEndObject();
    }

    /// <summary>As System.Text.Json writes a DateOnly: ISO 8601 <c>yyyy-MM-dd</c>.</summary>
    private static void WriteDate(Utf8JsonWriter writer, JsonEncodedText name, DateOnly? value)
    {
        if (value is not { } date)
        {
            writer.WriteNull(name);
            return;
        }
        Span<byte> text = stackalloc byte[10];
        date.TryFormat(text, out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        writer.WriteString(name, text[..written]);
    }

    /// <summary>As the API's instant converter writes one (<see cref="Json"/>): UTC, trailing zero fractions dropped, <c>Z</c>.</summary>
    private static void WriteInstant(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset value)
    {
        Span<byte> text = stackalloc byte[40];
        value.ToUniversalTime().TryFormat(text, out var written, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
        writer.WriteString(name, text[..written]);
    }
}
