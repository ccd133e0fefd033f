using Microsoft.Data.Sqlite;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>
/// <c>CommunityHub.Api backup &lt;file&gt;</c>: an online backup of the SQLite database with SQLite's backup API, safe
/// while the API serves. The copy is one consistent snapshot (a read transaction in WAL mode: writers go on, and
/// nothing committed before the backup started is missing), written beside the target and moved into place only
/// after <c>PRAGMA integrity_check</c> says ok. SQL Server databases are backed up with the server's own tools.
/// </summary>
public static class DatabaseBackup
{
    public static async Task<int> RunAsync(DatabaseOptions options, string target, TextWriter output)
    {
        if (options.Provider != DatabaseProvider.Sqlite)
        {
            await output.WriteLineAsync("backup copies a SQLite database; for SQL Server use the server's backups (BACKUP DATABASE, or Azure SQL's automatic backups).");
            return 2;
        }
        var source = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        if (!File.Exists(source))
        {
            await output.WriteLineAsync($"No database at {source}.");
            return 1;
        }
        var full = Path.GetFullPath(target);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var partial = full + ".partial";
        File.Delete(partial);

        await using (var from = new SqliteConnection(new SqliteConnectionStringBuilder(options.ConnectionString) { Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString()))
        await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            await from.OpenAsync();
            await to.OpenAsync();
            from.BackupDatabase(to);
            await using var check = to.CreateCommand();
            check.CommandText = "PRAGMA integrity_check;";
            var result = (string?)await check.ExecuteScalarAsync();
            if (result != "ok")
            {
                await output.WriteLineAsync($"The copy failed its integrity check ({result}); {full} was not written.");
                return 1;
            }
        }
        File.Move(partial, full, overwrite: true);
        await output.WriteLineAsync($"Backed up {source} to {full}.");
        return 0;
    }
}
