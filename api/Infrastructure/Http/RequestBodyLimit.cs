using Microsoft.AspNetCore.Http.Features;

namespace CommunityHub.Api.Infrastructure.Http;

/// <summary>
/// Caps request bodies (<c>Limits:MaxRequestBodyBytes</c>, default 1 MB: every body is JSON and none needs more).
/// A declared <c>Content-Length</c> over the cap is answered 413 before a byte is read; a body sent without one
/// (chunked) is read into memory only up to the cap, and refused as soon as it passes it. Kestrel's own limit is set to
/// the same value as a second line.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IConfiguration configuration)
{
    public const long DefaultMaxBytes = 1024 * 1024;

    private readonly long maxBytes = configuration.GetValue<long?>("Limits:MaxRequestBodyBytes") is { } configured && configured > 0
        ? configured
        : DefaultMaxBytes;

    public async Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = maxBytes;
        }
        if (request.ContentLength is { } length)
        {
            if (length > maxBytes)
            {
                await RefuseAsync(context);
                return;
            }
        }
        else if (request.Headers.TransferEncoding.Count > 0)
        {
            var buffered = new MemoryStream();
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
            {
                if (buffered.Length + read > maxBytes)
                {
                    await RefuseAsync(context);
                    return;
                }
                buffered.Write(buffer, 0, read);
            }
            buffered.Position = 0;
            request.Body = buffered;
            request.ContentLength = buffered.Length;
            context.Response.RegisterForDispose(buffered);
        }
        await next(context);
    }

    private async Task RefuseAsync(HttpContext context)
    {
        // The rest of the body is not read: the connection is closed after the answer rather than drained.
        context.Response.Headers.Connection = "close";
        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails =
            {
                Status = StatusCodes.Status413PayloadTooLarge,
                Title = "Payload too large",
                Detail = $"Request bodies are limited to {maxBytes} bytes.",
            },
        });
    }
}
