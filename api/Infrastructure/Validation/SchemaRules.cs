using FluentValidation.Validators;

namespace CommunityHub.Api.Infrastructure.Validation;

/// <summary>
/// Rules FluentValidation has no built-in validator for but JSON Schema has a keyword for. Each is its own validator
/// type, so the OpenAPI transformer (and the test that checks it) can read the limit off the rule instead of guessing it
/// from a <c>Must</c> lambda: a list's size becomes <c>minItems</c>/<c>maxItems</c>, a closed set of strings an
/// <c>enum</c>, an absolute http(s) address <c>format: uri</c>, a trimmed length a <c>minLength</c> and a
/// <c>pattern</c>, a list whose items must differ <c>uniqueItems</c>.
/// </summary>
public interface IItemCountValidator : IPropertyValidator
{
    int Min { get; }

    int? Max { get; }
}

/// <summary>The value is one of <see cref="Values"/> (case-sensitive).</summary>
public interface IOneOfValidator : IPropertyValidator
{
    IReadOnlyList<string> Values { get; }
}

/// <summary>The value is a string in the JSON Schema <see cref="Format"/> (and, where the format is wider, <see cref="Pattern"/>).</summary>
public interface IFormatValidator : IPropertyValidator
{
    string Format { get; }

    string? Pattern { get; }
}

/// <summary>The value, trimmed of white space at both ends, has at least <see cref="Min"/> characters.</summary>
public interface ITrimmedLengthValidator : IPropertyValidator
{
    int Min { get; }
}

/// <summary>No two items of the list are equal.</summary>
public interface IUniqueItemsValidator : IPropertyValidator;

/// <summary>
/// A rule no schema keyword can say (an order between two fields, a check digit, something looked up), with the sentence
/// that describes it. The sentence is the rule's message and also its line in the operation's description.
/// </summary>
public interface IDescribedRule : IPropertyValidator
{
    string Describe();
}

/// <summary>The rule builders for the validators above.</summary>
public static class SchemaRuleExtensions
{
    /// <summary>A list of at least <paramref name="min"/> and at most <paramref name="max"/> items; null passes (pair with NotNull to demand one).</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<TItem>?> ItemCount<T, TItem>(
        this IRuleBuilder<T, IReadOnlyList<TItem>?> rule, int min = 0, int? max = null) =>
        rule.SetValidator(new ItemCountValidator<T, TItem>(min, max));

    /// <summary>No item twice; null passes.</summary>
    public static IRuleBuilderOptions<T, IReadOnlyList<TItem>?> UniqueItems<T, TItem>(this IRuleBuilder<T, IReadOnlyList<TItem>?> rule) =>
        rule.SetValidator(new UniqueItemsValidator<T, TItem>());

    /// <summary>One of <paramref name="values"/>, exactly; null passes.</summary>
    public static IRuleBuilderOptions<T, string?> OneOf<T>(this IRuleBuilder<T, string?> rule, IEnumerable<string> values) =>
        rule.SetValidator(new OneOfValidator<T>(values.Order(StringComparer.Ordinal).ToList()));

    /// <summary>An absolute http or https address; null passes.</summary>
    public static IRuleBuilderOptions<T, string?> HttpUrl<T>(this IRuleBuilder<T, string?> rule) =>
        rule.SetValidator(new HttpUrlValidator<T>());

    /// <summary>At least <paramref name="min"/> characters once white space at both ends is trimmed; null passes.</summary>
    public static IRuleBuilderOptions<T, string?> TrimmedLength<T>(this IRuleBuilder<T, string?> rule, int min) =>
        rule.SetValidator(new TrimmedLengthValidator<T>(min));

    /// <summary>
    /// A check that reports its own failures (e.g. one per repeated id, each naming its place), described once by
    /// <paramref name="description"/>, which is also the message it reports.
    /// </summary>
    public static IRuleBuilderOptions<T, TProperty> Described<T, TProperty>(
        this IRuleBuilder<T, TProperty> rule, Func<string> description, Action<TProperty, ValidationContext<T>, string> check) =>
        rule.SetValidator(new DescribedRuleValidator<T, TProperty>(description, check));
}

public sealed class ItemCountValidator<T, TItem>(int min, int? max) : PropertyValidator<T, IReadOnlyList<TItem>?>, IItemCountValidator
{
    public override string Name => "ItemCountValidator";

    public int Min => min;

    public int? Max => max;

    public override bool IsValid(ValidationContext<T> context, IReadOnlyList<TItem>? value) =>
        value is null || (value.Count >= min && (max is null || value.Count <= max));

    protected override string GetDefaultMessageTemplate(string errorCode) =>
        max is { } most ? $"'{{PropertyName}}' must have {min}–{most} items." : $"'{{PropertyName}}' must have at least {min} items.";
}

public sealed class UniqueItemsValidator<T, TItem> : PropertyValidator<T, IReadOnlyList<TItem>?>, IUniqueItemsValidator
{
    public override string Name => "UniqueItemsValidator";

    public override bool IsValid(ValidationContext<T> context, IReadOnlyList<TItem>? value) => value is null || value.Distinct().Count() == value.Count;

    protected override string GetDefaultMessageTemplate(string errorCode) => "'{PropertyName}' must not list an item twice.";
}

public sealed class OneOfValidator<T>(IReadOnlyList<string> values) : PropertyValidator<T, string?>, IOneOfValidator
{
    public override string Name => "OneOfValidator";

    public IReadOnlyList<string> Values => values;

    public override bool IsValid(ValidationContext<T> context, string? value) => value is null || values.Contains(value, StringComparer.Ordinal);

    protected override string GetDefaultMessageTemplate(string errorCode) => $"'{{PropertyName}}' must be one of {string.Join(", ", values)}.";
}

public sealed class HttpUrlValidator<T> : PropertyValidator<T, string?>, IFormatValidator
{
    public override string Name => "HttpUrlValidator";

    public string Format => "uri";

    // The scheme, in any case: what the format leaves open.
    public string? Pattern => "^[Hh][Tt][Tt][Pp][Ss]?://";

    public override bool IsValid(ValidationContext<T> context, string? value) =>
        value is null || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));

    protected override string GetDefaultMessageTemplate(string errorCode) => "'{PropertyName}' must be an absolute http or https address.";
}

public sealed class TrimmedLengthValidator<T>(int min) : PropertyValidator<T, string?>, ITrimmedLengthValidator
{
    public override string Name => "TrimmedLengthValidator";

    public int Min => min;

    public override bool IsValid(ValidationContext<T> context, string? value) => value is null || value.Trim().Length >= min;

    protected override string GetDefaultMessageTemplate(string errorCode) => $"'{{PropertyName}}' must be at least {min} characters.";
}

/// <summary>The pattern of a trimmed length: a non-space character, then at least <c>min − 2</c> of any, then another.</summary>
public static class TrimmedLength
{
    public static string Pattern(int min) => min <= 1 ? @"\S" : $@"\S[\s\S]{{{min - 2},}}\S";
}

public sealed class DescribedRuleValidator<T, TProperty>(Func<string> description, Action<TProperty, ValidationContext<T>, string> check)
    : PropertyValidator<T, TProperty>, IDescribedRule
{
    public override string Name => "DescribedRuleValidator";

    public string Describe() => description();

    public override bool IsValid(ValidationContext<T> context, TProperty value)
    {
        check(value, context, description());
        return true;
    }
}
