using System.Text.RegularExpressions;
using CommunityHub.Api.Tests.Infrastructure;
using Shouldly;

namespace CommunityHub.Api.Tests.Operations;

/// <summary>
/// In Development the console log is read by a person (the simple formatter, appsettings.Development.json): each entry
/// starts with the UTC timestamp, a space, then the level, as the process writes it.
/// </summary>
public sealed partial class DevelopmentLogTests
{
    [Fact]
    public async Task In_development_an_entry_starts_with_the_timestamp_a_space_and_the_level()
    {
        var ct = TestContext.Current.CancellationToken;
        var folder = Path.Combine(Path.GetTempPath(), "communityhub-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var settings = ApiProcess.Settings(Path.Combine(folder, "development.db"));
            settings["ASPNETCORE_ENVIRONMENT"] = "Development";
            await using var api = await ApiProcess.StartAsync(settings, ct);

            // The console logger writes from its own queue: give the start-up entries a moment to arrive.
            for (var waited = 0; waited < 100 && !api.Output.Split('\n').Any(line => Entry().IsMatch(line)); waited++)
            {
                await Task.Delay(100, ct);
            }
            api.Output.Split('\n').ShouldContain(line => Entry().IsMatch(line), api.Output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z info: ")]
    private static partial Regex Entry();
}
