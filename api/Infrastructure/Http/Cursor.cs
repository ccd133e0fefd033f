using System.Buffers.Text;
using System.Linq.Expressions;
using System.Text.Json;

namespace CommunityHub.Api.Infrastructure.Http;

/// <summary>
/// Opaque keyset cursors: the sort key of the last row handed out, as base64url JSON with a kind tag, so a cursor
/// from one list cannot be replayed against another. Anything that does not decode is a 400 on <c>cursor</c>.
/// </summary>
public static class Cursor
{
    public static string Encode(string kind, params string[] keys)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new[] { kind }.Concat(keys).ToArray());
        return Base64Url.EncodeToString(json);
    }

    public static bool TryDecode(string? cursor, string kind, int keyCount, out string[] keys)
    {
        keys = [];
        if (string.IsNullOrEmpty(cursor) || cursor.Length > 2048)
        {
            return false;
        }
        try
        {
            var bytes = Base64Url.DecodeFromChars(cursor);
            var parts = JsonSerializer.Deserialize<string[]>(bytes);
            if (parts is null || parts.Length != keyCount + 1 || parts[0] != kind || parts.Any(p => p is null))
            {
                return false;
            }
            keys = parts[1..];
            return true;
        }
        catch (Exception e) when (e is FormatException or JsonException or ArgumentException)
        {
            return false;
        }
    }

    public static string[] Decode(string cursor, string kind, int keyCount) =>
        TryDecode(cursor, kind, keyCount, out var keys)
            ? keys
            : throw new FieldValidationException("cursor", Texts.Get("cursor.invalid"));
}

/// <summary>
/// A keyset-paged list's request: <c>limit</c> and <c>cursor</c>, and, per list, the cursor's kind tag and how many
/// sort keys it carries. Every such request gets the paging rules from <see cref="PagingValidator{T}"/>.
/// </summary>
public interface IPagedQuery
{
    int? Limit { get; }

    string? Cursor { get; }

    static abstract string CursorKind { get; }

    static virtual int CursorKeys => 1;
}

/// <summary>The paging rules of every <see cref="IPagedQuery"/>, registered once for all of them (an open generic).</summary>
public sealed class PagingValidator<T> : AbstractValidator<T>
    where T : IPagedQuery
{
    public PagingValidator() => this.PagingRules(q => q.Limit, q => q.Cursor, T.CursorKind, T.CursorKeys);
}

public static class Paging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>The shared rules for a list's <c>limit</c> (1–200) and <c>cursor</c> (must decode for this list).</summary>
    public static void PagingRules<T>(
        this AbstractValidator<T> validator,
        Expression<Func<T, int?>> limit,
        Expression<Func<T, string?>> cursor,
        string kind,
        int keyCount)
    {
        validator.RuleFor(limit).InclusiveBetween(1, MaxLimit).OverridePropertyName("limit");
        validator.RuleFor(cursor)
            .Must(c => c is null || Cursor.TryDecode(c, kind, keyCount, out _))
            .WithMessage(_ => Texts.Get("cursor.invalid"))
            .OverridePropertyName("cursor");
    }
}
