using CommunityHub.Api.Features.Users;
using Shouldly;

namespace CommunityHub.Api.Tests.Unit;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("winniethepooh")] // listed, 13 characters
    [InlineData("WinnieThePooh")] // case does not matter
    [InlineData("password1234")] // a listed password with digits added
    [InlineData("!!Sunshine2026")]
    [InlineData("qwertyuiop12")]
    public void Common_passwords_and_listed_ones_with_digits_or_symbols_added_are_common(string password) =>
        PasswordPolicy.IsCommon(password).ShouldBeTrue();

    [Theory]
    [InlineData(AdminBootstrap.DemoPassword)]
    [InlineData("Session-password-2026")]
    [InlineData("kesäpäivä-järvellä")]
    [InlineData("123456789012")] // digits only: nothing listed is left once they are stripped
    public void Other_passwords_are_not_common(string password) => PasswordPolicy.IsCommon(password).ShouldBeFalse();

    [Fact]
    public void Problem_names_length_first_then_commonness()
    {
        PasswordPolicy.Problem("Abcdefgh-12").ShouldNotBeNull().ShouldContain("12 characters");
        PasswordPolicy.Problem("winniethepooh").ShouldNotBeNull().ShouldContain("common");
        PasswordPolicy.Problem(AdminBootstrap.DemoPassword).ShouldBeNull();
    }
}
