
namespace CommunityHub.Api.Features.Changes;

/// <summary>
/// A page of the change feed. <c>nextCursor</c> is never null: it is where the next read resumes (the position of
/// the last entry handed out, or the position read from when the page is empty). <c>hasMore</c>: read on now.
/// </summary>
public sealed record ChangePage(IReadOnlyList<ChangeEntry> Items, string NextCursor, bool HasMore);

/// <summary><c>types</c> is a comma list of members, partnerships, pilots, events; left out, all of them.</summary>
public sealed record ReadChangesQuery(string? Cursor, string? Types, int? Limit) : IRequest<ChangePage>;

public sealed class ReadChangesValidator : AbstractValidator<ReadChangesQuery>
{
    public const string CursorKind = "changes";

    public ReadChangesValidator()
    {
        this.PagingRules(q => q.Limit, q => q.Cursor, CursorKind, 1);
        RuleFor(q => q.Cursor).Must(c => Position(c) is not null)
            .When(q => q.Cursor is not null && Cursor.TryDecode(q.Cursor, CursorKind, 1, out _))
            .WithMessage(_ => Texts.Get("cursor.invalid"))
            .OverridePropertyName("cursor");
        RuleFor(q => q.Types).Must(t => ParseTypes(t) is not null)
            .WithMessage(_ => Texts.Get("changes.types", string.Join(", ", FeedTypes.All.Order(StringComparer.Ordinal))))
            .OverridePropertyName("types");
    }

    internal static long? Position(string? cursor) =>
        Cursor.TryDecode(cursor, CursorKind, 1, out var keys)
        && long.TryParse(keys[0], NumberStyles.None, CultureInfo.InvariantCulture, out var position)
            ? position
            : null;

    internal static string EncodePosition(long position) => Cursor.Encode(CursorKind, position.ToString(CultureInfo.InvariantCulture));

    /// <summary>The distinct requested types, all feed types when none are named; null when one is unknown.</summary>
    internal static IReadOnlyList<string>? ParseTypes(string? types)
    {
        if (string.IsNullOrWhiteSpace(types))
        {
            return [.. FeedTypes.All];
        }
        var parts = types.Split(',', StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).ToList();
        return parts.All(FeedTypes.All.Contains) ? parts : null;
    }
}

public sealed class ReadChangesHandler(ChangeFeedReader reader, ICurrentUser user) : IRequestHandler<ReadChangesQuery, ChangePage>
{
    public async Task<ChangePage> Handle(ReadChangesQuery request, CancellationToken ct)
    {
        var take = request.Limit ?? Paging.DefaultLimit;
        var after = request.Cursor is null ? 0 : ReadChangesValidator.Position(request.Cursor)!.Value;
        var visible = ChangeFeedVisibility.For(user, ReadChangesValidator.ParseTypes(request.Types)!);
        var rows = await reader.ReadAsync(after, visible, take + 1, ct);
        var page = rows.Take(take).ToList();
        var next = ReadChangesValidator.EncodePosition(page.Count > 0 ? page[^1].Seq : after);
        return new ChangePage(page, next, rows.Count > take);
    }
}
