namespace CommunityHub.Api.Infrastructure.Validation;

/// <summary>A municipality is named by its Statistics Finland code: three digits (e.g. 564 for Oulu).</summary>
public static class MunicipalityCodeRules
{
    private const string Pattern = @"^\d{3}$";

    /// <summary>A record's <c>municipalityCode</c>: three digits, or the message that names the code and gives an example.</summary>
    public static IRuleBuilderOptions<T, string?> MunicipalityCode<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Matches(Pattern).WithMessage(_ => Texts.Get("municipalityCode.format"));

    /// <summary>A list's <c>municipality</c> filter: three digits.</summary>
    public static IRuleBuilderOptions<T, string?> MunicipalityFilter<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Matches(Pattern).WithMessage(_ => Texts.Get("filter.municipality"));
}
