using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Timetabling;

/// <summary>The chair's grid through the API: round trip, every refusal with its field, hostile input, stranded talks, capacity.</summary>
public sealed class GridTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    [Fact]
    public async Task The_chair_saves_rooms_blocks_and_breaks_and_reads_them_back_with_the_slots_they_hold()
    {
        var c = await TimetableConference.CreateAsync(app);
        var track = await c.TrackAsync("Grid round trip");
        var empty = await Problems.JsonAsync(await c.Chair.GetAsync($"/api/v1/tracks/{track}/timetable/grid"));
        Assert.False(empty.GetProperty("exists").GetBoolean());
        Assert.Equal(0, empty.GetProperty("slots").GetInt32());

        var saved = await c.SaveGridAsync(track, new
        {
            rooms = new[] { new { name = " Main room ", capacity = 200 }, new { name = "Side", capacity = 40 } },
            blocks = new[]
            {
                new { day = c.Day(1), start = "11:30", end = "13:00", rooms = new[] { "main ROOM" } },
                new { day = c.Day(), start = "09:30", end = "11:00", rooms = new[] { "Main room", "Side" } },
            },
            breaks = new[] { new { day = c.Day(), start = "11:00", end = "11:30", title = "Coffee" } },
        });
        Assert.True(saved.GetProperty("exists").GetBoolean());
        Assert.Equal(30, saved.GetProperty("slotMinutes").GetInt32());
        Assert.Equal(3 * 2 + 3, saved.GetProperty("slots").GetInt32());

        var read = await Problems.JsonAsync(await c.Chair.GetAsync($"/api/v1/tracks/{track}/timetable/grid"));
        Assert.Equal(["Main room", "Side"], read.GetProperty("rooms").EnumerateArray().Select(r => r.GetProperty("name").GetString()!));
        var first = read.GetProperty("blocks")[0];
        Assert.Equal(c.Day(), first.GetProperty("day").GetString());
        Assert.Equal("09:30", first.GetProperty("start").GetString());
        Assert.Equal("11:00", first.GetProperty("end").GetString());
        Assert.Equal(["Main room"], read.GetProperty("blocks")[1].GetProperty("rooms").EnumerateArray().Select(r => r.GetString()!));
        Assert.Equal("Coffee", read.GetProperty("breaks")[0].GetProperty("title").GetString());
        Assert.Equal(TestTracks.TimeZone, read.GetProperty("timeZoneId").GetString());

        var version = read.GetProperty("version").GetInt32();
        var again = await c.SaveGridAsync(track, c.OneBlock("09:00", "10:00"));
        Assert.Equal(version + 1, again.GetProperty("version").GetInt32());
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.TrackId == track && a.Action == "timetable.grid-saved")));

        // A stale version (a colleague saved since) is 409 and changes nothing.
        var stale = await c.Chair.PutAsJsonAsync($"/api/v1/tracks/{track}/timetable/grid",
            new { rooms = new[] { new { name = "X", capacity = 1 } }, blocks = Array.Empty<object>(), breaks = Array.Empty<object>(), version });
        await Problems.AssertAsync(stale, HttpStatusCode.Conflict);
        Assert.Equal("Main", (await app.WithDbAsync(db => db.Timetables.SingleAsync(t => t.TrackId == track))).Rooms.Single().Name);
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { """{"rooms":[{"name":"","capacity":10}],"blocks":[],"breaks":[]}""", "Rooms[0].Name", "Give the room a name." },
        { """{"rooms":[{"name":"A","capacity":0}],"blocks":[],"breaks":[]}""", "Rooms[0].Capacity", "capacity is a number of seats" },
        { """{"rooms":[{"name":"A"}],"blocks":[],"breaks":[]}""", "Rooms[0].Capacity", "Give the room's capacity" },
        { """{"rooms":[{"name":"Main","capacity":1},{"name":" main ","capacity":2}],"blocks":[],"breaks":[]}""", "Rooms[1].Name", "There is already a room called \"Main\"" },
        { """{"rooms":[{"name":"A","capacity":1}],"blocks":[{"day":"13/11/2023","start":"09:00","end":"10:00","rooms":["A"]}],"breaks":[]}""", "Blocks[0].Day", "a date such as 2023-11-13" },
        { """{"rooms":[{"name":"A","capacity":1}],"blocks":[{"day":"DAY0","start":"9.30","end":"10:00","rooms":["A"]}],"breaks":[]}""", "Blocks[0].Start", "a time such as 09:30" },
        { """{"rooms":[{"name":"A","capacity":1}],"blocks":[{"day":"DAY0","start":"10:00","end":"09:00","rooms":["A"]}],"breaks":[]}""", "Blocks[0].End", "must end after it starts" },
        { """{"rooms":[{"name":"A","capacity":1}],"blocks":[{"day":"DAY0","start":"09:00","end":"09:20","rooms":["A"]}],"breaks":[]}""", "Blocks[0].End", "at least one slot long (30 minutes)" },
        { """{"rooms":[{"name":"A","capacity":1}],"blocks":[{"day":"DAY0","start":"09:00","end":"10:00","rooms":["B"]}],"breaks":[]}""", "Blocks[0].Rooms", "names a room \"B\" that the grid does not have" },
        { """{"rooms":[{"name":"A","capacity":1}],"blocks":[{"day":"DAY0","start":"09:00","end":"10:00","rooms":[]}],"breaks":[]}""", "Blocks[0].Rooms", "Choose at least one room" },
        { """{"rooms":[{"name":"A","capacity":1}],"blocks":[{"day":"DAY0","start":"09:00","end":"10:30","rooms":["A"]},{"day":"DAY0","start":"10:00","end":"11:00","rooms":["a"]}],"breaks":[]}""", "Blocks[1].Start", "overlaps another block of the room \"A\"" },
        { """{"rooms":[{"name":"A","capacity":1}],"blocks":[{"day":"DAY9","start":"09:00","end":"10:00","rooms":["A"]}],"breaks":[]}""", "Blocks[0].Day", "is not a day of the conference" },
        { """{"rooms":[],"blocks":[],"breaks":[{"day":"DAY0","start":"11:00","end":"11:30","title":" "}]}""", "Breaks[0].Title", "Give the break a title" },
        { """{"rooms":[],"blocks":[],"breaks":[{"day":"DAY0","start":"11:30","end":"11:00","title":"Coffee"}]}""", "Breaks[0].End", "must end after it starts" },
        { """{"rooms":[{"name":"A\u0000","capacity":1}],"blocks":[],"breaks":[]}""", "Rooms[0].Name", "" },
        { """{"rooms":[null],"blocks":[],"breaks":[]}""", "Rooms[0]", "" },
        { """{"rooms":[{"name":"A","capacity":1}],"blocks":[{"day":"DAY0","start":"09:00","end":"10:00","rooms":[null]}],"breaks":[]}""", "Blocks[0].Rooms[0]", "" },
        { """{"rooms":[],"blocks":[],"breaks":[{"day":"DAY0","start":"11:00","end":"11:30","title":"Cof\u0007fee"}]}""", "Breaks[0].Title", "" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_grid_that_breaks_a_rule_is_refused_naming_the_field_and_nothing_is_saved(string body, string field, string message)
    {
        var c = await TimetableConference.CreateAsync(app);
        var track = await c.TrackAsync("Grid refusals");
        var json = body.Replace("DAY0", c.Day(), StringComparison.Ordinal).Replace("DAY9", c.FirstDay.AddDays(9).ToString("yyyy-MM-dd"), StringComparison.Ordinal);
        var response = await c.Chair.PutAsync($"/api/v1/tracks/{track}/timetable/grid", new StringContent(json, Encoding.UTF8, "application/json"));
        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        var found = errors.EnumerateObject().FirstOrDefault(e => string.Equals(e.Name, field, StringComparison.OrdinalIgnoreCase));
        Assert.True(found.Value.ValueKind == JsonValueKind.Array, $"no error for {field} in {errors}");
        Assert.Contains(message, string.Join(" ", found.Value.EnumerateArray().Select(m => m.GetString())), StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Timetables.AnyAsync(t => t.TrackId == track)));
    }

    [Fact]
    public async Task A_time_the_clocks_skip_is_refused_with_the_reason()
    {
        // The conference's zone (America/New_York) skips 02:00–03:00 on the second Sunday of March.
        var c = await TimetableConference.CreateAsync(app);
        var track = await c.TrackAsync("DST");
        var year = c.FirstDay.Year + 1;
        var sunday = new DateOnly(year, 3, 8);
        while (sunday.DayOfWeek != DayOfWeek.Sunday)
            sunday = sunday.AddDays(1);
        await app.WithDbAsync(db => db.Conferences.Where(x => x.Id == c.ConferenceId)
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.StartDate, sunday).SetProperty(x => x.EndDate, sunday)));
        var response = await c.Chair.PutAsJsonAsync($"/api/v1/tracks/{track}/timetable/grid", new
        {
            rooms = new[] { new { name = "A", capacity = 1 } },
            blocks = new[] { new { day = sunday.ToString("yyyy-MM-dd"), start = "02:30", end = "04:00", rooms = new[] { "A" } } },
            breaks = Array.Empty<object>(),
        });
        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("does not exist in America/New_York", problem.GetProperty("errors").GetProperty("Blocks[0].Start")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_input_and_callers_other_than_the_chair_are_refused()
    {
        var c = await TimetableConference.CreateAsync(app);
        var track = await c.TrackAsync("Grid hostile");
        var other = await TimetableConference.CreateAsync(app);
        var otherTrack = await other.TrackAsync("Other");
        var url = $"/api/v1/tracks/{track}/timetable/grid";

        var huge = new { rooms = Enumerable.Range(0, Timetable.MaxRooms + 1).Select(i => new { name = $"R{i}", capacity = 1 }).ToArray(), blocks = Array.Empty<object>(), breaks = Array.Empty<object>() };
        Assert.Contains("Rooms", await Problems.FieldsAsync(await c.Chair.PutAsJsonAsync(url, huge)));
        var longName = new { rooms = new[] { new { name = new string('x', Timetable.MaxRoomNameLength + 1), capacity = 1 } }, blocks = Array.Empty<object>(), breaks = Array.Empty<object>() };
        Assert.Contains("Rooms[0].Name", await Problems.FieldsAsync(await c.Chair.PutAsJsonAsync(url, longName)));
        foreach (var body in new[] { "{\"rooms\":\"Main\"}", "{\"rooms\":[{\"name\":[\"A\"]}]}", "{\"blocks\":[{\"day\":20231113}]}", "[]" })
        {
            var response = await c.Chair.PutAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body}: {response.StatusCode}");
        }

        // Another conference's chair is not this track's chair; a speaker is not either; an unknown track is 404.
        await Problems.AssertAsync(await other.Chair.PutAsJsonAsync(url, c.OneBlock("09:00", "10:00")), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await other.Chair.GetAsync(url), HttpStatusCode.Forbidden);
        var (speaker, _) = await c.SpeakerAsync("Sly Speaker");
        await Problems.AssertAsync(await speaker.GetAsync(url), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await c.Chair.GetAsync($"/api/v1/tracks/{Guid.NewGuid()}/timetable/grid"), HttpStatusCode.NotFound);
        Assert.False(await app.WithDbAsync(db => db.Timetables.AnyAsync(t => t.TrackId == track || t.TrackId == otherTrack)));
    }

    [Fact]
    public async Task Removing_a_block_with_placed_talks_is_saved_and_says_how_many_are_now_outside_the_grid()
    {
        var c = await TimetableConference.CreateAsync(app);
        var track = await c.TrackAsync("Stranded");
        var (speaker, _) = await c.SpeakerAsync("Stella Speaker");
        var a = await TimetableConference.SubmitAsync(speaker, track, "Talk in the morning");
        await c.SaveGridAsync(track, new
        {
            rooms = new[] { new { name = "Main", capacity = 100 } },
            blocks = new[] { new { day = c.Day(), start = "09:00", end = "10:00", rooms = new[] { "Main" } }, new { day = c.Day(), start = "14:00", end = "15:00", rooms = new[] { "Main" } } },
            breaks = Array.Empty<object>(),
        });
        await app.WithDbAsync(db =>
        {
            db.TimetableSlots.Add(new TimetableSlot { TrackId = track, SubmissionId = a, Room = "Main", StartUtc = c.At(0, 9, 0), EndUtc = c.At(0, 9, 30) });
            return db.SaveChangesAsync();
        });

        var saved = await c.SaveGridAsync(track, c.OneBlock("14:00", "15:00"));
        Assert.Equal(1, saved.GetProperty("slotsOutsideGrid").GetInt32());
        Assert.Equal(2, saved.GetProperty("slots").GetInt32());
    }

    [Fact]
    public async Task Once_a_grid_exists_the_programme_capacity_is_its_slots_less_those_of_pinned_items()
    {
        var c = await TimetableConference.CreateAsync(app);
        var track = await c.TrackAsync("Capacity");
        await app.WithDbAsync(db => db.Tracks.Where(t => t.Id == track).ExecuteUpdateAsync(u => u.SetProperty(t => t.ProgrammeCapacity, 7)));
        var before = await Problems.JsonAsync(await c.Chair.GetAsync($"/api/v1/tracks/{track}/capacity"));
        Assert.Equal(7, before.GetProperty("capacity").GetInt32());

        var (speaker, _) = await c.SpeakerAsync("Opal Opening");
        var opening = await TimetableConference.SubmitAsync(speaker, track, "Opening");
        await c.SaveGridAsync(track, c.OneBlock("09:00", "11:00"));
        await app.WithDbAsync(db =>
        {
            db.TimetableSlots.Add(new TimetableSlot { TrackId = track, SubmissionId = opening, Room = "Main", StartUtc = c.At(0, 9, 0), EndUtc = c.At(0, 9, 10), Pinned = true });
            return db.SaveChangesAsync();
        });
        var after = await Problems.JsonAsync(await c.Chair.GetAsync($"/api/v1/tracks/{track}/capacity"));
        Assert.Equal(4 - 1, after.GetProperty("capacity").GetInt32());
    }

    [Fact]
    public async Task On_the_grid_page_a_bad_row_shows_its_field_error_and_a_good_grid_is_saved_and_drawn()
    {
        var c = await TimetableConference.CreateAsync(app);
        var track = await c.TrackAsync("Grid page");
        var page = await HtmlPage.GetAsync(c.Chair, $"/Chair/{track}/Grid");
        var refused = await page.SubmitAsync(c.Chair, new Dictionary<string, string>
        {
            ["Rooms[0].Name"] = "Main", ["Rooms[0].Capacity"] = "many",
            ["Blocks[0].Day"] = c.Day(), ["Blocks[0].Start"] = "09:00", ["Blocks[0].End"] = "10:00", ["Blocks[0].Rooms"] = "Main",
        }, "form.form.wide");
        var shown = await HtmlPage.ParseAsync(refused);
        Assert.Contains("A room's capacity is a number of seats", shown.Text, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.Timetables.AnyAsync(t => t.TrackId == track)));

        var saved = await page.SubmitAsync(c.Chair, new Dictionary<string, string>
        {
            ["Rooms[0].Name"] = "Main", ["Rooms[0].Capacity"] = "80",
            ["Blocks[0].Day"] = c.Day(), ["Blocks[0].Start"] = "09:00", ["Blocks[0].End"] = "10:00", ["Blocks[0].Rooms"] = "Main",
            ["Breaks[0].Day"] = c.Day(), ["Breaks[0].Start"] = "10:00", ["Breaks[0].End"] = "10:30", ["Breaks[0].Title"] = "Coffee",
        }, "form.form.wide");
        Assert.True(HtmlPage.IsRedirect(saved), saved.StatusCode.ToString());
        var after = await HtmlPage.GetAsync(c.Chair, $"/Chair/{track}/Grid");
        Assert.Contains("Grid saved: 2 slots of 30 minutes", after.Text, StringComparison.Ordinal);
        Assert.NotNull(after.Document.QuerySelector("svg.chart"));
    }
}
