using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CommunityHub.Api.Features.Partnerships;

/// <summary>
/// The partnership list's read model: each live partnership's JSON object, rendered when it is written and stored in
/// <c>partnership_documents</c> with the version it was rendered from. A list page then reads one stored row per
/// partnership and copies it into the response, instead of reading the row, its parties (a member-name lookup each)
/// and its goals and writing every value (issue 14: the page's cost per partnership).
/// </summary>
/// <remarks>
/// <para>Never stale: every write of a partnership records a change (<see cref="ChangeLog"/>), which calls
/// <see cref="ApplyAsync"/> in the write's transaction after the write, so the document commits with the row it reflects.
/// The page also compares each document's version with the partnership's and renders the page from the tables when
/// any differs or is missing, so a document can only ever make a page faster, never different.</para>
/// <para>Member names are not stored: a party's <c>memberName</c> is a marker with the member's id
/// (<see cref="PartnershipJson.Document"/>), replaced with the name when the page is written
/// (<see cref="PartnershipMemberNames"/>), so renaming a member rewrites no document.</para>
/// </remarks>
public sealed class PartnershipDocuments(IOptions<JsonOptions> json) : IChangeProjection
{
    /// <summary>The page's query selects these, in this order, after the partnership filter.</summary>
    internal const string PageColumns = "p.id, p.version, d.version, d.body";

    internal const string PageFrom = "partnerships p LEFT JOIN partnership_documents d ON d.partnership_id = p.id";

    private const int VersionColumn = 1;
    private const int DocumentVersionColumn = 2;
    private const int BodyColumn = 3;

