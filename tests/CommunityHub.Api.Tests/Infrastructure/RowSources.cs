using CommunityHub.Api.Infrastructure.Data;
using Dapper;
using Microsoft.Data.Sqlite;
using Shouldly;

namespace CommunityHub.Api.Tests.Infrastructure;

/// <summary>
/// For the row-source tests of the list pages: a query read into a <see cref="RowSet"/> both ways (SQLite's own buffers
/// through <see cref="SqliteRowReader"/>, and the generic <see cref="System.Data.Common.DbDataReader"/> path every other
/// provider takes), the comparison of the two, and texts that are hard to carry through both.
/// </summary>
public static class RowSources
{
    /// <summary>Finnish letters, quotes and backslashes, control characters, markup, emoji and line separators, and the empty text.</summary>
    public static readonly string[] Texts =
    [
        "Äänekosken yhdistys ry – öljyä ja åäö ÅÄÖ",
        "Lainaus \"sisällä\" ja kenoviiva \\ sekä / kauttaviiva",
        "Rivinvaihto\nsarkain\tja ohjausmerkki \u0001 ja \u001f",
        "<script>alert('x')</script> & +358",
        "Emoji 😀 ja rivierotin \u2028 kappale \u2029 ja nolla-leveys \u200b",
        "",
    ];

    /// <summary>A connection to <paramref name="connectionString"/>, open.</summary>
    public static SqliteConnection Opened(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    public static async Task<RowSet> ThroughDataReaderAsync(SqliteConnection connection, CommandDefinition command)
    {
        await using var reader = await connection.ExecuteReaderAsync(command);
        return await RowSet.ReadAsync(reader, CancellationToken.None);
    }

    public static RowSet ThroughSqlite(SqliteConnection connection, CommandDefinition command) =>
        SqliteRowReader.TryRead(connection, command) ?? throw new ShouldAssertException("SqliteRowReader declined the statement.");

    /// <summary>Same columns, rows, NULLs and texts, value by value.</summary>
    public static void ShouldBeSameValues(RowSet actual, RowSet expected)
    {
        actual.Columns.ShouldBe(expected.Columns);
        actual.Count.ShouldBe(expected.Count);
        for (var row = 0; row < expected.Count; row++)
        {
            for (var column = 0; column < expected.Columns; column++)
            {
                actual.IsNull(row, column).ShouldBe(expected.IsNull(row, column), $"row {row}, column {column}");
                actual.Text(row, column).ShouldBe(expected.Text(row, column), $"row {row}, column {column}");
            }
        }
    }
}
