using System.Text;
using CommunityHub.Api.Infrastructure.Data;
using Dapper;

namespace CommunityHub.Api.Features.Changes;

/// <summary>One change-feed entry: small and stable, the shape /changes serves and webhooks push.</summary>
public sealed record ChangeEntry(long Seq, string Type, Guid Id, string Op, long Version, DateTimeOffset ChangedAt, string? MunicipalityCode);

/// <summary>
/// Reads committed change entries after a position, in commit order. The position is opaque to callers:
/// on SQLite it is the AUTOINCREMENT seq (one writer at a time, so seq order is commit order); on SQL Server it is
/// the row's rowversion, and only rows below MIN_ACTIVE_ROWVERSION() are handed out — a rowversion at or above it
/// may belong to a transaction that is still open and could commit "behind" a position a reader already passed.
/// </summary>
public sealed class ChangeFeedReader(Db db)
{
    public async Task<IReadOnlyList<ChangeEntry>> ReadAsync(
        long after,
        IReadOnlyCollection<string>? types,
        string? municipalityCode,
        int limit,
        CancellationToken ct)
    {
        var sqlServer = db.Provider == DatabaseProvider.SqlServer;
        var position = sqlServer ? "CAST(c.row_version AS BIGINT)" : "c.seq";
        var sql = new StringBuilder(
            $"SELECT {position} AS seq, c.entity_type AS type, c.entity_id AS id, c.op, c.version, c.changed_at, c.municipality_code FROM changes c WHERE ");
        sql.Append(sqlServer
            ? "c.row_version > CAST(@After AS BINARY(8)) AND c.row_version < MIN_ACTIVE_ROWVERSION()"
            : "c.seq > @After");
        if (types is { Count: > 0 })
        {
            sql.Append(" AND c.entity_type IN @Types");
        }
        if (municipalityCode is not null)
        {
            sql.Append(" AND c.municipality_code = @Municipality");
        }
        sql.Append(sqlServer ? " ORDER BY c.row_version " : " ORDER BY c.seq ").Append(db.Dialect.Limit("@Take"));

        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<ChangeRow>(new CommandDefinition(
            sql.ToString(),
            new { After = after, Types = types?.ToList(), Municipality = municipalityCode, Take = limit },
            cancellationToken: ct));
        return rows.Select(r => new ChangeEntry(r.Seq, r.Type, r.Id, r.Op, r.Version, r.ChangedAt, r.MunicipalityCode)).ToList();
    }

    /// <summary>
    /// The position up to which every entry has committed: reading after it later misses nothing that commits from now on.
    /// Used to start a new webhook subscription at "now" rather than at the beginning of history.
    /// </summary>
    public async Task<long> HeadAsync(WriteScope scope, CancellationToken ct)
    {
        var sql = db.Provider == DatabaseProvider.SqlServer
            ? "SELECT CAST(MIN_ACTIVE_ROWVERSION() AS BIGINT) - 1"
            : "SELECT COALESCE(MAX(seq), 0) FROM changes";
        return await scope.Connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, transaction: scope.Transaction, cancellationToken: ct));
    }

    private sealed class ChangeRow
    {
        public long Seq { get; init; }
        public string Type { get; init; } = "";
        public Guid Id { get; init; }
        public string Op { get; init; } = "";
        public long Version { get; init; }
        public DateTimeOffset ChangedAt { get; init; }
        public string? MunicipalityCode { get; init; }
    }
}
