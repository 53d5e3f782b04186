using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Assignment;

/// <summary>Issue 7's proof: the LPC 2023 track, k = 3, through the API from the review phase to the applied assignment.</summary>
public sealed class LpcAssignmentTests(LpcJobsApp app) : IClassFixture<LpcJobsApp>
{
    private static readonly Dictionary<string, string> SameCompany = new(StringComparer.OrdinalIgnoreCase)
    {
        ["Facebook"] = "Meta", ["Meta Inc."] = "Meta", ["Meta Platforms Inc"] = "Meta", ["Meta Platforms"] = "Meta",
    };

    private static string Company(string? affiliation) =>
        affiliation is null ? "" : SameCompany.GetValueOrDefault(affiliation.Trim(), affiliation.Trim()).ToUpperInvariant();

    [Fact]
    public async Task The_chair_assigns_3_reviewers_to_every_LPC_talk_none_of_their_own_company_or_talk_with_loads_within_one_and_one_mail_each()
    {
        var trackId = await app.LpcTrackIdAsync();
        using var chair = await app.SignInAsync("Daniel Borkmann");

        var start = await chair.PostAsync($"/api/v1/tracks/{trackId}/review-phase/start", null);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var runId = await AssignmentApi.StartRunAsync(chair, trackId, "Total", 3);
        var run = await AssignmentApi.WaitAsync(chair, runId);
        Assert.True(run.GetProperty("status").GetString() == "Succeeded", run.ToString());
        Assert.Equal(1.0, run.GetProperty("progress").GetDouble());
        // Optimal: the objective is the flow's proven optimum (up to the solver's cost rounding).
        Assert.True(Math.Abs(run.GetProperty("bound").GetDouble() - run.GetProperty("objective").GetDouble()) < 1e-3, run.ToString());
        // The chair (Isovalent) is conflicted on his company's talks: the run shows him none of their pairs.
        var isovalentTalks = await app.WithDbAsync(db => db.Submissions.Where(s => s.TrackId == trackId && s.Kind == SubmissionKind.Talk && s.Speakers.Any(sp => sp.Affiliation == "Isovalent"))
            .Select(s => s.Id).ToListAsync());
        Assert.NotEmpty(isovalentTalks);
        Assert.DoesNotContain(run.GetProperty("assignments").EnumerateArray(), a => isovalentTalks.Contains(a.GetProperty("proposalId").GetGuid()));
        Assert.True(run.GetProperty("hiddenProposals").GetInt32() >= isovalentTalks.Count);

        var apply = await chair.PostAsync($"/api/v1/assignment-runs/{runId}/apply", null);
        Assert.Equal(HttpStatusCode.OK, apply.StatusCode);

        var talks = await app.WithDbAsync(db => db.Submissions.AsNoTracking().Include(s => s.Speakers)
            .Where(s => s.TrackId == trackId && s.Kind == SubmissionKind.Talk).ToListAsync());
        var members = await app.WithDbAsync(db => db.CommitteeMembers.AsNoTracking().Include(m => m.Person)
            .Where(m => m.TrackId == trackId).ToListAsync());
        var assignments = await app.WithDbAsync(db => db.ReviewAssignments.AsNoTracking().Where(a => a.TrackId == trackId).ToListAsync());
        Assert.Equal(38, talks.Count);
        Assert.All(talks, t => Assert.Equal(SubmissionStatus.UnderReview, t.Status));
        Assert.All(talks, t => Assert.Equal(3, assignments.Count(a => a.SubmissionId == t.Id)));
        Assert.All(assignments, a => Assert.Equal(AssignmentSource.Automatic, a.Source));
        foreach (var a in assignments)
        {
            var talk = talks.Single(t => t.Id == a.SubmissionId);
            var member = members.Single(m => m.PersonId == a.PersonId);
            Assert.DoesNotContain(talk.Speakers, s => s.PersonId == member.PersonId || s.Name == member.Person.DisplayName);
            Assert.DoesNotContain(talk.Speakers, s => Company(s.Affiliation) == Company(member.Affiliation));
        }

        var loads = members.Select(m => assignments.Count(a => a.PersonId == m.PersonId)).ToList();
        Assert.True(loads.Max() - loads.Min() <= 1, $"loads {string.Join(", ", loads)}");
        Assert.Equal(38 * 3, loads.Sum());

        var mails = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "committee.assignments-applied").ToListAsync());
        Assert.Equal(members.Select(m => m.Person.Email).Order(), mails.Select(m => m.ToAddress).Order());
        var andrii = mails.Single(m => m.ToAddress == members.Single(x => x.Person.DisplayName == "Andrii Nakryiko").Person.Email);
        Assert.Contains("/Committee/Assignments?trackId=", andrii.TextBody, StringComparison.Ordinal);
        var hisTalks = assignments.Where(a => a.PersonId == members.Single(x => x.Person.DisplayName == "Andrii Nakryiko").PersonId)
            .Select(a => talks.Single(t => t.Id == a.SubmissionId).Title);
        Assert.All(hisTalks, title => Assert.Contains(title, andrii.TextBody, StringComparison.Ordinal));

        // The bidding mail went to each member once, and starting again mails nobody.
        var again = await chair.PostAsync($"/api/v1/tracks/{trackId}/review-phase/start", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.False((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("startedNow").GetBoolean());
        var bidMails = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Kind == "committee.bidding-open").Select(m => m.ToAddress).ToListAsync());
        Assert.Equal(members.Select(m => m.Person.Email).Order(), bidMails.Order());

        // Applying twice is refused, and says what to do.
        var twice = await chair.PostAsync($"/api/v1/assignment-runs/{runId}/apply", null);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Contains("applied already", (await twice.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }
}
