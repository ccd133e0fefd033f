using System.Text.Json;

namespace CommunityHub.Api.Features.Pilots;

/// <summary>
/// Writes a <see cref="PilotPage"/> straight from the rows (<see cref="RowSet"/>, on either provider) into pooled
/// buffers with <see cref="Utf8JsonWriter"/>, byte for byte what System.Text.Json makes of the same page with the HTTP
/// JSON options (<see cref="PilotRow.ToResponse"/> then serialised), without building the response objects first.
/// </summary>
internal static class PilotJson
{
    private static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    private static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    private static readonly JsonEncodedText Theme = JsonEncodedText.Encode("theme");
    private static readonly JsonEncodedText Problem = JsonEncodedText.Encode("problem");
    private static readonly JsonEncodedText Hypothesis = JsonEncodedText.Encode("hypothesis");
    private static readonly JsonEncodedText MunicipalityCode = JsonEncodedText.Encode("municipalityCode");
    private static readonly JsonEncodedText PartnershipId = JsonEncodedText.Encode("partnershipId");
    private static readonly JsonEncodedText OwnerMemberId = JsonEncodedText.Encode("ownerMemberId");
    private static readonly JsonEncodedText Team = JsonEncodedText.Encode("team");
    private static readonly JsonEncodedText MemberId = JsonEncodedText.Encode("memberId");
    private static readonly JsonEncodedText Role = JsonEncodedText.Encode("role");
    private static readonly JsonEncodedText PlannedStart = JsonEncodedText.Encode("plannedStart");
    private static readonly JsonEncodedText PlannedEnd = JsonEncodedText.Encode("plannedEnd");
    private static readonly JsonEncodedText StartedOn = JsonEncodedText.Encode("startedOn");
    private static readonly JsonEncodedText EndedOn = JsonEncodedText.Encode("endedOn");
    private static readonly JsonEncodedText BudgetEur = JsonEncodedText.Encode("budgetEur");
    private static readonly JsonEncodedText Stage = JsonEncodedText.Encode("stage");
    private static readonly JsonEncodedText Metrics = JsonEncodedText.Encode("metrics");
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Unit = JsonEncodedText.Encode("unit");
    private static readonly JsonEncodedText Baseline = JsonEncodedText.Encode("baseline");
    private static readonly JsonEncodedText Target = JsonEncodedText.Encode("target");
    private static readonly JsonEncodedText Actual = JsonEncodedText.Encode("actual");
    private static readonly JsonEncodedText Evaluation = JsonEncodedText.Encode("evaluation");
    private static readonly JsonEncodedText Results = JsonEncodedText.Encode("results");
    private static readonly JsonEncodedText Impact = JsonEncodedText.Encode("impact");
    private static readonly JsonEncodedText Learnings = JsonEncodedText.Encode("learnings");
    private static readonly JsonEncodedText Recommendation = JsonEncodedText.Encode("recommendation");
    private static readonly JsonEncodedText CreatedAt = JsonEncodedText.Encode("createdAt");
    private static readonly JsonEncodedText UpdatedAt = JsonEncodedText.Encode("updatedAt");
    private static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");

    /// <summary>
    /// The page's JSON and its ETag from the first <paramref name="count"/> pilot rows (columns as
    /// <see cref="PilotData.RowColumns"/>), their team rows and their metric rows (both ordered by pilot id, then
    /// position). <paramref name="amountsAreDoubles"/> as <see cref="SqlDialect.AmountsAreDoubles"/>.
    /// </summary>
    public static JsonBody Page(
        RowSet rows, int count, RowSet team, RowSet metrics, string? nextCursor, bool amountsAreDoubles, JsonSerializerOptions options)
    {
        var teamOf = team.ChildrenOf(rows, count, PilotData.IdColumn, 0);
        var metricsOf = metrics.ChildrenOf(rows, count, PilotData.IdColumn, 0);
        return JsonBody.Page(
            count, nextCursor, ETags.ForPage(rows, count, PilotData.IdColumn, PilotData.VersionColumn, nextCursor), options,
            (rows, team, teamOf, metrics, metricsOf, amountsAreDoubles),
            static (writer, i, page) => Write(writer, page.rows, i, page.team, page.teamOf[i], page.metrics, page.metricsOf[i], page.amountsAreDoubles));
    }

    private static void Write(
        Utf8JsonWriter writer, RowSet rows, int row, RowSet team, (int Start, int End) teamRows, RowSet metrics, (int Start, int End) metricRows,
        bool amountsAreDoubles)
    {
        writer.WriteStartObject();
        writer.WriteId(Id, rows, row, PilotData.IdColumn);
        writer.WriteText(Title, rows, row, 1);
        writer.WriteEnum<PilotTheme>(Theme, rows, row, 2);
        writer.WriteText(Problem, rows, row, 3);
        writer.WriteText(Hypothesis, rows, row, 4);
        writer.WriteText(MunicipalityCode, rows, row, 5);
        writer.WriteId(PartnershipId, rows, row, 6);
        writer.WriteId(OwnerMemberId, rows, row, 7);
        writer.WriteStartArray(Team);
        for (var i = teamRows.Start; i < teamRows.End; i++)
        {
            writer.WriteStartObject();
            writer.WriteId(MemberId, team, i, 1);
            writer.WriteText(Role, team, i, 2);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteDate(PlannedStart, rows, row, 8);
        writer.WriteDate(PlannedEnd, rows, row, 9);
        writer.WriteDate(StartedOn, rows, row, 10);
        writer.WriteDate(EndedOn, rows, row, 11);
        writer.WriteDecimal(BudgetEur, rows, row, PilotData.BudgetColumn, amountsAreDoubles);
        writer.WriteEnum<PilotStage>(Stage, rows, row, 13);
        writer.WriteStartArray(Metrics);
        for (var i = metricRows.Start; i < metricRows.End; i++)
        {
            writer.WriteStartObject();
            writer.WriteId(Id, metrics, i, 1);
            writer.WriteText(Name, metrics, i, 2);
            writer.WriteText(Unit, metrics, i, 3);
            writer.WriteDecimal(Baseline, metrics, i, 4, amountsAreDoubles);
            writer.WriteDecimal(Target, metrics, i, 5, amountsAreDoubles);
            writer.WriteDecimal(Actual, metrics, i, 6, amountsAreDoubles);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteStartObject(Evaluation);
        writer.WriteText(Results, rows, row, 14);
        writer.WriteText(Impact, rows, row, 15);
        writer.WriteText(Learnings, rows, row, 16);
        writer.WriteText(Recommendation, rows, row, 17);
        writer.WriteEndObject();
        writer.WriteInstant(CreatedAt, rows, row, 18);
        writer.WriteInstant(UpdatedAt, rows, row, 19);
        writer.WriteInteger(Version, rows, row, PilotData.VersionColumn);
        writer.WriteEndObject();
    }
}
