using CommunityHub.Api.Infrastructure.Localization;
using Microsoft.AspNetCore.Mvc;

namespace CommunityHub.Api.Features.ApiKeys;

/// <summary>
/// The per-key limit: a fixed window counted in the database (one atomic upsert through the dialect), so every
/// instance on the database shares it. Every request made with a key is counted and its answer carries the IETF
/// RateLimit fields (<c>RateLimit-Limit</c>, <c>RateLimit-Remaining</c>, <c>RateLimit-Reset</c> in seconds), so a
/// client can pace itself; past the limit the answer is 429 with <c>Retry-After</c>. People and anonymous callers
/// are not limited here.
/// </summary>
public sealed class ApiKeyRateLimit(RequestDelegate next, ApiKeySettings settings, Db db, TimeProvider clock)
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
        var now = clock.GetUtcNow().ToUnixTimeSeconds();
        (long WindowStart, int Used) count;
        await using (var connection = await db.OpenAsync(context.RequestAborted))
        {
            count = await connection.QuerySingleAsync<(long, int)>(new CommandDefinition(
                db.Dialect.CountInWindow(Table), new { Key = key, Now = now, Window = window }, cancellationToken: context.RequestAborted));
        }
        var reset = Math.Max(1, count.WindowStart + window - now).ToString(CultureInfo.InvariantCulture);
        var remaining = Math.Max(0, limit - count.Used).ToString(CultureInfo.InvariantCulture);
        // Set as the answer starts, so an error answer written after the headers were cleared carries them too.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers[LimitHeader] = limit.ToString(CultureInfo.InvariantCulture);
            headers[RemainingHeader] = remaining;
            headers[ResetHeader] = reset;
            return Task.CompletedTask;
        });
        if (count.Used <= limit)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = reset;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = Texts.Get("problem.429.title"),
                Detail = Texts.Get("apiKey.rateLimited", limit, window),
            },
        });
    }
}
