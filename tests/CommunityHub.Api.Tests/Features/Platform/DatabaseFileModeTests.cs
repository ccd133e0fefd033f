using System.Net;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Platform;

/// <summary>
/// The SQLite file holds personal data and the key ring folder the keys to webhook secrets: they (and the -wal/-shm
/// files) are readable by the service account only.
/// </summary>
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

    private static async Task ShouldBeOwnerOnlyAsync(SqliteApiFactory factory)
    {
        var database = factory.DatabasePath;
        // WAL mode: -wal and -shm exist while any connection is open, and SQLite deletes them when the last one closes.
        // Other test classes clear every connection pool when they finish, so the app's pooled connections may close at
        // any moment: an unpooled connection of this test keeps the files while the app writes and they are checked.
        await using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False");
        await holder.OpenAsync();
        await (await factory.AdminAsync()).PostJsonAsync("/api/v1/members", Members.MemberRequests.Body("Tiedostot auki ry")).ShouldBe(HttpStatusCode.Created);
        File.GetUnixFileMode(database).ShouldBe(OwnerReadWrite);
        File.Exists(database + "-wal").ShouldBeTrue();
        File.GetUnixFileMode(database + "-wal").ShouldBe(OwnerReadWrite);
        File.GetUnixFileMode(database + "-shm").ShouldBe(OwnerReadWrite);
    }

    [Fact]
    public async Task A_new_database_file_is_created_with_mode_600()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only");
        await using var factory = await StartedAsync(new SqliteApiFactory());
        await ShouldBeOwnerOnlyAsync(factory);
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
            await ShouldBeOwnerOnlyAsync(factory);
        }
    }

    [Fact]
    public async Task A_key_ring_folder_is_readable_by_the_service_account_only_new_or_existing()
    {
        Assert.SkipWhen(OperatingSystem.IsWindows(), "Unix file modes only");
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        var parent = Path.Combine(Path.GetTempPath(), "communityhub-tests", Guid.NewGuid().ToString("N"));
        var created = Path.Combine(parent, "new-keys");
        var existing = Path.Combine(parent, "old-keys");
        Directory.CreateDirectory(existing);
        File.SetUnixFileMode(existing, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        try
        {
            foreach (var folder in new[] { created, existing })
            {
                var factory = new SqliteApiFactory();
                factory.Set("DataProtection:KeyRingPath", folder);
                await using (factory)
                {
                    // A webhook's secret is encrypted with the key ring, so a key is written to the folder.
                    await Webhooks.WebhookRequests.CreateAsync(await factory.AdminAsync(), Webhooks.WebhookRequests.Body("https://hooks.example.fi/avaimet"));
                    Directory.EnumerateFiles(folder, "*.xml").ShouldNotBeEmpty();
                    File.GetUnixFileMode(folder).ShouldBe(OwnerOnly, folder);
                }
            }
        }
        finally
        {
            Directory.Delete(parent, recursive: true);
        }
    }
}
