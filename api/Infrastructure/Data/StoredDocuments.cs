using System.Buffers.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>
/// A list's read model: each live record's JSON object as the list writes it, rendered after every write that records a
/// change of the record (<see cref="DocumentRenderer"/>) and stored with the version it was rendered from. A page then
/// copies one stored value per record into the response instead of reading the record's row and children and writing
/// every value (issue 14: the cost per item of a page).
/// </summary>
/// <remarks>
/// <para>A page uses the documents only when every one of them is at its record's version
/// (<see cref="AllCurrent"/>); otherwise the caller renders the page from the tables as before, so a document can make a
/// page faster but never different.</para>
/// <para>A document may hold references: <see cref="Reference"/> followed by a record id (36 characters) where a value
/// from another record belongs (a party's member name), replaced when the page is written (<see cref="Page"/>), so a
/// document never holds a value that other record has since changed. The byte is a control character, which the JSON
/// writer escapes everywhere else, so it occurs in a document only as a reference.</para>
/// </remarks>
public static class StoredDocuments
{
    /// <summary>The byte that starts a reference in a stored document.</summary>
    public const byte Reference = 0x01;

    /// <summary>A reference's length: the byte and the id as 36 characters.</summary>
    public const int ReferenceLength = 37;

    /// <summary>Writes a reference to <paramref name="id"/> as the current JSON value.</summary>
    public static void WriteReference(Utf8JsonWriter writer, Guid id)
    {
        Span<byte> reference = stackalloc byte[ReferenceLength];
        reference[0] = Reference;
        id.TryFormat(reference[1..], out _, "D");
        writer.WriteRawValue(reference, skipInputValidation: true);
    }

    /// <summary>Whether each of the first <paramref name="count"/> rows has a document of its record's version.</summary>
    public static bool AllCurrent(RowSet rows, int count, int versionColumn, int documentVersionColumn)
    {
        for (var i = 0; i < count; i++)
        {
            if (rows.IsNull(i, documentVersionColumn) || !rows.Utf8(i, versionColumn).SequenceEqual(rows.Utf8(i, documentVersionColumn)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Adds the ids the documents of the first <paramref name="count"/> rows refer to.</summary>
    public static void AddReferences(RowSet rows, int count, int bodyColumn, HashSet<Guid> into)
    {
        for (var i = 0; i < count; i++)
        {
            var body = rows.Utf8(i, bodyColumn);
            for (var at = body.IndexOf(Reference); at >= 0; at = body.IndexOf(Reference))
            {
                into.Add(Referenced(body, at));
                body = body[(at + ReferenceLength)..];
            }
        }
    }

    /// <summary>
    /// <c>{"items":[…],"nextCursor":…}</c> from the documents of the first <paramref name="count"/> rows, each reference
    /// replaced with its value in <paramref name="values"/> (JSON, written as is): the bytes <see cref="Utf8JsonWriter"/>
    /// writes for the same page with unindented options.
    /// </summary>
    public static JsonBody Page(
        RowSet rows, int count, int bodyColumn, string? nextCursor, string etag, JsonSerializerOptions options,
        IReadOnlyDictionary<Guid, byte[]>? values = null)
    {
        if (options.WriteIndented)
        {
            throw new InvalidOperationException("Stored documents are unindented; the page cannot be written indented from them.");
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
                var body = rows.Utf8(i, bodyColumn);
                for (var at = body.IndexOf(Reference); at >= 0; at = body.IndexOf(Reference))
                {
                    Append(buffer, body[..at]);
                    Append(buffer, values is not null && values.TryGetValue(Referenced(body, at), out var value)
                        ? value
                        : throw new InvalidOperationException("A stored document refers to a record whose value was not given."));
                    body = body[(at + ReferenceLength)..];
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
            return new JsonBody(buffer, etag);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }

    /// <summary>Replaces the stored documents of <paramref name="ids"/> (a JSON array parameter) with <paramref name="documents"/>.</summary>
    public static async Task ReplaceAsync(
        WriteScope scope, string table, string keyColumn, string ids, IReadOnlyCollection<StoredDocument> documents, CancellationToken ct)
    {
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM {table} WHERE {keyColumn} IN ({scope.Dialect.IdsFromJson("@Ids")})",
            new { Ids = ids },
            scope.Transaction,
            cancellationToken: ct));
        if (documents.Count > 0)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO {table} ({keyColumn}, version, body) VALUES (@Id, @Version, @Body)",
                documents,
                scope.Transaction,
                cancellationToken: ct));
        }
    }

    private static Guid Referenced(ReadOnlySpan<byte> body, int at) =>
        body.Length >= at + ReferenceLength
        && Utf8Parser.TryParse(body.Slice(at + 1, ReferenceLength - 1), out Guid id, out var consumed, 'D')
        && consumed == ReferenceLength - 1
            ? id
            : throw new InvalidOperationException("A stored document has a malformed reference.");

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
}

/// <summary>One stored document: the record's id, the version it was rendered from, and its JSON (UTF-8 text).</summary>
public sealed record StoredDocument(Guid Id, long Version, string Body);

/// <summary>A kind of stored document, for <see cref="DocumentBackfill"/>.</summary>
public interface IDocumentSource
{
    /// <summary>What the documents are of, for the log.</summary>
    string Name { get; }

