using System.Net.Http.Json;
using System.Text.Json;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Application.Features.Assignment;
using ReviewPortal.IntegrationTests.Conflicts;

namespace ReviewPortal.IntegrationTests.Assignment;

/// <summary>
/// What one assignment run sends to PostgreSQL (DESIGN.md: an LPC-size run in under 50 ms from the database to the
/// stored preview, so its round trips are counted). The job is sent here in the test's own flow, as the Hangfire job
/// sends it; the app has no job server, so the run waits queued until then.
/// </summary>
public sealed class AssignmentRunStatementsTests(StatementRecordingApp app) : IClassFixture<StatementRecordingApp>
{
    [Fact]
    public async Task A_small_run_claims_reads_each_input_once_writes_no_progress_and_leaves_unchanged_conflicts_alone()
    {
        var t = await ReviewTrack.CreateAsync(app, members: 3, proposals: 3);
        await ExecuteAsync(await AssignmentApi.StartRunAsync(t.Chair, t.TrackId, "Total", 2)); // detects the conflicts once
        var runId = await AssignmentApi.StartRunAsync(t.Chair, t.TrackId, "Total", 2);

        var statements = await StatementRecordingApp.RecordAsync(() => ExecuteAsync(runId));

        var run = await t.Chair.GetFromJsonAsync<JsonElement>($"/api/v1/assignment-runs/{runId}");
        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        Assert.Equal("Done: optimal", run.GetProperty("stage").GetString());
        Assert.Equal(6, run.GetProperty("assignments").GetArrayLength());
        // The claim returns the run (no second read); progress is not written within 250 ms of the claim; the result
        // is one read and one write of the run.
        var runWrites = statements.Where(s => s.Contains("UPDATE \"AssignmentRuns\"", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, runWrites.Count);
        Assert.Contains("RETURNING", runWrites[0], StringComparison.Ordinal);
        Assert.DoesNotContain(statements, s => s.Contains("Storing the result", StringComparison.Ordinal) || s.Contains("Computing expertise", StringComparison.Ordinal));
        // The refresh of an unchanged track only reads (track, members, aliases, proposals with speakers in one
        // statement, stored conflicts), then the run reads its five inputs.
        Assert.DoesNotContain(statements, s => s.Contains("\"Conflicts\"", StringComparison.Ordinal)
            && (s.Contains("INSERT", StringComparison.Ordinal) || s.Contains("UPDATE", StringComparison.Ordinal) || s.Contains("DELETE", StringComparison.Ordinal)));
        Assert.True(statements.Count <= 13, $"{statements.Count} statements:\n{string.Join("\n---\n", statements)}");
    }

    private async Task ExecuteAsync(Guid runId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ExecuteAssignmentRun(runId));
    }
}
