using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CommunityHub.Api.Features.Members;

/// <summary>
/// The members list's stored documents (<see cref="StoredDocuments"/>): each live member's JSON object in
/// <c>member_documents</c>, rendered whenever a member change is recorded. A page reads one stored row per member
/// instead of the row and its sectors.
/// </summary>
public sealed class MemberDocuments(IOptions<JsonOptions> json)
    : DocumentProjection(MemberData.Type, "members", "member_documents", "member_id")
{
    /// <summary>The page's query selects these, in this order, after the member filter.</summary>
    internal const string PageColumns = "m.id, m.version, d.version, d.body, m.name_sort";

    internal const string PageFrom = "members m LEFT JOIN member_documents d ON d.member_id = m.id";

    internal const int VersionColumn = 1;
    internal const int NameSortColumn = 4;
    private const int DocumentVersionColumn = 2;
    private const int BodyColumn = 3;

    protected override async Task<IReadOnlyCollection<StoredDocument>> RenderAsync(WriteScope scope, string ids, CancellationToken ct)
    {
        using var rows = await scope.Dialect.QueryRowsAsync(scope.Connection, new CommandDefinition(
            $"SELECT {MemberData.Columns} FROM members m WHERE m.id IN ({scope.Dialect.IdsFromJson("@Ids")}) AND m.deleted_at IS NULL ORDER BY m.id",
            new { Ids = ids },
            scope.Transaction,
            cancellationToken: ct));
        using var sectors = await MemberData.SectorRowsAsync(scope.Dialect, scope.Connection, rows, rows.Count, ct, scope.Transaction);
        var sectorsOf = sectors.ChildrenOf(rows, rows.Count, MemberData.IdColumn, 0);
        var documents = new List<StoredDocument>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            documents.Add(new StoredDocument(
                rows.Id(i, MemberData.IdColumn),
                rows.Number(i, MemberData.VersionColumn),
                Encoding.UTF8.GetString(MemberJson.Document(rows, i, sectors, sectorsOf[i], json.Value.SerializerOptions))));
        }
        return documents;
    }

    /// <summary>
    /// The page from the first <paramref name="count"/> rows (columns <see cref="PageColumns"/>), byte for byte what
    /// <see cref="MemberJson.Page"/> writes from the tables, ETag included; null when a row has no document of its
    /// current version (the caller then reads the tables).
    /// </summary>
    internal static JsonBody? Page(RowSet rows, int count, string? nextCursor, JsonSerializerOptions options) =>
        options.WriteIndented || !StoredDocuments.AllCurrent(rows, count, VersionColumn, DocumentVersionColumn)
            ? null
            : StoredDocuments.Page(
                rows, count, BodyColumn, nextCursor, ETags.ForPage(rows, count, MemberData.IdColumn, VersionColumn, nextCursor), options);
}
