using CommunityHub.Api.Features.ApiKeys;
using Shouldly;

namespace CommunityHub.Api.Tests.Features.ApiKeys;

public sealed class ApiKeySecretTests
{
    [Fact]
    public void Generated_key_has_the_chk_prefix_secret_shape_and_verifies_against_its_hash()
    {
        var generated = ApiKeySecret.Generate();
        generated.Key.ShouldMatch("^chk_[0-9a-f]{16}_[0-9a-f]{64}$");
        ApiKeySecret.TryParse(generated.Key, out var prefix, out var secret).ShouldBeTrue();
        prefix.ShouldBe(generated.Prefix);
        generated.Key.ShouldEndWith(secret!);
        generated.Hash.ShouldBe(ApiKeySecret.Hash(secret!));
        generated.Hash.ShouldNotContain(secret!);
        ApiKeySecret.Verify(secret!, generated.Hash).ShouldBeTrue();
    }

    [Fact]
    public void Keys_are_random_and_a_different_secret_does_not_verify()
    {
        var first = ApiKeySecret.Generate();
        var second = ApiKeySecret.Generate();
        first.Key.ShouldNotBe(second.Key);
        first.Prefix.ShouldNotBe(second.Prefix);
        ApiKeySecret.TryParse(second.Key, out _, out var otherSecret).ShouldBeTrue();
        ApiKeySecret.Verify(otherSecret!, first.Hash).ShouldBeFalse();

        ApiKeySecret.TryParse(first.Key, out _, out var secret).ShouldBeTrue();
        var flipped = (secret![0] == 'a' ? 'b' : 'a') + secret[1..];
        ApiKeySecret.Verify(flipped, first.Hash).ShouldBeFalse();
        ApiKeySecret.Verify(secret, "not-hex").ShouldBeFalse();
        ApiKeySecret.Verify(secret, first.Hash[..32]).ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("chk_0123456789abcdef")]
    [InlineData("xyz_0123456789abcdef_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("chk_0123456789ABCDEF_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("chk_0123456789abcdef-0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")]
    [InlineData("chk_0123456789abcdef_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdeg")]
    [InlineData("chk_0123456789abcdef_0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0")]
    public void Malformed_keys_do_not_parse(string? key) =>
        ApiKeySecret.TryParse(key, out _, out _).ShouldBeFalse();
}
