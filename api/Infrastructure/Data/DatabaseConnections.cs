using System.Runtime.CompilerServices;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>How the configured provider connects: its connection string, its connections and their session settings.</summary>
public abstract class DatabaseConnections
{
    public static DatabaseConnections For(DatabaseProvider provider) =>
        provider == DatabaseProvider.SqlServer ? new SqlServerConnections() : new SqliteConnections();

    /// <summary>
    /// The connection string to use, from the configured one; <paramref name="dataFolder"/> holds a database file
    /// when the provider keeps one and none is named.
    /// </summary>
    public abstract string ConnectionString(string? configured, string dataFolder);

    /// <summary>The folder of the database file when the database is a local file; null for a server (or in memory).</summary>
    public virtual string? FileFolder(string connectionString) => null;

    public abstract DbConnection CreateConnection(string connectionString);

    /// <summary>Session settings every newly opened connection needs.</summary>
    public virtual Task PrepareAsync(DbConnection connection, CancellationToken ct) => Task.CompletedTask;

    /// <summary>
    /// For a database with one writer at a time (SQLite): how long a write waits for this instance's other writers
    /// (<see cref="Db.BeginWriteAsync"/> queues them in the process); null where writers lock rows and run side by side.
    /// </summary>
    public virtual TimeSpan? SingleWriterWait(string connectionString) => null;

    /// <summary>Whether the hot reads keep their connections and prepared statements (<see cref="KeptReads"/>).</summary>
    public virtual bool KeepsStatements => false;
}

/// <summary>A database file, private to the service account, opened with the session settings a request needs.</summary>
public class SqliteConnections : DatabaseConnections
{
    // Opening a connection (even from the pool) and preparing a statement cost more than the reads every request makes.
    public override bool KeepsStatements => true;

    public override string ConnectionString(string? configured, string dataFolder)
    {
        var sqlite = new SqliteConnectionStringBuilder(configured ?? "");
        if (string.IsNullOrWhiteSpace(sqlite.DataSource))
        {
            sqlite.DataSource = Path.Combine(dataFolder, "communityhub.db");
        }
        if (FileFolder(sqlite.ToString()) is { } directory)
        {
            CreatePrivately(directory, Path.GetFullPath(sqlite.DataSource));
        }
        sqlite.Mode = SqliteOpenMode.ReadWriteCreate;
        sqlite.Cache = SqliteCacheMode.Private;
        // Default Timeout (seconds, 30 unless the connection string says otherwise) bounds how long a statement waits
        // for a lock; past it the request answers 503 with Retry-After.
        return sqlite.ToString();
    }

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// The database holds personal data: its file is created readable by the service account only (mode 600 on Unix;
    /// SQLite gives the -wal and -shm files the database file's mode), and an existing one open to others is narrowed.
    /// </summary>
    private static void CreatePrivately(string directory, string file)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        try
        {
            // An empty file is an empty SQLite database; creating it here is what fixes its mode.
            using var created = new FileStream(file, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnly });
        }
        catch (IOException) when (File.Exists(file))
        {
            // It exists already (or another instance created it a moment ago).
        }
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            if (File.Exists(path) && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
            {
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) & OwnerOnly);
            }
        }
    }

    public override string? FileFolder(string connectionString)
    {
        var source = new SqliteConnectionStringBuilder(connectionString).DataSource;
        return source != ":memory:" ? Path.GetDirectoryName(Path.GetFullPath(source)) : null;
    }

    /// <summary>How much of the database file SQLite reads through a memory mapping (1 GB).</summary>
    private const long MmapBytes = 1L << 30;

    public override DbConnection CreateConnection(string connectionString) => new InstrumentedSqliteConnection(connectionString);

    /// <summary>
    /// Native connections whose session settings are set. The settings belong to the native connection, which the pool
    /// keeps open between uses, so they are set once per native connection rather than on every open (a command and a
    /// connection-string parse, several per request); a connection the pool closed takes its entry with it.
    /// </summary>
    private static readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> Prepared = new();

    public override async Task PrepareAsync(DbConnection connection, CancellationToken ct)
    {
        var native = (connection as SqliteConnection)?.Handle;
        if (native is not null && Prepared.TryGetValue(native, out _))
        {
            return;
        }
        await using var pragma = connection.CreateCommand();
        // The busy timeout lets concurrent writers queue instead of failing; foreign keys are off by default in SQLite.
        // mmap_size: reads take pages straight from the operating system's cache of the file (address space, not memory)
        // instead of copying them into each connection's own 2 MB page cache, which also starts empty again whenever
        // any connection has written. On the bench data set (114 MB) this halved the SQLite time of a 100-item
        // partnership page (docs/benchmarks.md).
        var busyTimeout = BusyTimeoutMilliseconds(connection.ConnectionString);
        pragma.CommandText =
            $"PRAGMA busy_timeout = {busyTimeout.ToString(CultureInfo.InvariantCulture)}; PRAGMA foreign_keys = ON; PRAGMA mmap_size = {MmapBytes};";
        await pragma.ExecuteNonQueryAsync(ct);
        if (native is not null)
        {
            Prepared.AddOrUpdate(native, native);
        }
    }

    public override TimeSpan? SingleWriterWait(string connectionString) =>
        TimeSpan.FromMilliseconds(BusyTimeoutMilliseconds(connectionString));

    private static int BusyTimeoutMilliseconds(string connectionString) =>
        Math.Min(10_000, new SqliteConnectionStringBuilder(connectionString).DefaultTimeout * 1000);
}

public sealed class SqlServerConnections : DatabaseConnections
{
    public override string ConnectionString(string? configured, string dataFolder)
    {
        if (string.IsNullOrWhiteSpace(configured))
        {
            throw new InvalidOperationException("Database:Provider is SqlServer but ConnectionStrings:CommunityHub is not set.");
        }
        var builder = new SqlConnectionStringBuilder(configured);
        if (!configured.Contains("ConnectRetryCount", StringComparison.OrdinalIgnoreCase) && !configured.Contains("Connect Retry Count", StringComparison.OrdinalIgnoreCase))
        {
            builder.ConnectRetryCount = 3;
        }
        return builder.ConnectionString;
    }

    // Opening a connection retries transient errors with backoff (the driver's configurable retry logic); a broken
    // idle connection is re-established by connection resiliency (ConnectRetryCount). Commands are not retried:
    // a statement inside a transaction cannot be repeated safely on its own.
    private static readonly SqlRetryLogicBaseProvider OpenRetry = SqlConfigurableRetryFactory.CreateExponentialRetryProvider(new SqlRetryLogicOption
    {
        NumberOfTries = 4,
        DeltaTime = TimeSpan.FromSeconds(1),
        MaxTimeInterval = TimeSpan.FromSeconds(10),
        TransientErrors = DbErrors.SqlServerTransient.Where(n => n > 0),
    });

    public override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString) { RetryLogicProvider = OpenRetry };
}
