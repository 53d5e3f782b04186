using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Timetabling;

/// <summary>The app with a solver time limit of 0 seconds, which no run could use.</summary>
public sealed class ZeroSolverSecondsApp : ReviewPortalApp
{
    public ZeroSolverSecondsApp(PostgresServer server) : base(server) => Settings["Timetabling:SolverSeconds"] = "0";
}

/// <summary><c>Timetabling:SolverSeconds</c> (docs/configuration.md): an operator's mistake stops the app at start-up with the reason, not the first run.</summary>
public sealed class TimetablingSettingsTests(ZeroSolverSecondsApp app) : IClassFixture<ZeroSolverSecondsApp>
{
    [Fact]
    public void The_app_refuses_to_start_with_a_solver_time_limit_out_of_range_and_says_which_setting()
    {
        var refused = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Timetabling:SolverSeconds must be between 1 and 3600.", refused.ToString(), StringComparison.Ordinal);
    }
}
