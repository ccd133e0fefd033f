using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace CommunityHub.Api.Infrastructure.Http;

/// <summary>ETags are the resource version (<c>"7"</c>); list pages hash their ids and versions.</summary>
public static class ETags
{
    public static string ForVersion(long version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    public static string ForPage(IEnumerable<(Guid Id, long Version)> rows, string? nextCursor)
    {
        var tag = new PageTag();
        foreach (var (id, version) in rows)
        {
            tag.Add(id, version);
        }
        return tag.Finish(nextCursor);
    }

    /// <summary>
    /// SHA-256 over <c>{id:N}:{version};…{nextCursor}</c> (UTF-8), the first 16 bytes as lowercase hex, weak. Built in
    /// one pooled buffer, hashed once.
    /// </summary>
    private struct PageTag()
    {
        private byte[] buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(4096);
        private int length;

        public void Add(Guid id, long version)
        {
            Ensure(32 + 1 + 20 + 1);
            id.TryFormat(buffer.AsSpan(length), out var written, "N");
            length += written;
            buffer[length++] = (byte)':';
            version.TryFormat(buffer.AsSpan(length), out written, provider: CultureInfo.InvariantCulture);
            length += written;
            buffer[length++] = (byte)';';
        }

        public string Finish(string? nextCursor)
        {
            try
            {
                if (nextCursor is not null)
                {
                    Ensure(Encoding.UTF8.GetByteCount(nextCursor));
                    length += Encoding.UTF8.GetBytes(nextCursor, buffer.AsSpan(length));
                }
                Span<byte> hash = stackalloc byte[32];
                SHA256.HashData(buffer.AsSpan(0, length), hash);
                return $"W/\"{Convert.ToHexStringLower(hash[..16])}\"";
            }
            finally
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                buffer = [];
            }
        }

        private void Ensure(int more)
        {
            if (buffer.Length - length >= more)
            {
                return;
            }
            var larger = System.Buffers.ArrayPool<byte>.Shared.Rent(Math.Max(buffer.Length * 2, length + more));
            buffer.AsSpan(0, length).CopyTo(larger);
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
            buffer = larger;
        }
    }

    /// <summary>
    /// The version an <c>If-Match</c> header demands: null when absent or <c>*</c>; -1 when it names no version
    /// of ours (which then never matches, so the write answers 412 rather than proceeding blindly).
    /// </summary>
    public static long? ExpectedVersion(HttpRequest request)
    {
        var header = request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header) || header.Trim() == "*")
        {
            return null;
        }
        if (EntityTagHeaderValue.TryParseList(header.Split(','), out var tags))
        {
            foreach (var tag in tags)
            {
                var value = tag.Tag.ToString().Trim('"');
                if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var version))
                {
                    return version;
                }
            }
        }
        return -1;
    }

    /// <summary>True when the request's <c>If-None-Match</c> already holds this ETag (the caller answers 304).</summary>
    public static bool NotModified(HttpRequest request, string etag)
    {
        var header = request.Headers.IfNoneMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return false;
        }
        if (header.Trim() == "*")
        {
            return true;
        }
        var wanted = Strip(etag);
        return header.Split(',').Any(candidate => Strip(candidate.Trim()) == wanted);
    }

    private static string Strip(string tag) => (tag.StartsWith("W/", StringComparison.Ordinal) ? tag[2..] : tag).Trim('"');
}

/// <summary>Results that carry an ETag, answer 304 to a matching If-None-Match, and set Location on create.</summary>
public static class Tagged
{
    public static IResult Ok<T>(HttpContext http, T body, long version)
    {
        var etag = ETags.ForVersion(version);
        http.Response.Headers.ETag = etag;
        return ETags.NotModified(http.Request, etag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(body);
    }

    public static IResult Page<T>(HttpContext http, T body, IEnumerable<(Guid Id, long Version)> rows, string? nextCursor)
    {
        var etag = ETags.ForPage(rows, nextCursor);
        http.Response.Headers.ETag = etag;
        return ETags.NotModified(http.Request, etag) ? TypedResults.StatusCode(StatusCodes.Status304NotModified) : TypedResults.Ok(body);
    }

    public static IResult Created<T>(HttpContext http, string location, T body, long version)
    {
        http.Response.Headers.ETag = ETags.ForVersion(version);
        return TypedResults.Created(location, body);
    }
}
