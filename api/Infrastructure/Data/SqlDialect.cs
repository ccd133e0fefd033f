using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>
/// The one seam for what differs between SQLite and SQL Server: connecting, migrating, the change feed's position and
/// a few SQL fragments. Everything else is portable SQL; no code outside this file branches on the provider.
/// </summary>
public abstract class SqlDialect
{
    public abstract DatabaseProvider Provider { get; }

    public static SqlDialect For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.SqlServer => new SqlServerDialect(),
        _ => new SqliteDialect(),
    };

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

    /// <summary>Run once per migration run on the open connection, outside any transaction.</summary>
    public virtual string? BeforeMigrations => null;

    /// <summary>
    /// Run first in the migration transaction: whatever keeps two processes from migrating at once, then creating
    /// <c>schema_version</c> when it is missing.
    /// </summary>
    public abstract IReadOnlyList<string> StartMigrations { get; }

    /// <summary>A migration script split into the batches the provider runs one by one.</summary>
    public virtual IEnumerable<string> Batches(string script) => [script];

    /// <summary>Row limit appended after ORDER BY: <c>LIMIT n</c> or <c>OFFSET 0 ROWS FETCH NEXT n ROWS ONLY</c>.</summary>
    public abstract string Limit(string parameter);

    /// <summary>
    /// Joins the text of a group in the given order: <c>group_concat(… ORDER BY …)</c> (SQLite 3.44+) /
    /// <c>STRING_AGG(…) WITHIN GROUP (ORDER BY …)</c> (SQL Server, as nvarchar(max) so long lists do not overflow).
    /// </summary>
    public abstract string StringAgg(string expression, string separator, string orderBy);

    /// <summary>
    /// A subquery yielding the ids (char(36) text) held in one parameter that is a JSON array of strings, for
    /// <c>col IN (…)</c>: one bound parameter instead of one per id (<c>json_each</c> / <c>OPENJSON … WITH</c>).
    /// </summary>
    public abstract string IdsFromJson(string parameter);

    /// <summary>Ids as the one JSON-array parameter <see cref="IdsFromJson"/> reads.</summary>
    public static string IdsJson(IEnumerable<Guid> ids) => System.Text.Json.JsonSerializer.Serialize(ids.Select(id => id.ToString("D")));

    /// <summary>
    /// One cheap read that changes whenever a change-feed write commits: the newest committed seq on SQLite (one writer at
    /// a time, so seq order is commit order); on SQL Server <c>@@DBTS</c> while no transaction that writes a rowversion
    /// is open, else NULL (a position then cannot prove that a snapshot holds every commit, so the caller must not reuse
    /// or keep anything by it). A version for caches, not a position to read
    /// from: that is <see cref="ChangeHead"/>.
    /// </summary>
    public abstract string ChangeVersion { get; }

    /// <summary>Reads <see cref="ChangeVersion"/> on <paramref name="connection"/>.</summary>
    public Task<long?> ChangeVersionAsync(DbConnection connection, CancellationToken ct) =>
        connection.ExecuteScalarAsync<long?>(new CommandDefinition(ChangeVersion, cancellationToken: ct));

    /// <summary>Case-sensitive substring test on an already case-folded column.</summary>
    public string Contains(string column, string parameter) => $"{column} LIKE {parameter} ESCAPE '\\'";

    public static string LikePattern(string text) =>
        "%" + text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal)
            .Replace("[", "\\[", StringComparison.Ordinal) + "%";

    /// <summary>A unique or primary key violation from either provider.</summary>
    public static bool IsUniqueViolation(Exception ex) => ex switch
    {
        SqliteException s => s.SqliteExtendedErrorCode is 2067 or 1555,
        SqlException s => s.Number is 2627 or 2601,
        DbException { InnerException: { } inner } => IsUniqueViolation(inner),
        _ => false,
    };

    /// <summary>
    /// A failure that may pass if the request is retried shortly: SQLite's database busy or locked (after the busy
    /// timeout), SQL Server's deadlock victim, lock timeout, throttling and failover errors.
    /// </summary>
    public static bool IsTransient(Exception ex) => ex switch
    {
        SqliteException s => s.SqliteErrorCode is 5 or 6,
        SqlException s => s.Errors.Cast<SqlError>().Any(e => SqlServerDialect.TransientErrors.Contains(e.Number)),
        DbException { InnerException: { } inner } => IsTransient(inner),
        _ => false,
    };

    // The change feed's position, over the changes table aliased c. It must follow commit order, so a reader that
    // has passed a position never misses an entry committing later.

    /// <summary>The entry's position as a BIGINT.</summary>
    public abstract string ChangePosition { get; }

    /// <summary>The condition for entries after the position in <paramref name="parameter"/> that may be handed out.</summary>
    public abstract string ChangesAfter(string parameter);

    /// <summary>The ORDER BY key of feed order.</summary>
    public abstract string ChangeOrder { get; }

    /// <summary>A query for the position up to which every entry has committed.</summary>
    public abstract string ChangeHead { get; }

    /// <summary>
    /// One atomic statement for a fixed-window counter shared by every instance on the database: on a table with
    /// columns <c>counter_key</c> (text, the primary key), <c>window_start</c> and <c>used</c>, counts <c>@Take</c> uses
    /// of <c>@Key</c> at <c>@Now</c> (unix seconds), starting a new window when <c>@Window</c> seconds have passed since
    /// the current one began. Returns the row after the count as <c>(WindowStart, Used)</c>.
    /// </summary>
    public abstract string CountInWindow(string table);
}

