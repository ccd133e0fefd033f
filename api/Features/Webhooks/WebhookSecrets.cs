using System.Security.Cryptography;
using Base64Url = System.Buffers.Text.Base64Url;
using Microsoft.AspNetCore.DataProtection;

namespace CommunityHub.Api.Features.Webhooks;

/// <summary>Keeps subscriptions' signing secrets encrypted at rest with Data Protection.</summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("CommunityHub.Webhooks.SigningSecret.v1");

    /// <summary>A new secret: 32 random bytes, base64url, prefixed so it is recognisable in a receiver's configuration.</summary>
    public static string New() => "whsec_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string ciphertext) => protector.Unprotect(ciphertext);
}
