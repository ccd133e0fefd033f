using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>
/// Applies the embedded, numbered SQL scripts under <c>Migrations/{Provider}/</c> that the <c>schema_version</c>
/// table does not list yet, each in its own transaction. Safe to run twice and from two processes at once:
/// the whole run holds the database's write lock (SQLite) or an application lock (SQL Server).
/// </summary>
public sealed partial class MigrationRunner(Db db, ILogger<MigrationRunner> logger)
{
    public sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> Available(DatabaseProvider provider)
    {
        var assembly = typeof(MigrationRunner).Assembly;
        var prefix = $"{typeof(MigrationRunner).Namespace}.Migrations.{provider}.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n[prefix.Length..^4];
                var match = FileName().Match(file);
                if (!match.Success)
                {
                    throw new InvalidOperationException($"Migration '{file}' must be named NNNN_description.sql.");
                }
                using var stream = assembly.GetManifestResourceStream(n)!;
                using var reader = new StreamReader(stream);
                return new Migration(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), file, reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)
            .ToList();
    }

    public static int LatestVersion(DatabaseProvider provider) => Available(provider).Max(m => m.Version);

    public async Task<int> ApplyAsync(CancellationToken ct)
    {
        var migrations = Available(db.Provider);
        await using var connection = await db.OpenAsync(ct);
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers run beside the single writer; the setting is stored in the database file.
            await connection.ExecuteAsync("PRAGMA journal_mode = WAL;");
        }
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (db.Provider == DatabaseProvider.SqlServer)
        {
            await connection.ExecuteAsync(
                "EXEC sp_getapplock @Resource = 'communityhub_migrations', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 60000;",
                transaction: tx);
            await connection.ExecuteAsync(
                """
                IF OBJECT_ID(N'schema_version', N'U') IS NULL
                CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, name NVARCHAR(200) NOT NULL, applied_at DATETIMEOFFSET(7) NOT NULL);
                """, transaction: tx);
        }
        else
        {
            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);",
                transaction: tx);
        }

        var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_version", transaction: tx)).ToHashSet();
        var count = 0;
        foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)))
        {
            foreach (var batch in Batches(migration.Sql))
            {
                await connection.ExecuteAsync(new CommandDefinition(batch, transaction: tx, cancellationToken: ct));
            }
            await connection.ExecuteAsync(
                "INSERT INTO schema_version (version, name, applied_at) VALUES (@Version, @Name, @At)",
                new { migration.Version, migration.Name, At = DateTimeOffset.UtcNow },
                tx);
            logger.LogInformation("Applied migration {Migration}", migration.Name);
            count++;
        }
        await tx.CommitAsync(ct);
        return count;
    }

    public async Task<int?> CurrentVersionAsync(DbConnection connection, CancellationToken ct)
    {
        try
        {
            return await connection.ExecuteScalarAsync<int?>(new CommandDefinition("SELECT MAX(version) FROM schema_version", cancellationToken: ct));
        }
        catch (DbException)
        {
            return null;
        }
    }

    /// <summary>SQL Server scripts are split on lines holding only <c>GO</c>; SQLite runs a whole script at once.</summary>
    private IEnumerable<string> Batches(string sql) =>
        db.Provider == DatabaseProvider.SqlServer
            ? GoSeparator().Split(sql).Where(b => !string.IsNullOrWhiteSpace(b))
            : [sql];

    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+$")]
    private static partial Regex FileName();

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoSeparator();
}
