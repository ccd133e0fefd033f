using System.Security.Cryptography;

namespace CommunityHub.Api.Infrastructure.Security;

/// <summary>
/// The signing key of a Development instance without <c>Auth:SigningKey</c> (a developer's machine, a training or demo
/// server): random, made on first start and kept in a file readable by the process's user only (mode 600), by default
/// <c>App_Data/development-signing-key</c> beside the SQLite database (<c>Auth:DevelopmentKeyPath</c> to move it). A key
/// in the source would let anyone who reads it sign an admin's token for every such instance.
/// </summary>
public static class DevelopmentSigningKey
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string LoadOrCreate(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnly;
            }
            var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(48));
            using (var writer = new StreamWriter(path, Encoding.ASCII, options))
            {
                writer.Write(key);
            }
            return key;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Made by an earlier start (or by another process starting at the same time): use it, narrowed to the owner.
        }
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & ~OwnerOnly) != 0)
        {
            File.SetUnixFileMode(path, OwnerOnly);
        }
        var stored = File.ReadAllText(path).Trim();
        return Encoding.UTF8.GetByteCount(stored) >= 32
            ? stored
            : throw new InvalidOperationException($"The development signing key in {path} is shorter than 32 bytes; delete the file to make a new one.");
    }
}
