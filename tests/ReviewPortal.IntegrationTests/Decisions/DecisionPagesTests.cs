using System.Net;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Decisions.ReleaseSteps;

namespace ReviewPortal.IntegrationTests.Decisions;

/// <summary>
/// The pages of release (issue 9): the chair's release page with its confirmation step, the Letters page with its
/// preview, and what speakers see of a released decision on their proposal page and in "My proposals".
/// </summary>
public sealed class DecisionPagesTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private async Task<(DecisionTrack Track, DecidedProposal Accepted, DecidedProposal Rejected, DecidedProposal Waitlisted)> DecidedTrackAsync()
    {
        var track = await DecisionTrack.CreateAsync(app, 3);
        var (a, r, w) = (track.Proposals[0], track.Proposals[1], track.Proposals[2]);
        await DecideAsync(app, a.Id, SubmissionStatus.Accepted);
        await DecideAsync(app, r.Id, SubmissionStatus.Rejected);
        await DecideAsync(app, w.Id, SubmissionStatus.Waitlisted, 2);
        return (track, a, r, w);
    }

    [Fact]
    public async Task Speakers_see_under_review_until_release_then_the_outcome_in_words_with_the_comments_for_them()
    {
        var (track, accepted, rejected, waitlisted) = await DecidedTrackAsync();
        await SetConfirmationDeadlineAsync(app, track.TrackId, app.Clock.GetUtcNow().AddDays(14));

        var before = await HtmlPage.GetAsync(accepted.Speaker, $"/Proposals/{accepted.Id}");
        Assert.Contains("under review", before.Text, StringComparison.Ordinal);
        Assert.Null(before.Document.QuerySelector(".speaker-outcome"));
        Assert.DoesNotContain("Accepted", before.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Comment for the speakers", before.Text, StringComparison.Ordinal);
        var listBefore = await HtmlPage.GetAsync(accepted.Speaker, "/Proposals");
        Assert.DoesNotContain("Accepted", listBefore.Text, StringComparison.Ordinal);

        await ReleaseAsync(track.Chair, track.TrackId);

        var page = await HtmlPage.GetAsync(accepted.Speaker, $"/Proposals/{accepted.Id}");
        var outcome = page.Document.QuerySelector(".speaker-outcome")!.TextContent;
        Assert.Contains("Accepted — please confirm by", outcome, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector(".speaker-outcome a[href='#confirmation']"));
        Assert.Contains($"Comment for the speakers of {accepted.Title}.", page.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret committee remark", page.Text, StringComparison.Ordinal);
        var list = await HtmlPage.GetAsync(accepted.Speaker, "/Proposals");
        Assert.Contains("Accepted — please confirm by", list.Text, StringComparison.Ordinal);

        var rejectedPage = await HtmlPage.GetAsync(rejected.Speaker, $"/Proposals/{rejected.Id}");
        Assert.Contains("Not accepted", rejectedPage.Document.QuerySelector(".speaker-outcome")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Comment for the speakers of {rejected.Title}.", rejectedPage.Text, StringComparison.Ordinal);
        var waitlistedPage = await HtmlPage.GetAsync(waitlisted.Speaker, $"/Proposals/{waitlisted.Id}");
        Assert.Contains("On the waitlist, place 2", waitlistedPage.Document.QuerySelector(".speaker-outcome")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("On the waitlist, place 2", (await HtmlPage.GetAsync(waitlisted.Speaker, "/Proposals")).Text, StringComparison.Ordinal);

        // The chair's view of the page has no speaker's outcome line; the member's neither.
        Assert.Null((await HtmlPage.GetAsync(track.Chair, $"/Proposals/{accepted.Id}")).Document.QuerySelector(".speaker-outcome"));
        Assert.Null((await HtmlPage.GetAsync(track.Track.Members[0].Client, $"/Proposals/{accepted.Id}")).Document.QuerySelector(".speaker-outcome"));
    }

    [Fact]
    public async Task The_release_page_lists_decisions_by_outcome_says_what_will_be_sent_and_releases_after_confirmation()
    {
        var (track, accepted, rejected, waitlisted) = await DecidedTrackAsync();
        var url = $"/Chair/{track.TrackId}/Decisions";

        var page = await HtmlPage.GetAsync(track.Chair, url);
        Assert.Contains("Accepted: 1 (0 released)", page.Text, StringComparison.Ordinal);
        Assert.Contains("Waitlisted: 1 (0 released)", page.Text, StringComparison.Ordinal);
        Assert.NotNull(page.Document.QuerySelector($"a[href='/Chair/{track.TrackId}/Letters']"));

        // Choosing two shows what will be sent, and sends nothing yet.
        var confirm = await HtmlPage.ParseAsync(await page.SubmitAsync(track.Chair,
            new Dictionary<string, string> { ["Selected"] = accepted.Id.ToString() }, "form[action*='handler=Confirm']"));
        Assert.Contains("1 proposal (1 accepted): 2 mails to 2 speakers", confirm.Text, StringComparison.Ordinal);
        Assert.Empty(await LettersToAsync(app, accepted.SpeakerEmail));

        var released = await confirm.SubmitAsync(track.Chair, new Dictionary<string, string>(), "form[action*='handler=Release']");
        Assert.True(HtmlPage.IsRedirect(released), $"{released.StatusCode}");
        var after = await HtmlPage.GetAsync(track.Chair, url);
        Assert.Contains("Released 1 decision; 2 mails on the way.", after.Text, StringComparison.Ordinal);
        Assert.Contains("Accepted: 1 (1 released)", after.Text, StringComparison.Ordinal);
        Assert.Equal(2, (await LettersToAsync(app, accepted.SpeakerEmail, accepted.CoSpeakerEmail)).Count);
        Assert.False(await IsReleasedAsync(app, rejected.Id));

        // "Release all" releases the rest.
        var all = await HtmlPage.ParseAsync(await after.SubmitAsync(track.Chair,
            new Dictionary<string, string> { ["All"] = "true" }, "form[action*='handler=Confirm']"));
        Assert.Contains("2 proposals (1 rejected, 1 waitlisted): 4 mails to 4 speakers", all.Text, StringComparison.Ordinal);
        Assert.True(HtmlPage.IsRedirect(await all.SubmitAsync(track.Chair, new Dictionary<string, string>(), "form[action*='handler=Release']")));
        Assert.True(await IsReleasedAsync(app, rejected.Id) && await IsReleasedAsync(app, waitlisted.Id));
        Assert.Equal(6, (await LettersToAsync(app, [.. track.Proposals.SelectMany(p => new[] { p.SpeakerEmail, p.CoSpeakerEmail })])).Count);
    }

    [Fact]
    public async Task The_letters_page_previews_a_letter_on_a_real_proposal_and_refuses_broken_liquid_on_its_field()
    {
        var (track, accepted, _, _) = await DecidedTrackAsync();
        var url = $"/Chair/{track.TrackId}/Letters";
        var page = await HtmlPage.GetAsync(track.Chair, url);
        Assert.Equal(3, page.Document.QuerySelectorAll("section.letter").Length);
        Assert.Contains("{{ confirm_url }}", page.Text, StringComparison.Ordinal);
        Assert.Contains("{{ waitlist_rank }}", page.Text, StringComparison.Ordinal);

        var previewed = await HtmlPage.ParseAsync(await page.SubmitAsync(track.Chair,
            new Dictionary<string, string> { ["Input.Action"] = "preview" }, "#accepted form"));
        var subject = previewed.Document.QuerySelector("#accepted .preview-subject")!.TextContent;
        Assert.StartsWith("[Action required] Confirm your talk", subject, StringComparison.Ordinal);
        Assert.Contains(accepted.Title, subject, StringComparison.Ordinal);
        var body = previewed.Document.QuerySelector("#accepted .preview-body")!.TextContent;
        Assert.Contains("Hello Sam O'Speaker", body, StringComparison.Ordinal);
        Assert.Contains($"Comment for the speakers of {accepted.Title}.", body, StringComparison.Ordinal);

        // Comments left out: the preview has none.
        var without = await HtmlPage.ParseAsync(await page.SubmitAsync(track.Chair,
            new Dictionary<string, string> { ["Input.Action"] = "preview", ["Input.IncludeReviewComments"] = "false" }, "#accepted form"));
        Assert.DoesNotContain("Comment for the speakers", without.Document.QuerySelector("#accepted .preview-body")!.TextContent, StringComparison.Ordinal);

        var broken = await HtmlPage.ParseAsync(await page.SubmitAsync(track.Chair,
            new Dictionary<string, string> { ["Input.Action"] = "save", ["Input.Body"] = "Hello {% if speaker.name %}" }, "#accepted form"));
        Assert.Contains("not valid Liquid", broken.FieldErrors()["Input.Body"], StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.DecisionTemplates.CountAsync(t => t.TrackId == track.TrackId)));

        var saved = await page.SubmitAsync(track.Chair,
            new Dictionary<string, string> { ["Input.Action"] = "save", ["Input.Subject"] = "Please confirm: {{ proposal.title }}" }, "#accepted form");
        Assert.True(HtmlPage.IsRedirect(saved));
        Assert.Equal("Please confirm: {{ proposal.title }}",
            await app.WithDbAsync(db => db.DecisionTemplates.Where(t => t.TrackId == track.TrackId).Select(t => t.Subject).SingleAsync()));
    }

    [Fact]
    public async Task A_member_cannot_open_the_release_or_letters_page()
    {
        var (track, _, _, _) = await DecidedTrackAsync();
        var member = track.Track.Members[0].Client;
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(new Uri($"/Chair/{track.TrackId}/Decisions", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(new Uri($"/Chair/{track.TrackId}/Letters", UriKind.Relative))).StatusCode);
    }
}
