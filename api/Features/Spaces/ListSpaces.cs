using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CommunityHub.Api.Features.Spaces;

/// <summary>Spaces by id (creation order), keyset paged; <c>q</c> matches any part of the name.</summary>
public sealed record ListSpacesQuery(string? Kind, string? Municipality, string? Q, int? Limit, string? Cursor) : IRequest<JsonBody>;

public sealed class ListSpacesValidator : AbstractValidator<ListSpacesQuery>
{
    public const string CursorKind = "spaces";

    public ListSpacesValidator()
    {
        RuleFor(q => q.Q).MaximumLength(200);
        RuleFor(q => q.Kind).Must(k => EnumText.TryParse<SpaceKind>(k, out _)).When(q => q.Kind is not null)
            .WithMessage(_ => Texts.Get("space.kindFilter", EnumText.Allowed<SpaceKind>()));
        RuleFor(q => q.Municipality).MunicipalityFilter().When(q => q.Municipality is not null);
        this.PagingRules(q => q.Limit, q => q.Cursor, CursorKind, 1);
    }
}

public sealed class ListSpacesHandler(Db db, ICurrentUser user, IOptions<JsonOptions> json) : IRequestHandler<ListSpacesQuery, JsonBody>
{
    private static readonly KeyColumn[] Keys = [KeyColumn.Id("s.id")];

    public async Task<JsonBody> Handle(ListSpacesQuery request, CancellationToken ct)
    {
        var keyset = Keyset.From(ListSpacesValidator.CursorKind, 1, request.Limit, request.Cursor);
        var query = new ListQuery(db.Dialect, "spaces s", "s.deleted_at IS NULL")
            .Where("s.municipality_code = @Scope", "Scope", user.MunicipalityScope)
            .Search("s.name_search", request.Q)
            .Where("s.kind = @Kind", "Kind", request.Kind)
            .Where("s.municipality_code = @Municipality", "Municipality", request.Municipality);
        await using var connection = await db.OpenAsync(ct);
        var rows = await query.PageAsync<SpaceRow>(connection, SpaceData.Columns, keyset, Keys, r => [r.Id.ToString()], ct);
        return JsonBody.Serialize(
            new SpacePage(rows.Items.Select(r => r.ToResponse()).ToList(), rows.NextCursor),
            ETags.ForPage(rows.Items.Select(r => (r.Id, r.Version)), rows.NextCursor),
            json.Value.SerializerOptions);
    }
}
