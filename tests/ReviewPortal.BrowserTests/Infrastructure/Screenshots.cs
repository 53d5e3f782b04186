namespace ReviewPortal.BrowserTests.Infrastructure;

/// <summary>
/// Screenshots go under the test output (bin/…/screenshots); with REVIEWPORTAL_UPDATE_SCREENSHOTS=1 they are
/// also copied to docs/images of the repository, where the documentation shows them.
/// </summary>
public static class Screenshots
{
    public const string UpdateVariable = "REVIEWPORTAL_UPDATE_SCREENSHOTS";

    public static string OutputDirectory => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static bool UpdateDocs => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>Saves <paramref name="png"/> as <paramref name="name"/>.png and returns the path under the test output.</summary>
    public static async Task<string> SaveAsync(string name, byte[] png)
    {
        Directory.CreateDirectory(OutputDirectory);
        var path = Path.Combine(OutputDirectory, name + ".png");
        await File.WriteAllBytesAsync(path, png);
        if (UpdateDocs)
        {
            var docs = Path.Combine(RepositoryRoot(), "docs", "images");
            Directory.CreateDirectory(docs);
            File.Copy(path, Path.Combine(docs, name + ".png"), overwrite: true);
        }

        return path;
    }

    /// <summary>The folder holding ReviewPortal.sln, found by walking up from the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ReviewPortal.sln")))
                return dir.FullName;
        }

        throw new DirectoryNotFoundException($"No ReviewPortal.sln above {AppContext.BaseDirectory}.");
    }
}
