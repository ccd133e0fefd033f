namespace CommunityHub.Api.Infrastructure.Http;

/// <summary>The path's resource does not exist (or is archived) → 404.</summary>
public sealed class NotFoundException(string resource, object id)
    : Exception(Texts.Get("notFound.resource", Texts.Find("resource." + resource.Replace(" ", "", StringComparison.Ordinal)) ?? resource, id));

/// <summary>A duplicate, an illegal state transition or an edit of a final state → 409.</summary>
public sealed class ConflictException(string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    : Exception(detail)
{
    public IReadOnlyDictionary<string, object?> Extensions { get; } = extensions ?? new Dictionary<string, object?>();
}

/// <summary>The <c>If-Match</c> version is stale → 412.</summary>
public sealed class PreconditionFailedException(long currentVersion)
    : Exception(Texts.Get("precondition.changed", currentVersion))
{
    public long CurrentVersion { get; } = currentVersion;

    /// <summary>Throws when the client demanded a version (If-Match) and the resource is at another one.</summary>
    public static void ThrowIfStale(long? expected, long current)
    {
        if (expected is { } version && version != current)
        {
            throw new PreconditionFailedException(current);
        }
    }

    /// <summary>
    /// Throws when a write guarded by the version it read (<c>WHERE … version = @Version</c>) changed no row: another
    /// writer came first.
    /// </summary>
    public static void ThrowIfNoneChanged(int changed, long read)
    {
        if (changed == 0)
        {
            throw new PreconditionFailedException(read);
        }
    }
}

/// <summary>Signed in, but this role or member binding may not do this → 403.</summary>
public sealed class ForbiddenException(string detail) : Exception(detail);

/// <summary>Well-formed but not processable as sent, e.g. an Idempotency-Key reused with a different body (422).</summary>
public sealed class UnprocessableException(string detail) : Exception(detail);

/// <summary>Field errors found by a handler (e.g. an id inside the body that does not exist) → 400.</summary>
public sealed class FieldValidationException(IDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid.")
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public FieldValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] })
    {
    }

    /// <summary>
    /// Throws one error per entry of a list that is <paramref name="refused"/>, each named by its place
    /// (<paramref name="fieldAt"/> of its index, e.g. <c>parties[1].memberId</c>); nothing when every entry passes.
    /// </summary>
    public static void ThrowForEntries<T>(IEnumerable<T> entries, Func<T, bool> refused, Func<int, string> fieldAt, Func<T, string> message)
    {
        var errors = entries
            .Select((entry, index) => (entry, index))
            .Where(x => refused(x.entry))
            .ToDictionary(x => fieldAt(x.index), x => new[] { message(x.entry) });
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
    }
}

/// <summary>Too many attempts → 429 with Retry-After.</summary>
public sealed class TooManyRequestsException(TimeSpan retryAfter, string detail) : Exception(detail)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}

/// <summary>The 429 a rate limit answers itself (without an exception): Retry-After and a problem in the caller's language.</summary>
public static class TooManyRequests
{
    public static async Task WriteAsync(HttpContext context, long retryAfterSeconds, string detail)
    {
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, retryAfterSeconds).ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = Texts.Get("problem.429.title"),
                Detail = detail,
            },
        });
    }
}
