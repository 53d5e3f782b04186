using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Timetabling;

/// <summary>The chairs' timetable editor through the API: the working copy, moves with their warnings, 409 on a stale version, rights and hostile input.</summary>
public sealed class TimetableEditorApiTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    [Fact]
    public async Task The_chair_reads_the_working_copy_with_placed_and_unplaced_items_in_UTC()
    {
        var s = await EditorScenario.CreateAsync(app);
        var (placed, _) = await s.AddTalkAsync("Placed talk");
        var (unplaced, _) = await s.AddTalkAsync("Unplaced talk");
        await s.PlaceDirectlyAsync(s.TrackId, placed, "Main", EditorScenario.At(s.Day1, 9, 30));

        var view = await s.GetAsync();
        Assert.Equal(2, view.GetProperty("version").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, view.GetProperty("publishedVersion").ValueKind);
        var slot = Assert.Single(view.GetProperty("slots").EnumerateArray());
        Assert.Equal(placed, slot.GetProperty("proposalId").GetGuid());
        Assert.Equal("Main", slot.GetProperty("room").GetString());
        Assert.Equal(EditorScenario.At(s.Day1, 9, 30), slot.GetProperty("start").GetDateTimeOffset());
        Assert.EndsWith("+00:00", slot.GetProperty("start").GetString(), StringComparison.Ordinal);
        Assert.Equal(EditorScenario.At(s.Day1, 10), slot.GetProperty("end").GetDateTimeOffset());
        Assert.Equal("Placed talk", slot.GetProperty("title").GetString());
        Assert.Contains("Lead of Placed talk", slot.GetProperty("speakers").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(unplaced, Assert.Single(view.GetProperty("unplaced").EnumerateArray()).GetProperty("proposalId").GetGuid());
        // The unplaced talk is a broken hard rule: publishing would be refused.
        Assert.Contains("NotPlaced", EditorScenario.Rules(view));
    }

    [Fact]
    public async Task A_move_gives_a_new_version_and_is_saved_even_when_it_breaks_a_rule_so_a_swap_is_two_moves()
    {
        var s = await EditorScenario.CreateAsync(app);
        var (a, _) = await s.AddTalkAsync("Talk A");
        var (b, _) = await s.AddTalkAsync("Talk B");
        await s.PlaceDirectlyAsync(s.TrackId, a, "Main", EditorScenario.At(s.Day1, 9));
        await s.PlaceDirectlyAsync(s.TrackId, b, "Main", EditorScenario.At(s.Day1, 9, 30));
        var version = await s.VersionAsync();

        // A onto B's place: saved, with the overlap as its warning.
        var first = await Problems.JsonAsync(await s.MoveAsync(a, "Main", EditorScenario.At(s.Day1, 9, 30), version));
        Assert.Equal(version + 1, first.GetProperty("version").GetInt32());
        Assert.Equal(["RoomOverlap"], EditorScenario.Rules(first));
        Assert.Contains("\"Talk A\" and \"Talk B\" overlap in Main", first.GetProperty("warnings")[0].GetProperty("message").GetString(), StringComparison.Ordinal);

        // B onto A's old place, with a wall-clock time (no offset) of the conference's zone: the swap is done, no warning left.
        var second = await Problems.JsonAsync(await s.Chair.PutAsJsonAsync($"/api/v1/tracks/{s.TrackId}/timetable/slots/{b}",
            new { room = "Main", start = s.Day1.ToString("yyyy-MM-dd") + "T09:00:00", version = version + 1 }));
        Assert.Empty(EditorScenario.Rules(second));
        var view = await s.GetAsync();
        var slots = view.GetProperty("slots").EnumerateArray().ToDictionary(x => x.GetProperty("proposalId").GetGuid(), x => x.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(EditorScenario.At(s.Day1, 9, 30), slots[a]);
        Assert.Equal(EditorScenario.At(s.Day1, 9), slots[b]);
    }

    [Fact]
    public async Task A_second_chair_saving_from_a_stale_version_gets_409_and_the_first_chairs_move_is_kept()
    {
        var s = await EditorScenario.CreateAsync(app);
        var (a, _) = await s.AddTalkAsync("Contested talk");
        var version = await s.VersionAsync();
        Assert.Equal(HttpStatusCode.OK, (await s.MoveAsync(a, "Main", EditorScenario.At(s.Day1, 10), version)).StatusCode);

        var problem = await Problems.AssertAsync(await s.MoveAsync(a, "Side", EditorScenario.At(s.Day1, 12), version), HttpStatusCode.Conflict);
        Assert.Contains("Someone else changed the timetable", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var slot = Assert.Single((await s.GetAsync()).GetProperty("slots").EnumerateArray());
        Assert.Equal("Main", slot.GetProperty("room").GetString());
        Assert.Equal(EditorScenario.At(s.Day1, 10), slot.GetProperty("start").GetDateTimeOffset());
        Assert.Equal(version + 1, await s.VersionAsync());
    }

    [Fact]
    public async Task Each_broken_hard_rule_is_named_in_a_sentence()
    {
        var s = await EditorScenario.CreateAsync(app);
        var (shared1, _) = await s.AddTalkAsync("Shared speaker one", withAccountSpeaker: true);
        var (shared2, _) = await s.AddTalkAsync("Shared speaker two", withAccountSpeaker: true);
        var busy = new UnavailableBlock(EditorScenario.At(s.Day1, 12), EditorScenario.At(s.Day1, 13));
        var (unavailable, _) = await s.AddTalkAsync("Busy speaker talk", unavailable: [busy]);
        var (outside, _) = await s.AddTalkAsync("Too early talk");
        var (offRaster, _) = await s.AddTalkAsync("Off raster talk");
        var (crossing, _) = await s.AddTalkAsync("Hour-long talk", minutes: 60);
        var (pinned, _) = await s.AddTalkAsync("Pinned opening");
        var (crossTrack, _) = await s.AddTalkAsync("Cross-track talk", withAccountSpeaker: true);
        var (declined, _) = await s.AddTalkAsync("Later declined talk");
        var otherTrack = await s.AddOtherTrackAsync();
        var (otherTalk, _) = await s.AddTalkAsync("Other track's talk", withAccountSpeaker: true, trackId: otherTrack);
        await s.PlaceDirectlyAsync(otherTrack, otherTalk, "Main", EditorScenario.At(s.Day2, 9));

        await s.MoveNowAsync(shared1, "Main", EditorScenario.At(s.Day1, 9));
        await s.MoveNowAsync(shared2, "Side", EditorScenario.At(s.Day1, 9));
        await s.MoveNowAsync(unavailable, "Main", EditorScenario.At(s.Day1, 12));
        await s.MoveNowAsync(outside, "Side", EditorScenario.At(s.Day1, 8));
        await s.MoveNowAsync(offRaster, "Side", EditorScenario.At(s.Day1, 10, 10));
        await s.MoveNowAsync(crossing, "Side", EditorScenario.At(s.Day1, 12, 30));
        await s.MoveNowAsync(pinned, "Main", EditorScenario.At(s.Day1, 8, 30), pinned: true);
        var last = await s.MoveNowAsync(crossTrack, "Main", EditorScenario.At(s.Day2, 9));
        var messages = last.GetProperty("warnings").EnumerateArray()
            .Select(w => (Rule: w.GetProperty("rule").GetString(), Message: w.GetProperty("message").GetString()!)).ToList();
        string Of(string rule) => Assert.Single(messages, m => m.Rule == rule).Message;

        Assert.Contains("Sam Speaker speaks in \"Shared speaker one\" and \"Shared speaker two\" at the same time", Assert.Single(messages,
            m => m.Rule == "SpeakerDoubleBooked" && m.Message.Contains("Shared speaker one", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
        Assert.Contains("in the Other track", Assert.Single(messages,
            m => m.Rule == "SpeakerDoubleBooked" && m.Message.Contains("Cross-track talk", StringComparison.Ordinal)).Message, StringComparison.Ordinal);
        Assert.Contains("The speakers of \"Busy speaker talk\" cannot make", Of("SpeakerUnavailable"), StringComparison.Ordinal);
        Assert.Contains("\"Too early talk\" starts at", Of("OutsideBlock"), StringComparison.Ordinal);
        Assert.Contains("off the 30-minute slots", Of("OffRaster"), StringComparison.Ordinal);
        Assert.Contains("\"Hour-long talk\" runs until", Of("CrossesBlockEnd"), StringComparison.Ordinal);
        Assert.Contains("\"Later declined talk\" is on the programme but not placed", Of("NotPlaced"), StringComparison.Ordinal);
        // The pinned opening is outside every block and exempt from that rule.
        Assert.DoesNotContain(messages, m => m.Message.Contains("Pinned opening", StringComparison.Ordinal));

        // A talk placed and then declined: no longer on the programme.
        await s.MoveNowAsync(declined, "Side", EditorScenario.At(s.Day2 , 9));
        await app.WithDbAsync(async db =>
        {
            var submission = await db.Submissions.SingleAsync(x => x.Id == declined);
            submission.Decline(app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });
        var view = await s.GetAsync();
        Assert.Contains(view.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("rule").GetString() == "NoLongerOnProgramme"
            && w.GetProperty("message").GetString()!.Contains("\"Later declined talk\" is placed at", StringComparison.Ordinal));
        // The room Side does not exist on day two: outside every block of that room.
        Assert.Contains(view.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("rule").GetString() == "OutsideBlock"
            && w.GetProperty("message").GetString()!.Contains("Later declined talk", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_guest_speaker_without_an_account_named_by_one_address_on_two_talks_is_double_booked_here_and_across_tracks()
    {
        var s = await EditorScenario.CreateAsync(app);
        var guest = $"Guest-{Guid.NewGuid():N}@Example.org";
        var (here1, _) = await s.AddTalkAsync("Guest talk one", leadEmail: guest);
        var (here2, _) = await s.AddTalkAsync("Guest talk two", leadEmail: guest.ToLowerInvariant());
        var otherTrack = await s.AddOtherTrackAsync();
        var (there, _) = await s.AddTalkAsync("Guest talk elsewhere", trackId: otherTrack, leadEmail: guest.ToUpperInvariant());
        await s.PlaceDirectlyAsync(otherTrack, there, "Main", EditorScenario.At(s.Day1, 9));

        await s.MoveNowAsync(here1, "Main", EditorScenario.At(s.Day1, 9));
        var moved = await s.MoveNowAsync(here2, "Side", EditorScenario.At(s.Day1, 9));
        var doubles = moved.GetProperty("warnings").EnumerateArray().Where(w => w.GetProperty("rule").GetString() == "SpeakerDoubleBooked")
            .Select(w => w.GetProperty("message").GetString()!).ToList();
        Assert.Contains(doubles, m => m.Contains("\"Guest talk one\" and \"Guest talk two\" at the same time", StringComparison.Ordinal));
        Assert.Contains(doubles, m => m.Contains("in the Other track", StringComparison.Ordinal) && m.Contains("\"Guest talk elsewhere\"", StringComparison.Ordinal));

        // Apart in this track, the other track's talk still clashes with the one at 09:00.
        var apart = await s.MoveNowAsync(here2, "Side", EditorScenario.At(s.Day1, 10));
        Assert.Single(apart.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("rule").GetString() == "SpeakerDoubleBooked");
    }

    [Fact]
    public async Task A_room_not_in_the_grid_and_an_item_not_on_the_programme_are_refused_and_change_nothing()
    {
        var s = await EditorScenario.CreateAsync(app);
        var (a, _) = await s.AddTalkAsync("Some talk");
        var version = await s.VersionAsync();
        var fields = await Problems.FieldsAsync(await s.MoveAsync(a, "Ballroom", EditorScenario.At(s.Day1, 9), version));
        Assert.Equal(["Room"], fields);
        await app.WithDbAsync(async db =>
        {
            var submission = await db.Submissions.SingleAsync(x => x.Id == a);
            submission.Decline(app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });
        Assert.Equal(["ProposalId"], await Problems.FieldsAsync(await s.MoveAsync(a, "Main", EditorScenario.At(s.Day1, 9), version)));
        Assert.Equal(version, await s.VersionAsync());
        Assert.Equal(0, (await s.GetAsync()).GetProperty("slots").GetArrayLength());
    }

    [Fact]
    public async Task An_item_of_another_track_is_404_and_a_member_of_another_track_or_a_speaker_cannot_read_or_move()
    {
        var s = await EditorScenario.CreateAsync(app);
        var other = await EditorScenario.CreateAsync(app);
        var (mine, _) = await s.AddTalkAsync("My talk");
        var (theirs, _) = await other.AddTalkAsync("Their talk");
        var version = await s.VersionAsync();

        await Problems.AssertAsync(await s.MoveAsync(theirs, "Main", EditorScenario.At(s.Day1, 9), version), HttpStatusCode.NotFound);
        // The other track's chair on this track: 403, nothing read or saved.
        var outsider = other.Chair;
        await Problems.AssertAsync(await outsider.GetAsync($"/api/v1/tracks/{s.TrackId}/timetable"), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await outsider.PutAsJsonAsync($"/api/v1/tracks/{s.TrackId}/timetable/slots/{mine}",
            new { room = "Main", start = EditorScenario.At(s.Day1, 9), version }), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await outsider.PostAsync($"/api/v1/tracks/{s.TrackId}/timetable/publish", null), HttpStatusCode.Forbidden);
        var speaker = await Accounts.SignedInClientAsync(app, $"nobody-{Guid.NewGuid():N}@example.org");
        await Problems.AssertAsync(await speaker.GetAsync($"/api/v1/tracks/{s.TrackId}/timetable/versions"), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await app.CreateClient().GetAsync($"/api/v1/tracks/{s.TrackId}/timetable"), HttpStatusCode.Unauthorized);
        await Problems.AssertAsync(await s.Chair.GetAsync($"/api/v1/tracks/{Guid.NewGuid()}/timetable"), HttpStatusCode.NotFound);
        Assert.Equal(version, await s.VersionAsync());
    }

    [Fact]
    public async Task Hostile_input_is_refused_by_field_and_saves_nothing()
    {
        var s = await EditorScenario.CreateAsync(app);
        var (a, _) = await s.AddTalkAsync("Target talk");
        var version = await s.VersionAsync();
        var url = $"/api/v1/tracks/{s.TrackId}/timetable/slots/{a}";
        Task<HttpResponseMessage> Put(string json) => s.Chair.PutAsync(url, new StringContent(json, Encoding.UTF8, "application/json"));
        var start = EditorScenario.At(s.Day1, 9).ToString("O");

        Assert.Contains("Room", await Problems.FieldsAsync(await Put($$"""{"room":"Ma\u0000in","start":"{{start}}","version":{{version}}}""")));
        Assert.Contains("Room", await Problems.FieldsAsync(await Put($$"""{"room":null,"start":"{{start}}","version":{{version}}}""")));
        Assert.Contains("Start", await Problems.FieldsAsync(await Put($$"""{"room":"Main","start":null,"version":{{version}}}""")));
        Assert.Contains("Version", await Problems.FieldsAsync(await Put("""{"room":"Main","start":"2023-11-13T09:00:00Z"}""")));
        Assert.Contains("Room", await Problems.FieldsAsync(await Put($$"""{"room":"{{new string('x', 5000)}}","start":"{{start}}","version":{{version}}}""")));
        await Problems.AssertAsync(await Put("null"), HttpStatusCode.BadRequest);
        await Problems.AssertAsync(await Put("""{"room":"Main","start":"not a time","version":1}"""), HttpStatusCode.BadRequest);
        // A 2 MB body: the room's length is refused before anything is looked up.
        Assert.Contains("Room", await Problems.FieldsAsync(await Put($$"""{"room":"{{new string('x', 2_000_000)}}","start":"{{start}}","version":{{version}}}""")));
        Assert.Contains("Version", await Problems.FieldsAsync(await s.Chair.DeleteAsync(url)));
        Assert.Equal(version, await s.VersionAsync());
    }

    [Fact]
    public async Task A_pinned_item_is_not_unscheduled_until_unpinned_and_unscheduling_puts_it_back_on_the_unplaced_list()
    {
        var s = await EditorScenario.CreateAsync(app);
        var (opening, _) = await s.AddTalkAsync("Opening");
        await s.MoveNowAsync(opening, "Main", EditorScenario.At(s.Day1, 8, 55), pinned: true);
        var version = await s.VersionAsync();
        var url = $"/api/v1/tracks/{s.TrackId}/timetable/slots/{opening}";

        var refused = await Problems.AssertAsync(await s.Chair.DeleteAsync($"{url}?version={version}"), HttpStatusCode.Conflict);
        Assert.Contains("pinned", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var unpinned = await s.MoveNowAsync(opening, "Main", EditorScenario.At(s.Day1, 9), pinned: false);
        var removed = await Problems.JsonAsync(await s.Chair.DeleteAsync($"{url}?version={unpinned.GetProperty("version").GetInt32()}"));
        Assert.Equal(["NotPlaced"], EditorScenario.Rules(removed));
        var view = await s.GetAsync();
        Assert.Equal(0, view.GetProperty("slots").GetArrayLength());
        Assert.Equal(opening, Assert.Single(view.GetProperty("unplaced").EnumerateArray()).GetProperty("proposalId").GetGuid());
    }
}
