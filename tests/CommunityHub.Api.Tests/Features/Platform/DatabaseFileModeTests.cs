using System.Net;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Platform;

/// <summary>The SQLite file holds personal data: it and its -wal/-shm files are readable by the service account only.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DatabaseFileModeTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static async Task<SqliteApiFactory> StartedAsync(SqliteApiFactory factory)
    {
        var admin = await factory.AdminAsync();
        await admin.PostJsonAsync("/api/v1/members", Members.MemberRequests.Body("Tiedostooikeudet ry")).ShouldBe(HttpStatusCode.Created);
        return factory;
    }

    private static void ShouldBeOwnerOnly(string database)
    {
        File.GetUnixFileMode(database).ShouldBe(OwnerReadWrite);
        // WAL mode: both exist while the app holds connections; SQLite gives them the database file's mode.
        File.Exists(database + "-wal").ShouldBeTrue();
        File.GetUnixFileMode(database + "-wal").ShouldBe(OwnerReadWrite);
        File.GetUnixFileMode(database + "-shm").ShouldBe(OwnerReadWrite);
    }

    [Fact]
    public async Task A_new_database_file_is_created_with_mode_600()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only");
        await using var factory = await StartedAsync(new SqliteApiFactory());
        ShouldBeOwnerOnly(factory.DatabasePath);
    }

    [Fact]
    public async Task An_existing_database_file_open_to_others_is_narrowed_to_mode_600()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only");
        var factory = new SqliteApiFactory();
        Directory.CreateDirectory(Path.GetDirectoryName(factory.DatabasePath)!);
        await File.WriteAllBytesAsync(factory.DatabasePath, []);
        File.SetUnixFileMode(factory.DatabasePath, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await using (await StartedAsync(factory))
        {
            ShouldBeOwnerOnly(factory.DatabasePath);
        }
    }
}
