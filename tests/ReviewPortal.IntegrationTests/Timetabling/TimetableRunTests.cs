using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Timetabling;

/// <summary>Automatic timetable runs through the API with the job server running: preview, apply, 409, infeasible, speakers' times.</summary>
public sealed class TimetableRunTests(TimetableJobsApp app) : IClassFixture<TimetableJobsApp>
{
    private static IEnumerable<(Guid Proposal, DateTimeOffset Start)> Starts(JsonElement run) =>
        run.GetProperty("slots").EnumerateArray().Select(s => (s.GetProperty("proposalId").GetGuid(), s.GetProperty("start").GetDateTimeOffset()));

    [Fact]
    public async Task The_chair_runs_the_scheduling_sees_the_preview_and_applying_it_fills_the_working_copy()
    {
        var c = await TimetableConference.CreateAsync(app);
        var track = await c.TrackAsync("End to end");
        var talks = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var (speaker, _) = await c.SpeakerAsync($"Speaker {i}");
            talks.Add(await TimetableConference.SubmitAsync(speaker, track, $"Talk {i} about the verifier"));
        }

        await c.ConfirmAsync(track);
        await c.SaveGridAsync(track, c.OneBlock("09:00", "11:00"));
        var runId = await c.StartRunAsync(track);
        var run = await c.WaitAsync(runId);
        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        Assert.Equal(1.0, run.GetProperty("progress").GetDouble());
        var slots = run.GetProperty("slots").EnumerateArray().ToList();
        Assert.Equal(talks.Order(), slots.Select(s => s.GetProperty("proposalId").GetGuid()).Order());
        Assert.All(slots, s => Assert.Equal("Main", s.GetProperty("room").GetString()));
        Assert.Equal(TimeSpan.Zero, slots[0].GetProperty("start").GetDateTimeOffset().Offset);
        var starts = slots.Select(s => s.GetProperty("start").GetDateTimeOffset()).ToList();
        Assert.Equal(3, starts.Distinct().Count());
        Assert.All(starts, s => Assert.InRange(s, c.At(0, 9, 0), c.At(0, 10, 30)));
        Assert.Equal(3, run.GetProperty("againstWorkingCopy").GetProperty("new").GetInt32());
        Assert.True(run.GetProperty("canApply").GetBoolean());
        Assert.True(run.GetProperty("objective").ValueKind == JsonValueKind.Number);

        // A preview: nothing is in the working copy until the chair applies it.
        Assert.Equal(0, await app.WithDbAsync(db => db.TimetableSlots.CountAsync(s => s.TrackId == track)));
        var page = await HtmlPage.GetAsync(c.Chair, $"/Chair/{track}/TimetableRuns/{runId}");
        Assert.Contains("Talk 2 about the verifier", page.Text, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector("svg"));

