using CommunityHub.Api.Infrastructure.Localization;

namespace CommunityHub.Api.Features.ApiKeys;

/// <summary>
/// The per-key limit: a fixed window counted in the database through <see cref="SharedWindowCounter"/>, so every
/// instance on the database shares it. Every request made with a key is counted and its answer carries the IETF
/// RateLimit fields (<c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c>, <c>RateLimit-Reset</c> in seconds), so a
/// client can pace itself; past the limit the answer is 429 with <c>Retry-After</c>. People and anonymous callers
/// are not limited here. With a limit of 2,000 or more a request takes its permit from memory, from blocks the counter
/// reserves ahead in the background, so a key's read does not wait behind content writes for the count.
/// </summary>
public sealed class ApiKeyRateLimit(RequestDelegate next, ApiKeySettings settings, SharedWindowCounter counter)
{
    public const string LimitHeader = "RateLimit-Limit";
    public const string RemainingHeader = "RateLimit-Remaining";
    public const string ResetHeader = "RateLimit-Reset";
    private const string Table = "api_key_usage";

    public async Task InvokeAsync(HttpContext context)
    {
        if (!context.User.IsApiKey() || context.User.FindFirst(Claims.Subject)?.Value is not { } key)
        {
            await next(context);
            return;
        }
        var window = Math.Max(1, settings.WindowSeconds);
        var limit = Math.Max(1, settings.PermitsPerMinute);
        var permit = await counter.TakeAsync(Table, key, limit, window, context.RequestAborted);
        var reset = permit.ResetSeconds.ToString(CultureInfo.InvariantCulture);
        var remaining = permit.Remaining.ToString(CultureInfo.InvariantCulture);
        // Set as the answer starts, so an error answer written after the headers were cleared carries them too.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers[LimitHeader] = limit.ToString(CultureInfo.InvariantCulture);
            headers[RemainingHeader] = remaining;
            headers[ResetHeader] = reset;
            return Task.CompletedTask;
        });
        if (permit.Allowed)
        {
            await next(context);
            return;
        }
        await TooManyRequests.WriteAsync(context, permit.ResetSeconds, Texts.Get("apiKey.rateLimited", limit, window));
    }
}
