
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

    /// <summary>The live partnerships (alias <c>p</c>) the filter and the caller's municipality binding select.</summary>
    public static ListQuery Query(SqlDialect dialect, IPartnershipFilter filter, ICurrentUser user, DateOnly today)
    {
        var query = new ListQuery(dialect, "partnerships p", "p.deleted_at IS NULL")
            .Where("p.municipality_code = @Scope", "Scope", user.MunicipalityScope)
            .Where("p.municipality_code = @Municipality", "Municipality", filter.Municipality)
            .Where("p.status = @Status", "Status", filter.Status)
            .Where("p.service_area = @ServiceArea", "ServiceArea", filter.ServiceArea)
            .Where(
                "EXISTS (SELECT 1 FROM partnership_parties pm WHERE pm.partnership_id = p.id AND pm.member_id = @Member)",
                "Member",
                filter.Member?.ToString())
            .Where("p.updated_at >= @UpdatedSince", "UpdatedSince", Rfc3339.TryParse(filter.UpdatedSince, out var since) ? since : (DateTimeOffset?)null)
            .Search("p.title_search", filter.Q);
        return filter.ReviewDue == true
            ? query.Where($"p.next_review_due < @Today AND p.status IN ({OpenStatuses})", "Today", today)
            : query;
    }
}
