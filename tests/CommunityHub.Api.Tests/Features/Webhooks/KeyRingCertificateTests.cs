using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CommunityHub.Api.Features.Webhooks;
using CommunityHub.Api.Tests.Infrastructure;
using Dapper;
using Microsoft.Data.Sqlite;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Webhooks;

/// <summary>
/// With <c>DataProtection:CertificatePath</c> set, the key ring in the database is encrypted with a certificate the
/// operator keeps elsewhere, so a copy of the database (a backup) no longer holds what decrypts webhook signing
/// secrets; an instance given the same certificate still signs with them.
/// </summary>
public sealed class KeyRingCertificateTests : IAsyncLifetime
{
    private const string Password = "testivarmenne-Ä1";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "communityhub-tests", Guid.NewGuid().ToString("N"));
    private readonly SqliteApiFactory factory = new();
    private WebhookReceiver receiver = null!;

    private string CertificatePath => Path.Combine(folder, "keyring.pfx");

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(folder);
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=CommunityHub key ring (tests)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        await File.WriteAllBytesAsync(CertificatePath, certificate.Export(X509ContentType.Pfx, Password));
        receiver = await WebhookReceiver.StartAsync();
        Configure(factory);
    }

    private void Configure(SqliteApiFactory app)
    {
        app.Set("Webhooks:AllowHttp", "true");
        app.Set("Webhooks:AllowedNetworks", "127.0.0.0/8, ::1/128");
        app.Set("Webhooks:BackgroundDelivery", "false");
        app.Set("DataProtection:CertificatePath", CertificatePath);
        app.Set("DataProtection:CertificatePassword", Password);
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        await receiver.DisposeAsync();
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task The_key_ring_in_the_database_is_encrypted_and_another_instance_with_the_certificate_signs_with_it()
    {
        var webhook = await WebhookRequests.CreateAsync(await factory.AdminAsync(), WebhookRequests.Body(receiver.Url, ["events"]));

        await using (var db = new SqliteConnection($"Data Source={factory.DatabasePath};Mode=ReadOnly;Pooling=False"))
        {
            var keys = (await db.QueryAsync<string>("SELECT xml FROM data_protection_keys")).ToList();
            keys.ShouldNotBeEmpty();
            keys.ShouldAllBe(xml => xml.Contains("encryptedSecret") && !xml.Contains("<value>"),
                "the master key is stored encrypted with the certificate, not in the clear");
        }

        await using var second = new SqliteApiFactory(factory.DatabasePath);
        Configure(second);
        var ping = await (await (await second.AdminAsync()).PostAsync($"/api/v1/webhooks/{webhook.Id}/ping", null)
            .ShouldBe(HttpStatusCode.OK)).ReadAsync<WebhookPingResponse>();
        ping.Delivered.ShouldBeTrue(ping.Error);
        var received = receiver.For(webhook.Id).Single(r => r.Payload.DeliveryId == ping.DeliveryId);
        WebhookSignature.Verify(received.SignatureHeader, webhook.Secret, received.BodyBytes, DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)).ShouldBeTrue();
    }

    [Fact]
    public async Task A_certificate_that_cannot_be_read_stops_start_up_naming_the_setting()
    {
        await using var broken = new SqliteApiFactory();
        Configure(broken);
        broken.Set("DataProtection:CertificatePassword", "väärä salasana");
        var failure = Should.Throw<Exception>(() => broken.Anonymous());
        failure.ToString().ShouldContain("DataProtection:CertificatePath");
        await Task.CompletedTask;
    }
}