    /// <summary>Whether a recorded change of <paramref name="type"/> changes these documents.</summary>
    bool Renders(EntityType type);

    /// <summary>Selects the ids (at most <c>@Take</c>, in id order) of live records whose document is missing or behind.</summary>
    string BehindSql(SqlDialect dialect);

    /// <summary>Renders and stores (replacing any) the documents of the live records among <paramref name="ids"/>.</summary>
    Task<int> StoreAsync(WriteScope scope, IReadOnlyCollection<Guid> ids, CancellationToken ct);
}

/// <summary>
/// The stored documents of one kind of record (<c>{documentTable}</c>: key, version, body), kept in step with the
/// record's writes: every recorded change of <paramref name="type"/> has <see cref="DocumentRenderer"/> render the
/// record's document again once the write has committed, or remove it once the record is deleted.
/// </summary>
public abstract class DocumentProjection(EntityType type, string recordTable, string documentTable, string keyColumn)
    : IDocumentSource
{
    public string Name => type.Name;

    public bool Renders(EntityType entityType) => entityType.Name == type.Name;

    public string BehindSql(SqlDialect dialect) =>
        $"""
        SELECT r.id FROM {recordTable} r LEFT JOIN {documentTable} d ON d.{keyColumn} = r.id
        WHERE r.deleted_at IS NULL AND (d.version IS NULL OR d.version <> r.version)
        ORDER BY r.id {dialect.Limit("@Take")}
        """;

    /// <summary>Renders the documents of the live records among <paramref name="ids"/> and replaces those stored for all of them.</summary>
    public async Task<int> StoreAsync(WriteScope scope, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var idsJson = SqlDialect.IdsJson(ids);
        var documents = await RenderAsync(scope, idsJson, ct);
        await StoredDocuments.ReplaceAsync(scope, documentTable, keyColumn, idsJson, documents, ct);
        return documents.Count;
    }

    /// <summary>The documents of the live (not deleted) records among the ids in <paramref name="ids"/> (a JSON array parameter).</summary>
    protected abstract Task<IReadOnlyCollection<StoredDocument>> RenderAsync(WriteScope scope, string ids, CancellationToken ct);
}

/// <summary>
/// Renders the stored documents of the records this instance writes, once each write has committed, in batches: every
/// record written while the previous batch was being stored goes into the next one, a record written several times in
/// between is rendered once, and the batch takes the write lock once (one read, one delete and the inserts) instead of
/// every write holding it longer for its own document (issue 14: rendering inside each write cost the write path
/// 10–40 % of its throughput on SQLite's single writer).
/// </summary>
/// <remarks>
/// <para>Until its document is stored, a page showing the record is written from the tables (the version check of
/// <see cref="StoredDocuments.AllCurrent"/>), so the delay is never visible in an answer, only in its cost.</para>
/// <para>A batch renders each record as it is when the batch runs, so a write that commits meanwhile only queues its
/// record again. A batch that meets a concurrent write (a unique violation: another instance stored one of its documents
/// meanwhile) or a busy database is tried once more. A batch that still fails (logged) leaves its documents behind;
/// <see cref="DocumentBackfill"/> renders them on its next pass, as it does for writes of an instance that stopped
/// before rendering them. A failed render never fails the write: that has committed already.</para>
/// </remarks>
public sealed class DocumentRenderer(IEnumerable<IDocumentSource> sources, Db db, ILogger<DocumentRenderer> logger) : BackgroundService
{
    private readonly IDocumentSource[] sources = sources.ToArray();
    private readonly Channel<(IDocumentSource Source, Guid Id)> written =
        Channel.CreateUnbounded<(IDocumentSource, Guid)>(new UnboundedChannelOptions { SingleReader = false, SingleWriter = false });
    private readonly SemaphoreSlim rendering = new(1, 1);