    public async Task ApplyAsync(WriteScope scope, EntityType entityType, Guid entityId, ChangeOp op, CancellationToken ct)
    {
        if (entityType.Name != PartnershipData.Type.Name)
        {
            return;
        }
        if (op == ChangeOp.Delete)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM partnership_documents WHERE partnership_id = @Id", new { Id = entityId }, scope.Transaction, cancellationToken: ct));
            return;
        }
        await StoreAsync(scope, [entityId], json.Value.SerializerOptions, ct);
    }

    /// <summary>Renders and stores (replacing any) the documents of the live partnerships among <paramref name="ids"/>.</summary>
    internal static async Task<int> StoreAsync(WriteScope scope, IReadOnlyCollection<Guid> ids, JsonSerializerOptions options, CancellationToken ct)
    {
        var dialect = scope.Dialect;
        var parameters = new { Ids = JsonSerializer.Serialize(ids.Select(id => id.ToString("D"))) };
        using var rows = await dialect.QueryRowsAsync(scope.Connection, new CommandDefinition(
            $"SELECT {PartnershipData.Columns} FROM partnerships p WHERE p.id IN ({dialect.IdsFromJson("@Ids")}) AND p.deleted_at IS NULL ORDER BY p.id",
            parameters,
            scope.Transaction,
            cancellationToken: ct));
        using var children = await PartnershipData.ChildRowsAsync(dialect, scope.Connection, scope.Transaction, rows, rows.Count, ct);
        var documents = new List<StoredDocument>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            documents.Add(new StoredDocument(
                rows.Id(i, PartnershipData.IdColumn),
                rows.Number(i, PartnershipData.VersionColumn),
                Encoding.UTF8.GetString(PartnershipJson.Document(rows, i, children, options))));
        }
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM partnership_documents WHERE partnership_id IN ({dialect.IdsFromJson("@Ids")})",
            parameters,
            scope.Transaction,
            cancellationToken: ct));
        if (documents.Count > 0)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO partnership_documents (partnership_id, version, body) VALUES (@PartnershipId, @Version, @Body)",
                documents,
                scope.Transaction,
                cancellationToken: ct));
        }
        return documents.Count;
    }

    /// <summary>
    /// The page from the first <paramref name="count"/> rows of <paramref name="rows"/> (columns <see cref="PageColumns"/>),
    /// byte for byte what <see cref="PartnershipJson.Page(RowSet, int, PartnershipChildren, string?, JsonSerializerOptions)"/>
    /// writes from the tables; null when a row has no document of its current version (the caller then reads the tables).
    /// </summary>
    internal static async Task<JsonBody?> PageAsync(
        RowSet rows, int count, string? nextCursor, PartnershipMemberNames names, DbConnection connection, SqlDialect dialect,
        JsonSerializerOptions options, CancellationToken ct)
    {
        if (options.WriteIndented)
        {
            return null;
        }
        var members = new HashSet<Guid>();
        for (var i = 0; i < count; i++)
        {
            if (rows.IsNull(i, DocumentVersionColumn) || !rows.Utf8(i, VersionColumn).SequenceEqual(rows.Utf8(i, DocumentVersionColumn)))
            {
                return null;
            }
            var body = rows.Utf8(i, BodyColumn);
            for (var at = body.IndexOf(PartnershipJson.NameMarker); at >= 0; at = body.IndexOf(PartnershipJson.NameMarker))
            {
                members.Add(MarkedMember(body, at));
                body = body[(at + PartnershipJson.NameMarkerLength)..];
            }
        }
        var lookup = await names.ResolveAsync(connection, dialect, members, options, ct);
        if (lookup is null)
        {
            return null;
        }

        var buffer = new ChunkedBuffer();
        try
        {
            Append(buffer, "{\"items\":["u8);
            for (var i = 0; i < count; i++)
            {
                if (i > 0)
                {
                    Append(buffer, ","u8);
                }
                var body = rows.Utf8(i, BodyColumn);
                for (var at = body.IndexOf(PartnershipJson.NameMarker); at >= 0; at = body.IndexOf(PartnershipJson.NameMarker))
                {
                    Append(buffer, body[..at]);
                    Append(buffer, lookup[MarkedMember(body, at)]);
                    body = body[(at + PartnershipJson.NameMarkerLength)..];
                }
                Append(buffer, body);
            }
            Append(buffer, "],\"nextCursor\":"u8);
            if (nextCursor is null)
            {
                Append(buffer, "null"u8);
            }
            else
            {
                Append(buffer, "\""u8);
                Append(buffer, JsonEncodedText.Encode(nextCursor, options.Encoder).EncodedUtf8Bytes);
                Append(buffer, "\""u8);
            }
            Append(buffer, "}"u8);
            return new JsonBody(buffer, ETags.ForPage(rows, count, PartnershipData.IdColumn, VersionColumn, nextCursor));
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    private static Guid MarkedMember(ReadOnlySpan<byte> body, int at) =>
        body.Length >= at + PartnershipJson.NameMarkerLength
        && Utf8Parser.TryParse(body.Slice(at + 1, PartnershipJson.NameMarkerLength - 1), out Guid id, out var consumed, 'D')
        && consumed == PartnershipJson.NameMarkerLength - 1
            ? id
            : throw new InvalidOperationException("A stored partnership document has a malformed member name marker.");

    private static void Append(ChunkedBuffer buffer, ReadOnlySpan<byte> bytes)
    {
        while (bytes.Length > 0)
        {
            var span = buffer.GetSpan(Math.Min(bytes.Length, 4096));
            var take = Math.Min(span.Length, bytes.Length);
            bytes[..take].CopyTo(span);
            buffer.Advance(take);
            bytes = bytes[take..];
        }
    }

    private sealed record StoredDocument(Guid PartnershipId, long Version, string Body);
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
        long? version;
        using (var head = await dialect.QueryRowsAsync(connection, new CommandDefinition(dialect.ChangeVersion, cancellationToken: ct)))
        {
            version = head.Count == 0 || head.IsNull(0, 0) ? null : head.Number(0, 0);
        }

        // Names read at this version or later are current for it: a rename moves the version, and the next page starts over.
        var names = current;
        if (version is { } v && v != names.Version)
        {
            if (v > names.Version)
            {
                var fresh = new Names(v);
                names = Interlocked.CompareExchange(ref current, fresh, names) == names ? fresh : new Names(v);
            }
            else
            {
                names = new Names(v);
            }
        }
        else if (version is null)
        {
            names = new Names(long.MinValue);
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
                   new { Ids = JsonSerializer.Serialize(missing.Select(id => id.ToString("D"))) },
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

/// <summary>
/// Renders the documents that are missing or behind their partnership (partnerships written before the read model
/// existed, or by an older version of the API during a rolling upgrade), in batches, each in its own write transaction:
/// at start and then every <see cref="Interval"/>. Until then those pages are read from the tables, as before. Safe on
/// several instances at once: each batch replaces whole documents under the write lock, from the rows as they are then.
/// </summary>
public sealed class PartnershipDocumentBackfill(Db db, IOptions<JsonOptions> json, TimeProvider clock, ILogger<PartnershipDocumentBackfill> logger)
    : BackgroundService
{
    internal const int BatchSize = 200;

    /// <summary>How often the check for missing or outdated documents repeats (one indexed scan when there are none).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    /// <summary>Renders every missing or outdated document; returns how many were written.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var written = 0;
        while (true)
        {
            await using var scope = await db.BeginWriteAsync(ct);
            var ids = (await scope.Connection.QueryAsync<Guid>(new CommandDefinition(
                $"""
                SELECT p.id FROM {PartnershipDocuments.PageFrom}
                WHERE p.deleted_at IS NULL AND (d.version IS NULL OR d.version <> p.version)
                ORDER BY p.id {db.Dialect.Limit("@Take")}
                """,
                new { Take = BatchSize },
                scope.Transaction,
                cancellationToken: ct))).ToList();
            if (ids.Count == 0)
            {
                return written;
            }
            written += await PartnershipDocuments.StoreAsync(scope, ids, json.Value.SerializerOptions, ct);
            await scope.CommitAsync(ct);
            if (ids.Count < BatchSize)
            {
                return written;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var written = await RunAsync(stoppingToken);
                if (written > 0)
                {
                    logger.LogInformation(
                        "Rendered {Count} partnership documents for the list in {Milliseconds} ms.",
                        written, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Rendering the partnership documents failed; the list reads those partnerships from the tables until the next pass.");
            }
            try
            {
                await Task.Delay(Interval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
