using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CommunityHub.Api.Features.Partnerships;

/// <summary>
/// The partnership list's stored documents (<see cref="StoredDocuments"/>): each live partnership's JSON object in
/// <c>partnership_documents</c>, rendered whenever a partnership change is recorded. A page reads one stored row per
/// partnership instead of the row, its parties (a member-name lookup each) and its goals.
/// </summary>
/// <remarks>
/// Member names are not stored: a party's <c>memberName</c> is a reference to the member
/// (<see cref="PartnershipJson.Document"/>), replaced with the name when the page is written
/// (<see cref="PartnershipMemberNames"/>), so a page never shows a name older than the member. A rename still gives
/// every partnership showing the name a new version (<see cref="PartnershipPartyRename"/>: their ETags and the change
/// feed must move), so their documents are rendered again, and their pages are read from the tables until then.
/// </remarks>
public sealed class PartnershipDocuments(IOptions<JsonOptions> json)
    : DocumentProjection(PartnershipData.Type, "partnerships", "partnership_documents", "partnership_id")
{
    /// <summary>The page's query selects these, in this order, after the partnership filter.</summary>
    internal const string PageColumns = "p.id, p.version, d.version, d.body";

    internal const string PageFrom = "partnerships p LEFT JOIN partnership_documents d ON d.partnership_id = p.id";

    private const int VersionColumn = 1;
    private const int DocumentVersionColumn = 2;
    private const int BodyColumn = 3;

    protected override async Task<IReadOnlyCollection<StoredDocument>> RenderAsync(WriteScope scope, string ids, CancellationToken ct)
    {
        using var rows = await scope.Dialect.QueryRowsAsync(scope.Connection, new CommandDefinition(
            $"SELECT {PartnershipData.Columns} FROM partnerships p WHERE p.id IN ({scope.Dialect.IdsFromJson("@Ids")}) AND p.deleted_at IS NULL ORDER BY p.id",
            new { Ids = ids },
            scope.Transaction,
            cancellationToken: ct));
        using var children = await PartnershipData.ChildRowsAsync(scope.Dialect, scope.Connection, scope.Transaction, rows, rows.Count, ct);
        var documents = new List<StoredDocument>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            documents.Add(new StoredDocument(
                rows.Id(i, PartnershipData.IdColumn),
                rows.Number(i, PartnershipData.VersionColumn),
                Encoding.UTF8.GetString(PartnershipJson.Document(rows, i, children, json.Value.SerializerOptions))));
        }
        return documents;
    }

    /// <summary>
    /// The page from the first <paramref name="count"/> rows of <paramref name="rows"/> (columns <see cref="PageColumns"/>),
    /// byte for byte what <see cref="PartnershipJson.Page(RowSet, int, PartnershipChildren, string?, JsonSerializerOptions)"/>
    /// writes from the tables, ETag included; null when a row has no document of its current version (the caller then
    /// reads the tables).
    /// </summary>
    internal static async Task<JsonBody?> PageAsync(
        RowSet rows, int count, string? nextCursor, PartnershipMemberNames names, DbConnection connection, SqlDialect dialect,
        JsonSerializerOptions options, CancellationToken ct)
    {
        if (options.WriteIndented || !StoredDocuments.AllCurrent(rows, count, VersionColumn, DocumentVersionColumn))
        {
            return null;
        }
        var members = new HashSet<Guid>();
        StoredDocuments.AddReferences(rows, count, BodyColumn, members);
        var lookup = await names.ResolveAsync(connection, dialect, members, options, ct);
        return lookup is null
            ? null
            : StoredDocuments.Page(
                rows, count, BodyColumn, nextCursor,
                ETags.ForPage(rows, count, PartnershipData.IdColumn, VersionColumn, nextCursor), options, lookup);
    }
}

/// <summary>
/// Members' names as JSON string values (quotes and escapes as the HTTP JSON options write them) for the parties in
/// stored partnership documents. Kept in memory only for the change-feed version they were read at: each page reads
/// the version (<see cref="SqlDialect.ChangeVersion"/>, one cheap statement) and uses names kept for that version, so a
/// rename is seen by the next page on every instance; names missing for it are read in one query.
/// </summary>
public sealed class PartnershipMemberNames
{
    /// <summary>More names than this are not kept (read per page instead): a bound on memory, far above a city's members.</summary>
    internal const int MaxKept = 200_000;

    private Names current = new(long.MinValue);

    /// <summary>The names of <paramref name="members"/>, or null when one of them has no row.</summary>
    internal async Task<IReadOnlyDictionary<Guid, byte[]>?> ResolveAsync(
        DbConnection connection, SqlDialect dialect, HashSet<Guid> members, JsonSerializerOptions options, CancellationToken ct)
    {
        if (members.Count == 0)
        {
            return new Dictionary<Guid, byte[]>();
        }
        var version = await dialect.ChangeVersionAsync(connection, ct);

        // Names read at this version or later are current for it: a rename moves the version, and the next page starts
        // over with an empty table, shared from then on if this is the newest version seen (an older one, or none,
        // stays this page's own).
        var seen = current;
        var names = version == seen.Version ? seen : new Names(version ?? long.MinValue);
        if (names != seen && version > seen.Version)
        {
            Interlocked.CompareExchange(ref current, names, seen);
        }

        List<Guid>? missing = null;
        foreach (var member in members)
        {
            if (!names.Values.ContainsKey(member))
            {
                (missing ??= []).Add(member);
            }
        }
        if (missing is null)
        {
            return names.Values;
        }

        var found = 0;
        using (var rows = await dialect.QueryRowsAsync(connection, new CommandDefinition(
                   $"SELECT id, name FROM members WHERE id IN ({dialect.IdsFromJson("@Ids")})",
                   new { Ids = SqlDialect.IdsJson(missing) },
                   cancellationToken: ct)))
        {
            var keep = names.Values.Count + rows.Count <= MaxKept ? names.Values : new ConcurrentDictionary<Guid, byte[]>(names.Values);
            for (var i = 0; i < rows.Count; i++)
            {
                keep[rows.Id(i, 0)] = Quoted(rows.Text(i, 1) ?? "", options);
                found++;
            }
            names = keep == names.Values ? names : new Names(names.Version, keep);
        }
        return found == missing.Count ? names.Values : null;
    }

    private static byte[] Quoted(string name, JsonSerializerOptions options)
    {
        var encoded = JsonEncodedText.Encode(name, options.Encoder).EncodedUtf8Bytes;
        var quoted = new byte[encoded.Length + 2];
        quoted[0] = (byte)'"';
        encoded.CopyTo(quoted.AsSpan(1));
        quoted[^1] = (byte)'"';
        return quoted;
    }

    private sealed class Names(long version, ConcurrentDictionary<Guid, byte[]>? values = null)
    {
        public long Version { get; } = version;

        public ConcurrentDictionary<Guid, byte[]> Values { get; } = values ?? new();
    }
}
