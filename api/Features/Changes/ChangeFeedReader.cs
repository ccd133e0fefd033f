using CommunityHub.Api.Infrastructure.Telemetry;

namespace CommunityHub.Api.Features.Changes;

/// <summary>One change-feed entry: small and stable, the shape /changes serves and webhooks push.</summary>
public sealed record ChangeEntry(long Seq, string Type, Guid Id, string Op, long Version, DateTimeOffset ChangedAt, string? MunicipalityCode);

/// <summary>
/// What one reader may see of one collection. A person with a role sees every entry (<paramref name="KeyView"/> false);
/// an API key or a webhook subscription sees only what keys may read (<paramref name="KeyView"/> true: entries tagged
/// <c>public_view = 1</c>). <paramref name="MunicipalityCode"/> narrows to that municipality's entries.
/// <paramref name="LegacyCondition"/> judges, for a key view, entries written before views were recorded
/// (<c>public_view</c> NULL): an SQL condition over the entry (alias <c>c</c>). Conditions are code, never input.
/// </summary>
/// <remarks>
/// View exits (delete entries with <c>after_*</c> set, written by ChangeLog when a write changes who may read a
/// record) are shown only to a reader who could read the record before and cannot after, judged by the same rules
/// applied to the entry's before tags (municipality_code, public_view) and after tags.
/// </remarks>
public sealed record FeedTypeFilter(string Type, bool KeyView = false, string? MunicipalityCode = null, string? LegacyCondition = null);

/// <summary>
/// Reads committed change entries after a position, in commit order. The position is opaque to callers; what it is on
/// each provider, and why it follows commit order, is the dialect's (<see cref="SqlDialect.ChangePosition"/>).
/// </summary>
public sealed class ChangeFeedReader(Db db)
{
    /// <summary>What a webhook subscription with these types (none: all) and municipality sees (see ChangeFeedVisibility).</summary>
    public Task<IReadOnlyList<ChangeEntry>> ReadAsync(
        long after,
        IReadOnlyCollection<string>? types,
        string? municipalityCode,
        int limit,
        CancellationToken ct) =>
        ReadAsync(after, ChangeFeedVisibility.ForSubscription(types is { Count: > 0 } ? types : FeedTypes.All, municipalityCode), limit, ct);

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
            if (filter.KeyView)
            {
                sql.Append(" AND (c.public_view = 1 OR (c.public_view IS NULL");
                if (filter.LegacyCondition is not null)
                {
                    sql.Append(" AND (").Append(filter.LegacyCondition).Append(')');
                }
                sql.Append("))");
            }
            // A view exit is for readers who cannot read the record after the write: hidden when its after tags pass
            // this reader's rules. A reader who sees every record in every state never gets one.
            var visibleAfter = new List<string>();
            if (filter.KeyView)
            {
                visibleAfter.Add("c.after_public_view = 1");
            }
            if (filter.MunicipalityCode is not null)
            {
                visibleAfter.Add($"COALESCE(c.after_municipality_code, '') = @Municipality{i}");
            }
            sql.Append(visibleAfter.Count == 0
                ? " AND c.after_public_view IS NULL"
                : $" AND (c.after_public_view IS NULL OR NOT ({string.Join(" AND ", visibleAfter)}))");
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
