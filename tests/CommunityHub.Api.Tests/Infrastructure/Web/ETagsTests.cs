using CommunityHub.Api.Infrastructure.Http;
using Microsoft.AspNetCore.Http;
using Shouldly;

namespace CommunityHub.Api.Tests.Infrastructure.Web;

public sealed class ETagsTests
{
    private static HttpRequest Request(string header, string value)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers[header] = value;
        return context.Request;
    }

    [Theory]
    [InlineData("\"3\"", 3L)]
    [InlineData("W/\"3\"", 3L)]
    [InlineData("\"x\", \"5\"", 5L)]
    [InlineData("\"abc\"", -1L)]
    [InlineData("garbage", -1L)]
    public void If_match_yields_the_demanded_version(string header, long expected) =>
        ETags.ExpectedVersion(Request("If-Match", header)).ShouldBe(expected);

    [Fact]
    public void If_match_star_or_absent_demands_nothing()
    {
        ETags.ExpectedVersion(Request("If-Match", "*")).ShouldBeNull();
        ETags.ExpectedVersion(new DefaultHttpContext().Request).ShouldBeNull();
    }

    [Fact]
    public void Page_etag_changes_when_any_version_changes()
    {
        var id = Guid.CreateVersion7();
        ETags.ForPage([(id, 1)], null).ShouldNotBe(ETags.ForPage([(id, 2)], null));
        ETags.ForPage([(id, 1)], null).ShouldBe(ETags.ForPage([(id, 1)], null));
    }
}
