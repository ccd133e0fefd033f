using System.Reflection;
using System.Text.RegularExpressions;

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
        var migrations = Available(db.Dialect.Provider);
        var scripts = MigrationScripts.For(db.Dialect.Provider);
        await using var connection = await db.OpenAsync(ct);
        if (scripts.BeforeMigrations is { } before)
        {
            await connection.ExecuteAsync(before);
        }
        await using var tx = await connection.BeginTransactionAsync(ct);
        foreach (var statement in scripts.StartMigrations)
        {
            await connection.ExecuteAsync(statement, transaction: tx);
        }

        var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_version", transaction: tx)).ToHashSet();
        var count = 0;
        foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)))
        {
            foreach (var batch in scripts.Batches(migration.Sql))
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

    [GeneratedRegex(@"^(\d{4})_[a-z0-9_]+$")]
    private static partial Regex FileName();
}