    /// <summary>Queues the document of <paramref name="id"/> for rendering once <paramref name="scope"/> commits.</summary>
    public void Written(WriteScope scope, EntityType type, Guid id)
    {
        foreach (var source in sources)
        {
            if (source.Renders(type))
            {
                scope.OnCommitted(() => written.Writer.TryWrite((source, id)));
            }
        }
    }

    /// <summary>
    /// Renders and stores the documents of every record queued so far (and of those queued while it runs); returns how
    /// many documents were stored. When it returns, every write committed before the call has its document.
    /// </summary>
    public async Task<int> RenderWrittenAsync(CancellationToken ct)
    {
        await rendering.WaitAsync(ct);
        try
        {
            var stored = 0;
            var batch = new Dictionary<IDocumentSource, HashSet<Guid>>();
            while (true)
            {
                batch.Clear();
                var count = 0;
                while (count < DocumentBackfill.BatchSize && written.Reader.TryRead(out var item))
                {
                    if (!batch.TryGetValue(item.Source, out var ids))
                    {
                        batch[item.Source] = ids = [];
                    }
                    if (ids.Add(item.Id))
                    {
                        count++;
                    }
                }
                if (count == 0)
                {
                    return stored;
                }
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        stored += await StoreAsync(batch, ct);
                        break;
                    }
                    catch (Exception e) when (attempt == 1 && (SqlDialect.IsUniqueViolation(e) || SqlDialect.IsTransient(e)) && !ct.IsCancellationRequested)
                    {
                        // Another instance stored one of these documents between this batch's delete and insert (SQL
                        // Server, two instances writing one record), or the database was busy: once more, from the rows
                        // as they are now.
                        logger.LogInformation(e, "Rendering the stored documents of {Count} written records met a concurrent write; retrying once.", count);
                    }
                    catch (Exception e) when (!ct.IsCancellationRequested)
                    {
                        logger.LogError(
                            e, "Rendering the stored documents of {Count} written records failed; lists read them from the tables until the next backfill.",
                            count);
                        break;
                    }
                }
            }
        }
        finally
        {
            rendering.Release();
        }
    }

    private async Task<int> StoreAsync(Dictionary<IDocumentSource, HashSet<Guid>> batch, CancellationToken ct)
    {
        var stored = 0;
        await using var scope = await db.BeginWriteAsync(ct);
        foreach (var (source, ids) in batch)
        {
            stored += await source.StoreAsync(scope, ids, ct);
        }
        await scope.CommitAsync(ct);
        return stored;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await written.Reader.WaitToReadAsync(stoppingToken))
            {
                await RenderWrittenAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}

/// <summary>
/// Renders the stored documents that are missing or behind their record (records written before a read model existed,
/// or by an older version of the API during a rolling upgrade), in batches, each in its own write transaction: at start
/// and then every <see cref="Interval"/>. Until then those pages are read from the tables, as before. Safe on several
/// instances at once: each batch replaces whole documents inside a write transaction, from the rows as they are then.
/// </summary>
public sealed class DocumentBackfill(IEnumerable<IDocumentSource> sources, Db db, TimeProvider clock, ILogger<DocumentBackfill> logger)
    : BackgroundService
{
    internal const int BatchSize = 200;

    /// <summary>How often the check repeats (one scan of the live records when nothing is behind).</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);

    /// <summary>Renders every missing or outdated document of every source; returns how many were written.</summary>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var written = 0;
        foreach (var source in sources)
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var count = await RunAsync(source, ct);
            if (count > 0)
            {
                logger.LogInformation(
                    "Rendered {Count} stored {Name} documents in {Milliseconds} ms.",
                    count, source.Name, (long)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            written += count;
        }
        return written;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Rendering stored documents failed; lists read those records from the tables until the next pass.");
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

    private async Task<int> RunAsync(IDocumentSource source, CancellationToken ct)
    {
        var written = 0;
        while (true)
        {
            await using var scope = await db.BeginWriteAsync(ct);
            var ids = (await scope.Connection.QueryAsync<Guid>(new CommandDefinition(
                source.BehindSql(db.Dialect), new { Take = BatchSize }, scope.Transaction, cancellationToken: ct))).ToList();
            if (ids.Count == 0)
            {
                return written;
            }
            written += await source.StoreAsync(scope, ids, ct);
            await scope.CommitAsync(ct);
            if (ids.Count < BatchSize)
            {
                return written;
            }
        }
    }
}
