using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Base64Url = System.Buffers.Text.Base64Url;
using CommunityHub.Api.Infrastructure.Data;
using CommunityHub.Api.Infrastructure.Http;
using Dapper;
using Microsoft.AspNetCore.DataProtection;

namespace CommunityHub.Api.Features.Webhooks;

/// <summary>The subscription row as stored.</summary>
internal sealed class WebhookRow
{
    public const string Columns =
        "w.id, w.url, w.types, w.municipality_code, w.description, w.status, w.secret_protected, w.cursor_position, " +
        "w.batch_end_position, w.failing_since, w.next_attempt_at, w.attempt, w.lease_owner, w.lease_until, " +
        "w.created_at, w.updated_at, w.version";

    public Guid Id { get; init; }
    public string Url { get; init; } = "";
    public string Types { get; init; } = "";
    public string? MunicipalityCode { get; init; }
    public string? Description { get; init; }
    public string Status { get; init; } = "";
    public string SecretProtected { get; init; } = "";
    public long CursorPosition { get; init; }
    public long? BatchEndPosition { get; init; }
    public DateTimeOffset? FailingSince { get; init; }
    public DateTimeOffset? NextAttemptAt { get; init; }
    public int Attempt { get; init; }
    public string? LeaseOwner { get; init; }
    public DateTimeOffset? LeaseUntil { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public long Version { get; init; }

    public IReadOnlyList<string> TypeList => Types.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public WebhookStatus ParsedStatus => EnumText.Parse<WebhookStatus>(Status);

    public WebhookResponse ToResponse() =>
        new(Id, Url, TypeList, MunicipalityCode, Description, ParsedStatus, CreatedAt, UpdatedAt, Version);
}

/// <summary>Reads subscriptions and keeps their signing secrets encrypted at rest with Data Protection.</summary>
public sealed class WebhookSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector protector = provider.CreateProtector("CommunityHub.Webhooks.SigningSecret.v1");

    /// <summary>A new secret: 32 random bytes, base64url, prefixed so it is recognisable in a receiver's configuration.</summary>
    public static string New() => "whsec_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public string Protect(string secret) => protector.Protect(secret);

    public string Unprotect(string ciphertext) => protector.Unprotect(ciphertext);
}

internal static class WebhookStore
{
    public static Task<WebhookRow> GetAsync(WriteScope scope, Guid id, CancellationToken ct) =>
        GetAsync(scope.Connection, scope.Transaction, id, ct);

    public static async Task<WebhookRow> GetAsync(DbConnection connection, DbTransaction? transaction, Guid id, CancellationToken ct) =>
        await connection.QuerySingleOrDefaultAsync<WebhookRow>(new CommandDefinition(
            $"SELECT {WebhookRow.Columns} FROM webhook_subscriptions w WHERE w.id = @Id AND w.deleted_at IS NULL",
            new { Id = id },
            transaction,
            cancellationToken: ct)) ?? throw new NotFoundException("Webhook", id);

    public static void EnsureVersion(WebhookRow current, long? expected)
    {
        if (expected is { } version && version != current.Version)
        {
            throw new PreconditionFailedException(current.Version);
        }
    }

    /// <summary>
    /// A batch's delivery id, derived from the subscription and the batch's first and last positions: a retry of the
    /// same batch (the range is kept in <c>batch_end_position</c>) carries the same id, so receivers can dedupe by it.
    /// </summary>
    public static Guid DeliveryId(Guid subscriptionId, long firstSeq, long lastSeq)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{subscriptionId:D}:{firstSeq}:{lastSeq}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80); // version 8 (custom, RFC 9562)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC variant
        return new Guid(bytes, bigEndian: true);
    }
}
