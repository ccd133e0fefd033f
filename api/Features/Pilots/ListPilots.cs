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
    string? Cursor) : IRequest<JsonBody>;

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
        RuleFor(q => q.Municipality).MunicipalityFilter().When(q => q.Municipality is not null);
        this.PagingRules(q => q.Limit, q => q.Cursor, CursorKind, 1);
    }
}

/// <summary>Answers the page already rendered (<see cref="PilotPage"/> as JSON, with its ETag), written from the rows.</summary>
public sealed class ListPilotsHandler(Db db, ICurrentUser user, IOptions<JsonOptions> json) : IRequestHandler<ListPilotsQuery, JsonBody>
{
    public async Task<JsonBody> Handle(ListPilotsQuery request, CancellationToken ct)
    {
        var keyset = Keyset.From(ListPilotsValidator.CursorKind, 1, request.Limit, request.Cursor);
        var sql = new StringBuilder($"SELECT {PilotData.RowColumns(db.Dialect)} FROM pilots p WHERE p.deleted_at IS NULL");
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
        using var rows = await db.Dialect.QueryRowsAsync(connection, new CommandDefinition(sql.ToString(), parameters, cancellationToken: ct));
        var (count, nextCursor) = keyset.Page(rows.Count, i => [rows.Id(i, PilotData.IdColumn).ToString()]);
        var ids = rows.IdsJson(count, PilotData.IdColumn);
        using var team = await PilotData.TeamRowsAsync(db.Dialect, connection, ids, ct);
        using var metrics = await PilotData.MetricRowsAsync(db.Dialect, connection, ids, ct);
        return PilotJson.Page(rows, count, team, metrics, nextCursor, db.Dialect.AmountsAreDoubles, json.Value.SerializerOptions);
    }
}
