using System.Text;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Telemetry;
using Dapper;

namespace CommunityHub.Api.Features.Changes;

/// <summary>One change-feed entry: small and stable, the shape /changes serves and webhooks push.</summary>
public sealed record ChangeEntry(long Seq, string Type, Guid Id, string Op, long Version, DateTimeOffset ChangedAt, string? MunicipalityCode);

/// <summary>
/// One collection a reader may see in the feed, optionally narrowed to one municipality's entries and/or by an extra
/// SQL condition over the entry (alias <c>c</c>, e.g. an EXISTS on the entity's own table). Conditions are code, never input.
/// </summary>
public sealed record FeedTypeFilter(string Type, string? MunicipalityCode = null, string? Condition = null);

/// <summary>
/// Reads committed change entries after a position, in commit order. The position is opaque to callers; what it is on
/// each provider, and why it follows commit order, is the dialect's (<see cref="SqlDialect.ChangePosition"/>).
/// </summary>
public sealed class ChangeFeedReader(Db db)
{
    public Task<IReadOnlyList<ChangeEntry>> ReadAsync(
        long after,
        IReadOnlyCollection<string>? types,
        string? municipalityCode,
        int limit,
        CancellationToken ct) =>
        ReadAsync(
            after,
            (types is { Count: > 0 } ? types : FeedTypes.All).Select(t => new FeedTypeFilter(t, municipalityCode)).ToList(),
            limit,
            ct);

    /// <summary>
    /// Reads entries of the given types only, each narrowed as its filter says. An empty list reads nothing.
    /// The position stays commit-safe whatever the filter: filtering only drops rows below the same horizon.
    /// </summary>
    public async Task<IReadOnlyList<ChangeEntry>> ReadAsync(long after, IReadOnlyList<FeedTypeFilter> visible, int limit, CancellationToken ct)
    {
        if (visible.Count == 0)
        {
            return [];
        }
        var dialect = db.Dialect;
        var sql = new StringBuilder(
            $"SELECT {dialect.ChangePosition} AS seq, c.entity_type AS type, c.entity_id AS id, c.op, c.version, c.changed_at, c.municipality_code FROM changes c WHERE ");
        sql.Append(dialect.ChangesAfter("@After"));
        // The type and municipality columns are varchar/char on SQL Server: ANSI parameters keep their indexes usable.
        var parameters = new DynamicParameters(new { After = after, Take = limit });
        sql.Append(" AND (");
        for (var i = 0; i < visible.Count; i++)
        {
            var filter = visible[i];
            sql.Append(i == 0 ? "(" : " OR (").Append($"c.entity_type = @Type{i}");
            parameters.Add($"Type{i}", filter.Type, System.Data.DbType.AnsiString);
            if (filter.MunicipalityCode is not null)
            {
                sql.Append($" AND c.municipality_code = @Municipality{i}");
                parameters.Add($"Municipality{i}", filter.MunicipalityCode, System.Data.DbType.AnsiString);
            }
            if (filter.Condition is not null)
            {
                sql.Append(" AND (").Append(filter.Condition).Append(')');
            }
            sql.Append(')');
        }
        sql.Append(')');
        sql.Append($" ORDER BY {dialect.ChangeOrder} ").Append(dialect.Limit("@Take"));

        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<ChangeRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: ct));
        var entries = rows.Select(r => new ChangeEntry(r.Seq, r.Type, r.Id, r.Op, r.Version, r.ChangedAt, r.MunicipalityCode)).ToList();
        if (entries.Count > 0)
        {
            AppMetrics.ChangeFeedHead(entries[^1].Seq);
        }
        return entries;
    }

    /// <summary>
    /// The position up to which every entry has committed: reading after it later misses nothing that commits from now on.
    /// Used to start a new webhook subscription at "now" rather than at the beginning of history.
    /// </summary>
    public async Task<long> HeadAsync(WriteScope scope, CancellationToken ct)
    {
        return await scope.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            db.Dialect.ChangeHead, transaction: scope.Transaction, cancellationToken: ct));
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
