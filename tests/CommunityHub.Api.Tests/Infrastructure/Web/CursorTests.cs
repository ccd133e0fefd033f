using CommunityHub.Api.Infrastructure.Http;
using Shouldly;

namespace CommunityHub.Api.Tests.Infrastructure.Web;

public sealed class CursorTests
{
    [Fact]
    public void Round_trips_keys_including_finnish_and_private_use_characters()
    {
        var cursor = Cursor.Encode("members", "\uE002\uE002NEKOSKI", "01a20813-92dc-7d55-b39e-9bd2537644ac");
        Cursor.TryDecode(cursor, "members", 2, out var keys).ShouldBeTrue();
        keys.ShouldBe(["\uE002\uE002NEKOSKI", "01a20813-92dc-7d55-b39e-9bd2537644ac"]);
    }

    [Theory]
    [InlineData("zzz")]
    [InlineData("")]
    [InlineData("!!!not-base64!!!")]
    [InlineData("WyJ1c2VycyIsIngiXQ")] // ["users","x"]: a cursor of another list
    [InlineData("eyJhIjoxfQ")] // {"a":1}: not an array
    public void Rejects_anything_that_is_not_a_cursor_of_this_list(string cursor) =>
        Cursor.TryDecode(cursor, "members", 2, out _).ShouldBeFalse();

    [Fact]
    public void Rejects_a_cursor_with_the_wrong_number_of_keys() =>
        Cursor.TryDecode(Cursor.Encode("members", "a"), "members", 2, out _).ShouldBeFalse();

    [Fact]
    public void Decode_throws_a_field_error_on_cursor() =>
        Should.Throw<FieldValidationException>(() => Cursor.Decode("zzz", "members", 2)).Errors.Keys.ShouldBe(["cursor"]);
}
