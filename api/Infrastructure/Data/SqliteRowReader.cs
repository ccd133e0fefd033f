using System.Collections.Concurrent;
using System.Reflection;
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
/// Statements are prepared per call, not cached: preparing the list's three statements measured a few per cent of the
/// request (see docs/benchmarks.md), not worth holding native statements across pooled connections.
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
        try
        {
            var rc = raw.sqlite3_prepare_v2(db, command.CommandText, out var statement, out var tail);
            using (statement)
            {
                Check(rc, db, timing);
                if (!string.IsNullOrWhiteSpace(tail))
                {
                    throw new InvalidOperationException("SqliteRowReader runs one statement at a time.");
                }
                Bind(statement, arguments, db, timing);
                var rows = new RowSet(Math.Max(1, raw.sqlite3_column_count(statement)));
                try
                {
                    while (true)
                    {
                        ct.ThrowIfCancellationRequested();
                        rc = raw.sqlite3_step(statement);
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
        }
        finally
        {
            if (timed)
            {
                timing.Dispose();
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
        // The caller's using keeps the statement's handle alive until after the last row.
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
                null => raw.sqlite3_bind_null(statement, i),
                string text => raw.sqlite3_bind_text(statement, i, text),
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
            if (value is not (null or string or Guid or DateTimeOffset or DateOnly or bool or long or int))
            {
                return false;
            }
        }
        return true;
    }
}
