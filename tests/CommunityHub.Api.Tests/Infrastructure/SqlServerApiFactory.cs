using Microsoft.Data.SqlClient;

namespace CommunityHub.Api.Tests.Infrastructure;

/// <summary>
/// SQL Server for the same contract tests, taken from COMMUNITYHUB_TEST_SQLSERVER (a connection string to a server
/// where the login may create databases). Each factory creates and later drops its own database. Without the
/// variable every test using it is skipped with that reason (Testcontainers does not restore here).
/// </summary>
public sealed class SqlServerApiFactory : ApiFactory
{
    public const string Variable = "COMMUNITYHUB_TEST_SQLSERVER";

    private readonly string database = $"communityhub_test_{Guid.NewGuid():N}";

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    public static string SkipReason => $"SQL Server tests need {Variable} (a connection string); see README § SQL Server tests.";

    public override string ProviderName => "SqlServer";

    protected override Dictionary<string, string?> DatabaseSettings()
    {
        var builder = new SqlConnectionStringBuilder(ServerConnectionString ?? "Server=unset") { InitialCatalog = database };
        return new()
        {
            ["Database:Provider"] = "SqlServer",
            ["ConnectionStrings:CommunityHub"] = builder.ConnectionString,
        };
    }

    public override async ValueTask InitializeAsync()
    {
        if (ServerConnectionString is null)
        {
            return;
        }
        await using var connection = new SqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE [{database}]";
        await command.ExecuteNonQueryAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (ServerConnectionString is not null)
        {
            SqlConnection.ClearAllPools();
            await using var connection = new SqlConnection(ServerConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"ALTER DATABASE [{database}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{database}]";
            await command.ExecuteNonQueryAsync();
        }
    }
}
