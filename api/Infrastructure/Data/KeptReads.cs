using System.Collections.Concurrent;
using System.Data;

namespace CommunityHub.Api.Infrastructure.Data;

/// <summary>
/// The few reads nearly every request makes (the response cache's change version, an API key's lookup), run on
/// connections kept open with their statements prepared where the provider gains by it (<see
/// cref="DatabaseConnections.KeepsStatements"/>: SQLite, where opening a connection and preparing a statement cost more
/// than running it). The same SQL on the same provider, only not parsed again for every request; elsewhere each read
/// opens a pooled connection as every other query does.
/// </summary>
public sealed class KeptReads(Db db, DatabaseConnections connections)
{
    /// <summary>Connections kept at most: more concurrent readers open (and close) their own.</summary>
    private const int MaxKept = 16;

    private readonly ConcurrentBag<KeptConnection> idle = [];

    /// <summary>Runs <paramref name="sql"/> with the parameters (name, value, type) and reads its result with <paramref name="read"/>.</summary>
    public async Task<T> ReadAsync<T>(
        string sql, IReadOnlyList<(string Name, object? Value, DbType Type)> parameters, Func<DbDataReader, T> read, CancellationToken ct)
    {
        if (!connections.KeepsStatements)
        {
            await using var connection = await db.OpenAsync(ct);
            await using var command = Command(connection, sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(ct);
            return read(reader);
        }

        var kept = idle.TryTake(out var ready) ? ready : new KeptConnection(await db.OpenAsync(ct));
        var reusable = false;
        try
        {
            var command = kept.Statement(sql, parameters);
            T result;
            await using (var reader = await command.ExecuteReaderAsync(ct))
            {
                result = read(reader);
            }
            reusable = true;
            return result;
        }
        finally
        {
            if (reusable && idle.Count < MaxKept)
            {
                idle.Add(kept);
            }
            else
            {
                kept.Dispose();
            }
        }
    }

    private static DbCommand Command(DbConnection connection, string sql, IReadOnlyList<(string Name, object? Value, DbType Type)> parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value, type) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>One open connection and the statements prepared on it, by SQL text; used by one request at a time.</summary>
    private sealed class KeptConnection(DbConnection connection) : IDisposable
    {
        private readonly Dictionary<string, DbCommand> statements = new(StringComparer.Ordinal);

        public DbCommand Statement(string sql, IReadOnlyList<(string Name, object? Value, DbType Type)> parameters)
        {
            if (!statements.TryGetValue(sql, out var command))
            {
                command = Command(connection, sql, parameters);
                command.Prepare();
                statements[sql] = command;
                return command;
            }
            for (var i = 0; i < parameters.Count; i++)
            {
                command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
            }
            return command;
        }

        public void Dispose()
        {
            foreach (var command in statements.Values)
            {
                command.Dispose();
            }
            connection.Dispose();
        }
    }
}
