
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
    string? Cursor) : IRequest<PilotPage>;

public sealed class ListPilotsValidator : AbstractValidator<ListPilotsQuery>
{
    public const string CursorKind = "pilots";

    public ListPilotsValidator()
    {
        RuleFor(q => q.Q).MaximumLength(200);
        RuleFor(q => q.Theme).Must(t => EnumText.TryParse<PilotTheme>(t, out _)).When(q => q.Theme is not null)
            .WithMessage(_ => Texts.Get("filter.theme", EnumText.Allowed<PilotTheme>()));
        RuleFor(q => q.Stage).Must(s => EnumText.TryParse<PilotStage>(s, out _)).When(q => q.Stage is not null)
            .WithMessage(_ => Texts.Get("filter.stage", EnumText.Allowed<PilotStage>()));
        RuleFor(q => q.Municipality).Matches(@"^\d{3}$").When(q => q.Municipality is not null)
            .WithMessage(_ => Texts.Get("filter.municipality"));
        this.PagingRules(q => q.Limit, q => q.Cursor, CursorKind, 1);
    }
}

public sealed class ListPilotsHandler(Db db, ICurrentUser user) : IRequestHandler<ListPilotsQuery, PilotPage>
{
    public async Task<PilotPage> Handle(ListPilotsQuery request, CancellationToken ct)
    {
        var keyset = Keyset.From(ListPilotsValidator.CursorKind, 1, request.Limit, request.Cursor);
        var sql = new StringBuilder($"SELECT {PilotData.Columns} FROM pilots p WHERE p.deleted_at IS NULL");
        var parameters = new DynamicParameters();
        if (user.MunicipalityScope is { } scope)
        {
            sql.Append(" AND p.municipality_code = @Scope");
            parameters.Add("Scope", scope);
        }
        if (!string.IsNullOrWhiteSpace(request.Q))
        {
            sql.Append(" AND ").Append(db.Dialect.Contains("p.title_search", "@Q"));
            parameters.Add("Q", SqlDialect.LikePattern(FinnishText.SearchKey(request.Q)));
        }
        if (request.Theme is not null)
        {
            sql.Append(" AND p.theme = @Theme");
            parameters.Add("Theme", request.Theme);
        }
        if (request.Stage is not null)
        {
            sql.Append(" AND p.stage = @Stage");
            parameters.Add("Stage", request.Stage);
        }
        if (request.Municipality is not null)
        {
            sql.Append(" AND p.municipality_code = @Municipality");
            parameters.Add("Municipality", request.Municipality);
        }
        if (request.Member is { } member)
        {
            sql.Append(" AND (p.owner_member_id = @Member OR EXISTS (SELECT 1 FROM pilot_team t WHERE t.pilot_id = p.id AND t.member_id = @Member))");
            parameters.Add("Member", member.ToString());
        }
        if (request.Partnership is { } partnership)
        {
            sql.Append(" AND p.partnership_id = @Partnership");
            parameters.Add("Partnership", partnership.ToString());
        }
        if (keyset.After is not null)
        {
            sql.Append(" AND p.id > @AfterId");
            parameters.Add("AfterId", keyset.AfterKey());
        }
        sql.Append(" ORDER BY p.id ").Append(db.Dialect.Limit("@Take"));
        parameters.Add("Take", keyset.Take);

        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<PilotRow>(new CommandDefinition(sql.ToString(), parameters, cancellationToken: ct))).ToList();
        var page = keyset.Page(rows, r => [r.Id.ToString()]);
        return new PilotPage(await PilotData.WithDetailsAsync(db.Dialect, connection, null, page.Items, ct), page.NextCursor);
    }
}