public sealed class SqliteDialect : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

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

    // WAL lets readers run beside the single writer; the setting is stored in the database file.
    public override string? BeforeMigrations => "PRAGMA journal_mode = WAL;";

    // The migration transaction itself holds SQLite's one write lock.
    public override IReadOnlyList<string> StartMigrations =>
        ["CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);"];

    public override string Limit(string parameter) => $"LIMIT {parameter}";

    public override string StringAgg(string expression, string separator, string orderBy) =>
        $"group_concat({expression}, {separator} ORDER BY {orderBy})";

    // The AUTOINCREMENT seq: one writer at a time, so seq order is commit order.
    public override string ChangePosition => "c.seq";

    public override string ChangesAfter(string parameter) => $"c.seq > {parameter}";

    public override string ChangeOrder => "c.seq";

    public override string ChangeHead => "SELECT COALESCE(MAX(seq), 0) FROM changes";

    // The SET expressions all read the row as it was before the update.
    public override string CountInWindow(string table) =>
        $"""
        INSERT INTO {table} (counter_key, window_start, used) VALUES (@Key, @Now, @Take)
        ON CONFLICT (counter_key) DO UPDATE SET
            used = CASE WHEN {table}.window_start + @Window <= @Now THEN @Take ELSE {table}.used + @Take END,
            window_start = CASE WHEN {table}.window_start + @Window <= @Now THEN @Now ELSE {table}.window_start END
        RETURNING window_start AS WindowStart, used AS Used
        """;

    public override string IdsFromJson(string parameter) => $"SELECT value FROM json_each({parameter})";

    public override string ChangeVersion => ChangeHead;
}

