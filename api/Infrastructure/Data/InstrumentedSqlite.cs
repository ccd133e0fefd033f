using System.Data;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using CommunityHub.Api.Infrastructure.Telemetry;
using Microsoft.Data.Sqlite;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>
/// A SQLite connection whose commands report a span and their duration (Microsoft.Data.Sqlite has no diagnostics of
/// its own). Every Dapper call ends in <see cref="SqliteCommand.ExecuteReader(CommandBehavior)"/>, so that is timed.
/// </summary>
public sealed class InstrumentedSqliteConnection(string connectionString) : SqliteConnection(connectionString)
{
    public override SqliteCommand CreateCommand()
    {
        var command = base.CreateCommand();
        return new InstrumentedSqliteCommand { Connection = this, CommandTimeout = command.CommandTimeout, Transaction = command.Transaction };
    }

    protected override DbCommand CreateDbCommand() => CreateCommand();
}

public sealed class InstrumentedSqliteCommand : SqliteCommand
{
    public override SqliteDataReader ExecuteReader(CommandBehavior behavior)
    {
        using var timing = SqliteCommandTiming.Start(CommandText);
        try
        {
            return base.ExecuteReader(behavior);
        }
        catch (SqliteException e)
        {
            timing.Failed(e);
            throw;
        }
    }
}

/// <summary>
/// The span and duration of one SQLite statement (to its first row).
/// </summary>
public readonly struct SqliteCommandTiming : IDisposable
{
    private static readonly Histogram<double> Duration = AppMetrics.Meter.CreateHistogram<double>(
        "communityhub.db.command.duration", "s", "Time to execute a database command (to its first row).");

    private readonly Activity? activity;
    private readonly long started;

    private SqliteCommandTiming(Activity? activity, long started)
    {
        this.activity = activity;
        this.started = started;
    }

    public static SqliteCommandTiming Start(string text)
    {
        var activity = AppMetrics.Activities.StartActivity("db.command", ActivityKind.Client);
        activity?.SetTag("db.system", "sqlite");
        activity?.SetTag("db.query.text", text);
        return new SqliteCommandTiming(activity, Stopwatch.GetTimestamp());
    }

    public void Failed(SqliteException e) => activity?.SetStatus(ActivityStatusCode.Error, e.Message);

    public void Dispose()
    {
        Duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("db.system", "sqlite"));
        activity?.Dispose();
    }
}
