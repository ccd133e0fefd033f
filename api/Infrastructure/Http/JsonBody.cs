using System.Buffers;
using System.Text.Json;

namespace CommunityHub.Api.Infrastructure.Http;

/// <summary>
/// A growing byte buffer made of pooled chunks below the large-object-heap threshold, for response bodies written
/// with <see cref="Utf8JsonWriter"/>: a 170 KB page costs a few pooled 32 KB arrays instead of a fresh LOH array per
/// request (which drove gen2 collections). Disposing returns the chunks to the pool.
/// </summary>
public sealed class ChunkedBuffer : IBufferWriter<byte>, IDisposable
{
    private const int ChunkSize = 32 * 1024;

    // Its own pool: the shared one keeps only a few arrays of a size per core, so 32 concurrent 170 KB pages (six chunks
    // each) would mostly allocate fresh chunks and drop them on return. This one keeps up to 512 per size (16 MB of
    // 32 KB chunks at most), allocated only as concurrency asks for them.
    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(maxArrayLength: 1024 * 1024, maxArraysPerBucket: 512);

    private readonly List<(byte[] Array, int Used)> sealedChunks = [];
    private byte[]? current;
    private int used;

    /// <summary>Bytes written so far.</summary>
    public long Length { get; private set; }

    public void Advance(int count)
    {
        if (current is null || count < 0 || used + count > current.Length)
        {
            throw new InvalidOperationException("Advanced past the memory handed out.");
        }
        used += count;
        Length += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        EnsureSpace(sizeHint);
        return current.AsMemory(used);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        EnsureSpace(sizeHint);
        return current.AsSpan(used);
    }

    /// <summary>The written bytes, chunk by chunk, in order.</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Chunks()
    {
        foreach (var (array, count) in sealedChunks)
        {
            yield return array.AsMemory(0, count);
        }
        if (current is not null && used > 0)
        {
            yield return current.AsMemory(0, used);
        }
    }

    public byte[] ToArray()
    {
        var result = new byte[Length];
        var offset = 0;
        foreach (var chunk in Chunks())
        {
            chunk.Span.CopyTo(result.AsSpan(offset));
            offset += chunk.Length;
        }
        return result;
    }

    public void Dispose()
    {
        foreach (var (array, _) in sealedChunks)
        {
            Pool.Return(array);
        }
        sealedChunks.Clear();
        if (current is not null)
        {
            Pool.Return(current);
            current = null;
        }
        used = 0;
        Length = 0;
    }

    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(current))]
    private void EnsureSpace(int sizeHint)
    {
        var needed = Math.Max(sizeHint, 1);
        if (current is not null && current.Length - used >= needed)
        {
            return;
        }
        if (current is not null)
        {
            sealedChunks.Add((current, used));
        }
        current = Pool.Rent(Math.Max(needed, ChunkSize));
        used = 0;
    }
}

/// <summary>
/// A JSON response body already rendered to bytes, with its ETag: what a list handler returns and what
/// <see cref="ResponseCache"/> keeps. The bytes are exactly what <c>TypedResults.Ok</c> would have written.
/// </summary>
public sealed class JsonBody(ChunkedBuffer content, string etag) : IDisposable
{
    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>
    /// The writer options System.Text.Json uses with <paramref name="options"/> (the HTTP JSON options, whose encoder
    /// leaves ä, ö, å unescaped), so a page's frame escapes exactly as <c>TypedResults.Ok</c> does.
    /// </summary>
    private static JsonWriterOptions WriterOptions(JsonSerializerOptions options) =>
        new() { Encoder = options.Encoder, Indented = options.WriteIndented, SkipValidation = true };

    public string ETag { get; } = etag;

    public long Length => content.Length;

    public ChunkedBuffer Content => content;

    private static readonly JsonEncodedText Items = JsonEncodedText.Encode("items");
    private static readonly JsonEncodedText NextCursor = JsonEncodedText.Encode("nextCursor");

    /// <summary>
    /// A list page, <c>{"items":[…],"nextCursor":…}</c>, from items already serialised to UTF-8 with
    /// <paramref name="options"/> (stored documents): the bytes <see cref="Serialize{T}"/> writes for the page record holding the same items.
    /// </summary>
    public static JsonBody Page(IEnumerable<byte[]> items, string? nextCursor, string etag, JsonSerializerOptions options) =>
        Write(etag, options, writer =>
        {
            writer.WriteStartObject();
            writer.WriteStartArray(Items);
            foreach (var item in items)
            {
                writer.WriteRawValue(item, skipInputValidation: true);
            }
            writer.WriteEndArray();
            writer.WriteString(NextCursor, nextCursor);
            writer.WriteEndObject();
        });

    /// <summary>Serialises a value with the given (HTTP) JSON options: the bytes <c>TypedResults.Ok</c> writes.</summary>
    public static JsonBody Serialize<T>(T value, string etag, JsonSerializerOptions options) =>
        Write(etag, options, writer => JsonSerializer.Serialize(writer, value, options));

    private static JsonBody Write(string etag, JsonSerializerOptions options, Action<Utf8JsonWriter> write)
    {
        var buffer = new ChunkedBuffer();
        try
        {
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions(options)))
            {
                write(writer);
            }
            return new JsonBody(buffer, etag);
        }
        catch
        {
            buffer.Dispose();
            throw;
        }
    }
    public async Task WriteToAsync(HttpResponse response, CancellationToken ct)
    {
        response.ContentType = ContentType;
        response.ContentLength = Length;
        // Started first, so the body goes straight into the connection's pipe behind the headers: Kestrel keeps bytes
        // written before the response starts in buffers of their own and copies them into the pipe once the headers are
        // out, a second copy of the whole body (most of the memmove a cached page cost).
        await response.StartAsync(ct);
        var pipe = response.BodyWriter;
        foreach (var chunk in content.Chunks())
        {
            pipe.Write(chunk.Span);
        }
        await pipe.FlushAsync(ct);
    }

    public void Dispose() => content.Dispose();
}

/// <summary>
/// Answers with a rendered body: the ETag header always, 304 without a body when If-None-Match holds it. A body
/// the result owns (not one a cache keeps) goes back to the pool once written.
/// </summary>
public sealed class JsonBodyResult(JsonBody body, bool owned) : IResult
{
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        try
        {
            httpContext.Response.Headers.ETag = body.ETag;
            if (ETags.NotModified(httpContext.Request, body.ETag))
            {
                httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }
            httpContext.Response.StatusCode = StatusCodes.Status200OK;
            await body.WriteToAsync(httpContext.Response, httpContext.RequestAborted);
        }
        finally
        {
            if (owned)
            {
                body.Dispose();
            }
        }
    }
}
