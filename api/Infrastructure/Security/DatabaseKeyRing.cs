using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace CommunityHub.Api.Infrastructure.Security;

public static class DataProtectionSetup
{
    /// <summary>
    /// Data Protection with its key ring in the database (table <c>data_protection_keys</c>), so every instance on one
    /// database reads and writes the same keys; in files only when <paramref name="keyRingPath"/> is set by an operator.
    /// Keys an older version kept in <paramref name="legacyFolder"/> are copied into the database on first read, so
    /// secrets encrypted with them still decrypt. With <paramref name="certificate"/> (<c>DataProtection:CertificatePath</c>)
    /// every key is stored encrypted with it, so a copy of the database alone cannot decrypt what the keys protect.
    /// </summary>
    public static IServiceCollection AddCommunityHubDataProtection(
        this IServiceCollection services, string? keyRingPath, string? legacyFolder, X509Certificate2? certificate = null)
    {
        var builder = services.AddDataProtection().SetApplicationName("CommunityHub");
        if (certificate is not null)
        {
            // Encrypt new keys with the certificate; decrypting names it explicitly, since on Linux the certificate
            // is not in a store where the XML decryptor would look it up.
            builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        if (!string.IsNullOrWhiteSpace(keyRingPath))
        {
            builder.PersistKeysToFileSystem(PrivateFolder(keyRingPath));
            return services;
        }
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(provider => new ConfigureOptions<KeyManagementOptions>(options =>
            options.XmlRepository = new DatabaseKeyRing(provider.GetRequiredService<Db>(), legacyFolder, provider.GetRequiredService<TimeProvider>())));
        return services;
    }

    /// <summary>
    /// The key ring folder, created (or narrowed) so only the service account can open it: the key files inside are
    /// written with the process's umask, and a folder others cannot enter keeps them from reading those.
    /// </summary>
    private static DirectoryInfo PrivateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return Directory.CreateDirectory(path);
        }
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (!Directory.Exists(path))
        {
            return Directory.CreateDirectory(path, OwnerOnly);
        }
        var mode = File.GetUnixFileMode(path);
        if ((mode & ~OwnerOnly) != 0)
        {
            File.SetUnixFileMode(path, mode & OwnerOnly);
        }
        return new DirectoryInfo(path);
    }

    /// <summary>
    /// The certificate (PKCS#12 with its private key) named by <c>DataProtection:CertificatePath</c> and
    /// <c>DataProtection:CertificatePassword</c>, or null when none is set; one that cannot be read stops start-up.
    /// </summary>
    public static X509Certificate2? KeyRingCertificate(IConfiguration configuration)
    {
        if (configuration["DataProtection:CertificatePath"] is not { Length: > 0 } path)
        {
            return null;
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"]);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"DataProtection:CertificatePath: the certificate '{path}' could not be read ({e.Message}). Check the file and DataProtection:CertificatePassword.", e);
        }
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException($"DataProtection:CertificatePath: '{path}' has no private key; the key ring needs one to decrypt its keys.");
        }
        return certificate;
    }
}

/// <summary>The Data Protection key ring as rows; the interface is synchronous, so are these reads and writes.</summary>
public sealed class DatabaseKeyRing(Db db, string? legacyFolder, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = db.Open();
        var rows = connection.Query<KeyRow>("SELECT friendly_name AS FriendlyName, xml AS Xml FROM data_protection_keys ORDER BY friendly_name").ToList();
        if (legacyFolder is not null && Directory.Exists(legacyFolder))
        {
            var known = rows.Select(r => r.FriendlyName).ToHashSet(StringComparer.Ordinal);
            foreach (var file in Directory.EnumerateFiles(legacyFolder, "*.xml"))
            {
                var name = Path.GetFileNameWithoutExtension(file);
                if (!known.Contains(name))
                {
                    var xml = XElement.Load(file).ToString(SaveOptions.DisableFormatting);
                    Insert(name, xml);
                    rows.Add(new KeyRow(name, xml));
                }
            }
        }
        return rows.Select(r => XElement.Parse(r.Xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName) => Insert(friendlyName, element.ToString(SaveOptions.DisableFormatting));

    private void Insert(string friendlyName, string xml)
    {
        using var connection = db.Open();
        try
        {
            connection.Execute(
                "INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@FriendlyName, @Xml, @At)",
                new { FriendlyName = friendlyName, Xml = xml, At = clock.GetUtcNow() });
        }
        catch (Exception e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another instance stored the same key (a legacy import racing); the row is there either way.
        }
    }

    private sealed record KeyRow(string FriendlyName, string Xml);
}
