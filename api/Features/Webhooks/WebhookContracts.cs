using CommunityHub.Api.Features.Changes;
using CommunityHub.Api.Features.Members;
using CommunityHub.Api.Features.Partnerships;

namespace CommunityHub.Api.Features.Webhooks;

public enum WebhookStatus
{
    Active,
    Paused,
    Failing,
}

/// <summary>
/// What a client sends to create or replace a subscription. <c>status</c> is read on PUT only: <c>active</c>
/// re-enables a paused or failing subscription, <c>paused</c> stops deliveries; <c>failing</c> is set by the
/// dispatcher and may only be sent back unchanged.
/// </summary>
public sealed record WebhookInput(
    string? Url,
    IReadOnlyList<string>? Types,
    string? MunicipalityCode,
    string? Description,
    WebhookStatus? Status);

/// <summary>
/// A subscription. <c>failingSince</c> is when the current run of failed attempts began (null while deliveries
/// succeed); <c>nextAttemptAt</c> is when the failed batch is retried (null when nothing waits for a retry, and
/// for a paused or failing subscription, which is not attempted).
/// </summary>
public sealed record WebhookResponse(
    Guid Id,
    string Url,
    IReadOnlyList<string> Types,
    string? MunicipalityCode,
    string? Description,
    WebhookStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    DateTimeOffset? FailingSince,
    DateTimeOffset? NextAttemptAt) : IVersionedResource;

/// <summary>A subscription with its signing secret: the only answers that ever show it (create and rotate-secret).</summary>
public sealed record WebhookWithSecretResponse(
    Guid Id,
    string Url,
    IReadOnlyList<string> Types,
    string? MunicipalityCode,
    string? Description,
    WebhookStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    DateTimeOffset? FailingSince,
    DateTimeOffset? NextAttemptAt,
    string Secret) : IVersionedResource
{
    public static WebhookWithSecretResponse From(WebhookResponse w, string secret) =>
        new(w.Id, w.Url, w.Types, w.MunicipalityCode, w.Description, w.Status, w.CreatedAt, w.UpdatedAt, w.Version, w.FailingSince, w.NextAttemptAt, secret);
}

public sealed record WebhookPage(IReadOnlyList<WebhookResponse> Items, string? NextCursor);

/// <summary>One attempt to deliver a batch (or a ping). <c>deliveryId</c> is the batch's; retries repeat it.</summary>
public sealed record WebhookDeliveryResponse(
    Guid Id,
    Guid DeliveryId,
    DateTimeOffset When,
    int? StatusCode,
    long DurationMs,
    int Attempt,
    string? Error,
    long? FirstSeq,
    long? LastSeq);

public sealed record WebhookDeliveryPage(IReadOnlyList<WebhookDeliveryResponse> Items, string? NextCursor);

/// <summary>The answer to a ping: whether the receiver took it (2xx) and what it said.</summary>
public sealed record WebhookPingResponse(Guid DeliveryId, bool Delivered, int? StatusCode, long DurationMs, string? Error);

/// <summary>The body a receiver gets (a ping carries no items).</summary>
public sealed record WebhookPayload(Guid SubscriptionId, Guid DeliveryId, IReadOnlyList<ChangeEntry> Items);

public sealed class WebhookInputValidator : AbstractValidator<WebhookInput>
{
    public WebhookInputValidator(WebhookOptions options)
    {
        var httpAllowed = options.AllowHttp;
        RuleFor(w => w.Url).NotEmpty().MaximumLength(2000);
        RuleFor(w => w.Url)
            .Must(u => IsAllowedUrl(u, httpAllowed)).When(w => !string.IsNullOrEmpty(w.Url) && w.Url.Length <= 2000)
            .WithMessage(_ => Texts.Get(httpAllowed ? "webhook.urlHttp" : "webhook.urlHttps"));
        RuleFor(w => w.Types).NotEmpty()
            .WithMessage(_ => Texts.Get("webhook.typesRequired", string.Join(", ", FeedTypes.All.Order())));
        RuleForEach(w => w.Types).NotNull().WithMessage(_ => Texts.Get("webhook.type", string.Join(", ", FeedTypes.All.Order())))
            .OneOf(FeedTypes.All).WithMessage(_ => Texts.Get("webhook.type", string.Join(", ", FeedTypes.All.Order())));
        RuleFor(w => w.MunicipalityCode).MunicipalityCode();
        RuleFor(w => w.Description).MaximumLength(1000);
    }

    internal static bool IsAllowedUrl(string? value, bool httpAllowed) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || (httpAllowed && uri.Scheme == Uri.UriSchemeHttp))
        && string.IsNullOrEmpty(uri.UserInfo)
        && !string.IsNullOrEmpty(uri.Host);

    internal static string TypesText(IEnumerable<string> types) => string.Join(",", types.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
}

/// <summary>The subscription body openapi.yaml shows (accepted as it stands), and a batch its receiver gets.</summary>
internal static class WebhookExamples
{
    public static readonly WebhookInput Subscription = new(
        "https://integraatiot.ouka.fi/communityhub/muutokset", ["members", "partnerships", "events"], "564", "Oulun järjestörekisterin päivitys", null);

    public static readonly WebhookPayload Payload = new(
        Guid.Parse("0193a4d0-5a61-7c2b-8e44-6f9d1b2c3e51"),
        Guid.Parse("0193a4d1-0b72-7d3c-9f55-7a0e2c3d4f61"),
        [
            new ChangeEntry(1842, "members", MemberExamples.AssociationId, "upsert", 3, new DateTimeOffset(2026, 11, 30, 8, 15, 2, TimeSpan.Zero), "564"),
            new ChangeEntry(1843, "partnerships", PartnershipExamples.Id, "delete", 5, new DateTimeOffset(2026, 11, 30, 8, 16, 40, TimeSpan.Zero), "564"),
        ]);
}
