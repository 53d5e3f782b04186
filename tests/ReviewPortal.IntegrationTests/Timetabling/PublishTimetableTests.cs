using System.Net;
using System.Net.Http.Json;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Features.Timetabling;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Timetabling;

/// <summary>Publishing the working copy: refused while a hard rule is broken, versions with changelogs, Scheduled, and mails with iCal only to those affected.</summary>
public sealed class PublishTimetableTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    [Fact]
    public async Task Publishing_is_refused_while_a_hard_rule_is_broken_naming_each_and_nothing_is_published_or_mailed()
    {
        var s = await EditorScenario.CreateAsync(app);
        var (a, aMail) = await s.AddTalkAsync("Overlapping one");
        var (b, bMail) = await s.AddTalkAsync("Overlapping two");
        var (_, cMail) = await s.AddTalkAsync("Never placed");
        await s.MoveNowAsync(a, "Main", EditorScenario.At(s.Day1, 9));
        await s.MoveNowAsync(b, "Main", EditorScenario.At(s.Day1, 9));

        var problem = await Problems.AssertAsync(await s.PublishAsync(), HttpStatusCode.BadRequest);
        var errors = problem.GetProperty("errors");
        Assert.Contains("\"Overlapping one\" and \"Overlapping two\" overlap in Main", errors.GetProperty("RoomOverlap")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("\"Never placed\" is on the programme but not placed", errors.GetProperty("NotPlaced")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.PublishedTimetables.CountAsync(p => p.TrackId == s.TrackId)));
        Assert.Empty(await s.MailsToAsync(aMail, bMail, cMail));
        Assert.Equal(SubmissionStatus.Confirmed, await app.WithDbAsync(db => db.Submissions.Where(x => x.Id == a).Select(x => x.Status).SingleAsync()));
    }

    [Fact]
    public async Task Publish_makes_version_1_marks_the_talks_scheduled_and_mails_each_speaker_once_with_an_ical_event()
    {
        var s = await EditorScenario.CreateAsync(app);
        var (a, aMail) = await s.AddTalkAsync("First talk", withAccountSpeaker: true);
        var (b, bMail) = await s.AddTalkAsync("Second talk");
        await s.MoveNowAsync(a, "Main", EditorScenario.At(s.Day1, 9));
        await s.MoveNowAsync(b, "Side", EditorScenario.At(s.Day1, 9, 30));

        var published = await Problems.JsonAsync(await s.PublishAsync());
        Assert.Equal(1, published.GetProperty("version").GetInt32());
        Assert.Equal(2, published.GetProperty("changes").GetProperty("new").GetInt32());
        Assert.Equal(1, (await s.GetAsync()).GetProperty("publishedVersion").GetInt32());
        var statuses = await app.WithDbAsync(db => db.Submissions.Where(x => x.Id == a || x.Id == b).Select(x => x.Status).ToListAsync());
        Assert.All(statuses, st => Assert.Equal(SubmissionStatus.Scheduled, st));

        var mails = await s.MailsToAsync(aMail, bMail, s.SpeakerEmail);
        Assert.Equal(3, mails.Count);
        Assert.All(mails, m => Assert.Equal("timetable.scheduled", m.Kind));
        var toA = Assert.Single(mails, m => m.ToAddress == aMail);
        Assert.Contains("Your talk is scheduled: First talk", toA.Subject, StringComparison.Ordinal);
        // The time in the conference's zone, as every mail shows times.
        Assert.Contains("09:00 UTC-05:00 (America/New_York)", toA.TextBody, StringComparison.Ordinal);
        var attachment = Assert.Single(toA.Attachments);
        Assert.Equal(TalkCalendar.ContentType, attachment.ContentType);
        var calendar = Calendar.Load(attachment.Content)!;
        var ev = Assert.Single(calendar.Events);
        Assert.Equal(TalkCalendar.Uid(a), ev.Uid);
        Assert.Equal(1, ev.Sequence);
        Assert.Equal("First talk", ev.Summary);
        Assert.Equal("Main", ev.Location);
        Assert.Equal(EditorScenario.At(s.Day1, 9).UtcDateTime, ev.DtStart!.AsUtc);
        Assert.Equal(EditorScenario.At(s.Day1, 9, 30).UtcDateTime, ev.DtEnd!.AsUtc);

        var version = await Problems.JsonAsync(await s.Chair.GetAsync($"/api/v1/tracks/{s.TrackId}/timetable/versions/1"));
        Assert.Equal(2, version.GetProperty("slots").GetArrayLength());
        var slot = version.GetProperty("slots").EnumerateArray().Single(x => x.GetProperty("proposalId").GetGuid() == a);
        Assert.Equal("All about *First talk*.", slot.GetProperty("abstract").GetString());
        Assert.Equal(["Lead of First talk", "Sam Speaker"], slot.GetProperty("speakers").EnumerateArray().Select(x => x.GetProperty("name").GetString()));
        Assert.Equal("Coffee", Assert.Single(version.GetProperty("breaks").EnumerateArray()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Moving_one_talk_and_republishing_makes_version_2_with_Moved_and_mails_only_that_talks_speakers()
    {
        var s = await EditorScenario.CreateAsync(app);
        var (a, aMail) = await s.AddTalkAsync("Stays put");
        var (b, bMail) = await s.AddTalkAsync("Moves later");
        await s.MoveNowAsync(a, "Main", EditorScenario.At(s.Day1, 9));
        await s.MoveNowAsync(b, "Main", EditorScenario.At(s.Day1, 9, 30));
        await Problems.JsonAsync(await s.PublishAsync());
        Assert.Equal(2, (await s.MailsToAsync(aMail, bMail)).Count);

        var preview = (await s.MoveNowAsync(b, "Side", EditorScenario.At(s.Day1, 12)), await s.GetAsync()).Item2;
        Assert.Equal(1, preview.GetProperty("changes").GetProperty("moved").GetInt32());
        var second = await Problems.JsonAsync(await s.PublishAsync());
        Assert.Equal(2, second.GetProperty("version").GetInt32());

        var versions = await Problems.JsonAsync(await s.Chair.GetAsync($"/api/v1/tracks/{s.TrackId}/timetable/versions"));
        var latest = versions.GetProperty("versions")[0];
        Assert.Equal(2, latest.GetProperty("number").GetInt32());
        var change = Assert.Single(latest.GetProperty("changes").EnumerateArray());
        Assert.Equal("Moved", change.GetProperty("kind").GetString());
        Assert.Equal(b, change.GetProperty("proposalId").GetGuid());
        Assert.Equal("Main", change.GetProperty("fromRoom").GetString());
        Assert.Equal("Side", change.GetProperty("toRoom").GetString());

        var mails = await s.MailsToAsync(aMail, bMail);
        Assert.Single(mails, m => m.ToAddress == aMail); // only the first publish's
        var moved = mails.Where(m => m.ToAddress == bMail).ToList();
        Assert.Equal(2, moved.Count);
        Assert.Contains("Your talk has moved: Moves later", moved[1].Subject, StringComparison.Ordinal);
        Assert.Contains("12:00 UTC-05:00", moved[1].TextBody, StringComparison.Ordinal);
        var ev = Assert.Single(Calendar.Load(Assert.Single(moved[1].Attachments).Content)!.Events);
        Assert.Equal(TalkCalendar.Uid(b), ev.Uid);
        Assert.Equal(2, ev.Sequence);

        // The old version stays readable as it was.
        var first = await Problems.JsonAsync(await s.Chair.GetAsync($"/api/v1/tracks/{s.TrackId}/timetable/versions/1"));
        var old = first.GetProperty("slots").EnumerateArray().Single(x => x.GetProperty("proposalId").GetGuid() == b);
        Assert.Equal("Main", old.GetProperty("room").GetString());
        Assert.Equal(EditorScenario.At(s.Day1, 9, 30), old.GetProperty("startUtc").GetDateTimeOffset());
        await Problems.AssertAsync(await s.Chair.GetAsync($"/api/v1/tracks/{s.TrackId}/timetable/versions/3"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Publishing_again_with_nothing_changed_is_refused_and_mails_no_one()
    {
        var s = await EditorScenario.CreateAsync(app);
        var (a, aMail) = await s.AddTalkAsync("Only talk");
        await s.MoveNowAsync(a, "Main", EditorScenario.At(s.Day1, 10));
        await Problems.JsonAsync(await s.PublishAsync());

        var refused = await Problems.AssertAsync(await s.PublishAsync(), HttpStatusCode.Conflict);
        Assert.Contains("Nothing has changed since version 1", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Single(await s.MailsToAsync(aMail));
        Assert.Equal(1, await app.WithDbAsync(db => db.PublishedTimetables.CountAsync(p => p.TrackId == s.TrackId)));
    }

    [Fact]
    public async Task A_talk_declined_after_publishing_is_flagged_then_unscheduled_is_Removed_and_its_speakers_get_a_short_notice()
    {
        var s = await EditorScenario.CreateAsync(app);
        var (a, aMail) = await s.AddTalkAsync("Kept talk");
        var (b, bMail) = await s.AddTalkAsync("Dropped talk", withAccountSpeaker: true);
        await s.MoveNowAsync(a, "Main", EditorScenario.At(s.Day1, 9));
        await s.MoveNowAsync(b, "Main", EditorScenario.At(s.Day1, 9, 30));
        await Problems.JsonAsync(await s.PublishAsync());
        Assert.Equal(SubmissionStatus.Scheduled, await app.WithDbAsync(db => db.Submissions.Where(x => x.Id == b).Select(x => x.Status).SingleAsync()));

        // A late decline: the speaker gives up the scheduled talk, signed in on the proposal.
        var speaker = app.CreateBrowserClient();
        await Accounts.SignInAsync(speaker, s.SpeakerEmail, Accounts.Password);
        await Problems.JsonAsync(await speaker.PostAsJsonAsync($"/api/v1/proposals/{b}/decline", new { reason = "My flight was cancelled." }));
        Assert.Equal(SubmissionStatus.Declined, await app.WithDbAsync(db => db.Submissions.Where(x => x.Id == b).Select(x => x.Status).SingleAsync()));

        // The chair's working copy still holds its slot, flagged, and publishing is refused until it is taken off.
        var refused = await Problems.AssertAsync(await s.PublishAsync(), HttpStatusCode.BadRequest);
        Assert.Contains("\"Dropped talk\"", refused.GetProperty("errors").GetProperty("NoLongerOnProgramme")[0].GetString(), StringComparison.Ordinal);
        var version = await s.VersionAsync();
        await Problems.JsonAsync(await s.Chair.DeleteAsync($"/api/v1/tracks/{s.TrackId}/timetable/slots/{b}?version={version}"));

        var second = await Problems.JsonAsync(await s.PublishAsync());
        Assert.Equal(1, second.GetProperty("changes").GetProperty("removed").GetInt32());
        var notice = (await s.MailsToAsync(bMail)).Last();
        Assert.Equal("timetable.removed", notice.Kind);
        Assert.Contains("no longer", notice.Subject, StringComparison.Ordinal);
        // With the event's cancellation: same UID as the first mail's event, this version's SEQUENCE.
        var cancel = Assert.Single(notice.Attachments);
        Assert.StartsWith("text/calendar; method=CANCEL", cancel.ContentType, StringComparison.Ordinal);
        var calendar = Calendar.Load(cancel.Content)!;
        Assert.Equal("CANCEL", calendar.Method);
        var cancelled = Assert.Single(calendar.Events);
        Assert.Equal(TalkCalendar.Uid(b), cancelled.Uid);
        Assert.Equal(2, cancelled.Sequence);
        Assert.Equal("CANCELLED", cancelled.Status);
        Assert.Equal(EditorScenario.At(s.Day1, 9, 30).UtcDateTime, cancelled.DtStart!.AsUtc);
        Assert.Single(await s.MailsToAsync(aMail));
    }
}
