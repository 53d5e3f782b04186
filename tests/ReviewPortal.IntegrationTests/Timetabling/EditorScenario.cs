using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Timetabling;

/// <summary>
/// A track (conference in America/New_York, 60–62 days ahead) with a grid made directly in the database (the grid's
/// own use case is another part): rooms Main and Side; day one 09:00–11:00 and 11:30–13:00 in both, coffee
/// 11:00–11:30; day two 09:00–11:00 in Main. Talks are added confirmed (the real lifecycle methods), each speaker with
/// an address; <see cref="SpeakerPersonId"/> is an account that can speak in several talks.
/// </summary>
public sealed record EditorScenario(ReviewPortalApp App, Guid TrackId, Guid ConferenceId, HttpClient Chair, string ChairEmail, DateOnly Day1, Guid SpeakerPersonId, string SpeakerEmail)
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(TestTracks.TimeZone);

    public DateOnly Day2 => Day1.AddDays(1);

    public static async Task<EditorScenario> CreateAsync(ReviewPortalApp app)
    {
        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        var chair = await Accounts.SignedInClientAsync(app, chairEmail, "Carla Chair", "Chair University");
        var trackId = await TestTracks.CreateAsync(app, chairEmail);
        var speakerEmail = $"speaker-{Guid.NewGuid():N}@example.org";
        await Accounts.SignedInClientAsync(app, speakerEmail, "Sam Speaker", "Speaker Labs");
        var (conferenceId, day1, personId) = await app.WithDbAsync(async db =>
        {
            var track = await db.Tracks.Include(t => t.Conference).SingleAsync(t => t.Id == trackId);
            var person = await db.People.SingleAsync(p => p.Email == speakerEmail);
            var day = track.Conference.StartDate;
            db.Timetables.Add(new Timetable
            {
                TrackId = trackId,
                Rooms = [new GridRoom { Name = "Main", Capacity = 200 }, new GridRoom { Name = "Side", Capacity = 50 }],
                Blocks =
                [
                    new GridBlock { Day = day, Start = new(9, 0), End = new(11, 0), Rooms = ["Main", "Side"] },
                    new GridBlock { Day = day, Start = new(11, 30), End = new(13, 0), Rooms = ["Main", "Side"] },
                    new GridBlock { Day = day.AddDays(1), Start = new(9, 0), End = new(11, 0), Rooms = ["Main"] },
                ],
                Breaks = [new GridBreak { Day = day, Start = new(11, 0), End = new(11, 30), Title = "Coffee" }],
                UpdatedUtc = app.Clock.GetUtcNow(),
            });
            await db.SaveChangesAsync();
            return (track.ConferenceId, day, person.Id);
        });
        return new EditorScenario(app, trackId, conferenceId, chair, chairEmail, day1, personId, speakerEmail);
    }

    /// <summary>The instant of a wall-clock time of the conference.</summary>
    public static DateTimeOffset At(DateOnly day, int hour, int minute = 0) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, minute)), Zone), TimeSpan.Zero);

    /// <summary>
    /// A confirmed talk whose lead speaker has no account (a fresh address, or <paramref name="leadEmail"/>);
    /// <paramref name="withAccountSpeaker"/> adds the account speaker (<see cref="SpeakerPersonId"/>) as a co-speaker.
    /// </summary>
    public Task<(Guid Id, string Email)> AddTalkAsync(string title, bool withAccountSpeaker = false, int minutes = 30,
        IReadOnlyList<UnavailableBlock>? unavailable = null, Guid? trackId = null, string? leadEmail = null) =>
        App.WithDbAsync(async db =>
        {
            var track = await db.Tracks.Include(t => t.Conference).SingleAsync(t => t.Id == (trackId ?? TrackId));
            var now = App.Clock.GetUtcNow();
            var email = leadEmail ?? $"talk-{Guid.NewGuid():N}@example.org";
            var submission = new Submission
            {
                TrackId = track.Id, Title = title, Abstract = $"All about *{title}*.", Topics = ["verifier"], DurationMinutes = minutes,
                CreatedUtc = now, UpdatedUtc = now,
                Speakers = [new SubmissionSpeaker { Order = 0, Name = "Lead of " + title, Email = email, Affiliation = "Kernel Inc." }],
            };
            if (withAccountSpeaker)
                submission.Speakers.Add(new SubmissionSpeaker { Order = 1, Name = "Sam Speaker", Email = SpeakerEmail, PersonId = SpeakerPersonId });
            submission.MarkImportedAsSubmitted(now);
            submission.StartReview(now);
            submission.Decide(SubmissionStatus.Accepted, null, now);
            submission.ReleaseDecision(now);
            submission.Confirm(now);
            db.Submissions.Add(submission);
            var offer = new SpeakerConfirmation { TrackId = track.Id, SubmissionId = submission.Id, OfferedUtc = now };
            offer.Confirm(track, submission.Speakers[0].Id, null, unavailable ?? [], [], now);
            db.SpeakerConfirmations.Add(offer);
            await db.SaveChangesAsync();
            return (submission.Id, email);
        });

    /// <summary>Another track of the same conference, with its own grid (Main, day one 09:00–11:00), chaired by the same chair.</summary>
    public async Task<Guid> AddOtherTrackAsync()
    {
        var slug = "other-" + Guid.NewGuid().ToString("N")[..6];
        return await App.WithDbAsync(async db =>
        {
            var track = await db.Tracks.AsNoTracking().SingleAsync(t => t.Id == TrackId);
            var other = new Track
            {
                ConferenceId = ConferenceId, Name = "Other track " + slug, Slug = slug, CfpOpensUtc = track.CfpOpensUtc, CfpClosesUtc = track.CfpClosesUtc,
                ReviewDeadlineUtc = track.ReviewDeadlineUtc,
            };
            db.Tracks.Add(other);
            db.Timetables.Add(new Timetable
            {
                TrackId = other.Id, Rooms = [new GridRoom { Name = "Main", Capacity = 100 }],
                Blocks = [new GridBlock { Day = Day1, Start = new(9, 0), End = new(11, 0), Rooms = ["Main"] }],
            });
            await db.SaveChangesAsync();
            return other.Id;
        });
    }

    /// <summary>Places an item directly in a track's working copy (as the runs' apply would).</summary>
    public Task PlaceDirectlyAsync(Guid trackId, Guid proposalId, string room, DateTimeOffset start, int minutes = 30, bool pinned = false) =>
        App.WithDbAsync(async db =>
        {
            db.TimetableSlots.Add(new TimetableSlot { TrackId = trackId, SubmissionId = proposalId, Room = room, StartUtc = start, EndUtc = start.AddMinutes(minutes), Pinned = pinned });
            var timetable = await db.Timetables.SingleAsync(t => t.TrackId == trackId);
            timetable.Touch(App.Clock.GetUtcNow(), null);
            await db.SaveChangesAsync();
        });

    public async Task<JsonElement> GetAsync(HttpClient? client = null) =>
        await Problems.JsonAsync(await (client ?? Chair).GetAsync($"/api/v1/tracks/{TrackId}/timetable"));

    public async Task<int> VersionAsync() => (await GetAsync()).GetProperty("version").GetInt32();

    public Task<HttpResponseMessage> MoveAsync(Guid proposalId, string room, DateTimeOffset start, int version, bool? pinned = null) =>
        Chair.PutAsJsonAsync($"/api/v1/tracks/{TrackId}/timetable/slots/{proposalId}", new { room, start, version, pinned });

    /// <summary>Moves from the current version and returns the answer (200 expected).</summary>
    public async Task<JsonElement> MoveNowAsync(Guid proposalId, string room, DateTimeOffset start, bool? pinned = null) =>
        await Problems.JsonAsync(await MoveAsync(proposalId, room, start, await VersionAsync(), pinned));

    public Task<HttpResponseMessage> PublishAsync() => Chair.PostAsync($"/api/v1/tracks/{TrackId}/timetable/publish", null);

    public static IReadOnlyList<string> Rules(JsonElement answer) =>
        [.. answer.GetProperty("warnings").EnumerateArray().Select(w => w.GetProperty("rule").GetString()!)];

    /// <summary>The timetable mails to these addresses, oldest first.</summary>
    public Task<List<Domain.Outbox.OutboxMessage>> MailsToAsync(params string[] addresses) =>
        App.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => addresses.Contains(m.ToAddress) && m.Kind.StartsWith("timetable.")).OrderBy(m => m.CreatedUtc).ToListAsync());
}
