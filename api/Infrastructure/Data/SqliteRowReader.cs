using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>
/// Runs one SELECT on a Microsoft.Data.Sqlite connection through SQLite's own API (SQLitePCL, the library
/// Microsoft.Data.Sqlite itself calls) and copies each value's UTF-8 text straight into a <see cref="RowSet"/>: two
/// native calls per value. Through <see cref="SqliteDataReader"/> a value costs about six (the column count and type
/// are checked again on every access) and a .NET string, which on a 100-item partnership page was the largest cost left.
/// </summary>
/// <remarks>
/// Parameters are bound as Dapper with <see cref="TypeHandlers"/> binds them (ids, dates and instants as text), so
/// the statement sees the same values either way. A parameter this reader does not bind (a list that Dapper would
/// expand into several) makes <see cref="TryRead"/> answer null, and the caller reads through ADO.NET instead.
/// Statements are prepared once per pooled native connection and kept (<see cref="PreparedStatements"/>).
/// </remarks>
public static class SqliteRowReader
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> TemplateProperties = new();

    /// <summary>
    /// Whether SQLitePCL runs the bundled e_sqlite3, whose two per-value functions <see cref="NativeMethods"/> calls with
    /// the bare statement pointer: through SQLitePCL each call also adds and releases a reference on the statement's
    /// SafeHandle, which measured about twice the cost of the call itself. Any other SQLite library (winsqlite3, SQLCipher)
    /// is read through SQLitePCL.
    /// </summary>
    private static readonly bool Direct = raw.GetNativeLibraryName() == "e_sqlite3";

    /// <summary>The prepared statements of each native connection (which the pool keeps open between uses).</summary>
    private static readonly ConditionalWeakTable<sqlite3, PreparedStatements> Statements = new();

    /// <summary>Whether <see cref="TryRead"/> binds these parameters itself (else it leaves the command to ADO.NET).</summary>
    public static bool Binds(object? parameters) => TryGetArguments(parameters, out _);

    /// <summary>The query's rows, or null when a parameter is of a kind only Dapper binds.</summary>
    public static RowSet? TryRead(SqliteConnection connection, CommandDefinition command)
    {
        if (!TryGetArguments(command.Parameters, out var arguments))
        {
            return null;
        }
        var ct = command.CancellationToken;
        ct.ThrowIfCancellationRequested();
        var db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        var timing = SqliteCommandTiming.Start(command.CommandText);
        var timed = true;
        var statements = Statements.GetValue(db, _ => new PreparedStatements(new SqliteConnectionStringBuilder(connection.ConnectionString).Pooling));
        sqlite3_stmt? statement = null;
        try
        {
            statement = statements.Rent(db, command.CommandText, timing);
            Bind(statement, arguments, db, timing);
            var rows = new RowSet(Math.Max(1, raw.sqlite3_column_count(statement)));
            try
            {
                while (true)
                {
                    ct.ThrowIfCancellationRequested();
                    var rc = raw.sqlite3_step(statement);
                    if (timed)
                    {
                        timed = false;
                        timing.Dispose();
                    }
                    if (rc == raw.SQLITE_DONE)
                    {
                        return rows;
                    }
                    if (rc != raw.SQLITE_ROW)
                    {
                        Check(rc, db, timing);
                    }
                    ReadRow(statement, rows);
                }
            }
            catch
            {
                rows.Dispose();
                throw;
            }
        }
        finally
        {
            if (timed)
            {
                timing.Dispose();
            }
            if (statement is not null)
            {
                statements.Return(command.CommandText, statement);
            }
        }
    }

    /// <summary>
    /// Prepared statements by SQL text, for one native connection: preparing was about a fifth of a small page's SQLite
    /// time. A statement is taken out while it runs (a nested use of the same text prepares its own) and reset, its
    /// bindings cleared, when put back, so a kept statement never holds a read transaction open. Kept only on pooled
    /// connections: when the pool closes a native connection (sqlite3_close_v2) that still has statements, SQLite frees
    /// it once the collector has finalized them, so without a pool every request would leave one such connection behind.
    /// </summary>
    private sealed class PreparedStatements(bool keep)
    {
        /// <summary>Enough for every list statement (a few per list and filter combination); beyond it none are kept.</summary>
        private const int MaxKept = 64;

        private readonly Dictionary<string, sqlite3_stmt> kept = new(StringComparer.Ordinal);

        public sqlite3_stmt Rent(sqlite3 db, string sql, SqliteCommandTiming timing)
        {
            if (kept.Remove(sql, out var statement))
            {
                return statement;
            }
            var rc = raw.sqlite3_prepare_v2(db, sql, out statement, out var tail);
            try
            {
                Check(rc, db, timing);
                if (!string.IsNullOrWhiteSpace(tail))
                {
                    throw new InvalidOperationException("SqliteRowReader runs one statement at a time.");
                }
                return statement;
            }
            catch
            {
                statement.Dispose();
                throw;
            }
        }

        public void Return(string sql, sqlite3_stmt statement)
        {
            raw.sqlite3_reset(statement);
            raw.sqlite3_clear_bindings(statement);
            if (!keep || kept.Count >= MaxKept || !kept.TryAdd(sql, statement))
            {
                statement.Dispose();
            }
        }
    }

    /// <summary>
    /// The row's values as text, whole (integers as their digits), as SqliteDataReader.GetString reads them:
    /// <c>sqlite3_column_text</c> (a null pointer is NULL), then <c>sqlite3_column_bytes</c> for its length.
    /// </summary>
    private static void ReadRow(sqlite3_stmt statement, RowSet rows)
    {
        if (!Direct)
        {
            for (var i = 0; i < rows.Columns; i++)
            {
                var text = raw.sqlite3_column_blob(statement, i);
                if (text.IsEmpty && raw.sqlite3_column_type(statement, i) == raw.SQLITE_NULL)
                {
                    rows.AddNull();
                }
                else
                {
                    rows.Add(text);
                }
            }
            return;
        }
        // The caller holds the statement until it puts it back, so the bare pointer stays valid for the whole row.
        var handle = statement.DangerousGetHandle();
        for (var i = 0; i < rows.Columns; i++)
        {
            var text = NativeMethods.sqlite3_column_text(handle, i);
            if (text == IntPtr.Zero)
            {
                rows.AddNull();
            }
            else
            {
                rows.Add(text, NativeMethods.sqlite3_column_bytes(handle, i));
            }
        }
    }

    private static class NativeMethods
    {
        [DllImport("e_sqlite3")]
        public static extern IntPtr sqlite3_column_text(IntPtr statement, int column);

        [DllImport("e_sqlite3")]
        public static extern int sqlite3_column_bytes(IntPtr statement, int column);
    }

    private static void Check(int rc, sqlite3 db, SqliteCommandTiming timing)
    {
        if (rc is raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE)
        {
            return;
        }
        try
        {
            // The same exception (message, codes) Microsoft.Data.Sqlite throws, so busy and unique-key handling apply.
            SqliteException.ThrowExceptionForRC(rc, db);
        }
        catch (SqliteException e)
        {
            timing.Failed(e);
            throw;
        }
    }

    private static void Bind(sqlite3_stmt statement, Dictionary<string, object?> arguments, sqlite3 db, SqliteCommandTiming timing)
    {
        var count = raw.sqlite3_bind_parameter_count(statement);
        for (var i = 1; i <= count; i++)
        {
            var name = raw.sqlite3_bind_parameter_name(statement, i).utf8_to_string();
            if (name is null || !arguments.TryGetValue(name[1..], out var value))
            {
                throw new InvalidOperationException($"Must add values for the following parameters: {name}");
            }
            var rc = value switch
            {
                null or DbString { Value: null } => raw.sqlite3_bind_null(statement, i),
                string text => raw.sqlite3_bind_text(statement, i, text),
                // Its length and ANSI flag only shape the parameter's type on SQL Server; SQLite binds the text.
                DbString text => raw.sqlite3_bind_text(statement, i, text.Value),
                Guid id => raw.sqlite3_bind_text(statement, i, id.ToString("D")),
                DateTimeOffset instant => raw.sqlite3_bind_text(statement, i, TypeHandlers.Format(instant)),
                DateOnly date => raw.sqlite3_bind_text(statement, i, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
                bool flag => raw.sqlite3_bind_int64(statement, i, flag ? 1 : 0),
                long number => raw.sqlite3_bind_int64(statement, i, number),
                int number => raw.sqlite3_bind_int64(statement, i, number),
                _ => throw new InvalidOperationException($"Parameter {name} was accepted but cannot be bound."),
            };
            Check(rc, db, timing);
        }
    }

    /// <summary>The parameters by name, if every value is one <see cref="Bind"/> binds as Dapper would.</summary>
    private static bool TryGetArguments(object? parameters, out Dictionary<string, object?> arguments)
    {
        arguments = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        switch (parameters)
        {
            case null:
                return true;
            case DynamicParameters dynamic:
                foreach (var name in dynamic.ParameterNames)
                {
                    arguments[name] = dynamic.Get<object?>(name);
                }
                break;
            default:
                foreach (var property in TemplateProperties.GetOrAdd(parameters.GetType(), t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)))
                {
                    arguments[property.Name] = property.GetValue(parameters);
                }
                break;
        }
        foreach (var value in arguments.Values)
        {
            if (value is not (null or string or DbString or Guid or DateTimeOffset or DateOnly or bool or long or int))
            {
                return false;
            }
        }
        return true;
    }
}
