using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Discussion.DiscussionSteps;

namespace ReviewPortal.IntegrationTests.Discussion;

/// <summary>
/// The committee's discussion of a proposal and the mail about it: one digest per person at most once an hour, never to
/// the author, never to a conflicted member, never twice for the same comment.
/// </summary>
public sealed class DiscussionDigestTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    [Fact]
    public async Task Two_comments_reach_each_other_assigned_member_and_the_chair_in_one_digest_and_not_their_author()
    {
        var d = await DiscussionTrack.CreateAsync(app);
        await CommentAsync(d.Ann.Client, d.Proposal, "The **verifier** part is thin.");
        await CommentAsync(d.Ann.Client, d.Proposal, "Second thought: ask for a demo.");

        await RunDigestAsync(app);

        foreach (var email in new[] { d.Ben.Email, d.Cat.Email, await d.ChairEmailAsync(app) })
        {
            var mail = Assert.Single(await DigestsToAsync(app, email));
            Assert.Contains("2 new comments", mail.Subject, StringComparison.Ordinal);
            Assert.Contains("Talk 0 about the verifier", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("The **verifier** part is thin.", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("Second thought: ask for a demo.", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains(d.Ann.Name, mail.TextBody, StringComparison.Ordinal);
            Assert.Contains($"http://localhost/Proposals/{d.Proposal}#discussion", mail.TextBody, StringComparison.Ordinal);
            // The digest names the comments' authors, never the speakers (the same mail in blind review).
            Assert.DoesNotContain("Sam Speaker", mail.TextBody, StringComparison.Ordinal);
        }

        Assert.Empty(await DigestsToAsync(app, d.Ann.Email));
        Assert.Empty(await DigestsToAsync(app, d.Unassigned.Email));
    }

    [Fact]
    public async Task A_comment_within_the_hour_after_a_digest_waits_until_the_hour_is_over_then_comes_in_one_mail()
    {
        var d = await DiscussionTrack.CreateAsync(app);
        await CommentAsync(d.Ann.Client, d.Proposal, "First comment.");
        await RunDigestAsync(app);
        Assert.Single(await DigestsToAsync(app, d.Ben.Email));

        app.Clock.Advance(TimeSpan.FromMinutes(10));
        await CommentAsync(d.Cat.Client, d.Proposal, "A third comment, ten minutes later.");
        await CommentAsync(d.Ann.Client, d.Proposal, "And a fourth.");
        await RunDigestAsync(app);
        app.Clock.Advance(TimeSpan.FromMinutes(49));
        await RunDigestAsync(app);
        Assert.Single(await DigestsToAsync(app, d.Ben.Email));

        app.Clock.Advance(TimeSpan.FromMinutes(2)); // 61 minutes after the first digest
        await RunDigestAsync(app);
        var mails = await DigestsToAsync(app, d.Ben.Email);
        Assert.Equal(2, mails.Count);
        Assert.Contains("A third comment, ten minutes later.", mails[1].TextBody, StringComparison.Ordinal);
        Assert.Contains("And a fourth.", mails[1].TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("First comment.", mails[1].TextBody, StringComparison.Ordinal);
        // Cat wrote the third: her second digest carries only Ann's fourth.
        var cat = await DigestsToAsync(app, d.Cat.Email);
        Assert.Equal(2, cat.Count);
        Assert.DoesNotContain("A third comment", cat[1].TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Running_the_digest_again_sends_nothing_new()
    {
        var d = await DiscussionTrack.CreateAsync(app);
        await CommentAsync(d.Ann.Client, d.Proposal, "Only once, please.");
        await RunDigestAsync(app);
        app.Clock.Advance(TimeSpan.FromHours(2));
        await RunDigestAsync(app);
        await RunDigestAsync(app);

        Assert.Single(await DigestsToAsync(app, d.Ben.Email));
        Assert.Single(await DigestsToAsync(app, d.Cat.Email));
    }

    [Fact]
    public async Task A_conflicted_member_can_neither_read_nor_post_and_gets_no_digest_even_for_a_comment_from_before_the_conflict()
    {
        var d = await DiscussionTrack.CreateAsync(app);
        await CommentAsync(d.Ann.Client, d.Proposal, "Written before Cat's conflict.");
        // Cat declares a conflict (a conflict bid) after the comment, before the digest.
        Assert.Equal(HttpStatusCode.OK, (await d.Cat.Client.PutAsJsonAsync($"/api/v1/proposals/{d.Proposal}/bid", new { bid = "Conflict" })).StatusCode);

        await Problems.AssertAsync(await ReadAsync(d.Cat.Client, d.Proposal), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await PostAsync(d.Cat.Client, d.Proposal, new { body = "Let me in." }), HttpStatusCode.NotFound);
        await CommentAsync(d.Ann.Client, d.Proposal, "Written after it.");
        await RunDigestAsync(app);

        Assert.Empty(await DigestsToAsync(app, d.Cat.Email));
        Assert.Single(await DigestsToAsync(app, d.Ben.Email));
        Assert.Equal(2, await CommentCountAsync(app, d.Proposal));
        // The proposal page shows Cat the title only, and no discussion.
        var page = await HtmlPage.GetAsync(d.Cat.Client, $"/Proposals/{d.Proposal}");
        Assert.Null(page.Document.QuerySelector("#discussion"));
    }

    [Fact]
    public async Task The_speaker_can_neither_read_nor_post_nor_see_the_discussion_on_the_proposal_page()
    {
        var d = await DiscussionTrack.CreateAsync(app);
        await CommentAsync(d.Ann.Client, d.Proposal, "Not for the speaker's eyes.");

        await Problems.AssertAsync(await ReadAsync(d.Track.Speaker, d.Proposal), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await PostAsync(d.Track.Speaker, d.Proposal, new { body = "Hello committee" }), HttpStatusCode.Forbidden);
        var page = await HtmlPage.GetAsync(d.Track.Speaker, $"/Proposals/{d.Proposal}");
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        Assert.Null(page.Document.QuerySelector("#discussion"));
        Assert.DoesNotContain("Not for the speaker's eyes.", page.Text, StringComparison.Ordinal);
        Assert.Equal(1, await CommentCountAsync(app, d.Proposal));
    }

    [Fact]
    public async Task The_committee_reads_the_thread_oldest_first_with_author_and_time()
    {
        var d = await DiscussionTrack.CreateAsync(app);
        await CommentAsync(d.Ann.Client, d.Proposal, "One.");
        await CommentAsync(d.Track.Chair, d.Proposal, "Two, from the chair.");

        var thread = await Problems.JsonAsync(await ReadAsync(d.Unassigned.Client, d.Proposal));
        Assert.Equal(["One.", "Two, from the chair."], thread.EnumerateArray().Select(c => c.GetProperty("body").GetString()));
        var first = thread[0];
        Assert.Equal(d.Ann.PersonId, first.GetProperty("author").GetProperty("id").GetGuid());
        Assert.Equal(d.Ann.Name, first.GetProperty("author").GetProperty("name").GetString());
        Assert.Equal(JsonValueKind.String, first.GetProperty("createdUtc").ValueKind);
    }

    [Fact]
    public async Task A_member_posts_from_the_proposal_page_and_sees_the_comment_as_safe_markdown_and_an_empty_post_is_refused_at_the_field()
    {
        var d = await DiscussionTrack.CreateAsync(app);
        var client = d.Ben.Client;
        var page = await HtmlPage.GetAsync(client, $"/Proposals/{d.Proposal}");
        Assert.NotNull(page.Document.QuerySelector("#discussion"));

        var empty = await page.SubmitAsync(client, new Dictionary<string, string> { ["Body"] = "   " }, "#discussion form");
        var refused = await HtmlPage.ParseAsync(empty);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Write a comment first.", refused.Document.QuerySelector("#discussion .field-error")?.TextContent ?? "", StringComparison.Ordinal);

        var posted = await page.SubmitAsync(client, new Dictionary<string, string> { ["Body"] = "I *like* it <script>alert(1)</script>" }, "#discussion form");
        Assert.True(HtmlPage.IsRedirect(posted));
        var after = await HtmlPage.GetAsync(client, posted.Headers.Location!.OriginalString);
        var body = after.Document.QuerySelector("#discussion .comment-body")!;
        Assert.Equal("like", body.QuerySelector("em")?.TextContent);
        Assert.Null(body.QuerySelector("script"));
        Assert.Contains(d.Ben.Name, after.Document.QuerySelector("#discussion")!.TextContent, StringComparison.Ordinal);
    }
}
