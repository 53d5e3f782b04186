using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Features.Reminders;
using ReviewPortal.Domain.Outbox;
using ReviewPortal.Domain.Reviews;
using ReviewPortal.IntegrationTests.Assignment;
using ReviewPortal.IntegrationTests.Infrastructure;
using ReviewPortal.IntegrationTests.Reviews;

namespace ReviewPortal.IntegrationTests.Reminders;

/// <summary>
/// The hourly review reminders, with the app's clock moved to the track's points (7, 3 and 1 days before the review
/// deadline, then after it): one mail per member with unfinished reviews per point, none to who has finished, a summary
/// per point to the chair, the late list after the deadline; a second run sends nothing new.
/// </summary>
public sealed class ReviewReminderTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    /// <summary>Ann reviews both proposals, Ben the first, Cat the second.</summary>
    private sealed record Setup(ReviewTrack Track, SeatedMember Ann, SeatedMember Ben, SeatedMember Cat, string ChairEmail, DateTimeOffset Deadline);

    private async Task<Setup> CreateAsync()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 3, proposals: 2);
        var (ann, ben, cat) = (track.Members[0], track.Members[1], track.Members[2]);
        await ReviewSteps.AssignAsync(track, track.Proposals[0], ann);
        await ReviewSteps.AssignAsync(track, track.Proposals[1], ann);
        await ReviewSteps.AssignAsync(track, track.Proposals[0], ben);
        await ReviewSteps.AssignAsync(track, track.Proposals[1], cat);
        var (deadline, chairEmail) = await app.WithDbAsync(async db => (
            await db.Tracks.Where(t => t.Id == track.TrackId).Select(t => t.ReviewDeadlineUtc).SingleAsync(),
            await db.People.Where(p => p.Id == track.ChairId).Select(p => p.Email).SingleAsync()));
        return new Setup(track, ann, ben, cat, chairEmail, deadline);
    }

    private Task<int> RunAsync() => app.SendAsSystemAsync(new SendReviewReminders());

    private Task<List<OutboxMessage>> MailsAsync(string email, string kind) =>
        app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == email && m.Kind == kind)
            .OrderBy(m => m.CreatedUtc).ToListAsync());

    private Task<List<OutboxMessage>> RemindersAsync(SeatedMember member) => MailsAsync(member.Email, "review.reminder");

    private Task<List<OutboxMessage>> SummariesAsync(Setup s) => MailsAsync(s.ChairEmail, "review.chair-summary");

    /// <summary>Signs in afresh: with the clock moved weeks ahead, the member's first sign-in cookie has expired.</summary>
    private async Task SubmitAsync(SeatedMember member, Guid proposalId)
    {
        var client = app.CreateBrowserClient();
        await Accounts.SignInAsync(client, member.Email, Accounts.Password);
        await ReviewSteps.SaveAsync(client, proposalId, score: 4, confidence: 3, submit: true, version: 0, committee: "Fine.");
    }

    [Fact]
    public async Task Seven_days_before_the_deadline_each_member_with_unfinished_reviews_gets_one_mail_and_a_second_run_sends_nothing_new()
    {
        var s = await CreateAsync();
        await SubmitAsync(s.Ben, s.Track.Proposals[0]); // Ben has finished
        await ReviewSteps.SaveAsync(s.Ann.Client, s.Track.Proposals[0], score: 3, confidence: null, submit: false, version: 0); // a draft does not count

        app.Clock.SetUtcNow(s.Deadline.AddDays(-7).AddMinutes(-5));
        await RunAsync();
        Assert.Empty(await RemindersAsync(s.Ann)); // not yet

        app.Clock.SetUtcNow(s.Deadline.AddDays(-7).AddMinutes(5));
        await RunAsync();
        var ann = Assert.Single(await RemindersAsync(s.Ann));
        Assert.Contains("2 reviews are still to do", ann.Subject, StringComparison.Ordinal);
        Assert.Contains("Talk 0 about the verifier (draft saved)", ann.TextBody, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/Proposals/{s.Track.Proposals[0]}/Review", ann.TextBody, StringComparison.Ordinal);
        Assert.Contains($"http://localhost/Proposals/{s.Track.Proposals[1]}/Review", ann.TextBody, StringComparison.Ordinal);
        Assert.Contains("6 days 23 hours from now", ann.TextBody, StringComparison.Ordinal);
        Assert.Contains("(America/New_York)", ann.TextBody, StringComparison.Ordinal);
        var cat = Assert.Single(await RemindersAsync(s.Cat));
        Assert.Contains("1 review is still to do", cat.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("Talk 0", cat.TextBody, StringComparison.Ordinal);
        Assert.Empty(await RemindersAsync(s.Ben));

        var summary = Assert.Single(await SummariesAsync(s));
        Assert.Contains("3 of 4 not submitted", summary.Subject, StringComparison.Ordinal);
        Assert.Contains($"- {s.Ann.Name}: 2 of 2", summary.TextBody, StringComparison.Ordinal);
        Assert.Contains($"- {s.Cat.Name}: 1 of 1", summary.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Ben.Name, summary.TextBody, StringComparison.Ordinal);

        app.Clock.Advance(TimeSpan.FromHours(1));
        await RunAsync();
        await RunAsync();
        Assert.Single(await RemindersAsync(s.Ann));
        Assert.Single(await RemindersAsync(s.Cat));
        Assert.Single(await SummariesAsync(s));
    }

    [Fact]
    public async Task The_three_and_one_day_points_remind_again_only_who_is_unfinished_and_after_the_deadline_the_chair_learns_who_is_late()
    {
        var s = await CreateAsync();
        app.Clock.SetUtcNow(s.Deadline.AddDays(-7).AddMinutes(1));
        await RunAsync();

        app.Clock.SetUtcNow(s.Deadline.AddDays(-3).AddMinutes(1));
        await RunAsync();
        Assert.Equal(2, (await RemindersAsync(s.Ann)).Count);
        Assert.Equal(2, (await SummariesAsync(s)).Count);

        await SubmitAsync(s.Ann, s.Track.Proposals[0]);
        await SubmitAsync(s.Ann, s.Track.Proposals[1]);
        await SubmitAsync(s.Ben, s.Track.Proposals[0]);
        app.Clock.SetUtcNow(s.Deadline.AddDays(-1).AddMinutes(1));
        await RunAsync();
        Assert.Equal(2, (await RemindersAsync(s.Ann)).Count); // finished: nothing at the 1-day point
        Assert.Equal(3, (await RemindersAsync(s.Cat)).Count);
        Assert.Contains("23 hours 59 minutes", (await RemindersAsync(s.Cat))[2].TextBody, StringComparison.Ordinal);
        var oneDay = (await SummariesAsync(s))[2];
        Assert.Contains("1 of 4 not submitted", oneDay.Subject, StringComparison.Ordinal);

        app.Clock.SetUtcNow(s.Deadline.AddMinutes(1));
        await RunAsync();
        await RunAsync();
        Assert.Equal(3, (await RemindersAsync(s.Cat)).Count); // no member reminders after the deadline
        var summaries = await SummariesAsync(s);
        Assert.Equal(4, summaries.Count);
        var late = summaries[3];
        Assert.StartsWith("Late reviews", late.Subject, StringComparison.Ordinal);
        Assert.Contains("passed on", late.TextBody, StringComparison.Ordinal);
        Assert.Contains($"- {s.Cat.Name}: 1 of 1", late.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain(s.Ann.Name, late.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_several_points_are_due_at_once_each_member_gets_one_mail_and_the_earlier_points_count_as_passed()
    {
        var s = await CreateAsync();
        // The job was down for a week: the 7-, 3- and 1-day points are all due at the first run.
        app.Clock.SetUtcNow(s.Deadline.AddHours(-20));
        await RunAsync();
        Assert.Single(await RemindersAsync(s.Ann));
        Assert.Single(await RemindersAsync(s.Cat));
        Assert.Single(await SummariesAsync(s));
        var points = await app.WithDbAsync(db => db.ReviewReminders.AsNoTracking()
            .Where(r => r.PersonId == s.Ann.PersonId && r.Kind == ReminderKind.Member).Select(r => r.DaysBefore).OrderBy(d => d).ToListAsync());
        Assert.Equal([1, 3, 7], points);

        app.Clock.Advance(TimeSpan.FromHours(1));
        await RunAsync();
        Assert.Single(await RemindersAsync(s.Ann));
        Assert.Single(await SummariesAsync(s));
    }

    [Fact]
    public async Task A_member_who_submitted_everything_and_a_conflicted_assignment_get_no_reminder()
    {
        var s = await CreateAsync();
        await SubmitAsync(s.Ben, s.Track.Proposals[0]);
        // Cat declares a conflict on her only proposal: it is not hers to review any more.
        Assert.Equal(System.Net.HttpStatusCode.OK, (await System.Net.Http.Json.HttpClientJsonExtensions.PutAsJsonAsync(s.Cat.Client,
            $"/api/v1/proposals/{s.Track.Proposals[1]}/bid", new { bid = "Conflict" })).StatusCode);

        app.Clock.SetUtcNow(s.Deadline.AddDays(-7).AddMinutes(1));
        await RunAsync();
        Assert.Empty(await RemindersAsync(s.Ben));
        Assert.Empty(await RemindersAsync(s.Cat));
        Assert.Single(await RemindersAsync(s.Ann));
    }
}
