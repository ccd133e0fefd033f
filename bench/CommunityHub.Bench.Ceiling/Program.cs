using Microsoft.Extensions.Primitives;

// Usage: CommunityHub.Bench.Ceiling --body <file> --content-type <type> --etag <etag> --path <path> --urls <url>
// Answers GET <path> (any query string) with exactly the captured bytes, content type and ETag; nothing else runs
// per request: no routing beyond one path check, no logging, no authentication.
var body = await File.ReadAllBytesAsync(Arg("--body") ?? throw new ArgumentException("--body <file> is required"));
var contentType = new StringValues(Arg("--content-type") ?? "application/json; charset=utf-8");
var etag = Arg("--etag") is { Length: > 0 } tag ? new StringValues(tag) : StringValues.Empty;
var path = Arg("--path") ?? "/";
var contentLength = body.LongLength;

var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var app = builder.Build();

app.Run(async context =>
{
    if (!string.Equals(context.Request.Path.Value, path, StringComparison.Ordinal))
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return;
    }
    var response = context.Response;
    response.ContentType = contentType;
    response.ContentLength = contentLength;
    if (etag.Count > 0)
    {
        response.Headers.ETag = etag;
    }
    await response.Body.WriteAsync(body, context.RequestAborted);
});

await app.RunAsync();

string? Arg(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
