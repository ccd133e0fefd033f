using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>One stored document: the record's id, the version and format it was written at, and its JSON (UTF-8).</summary>
public sealed record StoredDocument(Guid Id, long Version, string Format, byte[] Body);

/// <summary>A record's row on a list page with its stored document, when that is current (<see cref="DocumentProjection{TRecord}.PageColumns"/>).</summary>
public sealed class DocumentRow
{
    public Guid Id { get; init; }

    public long Version { get; init; }

    /// <summary>The document, or null when the record has none at its version in today's format.</summary>
    public byte[]? Body { get; init; }

    /// <summary>The list's sort key where it is not the id (members: the Finnish sort key of the name).</summary>
    public string? SortKey { get; init; }
}

/// <summary>A kind of stored document, for <see cref="DocumentRenderer"/> and <see cref="DocumentBackfill"/>.</summary>
public interface IDocumentSource
{
    /// <summary>What the documents are of, for the log.</summary>
    string Name { get; }

    /// <summary>The format documents are written in now (<see cref="DocumentFormat"/>).</summary>
    string Format { get; }

    /// <summary>Selects the ids (at most <c>@Take</c>, in id order) of live records whose document is missing, behind, or of another <c>@Format</c>.</summary>
    string BehindSql(SqlDialect dialect);

    /// <summary>Writes (replacing any) the documents of the live records among <paramref name="ids"/> and removes those of the others.</summary>
    Task<int> StoreAsync(WriteScope scope, IReadOnlyCollection<Guid> ids, CancellationToken ct);
}

/// <summary>
/// A list's stored documents (<c>{documentTable}</c>: key, version, format, body): each live record's response record
/// serialised by the API's one JSON configuration, so a list page made of documents is byte for byte the page the
/// tables give (<see cref="JsonBody.Serialize{T}"/> of the same records). A page uses them only when every one is at its
/// record's version and in today's <see cref="Format"/> (<see cref="Page"/>); otherwise the handler reads the tables.
/// </summary>
/// <remarks>
/// The use cases that write the record call <see cref="RenderAfterCommit"/>; <see cref="DocumentBackfill"/> writes what
/// is missing, behind or of an older format (records from before, writes of a stopped instance, a new release).
/// </remarks>
public abstract class DocumentProjection<TRecord>(
    string name, string recordTable, string documentTable, string keyColumn, JsonSerializerOptions options, DocumentRenderer renderer)
    : IDocumentSource
    where TRecord : IVersionedResource
{
    private readonly JsonTypeInfo<TRecord> typeInfo = (JsonTypeInfo<TRecord>)options.GetTypeInfo(typeof(TRecord));

    public string Name => name;

    public string Format { get; } = DocumentFormat.Of(options.GetTypeInfo(typeof(TRecord)));


    /// <summary>
    /// The page query's columns (as <see cref="DocumentRow"/>) for records aliased <paramref name="alias"/>, the document
    /// joined as <c>d</c> (<see cref="PageJoin"/>): its body only when it is at the record's version and in today's format.
    /// </summary>
    public string PageColumns(ListQuery query, string alias)
    {
        query.Parameters.Add("DocumentFormat", Format);
        return $"{alias}.id AS Id, {alias}.version AS Version, " +
            $"CASE WHEN d.version = {alias}.version AND d.format = @DocumentFormat THEN d.body END AS Body";
    }

    /// <summary>The join that brings each record's document beside it.</summary>
    public string PageJoin(string alias) => $"LEFT JOIN {documentTable} d ON d.{keyColumn} = {alias}.id";

    /// <summary>Has the record's document written again once <paramref name="scope"/> commits (removed, when the write deleted it).</summary>
    public void RenderAfterCommit(WriteScope scope, Guid id) => renderer.Written(scope, this, id);

    public string BehindSql(SqlDialect dialect) =>
        $"""
        SELECT r.id FROM {recordTable} r LEFT JOIN {documentTable} d ON d.{keyColumn} = r.id
        WHERE r.deleted_at IS NULL AND (d.version IS NULL OR d.version <> r.version OR d.format <> @Format)
        ORDER BY r.id {dialect.Limit("@Take")}
        """;

    public async Task<int> StoreAsync(WriteScope scope, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var idsJson = SqlDialect.IdsJson(ids);
        var documents = (await ReadAsync(scope, idsJson, ct))
            .Select(record => new StoredDocument(record.Id, record.Version, Format, JsonSerializer.SerializeToUtf8Bytes(record, typeInfo)))
            .ToList();
        await scope.Connection.ExecuteAsync(new CommandDefinition(
            $"DELETE FROM {documentTable} WHERE {keyColumn} IN ({scope.Dialect.IdsFromJson("@Ids")})",
            new { Ids = idsJson },
            scope.Transaction,
            cancellationToken: ct));
        if (documents.Count > 0)
        {
            await scope.Connection.ExecuteAsync(new CommandDefinition(
                $"INSERT INTO {documentTable} ({keyColumn}, version, format, body) VALUES (@Id, @Version, @Format, @Body)",
                documents,
                scope.Transaction,
                cancellationToken: ct));
        }
        return documents.Count;
    }

    /// <summary>
    /// The page <c>{"items":[…],"nextCursor":…}</c> and its ETag from the rows' documents, or null when one is missing,
    /// behind its record or of another format (the caller then writes the page from the tables).
    /// </summary>
    public JsonBody? Page(IReadOnlyList<DocumentRow> rows, string? nextCursor)
    {
        if (options.WriteIndented || rows.Any(r => r.Body is null))
        {
            return null;
        }
        return JsonBody.Page(rows.Select(r => r.Body!), nextCursor, ETags.ForPage(rows.Select(r => (r.Id, r.Version)), nextCursor), options);
    }

    /// <summary>The live (not deleted) records among the ids in <paramref name="idsJson"/> (a JSON array parameter), as their GET answers them.</summary>
    protected abstract Task<IReadOnlyList<TRecord>> ReadAsync(WriteScope scope, string idsJson, CancellationToken ct);

    /// <summary>For <see cref="ReadAsync"/>: the live rows of the record table (as <paramref name="alias"/>) among the ids.</summary>
    protected async Task<List<TRow>> LiveRowsAsync<TRow>(WriteScope scope, string columns, string alias, string idsJson, CancellationToken ct) =>
        (await scope.Connection.QueryAsync<TRow>(new CommandDefinition(
            $"SELECT {columns} FROM {recordTable} {alias} WHERE {alias}.id IN ({scope.Dialect.IdsFromJson("@Ids")}) AND {alias}.deleted_at IS NULL",
            new { Ids = idsJson },
            scope.Transaction,
            cancellationToken: ct))).AsList();
}