        var applied = await Problems.JsonAsync(await c.Chair.PostAsync($"/api/v1/timetable-runs/{runId}/apply", null));
        Assert.Equal(3, applied.GetProperty("slots").GetInt32());
        var live = await app.WithDbAsync(db => db.TimetableSlots.AsNoTracking().Where(s => s.TrackId == track).ToListAsync());
        Assert.Equal(Starts(run).OrderBy(s => s.Proposal).ToList(), live.Select(s => (s.SubmissionId, s.StartUtc)).OrderBy(s => s.SubmissionId).ToList());
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.TrackId == track && a.Action == "timetable.run-applied")));
        await Problems.AssertAsync(await c.Chair.PostAsync($"/api/v1/timetable-runs/{runId}/apply", null), HttpStatusCode.Conflict);
        await Problems.AssertAsync(await c.Chair.PostAsync($"/api/v1/timetable-runs/{runId}/discard", null), HttpStatusCode.Conflict);

        // A re-run keeping close to the working copy moves nothing; discarding it leaves the working copy as it was.
        var second = await c.WaitAsync(await c.StartRunAsync(track, minimalChange: true));
        Assert.Equal(0, second.GetProperty("moved").GetInt32());
        Assert.Equal(3, second.GetProperty("againstWorkingCopy").GetProperty("unchanged").GetInt32());
        var discarded = await Problems.JsonAsync(await c.Chair.PostAsync($"/api/v1/timetable-runs/{second.GetProperty("id").GetGuid()}/discard", null));
        Assert.Equal(JsonValueKind.String, discarded.GetProperty("discardedUtc").ValueKind);
        await Problems.AssertAsync(await c.Chair.PostAsync($"/api/v1/timetable-runs/{second.GetProperty("id").GetGuid()}/apply", null), HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Applying_after_someone_changed_the_working_copy_is_409_and_changes_nothing()
    {
        var c = await TimetableConference.CreateAsync(app);
        var track = await c.TrackAsync("Concurrent");
        var (speaker, _) = await c.SpeakerAsync("Solo Speaker");
        await TimetableConference.SubmitAsync(speaker, track, "The only talk");
        await c.ConfirmAsync(track);
        await c.SaveGridAsync(track, c.OneBlock("09:00", "10:00"));
        var runId = await c.StartRunAsync(track);
        Assert.Equal("Succeeded", (await c.WaitAsync(runId)).GetProperty("status").GetString());

        // A colleague changes the working copy (here the grid; a moved talk bumps the same version).
        var changed = await c.SaveGridAsync(track, c.OneBlock("09:00", "11:00"));
        var refused = await Problems.AssertAsync(await c.Chair.PostAsync($"/api/v1/timetable-runs/{runId}/apply", null), HttpStatusCode.Conflict);
        Assert.Contains("changed since this run started", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.TimetableSlots.CountAsync(s => s.TrackId == track)));
        var timetable = await app.WithDbAsync(db => db.Timetables.AsNoTracking().SingleAsync(t => t.TrackId == track));
        Assert.Equal(changed.GetProperty("version").GetInt32(), timetable.Version);
        Assert.Null((await app.WithDbAsync(db => db.TimetableRuns.AsNoTracking().SingleAsync(r => r.Id == runId))).AppliedUtc);
        var run = await Problems.JsonAsync(await c.Chair.GetAsync($"/api/v1/timetable-runs/{runId}"));
        Assert.False(run.GetProperty("canApply").GetBoolean());
    }

    [Fact]
    public async Task More_talks_than_slots_gives_an_infeasible_run_whose_explanation_names_the_numbers()
    {
        var c = await TimetableConference.CreateAsync(app);
        var track = await c.TrackAsync("Too many");
        for (var i = 0; i < 3; i++)
        {
            var (speaker, _) = await c.SpeakerAsync($"Crowded {i}");
            await TimetableConference.SubmitAsync(speaker, track, $"Crowded talk {i}");
        }

        await c.ConfirmAsync(track);
        await c.SaveGridAsync(track, c.OneBlock("09:00", "10:00"));
        var runId = await c.StartRunAsync(track);
        var run = await c.WaitAsync(runId);
        Assert.Equal("Infeasible", run.GetProperty("status").GetString());
        Assert.Contains("3 items to place, 2 slots of 30 minutes", run.GetProperty("explanation").GetString(), StringComparison.Ordinal);
        Assert.Empty(run.GetProperty("slots").EnumerateArray());
        await Problems.AssertAsync(await c.Chair.PostAsync($"/api/v1/timetable-runs/{runId}/apply", null), HttpStatusCode.Conflict);
        var page = await HtmlPage.GetAsync(c.Chair, $"/Chair/{track}/TimetableRuns/{runId}");
        Assert.Contains("No timetable is possible", page.Text, StringComparison.Ordinal);
        Assert.Contains("3 items to place", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_speaker_is_never_placed_when_unavailable_nor_while_speaking_in_another_track_guests_known_by_their_address()
    {
        var c = await TimetableConference.CreateAsync(app);
        var track = await c.TrackAsync("Busy speakers");
        var otherTrack = await c.TrackAsync("Other track");
        var (uma, _) = await c.SpeakerAsync("Uma Unavailable");
        var (bea, _) = await c.SpeakerAsync("Bea Busy");
        var (fay, _) = await c.SpeakerAsync("Fay Free");
        var unavailableTalk = await TimetableConference.SubmitAsync(uma, track, "Uma's talk");
        var busyTalk = await TimetableConference.SubmitAsync(bea, track, "Bea's talk");
        var freeTalk = await TimetableConference.SubmitAsync(fay, track, "Fay's talk");
        var elsewhere = await TimetableConference.SubmitAsync(bea, otherTrack, "Bea's other talk");
        // Gil has no account: a co-speaker of Fay's talk and of a talk in the other track at 09:00, named by one address.
        var gilsOther = await TimetableConference.SubmitAsync(uma, otherTrack, "Gil's other talk");
        var gil = $"gil.guest-{Guid.NewGuid():N}@example.org";
        await app.WithDbAsync(db =>
        {
            db.SubmissionSpeakers.Add(new SubmissionSpeaker { SubmissionId = freeTalk, Order = 1, Name = "Gil Guest", Email = gil });
            db.SubmissionSpeakers.Add(new SubmissionSpeaker { SubmissionId = gilsOther, Order = 1, Name = "Gil Guest", Email = gil.ToUpperInvariant() });
            return db.SaveChangesAsync();
        });

        // Uma cannot make 09:00–10:00; Bea speaks in the other track 10:00–10:30. Three slots: 09:00, 09:30, 10:00.
        await c.ConfirmAsync(track, new Dictionary<Guid, UnavailableBlock[]> { [unavailableTalk] = [new UnavailableBlock(c.At(0, 9, 0), c.At(0, 10, 0))] });
        await c.SaveGridAsync(otherTrack, new
        {
            rooms = new[] { new { name = "Hall B", capacity = 50 } },
            blocks = new[] { new { day = c.Day(), start = "10:00", end = "11:00", rooms = new[] { "Hall B" } } },
            breaks = Array.Empty<object>(),
        });
        await app.WithDbAsync(db =>
        {
            db.TimetableSlots.Add(new TimetableSlot { TrackId = otherTrack, SubmissionId = elsewhere, Room = "Hall B", StartUtc = c.At(0, 10, 0), EndUtc = c.At(0, 10, 30) });
            db.TimetableSlots.Add(new TimetableSlot { TrackId = otherTrack, SubmissionId = gilsOther, Room = "Hall B", StartUtc = c.At(0, 9, 0), EndUtc = c.At(0, 9, 30) });
            return db.SaveChangesAsync();
        });
        await c.SaveGridAsync(track, c.OneBlock("09:00", "10:30"));

        var run = await c.WaitAsync(await c.StartRunAsync(track, minimalChange: false));
        Assert.Equal("Succeeded", run.GetProperty("status").GetString());
        var starts = Starts(run).ToDictionary(s => s.Proposal, s => s.Start);
        Assert.Equal(c.At(0, 10, 0), starts[unavailableTalk]);
        // Bea is busy at 10:00 and Gil at 09:00, so the only timetable left is Bea 09:00, Fay and Gil 09:30.
        Assert.Equal(c.At(0, 9, 0), starts[busyTalk]);
        Assert.Equal(c.At(0, 9, 30), starts[freeTalk]);
    }

    [Fact]
    public async Task Runs_are_refused_without_a_grid_or_a_confirmed_talk_and_hidden_from_everyone_but_the_chair()
    {
        var c = await TimetableConference.CreateAsync(app);
        var track = await c.TrackAsync("Refusals");
        var url = $"/api/v1/tracks/{track}/timetable-runs";
        var noGrid = await Problems.AssertAsync(await c.Chair.PostAsJsonAsync(url, new { minimalChange = true }), HttpStatusCode.Conflict);
        Assert.Contains("no grid yet", noGrid.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await c.SaveGridAsync(track, c.OneBlock("09:00", "10:00"));
        var (speaker, _) = await c.SpeakerAsync("Late Speaker");
        await TimetableConference.SubmitAsync(speaker, track, "Not yet confirmed");
        var nothing = await Problems.AssertAsync(await c.Chair.PostAsJsonAsync(url, new { minimalChange = true }), HttpStatusCode.Conflict);
        Assert.Contains("No talk of the track is confirmed", nothing.GetProperty("detail").GetString(), StringComparison.Ordinal);
        foreach (var body in new[] { "{\"minimalChange\":\"yes\u0000\"}", "{\"minimalChange\":[true]}", "[]", "{\"minimalChange\":" + new string('[', 5000) })
        {
            var response = await c.Chair.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body[..Math.Min(40, body.Length)]}: {response.StatusCode}");
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.TimetableRuns.CountAsync(r => r.TrackId == track)));
        await c.ConfirmAsync(track);
        var runId = await c.StartRunAsync(track);
        await c.WaitAsync(runId);

        // Another conference's chair, the track's speaker: 403 on the track, 404 on the run (they cannot tell it exists).
        var other = await TimetableConference.CreateAsync(app);
        await other.TrackAsync("Elsewhere");
        foreach (var client in new[] { other.Chair, speaker })
        {
            await Problems.AssertAsync(await client.PostAsJsonAsync(url, new { minimalChange = true }), HttpStatusCode.Forbidden);
            await Problems.AssertAsync(await client.GetAsync($"/api/v1/timetable-runs/{runId}"), HttpStatusCode.NotFound);
            await Problems.AssertAsync(await client.PostAsync($"/api/v1/timetable-runs/{runId}/apply", null), HttpStatusCode.NotFound);
            await Problems.AssertAsync(await client.PostAsync($"/api/v1/timetable-runs/{runId}/discard", null), HttpStatusCode.NotFound);
            Assert.NotEqual(HttpStatusCode.OK, (await client.GetAsync($"/Chair/{track}/TimetableRuns/{runId}")).StatusCode);
        }

        await Problems.AssertAsync(await c.Chair.GetAsync($"/api/v1/timetable-runs/{Guid.NewGuid()}"), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await c.Chair.PostAsJsonAsync($"/api/v1/tracks/{Guid.NewGuid()}/timetable-runs", new { minimalChange = true }), HttpStatusCode.NotFound);
        Assert.Equal(0, await app.WithDbAsync(db => db.TimetableSlots.CountAsync(s => s.TrackId == track)));
    }
}
