using CommunityHub.Api.Features.Users;
using CommunityHub.Api.Infrastructure.Security;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.Users;

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

public sealed class SignInBackoffTests
{
    private static readonly AuthSettings Settings = new();
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_free_attempts_pass_and_the_last_one_starts_the_first_delay()
    {
        BackoffState? state = null;
        for (var i = 1; i <= 5; i++)
        {
            var decision = SignInBackoff.Reserve(state, Now, 5, Settings);
            decision.Allowed.ShouldBeTrue();
            state = decision.Next;
        }
        state!.BlockedUntil.ShouldBe(Now.AddSeconds(30));
        var blocked = SignInBackoff.Reserve(state, Now.AddSeconds(10), 5, Settings);
        blocked.Allowed.ShouldBeFalse();
        blocked.RetryAfter.ShouldBe(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void Delays_double_up_to_the_maximum_and_failures_are_forgotten_after_a_quiet_hour()
    {
        SignInBackoff.Delay(0, Settings).ShouldBe(TimeSpan.FromSeconds(30));
        SignInBackoff.Delay(1, Settings).ShouldBe(TimeSpan.FromSeconds(60));
        SignInBackoff.Delay(4, Settings).ShouldBe(TimeSpan.FromMinutes(8));
        SignInBackoff.Delay(5, Settings).ShouldBe(TimeSpan.FromMinutes(15));
        SignInBackoff.Delay(200, Settings).ShouldBe(TimeSpan.FromMinutes(15));

        var old = new BackoffState(9, Now.AddHours(-1), Now.AddMinutes(-45));
        var decision = SignInBackoff.Reserve(old, Now, 5, Settings);
        decision.Next!.Failures.ShouldBe(1);
        decision.Next.BlockedUntil.ShouldBeNull();
    }
}
