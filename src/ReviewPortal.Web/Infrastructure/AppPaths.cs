namespace ReviewPortal.Web.Infrastructure;

/// <summary>
/// Where local state lives: <c>.data/</c> at the repository root (found by walking up to ReviewPortal.sln),
/// so <c>dotnet run --project src/ReviewPortal.Web</c> from anywhere in the clone uses one place.
/// Override with the DataDirectory setting.
/// </summary>
internal static class AppPaths
{
    public static string DataRoot(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["DataDirectory"];
        if (!string.IsNullOrWhiteSpace(configured))
            return Path.GetFullPath(configured, environment.ContentRootPath);

        foreach (var start in new[] { environment.ContentRootPath, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ReviewPortal.sln")))
                    return Path.Combine(dir.FullName, ".data");
            }
        }

        return Path.Combine(environment.ContentRootPath, ".data");
    }
}
