namespace CommunityHub.Api.Tests.Infrastructure;

public static class RepoPaths
{
    /// <summary>The repository root: the folder holding CommunityHub.sln, found from the test binary upwards.</summary>
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CommunityHub.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("CommunityHub.sln not found above " + AppContext.BaseDirectory);
    }
}
