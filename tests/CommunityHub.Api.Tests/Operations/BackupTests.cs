using System.Collections.Concurrent;
using System.Net;
using CommunityHub.Api.Tests.Features.Members;
using CommunityHub.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Shouldly;

namespace CommunityHub.Api.Tests.Operations;

/// <summary>
/// <c>dotnet CommunityHub.Api.dll backup &lt;file&gt;</c> (a real process) copies the SQLite database while the API
/// takes writes: the copy passes integrity_check and holds every write acknowledged before the backup started.
/// </summary>
public sealed class BackupTests(SqliteApiFactory factory) : IClassFixture<SqliteApiFactory>
{
    [Fact]
    public async Task A_backup_taken_under_write_load_is_intact_and_holds_every_acknowledged_write()
    {
        var ct = TestContext.Current.CancellationToken;
        var admin = await factory.AdminAsync();
        var acknowledged = new ConcurrentQueue<Guid>();
        using var stop = new CancellationTokenSource();
        var writers = Enumerable.Range(0, 2).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var member = await MemberRequests.CreateAsync(admin, MemberRequests.Body($"Varmuuskopion Yhdistys {w}-{i} ry"));
                acknowledged.Enqueue(member.Id);
            }
        }, ct)).ToList();
        using (var enough = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            enough.CancelAfter(TimeSpan.FromSeconds(60));
            while (acknowledged.Count < 10)
            {
                await Task.Delay(20, enough.Token);
            }
        }

        var before = acknowledged.ToList();
        var target = Path.Combine(Path.GetDirectoryName(factory.DatabasePath)!, "backups", "communityhub-backup.db");
        using var backup = ApiProcess.Run(ApiProcess.Settings(factory.DatabasePath), "backup", target);
        var output = backup.StandardOutput.ReadToEndAsync(ct);
        var errors = backup.StandardError.ReadToEndAsync(ct);
        await backup.WaitForExitAsync(ct);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        backup.ExitCode.ShouldBe(0, $"{await output}\n{await errors}");
        (await output).ShouldContain("Backed up");
        await using var copy = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync(ct);
        (await copy.ExecuteScalarAsync<string>("PRAGMA integrity_check;")).ShouldBe("ok");
        var inCopy = (await copy.QueryAsync<Guid>("SELECT id FROM members")).ToHashSet();
        before.Where(id => !inCopy.Contains(id)).ShouldBeEmpty();
        (await copy.ExecuteScalarAsync<int>("SELECT MAX(version) FROM schema_version")).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task Backup_refuses_a_SQL_Server_database_and_points_to_the_servers_own_backups()
    {
        var settings = ApiProcess.Settings(factory.DatabasePath);
        settings["Database__Provider"] = "SqlServer";
        settings["ConnectionStrings__CommunityHub"] = "Server=sql.example.invalid;Database=communityhub";
        using var backup = ApiProcess.Run(settings, "backup", Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.db"));
        var output = await backup.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await backup.WaitForExitAsync(TestContext.Current.CancellationToken);
        backup.ExitCode.ShouldBe(2);
        output.ShouldContain("SQL Server");
        await factory.Anonymous().GetAsync("/health/live").ShouldBe(HttpStatusCode.OK);
    }
}
