using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Infrastructure.Seed;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Assignment;

/// <summary>The demo data (the LPC 2023 track) with a job server, so assignment runs run.</summary>
public sealed class LpcJobsApp : ReviewPortalApp
{
    public LpcJobsApp(PostgresServer server) : base(server)
    {
        Settings["Seed:DemoData"] = "true";
        Settings["Jobs:RunServer"] = "true";
    }

    public IReadOnlyList<DemoLogin> DemoLogins()
    {
        _ = Services; // the app writes the file when it starts
        return File.ReadAllLines(Path.Combine(MailDirectory, "data", "demo-logins.tsv"))
            .Select(l => l.Split('\t')).Select(p => new DemoLogin(p[0], p[1], p[2], p[3])).ToList();
    }

    public async Task<HttpClient> SignInAsync(string name)
    {
        var login = DemoLogins().Single(l => l.Name == name);
        var client = CreateBrowserClient();
        await Accounts.SignInAsync(client, login.Email, login.Password);
        return client;
    }

    public Task<Guid> LpcTrackIdAsync() => WithDbAsync(db => db.Tracks.Where(t => t.Slug == DemoSeeder.TrackSlug).Select(t => t.Id).SingleAsync());
}

/// <summary>A test app with a job server and no demo data.</summary>
public sealed class AssignmentJobsApp : ReviewPortalApp
{
    public AssignmentJobsApp(PostgresServer server) : base(server) => Settings["Jobs:RunServer"] = "true";
}

/// <summary>The API steps of an assignment, as a chair's script takes them.</summary>
public static class AssignmentApi
{
    public static async Task<Guid> StartRunAsync(HttpClient chair, Guid trackId, string mode = "Total", int? k = null)
    {
        var response = await chair.PostAsJsonAsync($"/api/v1/tracks/{trackId}/assignment-runs", new { mode, reviewersPerProposal = k });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>Polls the run until it is finished (Succeeded, Infeasible or Failed).</summary>
    public static Task<JsonElement> WaitAsync(HttpClient chair, Guid runId) =>
        Eventually.ThatAsync(
            async () => await chair.GetFromJsonAsync<JsonElement>($"/api/v1/assignment-runs/{runId}"),
            run => run.GetProperty("status").GetString() is "Succeeded" or "Infeasible" or "Failed",
            TimeSpan.FromSeconds(90), $"assignment run {runId} to finish");
}