public sealed partial class SqlServerDialect : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;

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

    /// <summary>
    /// Errors worth a retry: deadlock victim (1205), lock timeout (1222), command timeout (-2), and the transient
    /// connection, throttling and failover errors Azure SQL documents.
    /// </summary>
    public static readonly HashSet<int> TransientErrors =
        [1205, 1222, -2, 20, 64, 233, 4060, 4221, 10053, 10054, 10060, 10928, 10929, 40143, 40197, 40501, 40613, 49918, 49919, 49920];

    // Opening a connection retries transient errors with backoff (the driver's configurable retry logic); a broken
    // idle connection is re-established by connection resiliency (ConnectRetryCount). Commands are not retried:
    // a statement inside a transaction cannot be repeated safely on its own.
    private static readonly SqlRetryLogicBaseProvider OpenRetry = SqlConfigurableRetryFactory.CreateExponentialRetryProvider(new SqlRetryLogicOption
    {
        NumberOfTries = 4,
        DeltaTime = TimeSpan.FromSeconds(1),
        MaxTimeInterval = TimeSpan.FromSeconds(10),
        TransientErrors = TransientErrors.Where(n => n > 0),
    });

    public override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString) { RetryLogicProvider = OpenRetry };

    public override IReadOnlyList<string> StartMigrations =>
    [
        "EXEC sp_getapplock @Resource = 'communityhub_migrations', @LockMode = 'Exclusive', @LockOwner = 'Transaction', @LockTimeout = 60000;",
        """
        IF OBJECT_ID(N'schema_version', N'U') IS NULL
        CREATE TABLE schema_version (version INT NOT NULL PRIMARY KEY, name NVARCHAR(200) NOT NULL, applied_at DATETIMEOFFSET(7) NOT NULL);
        """,
    ];

    /// <summary>Scripts are split on lines holding only <c>GO</c>.</summary>
    public override IEnumerable<string> Batches(string script) =>
        GoSeparator().Split(script).Where(b => !string.IsNullOrWhiteSpace(b));

    public override string Limit(string parameter) => $"OFFSET 0 ROWS FETCH NEXT {parameter} ROWS ONLY";

    public override string StringAgg(string expression, string separator, string orderBy) =>
        $"STRING_AGG(CAST({expression} AS NVARCHAR(MAX)), {separator}) WITHIN GROUP (ORDER BY {orderBy})";

    // The row's rowversion, and only rows below MIN_ACTIVE_ROWVERSION() are handed out: a rowversion at or above it
    // may belong to a transaction that is still open and could commit "behind" a position a reader already passed.
    public override string ChangePosition => "CAST(c.row_version AS BIGINT)";

    public override string ChangesAfter(string parameter) =>
        $"c.row_version > CAST({parameter} AS BINARY(8)) AND c.row_version < MIN_ACTIVE_ROWVERSION()";

    public override string ChangeOrder => "c.row_version";

    public override string ChangeHead => "SELECT CAST(MIN_ACTIVE_ROWVERSION() AS BIGINT) - 1";

    // @@DBTS only while no transaction is open (MIN_ACTIVE_ROWVERSION() is then @@DBTS + 1); NULL otherwise, so a
    // cache keyed by it never stores a page that an open transaction could still change.
    public override string ChangeVersion =>
        "SELECT CASE WHEN CAST(MIN_ACTIVE_ROWVERSION() AS BIGINT) = CAST(@@DBTS AS BIGINT) + 1 THEN CAST(@@DBTS AS BIGINT) END";

    // HOLDLOCK makes the MERGE's read and write one step, so two instances never both insert the first use.
    public override string CountInWindow(string table) =>
        $"""
        MERGE {table} WITH (HOLDLOCK) AS t
        USING (SELECT @Key AS counter_key) AS s ON t.counter_key = s.counter_key
        WHEN MATCHED AND t.window_start + @Window <= @Now THEN UPDATE SET t.window_start = @Now, t.used = @Take
        WHEN MATCHED THEN UPDATE SET t.used = t.used + @Take
        WHEN NOT MATCHED THEN INSERT (counter_key, window_start, used) VALUES (@Key, @Now, @Take)
        OUTPUT inserted.window_start AS WindowStart, inserted.used AS Used;
        """;

    public override string IdsFromJson(string parameter) => $"SELECT id FROM OPENJSON({parameter}) WITH (id CHAR(36) '$')";

    [GeneratedRegex(@"^\s*GO\s*$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex GoSeparator();
}
