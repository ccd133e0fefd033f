using System.Globalization;
using CommunityHub.Api.Infrastructure.Validation;
using FluentValidation;
using Shouldly;

namespace CommunityHub.Api.Tests.Infrastructure.Validation;

public sealed class MunicipalityCodeRulesTests
{
    [Theory]
    [InlineData("564", true)]
    [InlineData("091", true)]
    [InlineData(null, true)]
    [InlineData("56", false)]
    [InlineData("5640", false)]
    [InlineData("56a", false)]
    [InlineData("", false)]
    public void A_municipality_code_and_a_municipality_filter_are_three_digits(string? code, bool valid)
    {
        new CodeValidator().Validate(new Input(code)).IsValid.ShouldBe(valid);
        new FilterValidator().Validate(new Input(code)).IsValid.ShouldBe(valid);
    }

    [Theory]
    [InlineData("fi", "Kuntakoodin on oltava Tilastokeskuksen kolminumeroinen koodi, esim. 564 (Oulu).", "Kunnan on oltava kolminumeroinen kuntakoodi.")]
    [InlineData("en", "Municipality code must be the 3-digit Statistics Finland code, e.g. 564 for Oulu.", "Municipality must be a 3-digit code.")]
    public void The_message_says_which_code_is_meant_in_the_requests_language(string language, string codeMessage, string filterMessage)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
        try
        {
            new CodeValidator().Validate(new Input("56")).Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe(codeMessage);
            new FilterValidator().Validate(new Input("56")).Errors.ShouldHaveSingleItem().ErrorMessage.ShouldBe(filterMessage);
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private sealed record Input(string? Code);

    private sealed class CodeValidator : AbstractValidator<Input>
    {
        public CodeValidator() => RuleFor(i => i.Code).MunicipalityCode();
    }

    private sealed class FilterValidator : AbstractValidator<Input>
    {
        public FilterValidator() => RuleFor(i => i.Code).MunicipalityFilter();
    }
}
