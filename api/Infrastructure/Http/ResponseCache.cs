using CommunityHub.Api.Infrastructure.Time;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace CommunityHub.Api.Infrastructure.Http;

/// <summary>
/// Rendered GET answers kept in memory and served only while they cannot be stale. An entry is stored under the
/// change feed's head read <em>before</em> the answer was built, and served only while the head still reads the same:
/// every write a cached answer can depend on (members, partnerships, pilots, events and their children) commits a
/// change-feed entry in its own transaction, so any commit since moves the head and the next request rebuilds. The
/// head is read from the shared database on every request, so several instances never serve each other's stale pages.
/// </summary>
/// <remarks>
/// The key is everything that shapes the answer: the validated query record (value equality, so parameter order and
/// unknown parameters do not matter), who asks (an API key's municipality binding and scopes, or a person's role and
/// member binding) and today's date in Helsinki (date filters such as reviewDue). A request with
/// <c>Cache-Control: no-cache</c> (or <c>Pragma: no-cache</c>) skips the cache and reaches the database; its answer is
/// not stored. Only use it for answers that depend on nothing else (not on the clock's time of day, not on the caller's
/// identity beyond the above).
/// </remarks>
public sealed class ResponseCache(Db db, TimeProvider clock) : IDisposable
{
    /// <summary>Upper bound for the bytes kept; least recently used entries go first.</summary>
    public const long MaxBytes = 64L * 1024 * 1024;

    private readonly MemoryCache entries = new(new MemoryCacheOptions { SizeLimit = MaxBytes, CompactionPercentage = 0.25 });
    private long hits;
    private long misses;
    private long bypasses;

    /// <summary>Answers served from memory (for tests and diagnostics).</summary>
    public long Hits => Interlocked.Read(ref hits);

    /// <summary>Answers built because none was cached for the current head.</summary>
    public long Misses => Interlocked.Read(ref misses);

    /// <summary>Answers built because the request asked for no-cache, or the head could not be pinned.</summary>
    public long Bypasses => Interlocked.Read(ref bypasses);

    /// <summary>Serves <paramref name="query"/> from the cache when the stored answer is current, else builds it with <paramref name="load"/>.</summary>
    public async Task<IResult> ServeAsync(HttpContext http, object query, Func<CancellationToken, Task<JsonBody>> load, CancellationToken ct)
    {
        if (NoCache(http.Request))
        {
            Interlocked.Increment(ref bypasses);
            return new JsonBodyResult(await load(ct), owned: true);
        }

        var head = await HeadAsync(ct);
        if (head is not { } version)
        {
            Interlocked.Increment(ref bypasses);
            return new JsonBodyResult(await load(ct), owned: true);
        }

        var key = new Key(query, Caller(http), Helsinki.Today(clock));
        if (entries.TryGetValue(key, out Entry? entry) && entry!.Version == version)
        {
            Interlocked.Increment(ref hits);
            return new JsonBodyResult(entry.Body, owned: false);
        }

        Interlocked.Increment(ref misses);
        var body = await load(ct);
        // The chunks of a stored body are never returned to the pool: a request may still be writing them when the
        // entry is replaced or evicted, so they are left to the garbage collector instead.
        entries.Set(key, new Entry(version, body), new MemoryCacheEntryOptions { Size = Math.Max(1, body.Length) });
        return new JsonBodyResult(body, owned: false);
    }

    /// <summary>
    /// The same for a handler that answers an object: it is serialised with the HTTP JSON options (the bytes
    /// <c>TypedResults.Ok</c> would write) and tagged with <paramref name="etagOf"/>.
    /// </summary>
    public Task<IResult> ServeAsync<T>(
        HttpContext http, object query, Func<CancellationToken, Task<T>> load, Func<T, string> etagOf, CancellationToken ct)
    {
        var options = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return ServeAsync(http, query, async token =>
        {
            var value = await load(token);
            return JsonBody.Serialize(value, etagOf(value), options);
        }, ct);
    }

    /// <summary>Serves what a MediatR query renders (a list page as <see cref="JsonBody"/>), keyed on the query.</summary>
    public Task<IResult> SendAsync(HttpContext http, IMediator mediator, IRequest<JsonBody> query, CancellationToken ct) =>
        ServeAsync(http, query, token => mediator.Send(query, token), ct);

    /// <summary>Serves the object a MediatR query answers, keyed on the query and tagged with <paramref name="etagOf"/>.</summary>
    public Task<IResult> SendAsync<T>(HttpContext http, IMediator mediator, IRequest<T> query, Func<T, string> etagOf, CancellationToken ct) =>
        ServeAsync(http, query, token => mediator.Send(query, token), etagOf, ct);

    public void Dispose() => entries.Dispose();

    private async Task<long?> HeadAsync(CancellationToken ct)
    {
        // Read on every request, hits included.
        return await db.Kept.ReadAsync(db.Dialect.ChangeVersion, [], r => r.Read() && !r.IsDBNull(0) ? r.GetInt64(0) : (long?)null, ct);
    }

    private static bool NoCache(HttpRequest request) =>
        request.Headers.CacheControl.Any(v => v is not null && (v.Contains("no-cache", StringComparison.OrdinalIgnoreCase)
            || v.Contains("no-store", StringComparison.OrdinalIgnoreCase)))
        || request.Headers.Pragma.Any(v => v is not null && v.Contains("no-cache", StringComparison.OrdinalIgnoreCase));

    /// <summary>What about the caller can change an answer: an API key's binding and scopes, or a person's role and member.</summary>
    private static string Caller(HttpContext http)
    {
        var user = http.RequestServices.GetRequiredService<ICurrentUser>();
        if (!user.IsAuthenticated)
        {
            return "anonymous";
        }
        if (user.IsApiKey)
        {
            var scopes = http.User.FindAll(Claims.ApiKeyScope)
                .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Order(StringComparer.Ordinal);
            return $"key|{user.MunicipalityScope}|{string.Join(' ', scopes)}";
        }
        return $"user|{user.Role}|{user.MemberId}";
    }

    private readonly record struct Key(object Query, string Caller, DateOnly Today);

    private sealed record Entry(long Version, JsonBody Body);
}
