using CommunityHub.Api.Features.Members;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Members;

public sealed class BusinessIdTests
{
    [Theory]
    [InlineData("0737546-2")] // weights 7,9,10,5,8,4,2: remainder 9 → check 2
    [InlineData("1572860-0")] // remainder 0 → check 0
    [InlineData("0112038-9")]
    public void Valid_business_ids_pass(string value) => BusinessId.IsValid(value).ShouldBeTrue();

    [Theory]
    [InlineData("0737546-3")] // wrong check digit
    [InlineData("07375462")] // no hyphen
    [InlineData("737546-2")] // six digits
    [InlineData("0737546-22")]
    [InlineData("A737546-2")]
    [InlineData("")]
    [InlineData(null)]
    public void Invalid_business_ids_fail(string? value) => BusinessId.IsValid(value).ShouldBeFalse();

    [Fact]
    public void Remainder_one_has_no_valid_check_digit()
    {
        // 0000010: 1×4 = 4 … find any number whose weighted sum mod 11 is 1, then every check digit must fail.
        var digits = Enumerable.Range(0, 10_000_000).Select(n => n.ToString("D7", System.Globalization.CultureInfo.InvariantCulture))
            .First(d => d.Select((c, i) => (c - '0') * new[] { 7, 9, 10, 5, 8, 4, 2 }[i]).Sum() % 11 == 1);
        Enumerable.Range(0, 10).ShouldAllBe(check => !BusinessId.IsValid($"{digits}-{check}"));
    }
}
