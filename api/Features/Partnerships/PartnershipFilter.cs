
namespace CommunityHub.Api.Features.Partnerships;

/// <summary>The filters the list and the CSV export share (query-string values, validated before use).</summary>
public interface IPartnershipFilter
{
    string? Municipality { get; }
    string? Status { get; }
    string? ServiceArea { get; }
    Guid? Member { get; }
    string? UpdatedSince { get; }
    string? Q { get; }
    bool? ReviewDue { get; }
}

public sealed class PartnershipFilterValidator : AbstractValidator<IPartnershipFilter>
{
    public PartnershipFilterValidator()
    {
        RuleFor(f => f.Municipality).MunicipalityFilter().When(f => f.Municipality is not null);
        RuleFor(f => f.Status).Must(s => EnumText.TryParse<PartnershipStatus>(s, out _)).When(f => f.Status is not null)
            .WithMessage(_ => Texts.Get("filter.status", EnumText.Allowed<PartnershipStatus>()));
        RuleFor(f => f.ServiceArea).Must(s => EnumText.TryParse<ServiceArea>(s, out _)).When(f => f.ServiceArea is not null)
            .WithMessage(_ => Texts.Get("filter.serviceArea", EnumText.Allowed<ServiceArea>()));
        RuleFor(f => f.UpdatedSince).Must(s => Rfc3339.TryParse(s, out _)).When(f => f.UpdatedSince is not null)
            .WithMessage(_ => Texts.Get("rfc3339.field", "updatedSince"));
        RuleFor(f => f.Q).MaximumLength(200);
    }
}

internal static class PartnershipFilterSql
{
    // The statuses that are not final, as SQL literals (names from the enum, never from a request): one statement text
    // that any reader binds, where Dapper's IN @List would rewrite it into one parameter per status.
    private static readonly string OpenStatuses = string.Join(", ", PartnershipLifecycle.Open.Select(s => $"'{EnumText.Name(s)}'"));

    /// <summary>
    /// Appends the filter's conditions (and the caller's municipality binding) to a query over <c>partnerships p</c>
    /// that already has a WHERE clause.
    /// </summary>
    public static void Apply(
        StringBuilder sql, DynamicParameters parameters, SqlDialect dialect, IPartnershipFilter filter, ICurrentUser user, DateOnly today)
    {
        if (user.MunicipalityScope is { } scope)
        {
            sql.Append(" AND p.municipality_code = @Scope");
            parameters.Add("Scope", scope);
        }
        if (filter.Municipality is not null)
        {
            sql.Append(" AND p.municipality_code = @Municipality");
            parameters.Add("Municipality", filter.Municipality);
        }
        if (filter.Status is not null)
        {
            sql.Append(" AND p.status = @Status");
            parameters.Add("Status", filter.Status);
        }
        if (filter.ServiceArea is not null)
        {
            sql.Append(" AND p.service_area = @ServiceArea");
            parameters.Add("ServiceArea", filter.ServiceArea);
        }
        if (filter.Member is { } member)
        {
            sql.Append(" AND EXISTS (SELECT 1 FROM partnership_parties pm WHERE pm.partnership_id = p.id AND pm.member_id = @Member)");
            parameters.Add("Member", member.ToString());
        }
        if (filter.UpdatedSince is not null && Rfc3339.TryParse(filter.UpdatedSince, out var since))
        {
            sql.Append(" AND p.updated_at >= @UpdatedSince");
            parameters.Add("UpdatedSince", since);
        }
        if (!string.IsNullOrWhiteSpace(filter.Q))
        {
            sql.Append(" AND ").Append(dialect.Contains("p.title_search", "@Q"));
            parameters.Add("Q", SqlDialect.LikePattern(FinnishText.SearchKey(filter.Q)));
        }
        if (filter.ReviewDue == true)
        {
            sql.Append(" AND p.next_review_due < @Today AND p.status IN (").Append(OpenStatuses).Append(')');
            parameters.Add("Today", today);
        }
    }
}
