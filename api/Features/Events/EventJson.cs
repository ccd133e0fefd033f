using System.Text.Json;

namespace CommunityHub.Api.Features.Events;

/// <summary>
/// Writes a <see cref="CommunityEventPage"/> straight from the rows (<see cref="RowSet"/>, on either provider) into pooled
/// buffers with <see cref="Utf8JsonWriter"/>, byte for byte what System.Text.Json makes of the same page with the HTTP
/// JSON options (<see cref="EventRow.ToResponse"/> then serialised), without building the response objects first.
/// </summary>
internal static class EventJson
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText Description = JsonEncodedText.Encode("description");
    private static readonly JsonEncodedText StartsAt = JsonEncodedText.Encode("startsAt");
    private static readonly JsonEncodedText EndsAt = JsonEncodedText.Encode("endsAt");
    private static readonly JsonEncodedText Venue = JsonEncodedText.Encode("venue");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Street = JsonEncodedText.Encode("street");
    private static readonly JsonEncodedText City = JsonEncodedText.Encode("city");
    private static readonly JsonEncodedText MunicipalityCode = JsonEncodedText.Encode("municipalityCode");
    private static readonly JsonEncodedText OrganizerIds = JsonEncodedText.Encode("organizerIds");
    private static readonly JsonEncodedText PartnershipId = JsonEncodedText.Encode("partnershipId");
    private static readonly JsonEncodedText PilotId = JsonEncodedText.Encode("pilotId");
    private static readonly JsonEncodedText Capacity = JsonEncodedText.Encode("capacity");
    private static readonly JsonEncodedText RegistrationOpensAt = JsonEncodedText.Encode("registrationOpensAt");
    private static readonly JsonEncodedText RegistrationClosesAt = JsonEncodedText.Encode("registrationClosesAt");
    private static readonly JsonEncodedText Visibility = JsonEncodedText.Encode("visibility");
    private static readonly JsonEncodedText Languages = JsonEncodedText.Encode("languages");
    private static readonly JsonEncodedText Keywords = JsonEncodedText.Encode("keywords");
    private static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    private static readonly JsonEncodedText ConfirmedCount = JsonEncodedText.Encode("confirmedCount");
    private static readonly JsonEncodedText WaitlistCount = JsonEncodedText.Encode("waitlistCount");
    private static readonly JsonEncodedText PublishedAt = JsonEncodedText.Encode("publishedAt");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("createdAt");
    private static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updatedAt");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");

    /// <summary>
    /// The page's JSON and its ETag from the first <paramref name="count"/> event rows (columns as
    /// <see cref="CommunityEventData.Columns"/>) and their organiser rows (event id, member id; ordered by event id).
    /// </summary>
    public static JsonBody Page(RowSet rows, int count, RowSet organizers, string? nextCursor, JsonSerializerOptions options)
    {
        var organizersOf = organizers.ChildrenOf(rows, count, CommunityEventData.IdColumn, 0);
        return JsonBody.Page(
            count, nextCursor, ETags.ForPage(rows, count, CommunityEventData.IdColumn, CommunityEventData.VersionColumn, nextCursor), options,
            (rows, organizers, organizersOf), static (writer, i, page) => Write(writer, page.rows, i, page.organizers, page.organizersOf[i]));
    }

    private static void Write(Utf8JsonWriter writer, RowSet rows, int row, RowSet organizers, (int Start, int End) organizerRows)
    {
        writer.WriteStartObject();
        writer.WriteId(Id, rows, row, 0);
        writer.WriteText(Title, rows, row, 1);
        writer.WriteText(Description, rows, row, 2);
        writer.WriteInstant(StartsAt, rows, row, CommunityEventData.StartsAtColumn);
        writer.WriteInstant(EndsAt, rows, row, 4);
        // As EventRow.ToResponse: no venue object when all three parts are missing.
        if (rows.IsNull(row, 5) && rows.IsNull(row, 6) && rows.IsNull(row, 7))
        {
            writer.WriteNull(Venue);
        }
        else
        {
            writer.WriteStartObject(Venue);
            writer.WriteText(Name, rows, row, 5);
            writer.WriteText(Street, rows, row, 6);
            writer.WriteText(City, rows, row, 7);
            writer.WriteEndObject();
        }
        writer.WriteText(MunicipalityCode, rows, row, 8);
        writer.WriteStartArray(OrganizerIds);
        for (var i = organizerRows.Start; i < organizerRows.End; i++)
        {
            writer.WriteIdValue(organizers, i, 1);
        }
        writer.WriteEndArray();
        writer.WriteId(PartnershipId, rows, row, 9);
        writer.WriteId(PilotId, rows, row, 10);
        writer.WriteInteger(Capacity, rows, row, 11);
        writer.WriteInstant(RegistrationOpensAt, rows, row, 12);
        writer.WriteInstant(RegistrationClosesAt, rows, row, 13);
        writer.WriteEnum<EventVisibility>(Visibility, rows, row, 14);
        WriteLanguages(writer, rows.Utf8(row, 16));
        WriteKeywords(writer, rows.Utf8(row, 17));
        writer.WriteEnum<EventStatus>(Status, rows, row, 15);
        writer.WriteInteger(ConfirmedCount, rows, row, 18);
        writer.WriteInteger(WaitlistCount, rows, row, 19);
        writer.WriteInstant(PublishedAt, rows, row, 21);
        writer.WriteInstant(CreatedAt, rows, row, 22);
        writer.WriteInstant(UpdatedAt, rows, row, CommunityEventData.UpdatedAtColumn);
        writer.WriteInteger(Version, rows, row, CommunityEventData.VersionColumn);
        writer.WriteEndObject();
    }

    /// <summary>Stored as the wire names joined by commas (<see cref="EventText.Languages"/>), read as <see cref="EventText.ParseLanguages"/>.</summary>
    private static void WriteLanguages(Utf8JsonWriter writer, ReadOnlySpan<byte> stored)
    {
        writer.WriteStartArray(Languages);
        foreach (var range in stored.Split((byte)','))
        {
            var name = stored[range];
            if (!name.IsEmpty)
            {
                writer.WriteStringValue(EnumText.Encoded<EventLanguage>(name));
            }
        }
        writer.WriteEndArray();
    }

    /// <summary>
    /// Stored as a JSON array of strings (System.Text.Json's default escaping); written again with the HTTP writer's
    /// encoder, as deserialising it into a list of strings and serialising that does. A stored <c>null</c> is an empty list.
    /// </summary>
    private static void WriteKeywords(Utf8JsonWriter writer, ReadOnlySpan<byte> stored)
    {
        writer.WriteStartArray(Keywords);
        var reader = new Utf8JsonReader(stored);
        if (reader.Read() && reader.TokenType == JsonTokenType.StartArray)
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.String when !reader.ValueIsEscaped:
                        writer.WriteStringValue(reader.ValueSpan);
                        break;
                    case JsonTokenType.String:
                        writer.WriteStringValue(reader.GetString());
                        break;
                    case JsonTokenType.Null:
                        writer.WriteNullValue();
                        break;
                    default:
                        throw new JsonException($"Stored keywords hold a {reader.TokenType}, not a string.");
                }
            }
        }
        else if (reader.TokenType != JsonTokenType.Null)
        {
            throw new JsonException("Stored keywords are not a JSON array.");
        }
        writer.WriteEndArray();
    }
}
