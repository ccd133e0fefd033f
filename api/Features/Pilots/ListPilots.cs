using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace CommunityHub.Api.Features.Pilots;

/// <summary>Pilots by id (time-ordered); <c>member</c> matches the owner or any team member.</summary>
public sealed record ListPilotsQuery(
    string? Theme,
    string? Stage,
    string? Municipality,
    Guid? Member,
    Guid? Partnership,
    string? Q,
    int? Limit,
    string? Cursor) : IRequest<JsonBody>, IPagedQuery
{
    public static string CursorKind => "pilots";
}

public sealed class ListPilotsValidator : AbstractValidator<ListPilotsQuery>
{
    public ListPilotsValidator()
    {
        RuleFor(q => q.Q).MaximumLength(200);
        RuleFor(q => q.Theme).Must(t => EnumText.TryParse<PilotTheme>(t, out _)).When(q => q.Theme is not null)
            .WithMessage(_ => Texts.Get("filter.theme", EnumText.Allowed<PilotTheme>()));
        RuleFor(q => q.Stage).Must(s => EnumText.TryParse<PilotStage>(s, out _)).When(q => q.Stage is not null)
            .WithMessage(_ => Texts.Get("filter.stage", EnumText.Allowed<PilotStage>()));
        RuleFor(q => q.Municipality).MunicipalityFilter().When(q => q.Municipality is not null);
    }
}

/// <summary>Answers the page rendered (<see cref="PilotPage"/> as JSON, with its ETag).</summary>
public sealed class ListPilotsHandler(Db db, ICurrentUser user, IOptions<JsonOptions> json) : IRequestHandler<ListPilotsQuery, JsonBody>
{
    private static readonly KeyColumn[] Keys = [KeyColumn.Id("p.id")];

    public async Task<JsonBody> Handle(ListPilotsQuery request, CancellationToken ct)
    {
        var keyset = Keyset.For(request);
        var query = new ListQuery(db.Dialect, "pilots p", "p.deleted_at IS NULL")
            .Where("p.municipality_code = @Scope", "Scope", user.MunicipalityScope)
            .Search("p.title_search", request.Q)
            .Where("p.theme = @Theme", "Theme", request.Theme)
            .Where("p.stage = @Stage", "Stage", request.Stage)
            .Where("p.municipality_code = @Municipality", "Municipality", request.Municipality)
            .Where(
                "(p.owner_member_id = @Member OR EXISTS (SELECT 1 FROM pilot_team t WHERE t.pilot_id = p.id AND t.member_id = @Member))",
                "Member",
                request.Member?.ToString())
            .Where("p.partnership_id = @Partnership", "Partnership", request.Partnership?.ToString());

        await using var connection = await db.OpenAsync(ct);
        var rows = await query.PageAsync<PilotRow>(connection, PilotData.Columns, keyset, Keys, r => [r.Id.ToString()], ct);
        var items = await PilotData.WithDetailsAsync(db.Dialect, connection, null, rows.Items, ct);
        return JsonBody.Serialize(
            new PilotPage(items, rows.NextCursor),
            ETags.ForPage(rows.Items.Select(r => (r.Id, r.Version)), rows.NextCursor),
            json.Value.SerializerOptions);
    }
}
