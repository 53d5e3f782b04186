using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Api;
using ReviewPortal.IntegrationTests.Assignment;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Reviews.ReviewReadingSteps;
using static ReviewPortal.IntegrationTests.Reviews.ReviewSteps;

namespace ReviewPortal.IntegrationTests.Reviews;

/// <summary>
/// Who reads which review of a proposal (issue 8, "Visibility"), through <c>GET /api/v1/proposals/{id}/reviews</c> as
/// each role: reviews are written through the real PUT (SaveMyReview), the track's setting decides what members read.
/// </summary>
public sealed class ReviewVisibilityTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    /// <summary>
    /// A track with three assigned members on one proposal: Ann (writes her own later), Ben (submitted), Cem (a draft
    /// only); and a fourth member, Dora, assigned to nothing.
    /// </summary>
    private async Task<(ReviewTrack Track, Guid Proposal, SeatedMember Ann, SeatedMember Ben, SeatedMember Cem, SeatedMember Dora)> ArrangeAsync(
        OthersReviewsVisibility setting = OthersReviewsVisibility.AfterOwnReview)
    {
        var track = await ReviewTrack.CreateAsync(app, members: 4, proposals: 1);
        var (ann, ben, cem, dora) = (track.Members[0], track.Members[1], track.Members[2], track.Members[3]);
        var proposal = track.Proposals[0];
        await SetTrackAsync(app, track.TrackId, setting);
        foreach (var m in new[] { ann, ben, cem })
            await AssignAsync(track, proposal, m);
        await SaveAsync(ben.Client, proposal, 4, 3, submit: true, version: 0, speakers: "Clear **motivation**.", committee: "Ben for the committee: accept.");
        await SaveAsync(cem.Client, proposal, 1, 1, submit: false, version: 0, speakers: "Cem's draft for speakers", committee: "Cem's draft: unsure.");
        return (track, proposal, ann, ben, cem, dora);
    }

    [Fact]
    public async Task A_member_sees_the_others_reviews_only_after_submitting_their_own_and_never_a_draft_of_someone_else()
    {
        var (track, proposal, ann, ben, cem, _) = await ArrangeAsync(OthersReviewsVisibility.AfterOwnReview);

        // Nothing written yet: nothing to read, and the header says what to do.
        var (before, hidden, _) = await ReadReviewsAsync(ann.Client, proposal);
        Assert.Empty(before);
        Assert.Equal("Submit your review to see the others'.", hidden);

        // Her draft is hers to read, still alone.
        var draft = await SaveAsync(ann.Client, proposal, 2, 2, submit: false, version: 0, committee: "Ann drafting.");
        var (own, stillHidden, body) = await ReadReviewsAsync(ann.Client, proposal);
        var mine = Assert.Single(own);
        Assert.True(mine.GetProperty("mine").GetBoolean());
        Assert.Equal("draft", mine.GetProperty("state").GetString());
        Assert.Equal("Ann drafting.", mine.GetProperty("commentsForCommittee").GetString());
        Assert.Equal("Submit your review to see the others'.", stillHidden);
        Assert.DoesNotContain("Ben for the committee", body, StringComparison.Ordinal);

        // Submitted: Ben's review appears with everything; Cem's draft never.
        await SaveAsync(ann.Client, proposal, 2, 2, submit: true, version: VersionOf(draft), committee: "Ann: weak reject.");
        var response = await GetReviewsAsync(ann.Client, proposal);
        var doc = new OpenApiDocumentTests.OpenApiDoc(await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json"));
        await doc.AssertDescribesAsync("get", "/api/v1/proposals/{id}/reviews", response);
        Assert.False(response.Headers.Contains(HiddenHeader));
        var after = (await Problems.JsonAsync(response)).EnumerateArray().ToList();
        Assert.Equal([ann.Name, ben.Name], Reviewers(after));
        var bens = after.Single(r => r.GetProperty("reviewer").GetProperty("id").GetGuid() == ben.PersonId);
        Assert.Equal("submitted", bens.GetProperty("state").GetString());
        Assert.Equal(4, bens.GetProperty("score").GetInt32());
        Assert.Equal("4 – weak accept", bens.GetProperty("scoreLabel").GetString());
        Assert.Equal(3, bens.GetProperty("confidence").GetInt32());
        Assert.Equal(4.0, bens.GetProperty("total").GetDouble());
        Assert.Equal("Clear **motivation**.", bens.GetProperty("commentsForSpeakers").GetString());
        Assert.Equal("Ben for the committee: accept.", bens.GetProperty("commentsForCommittee").GetString());
        Assert.False(bens.GetProperty("mine").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, bens.GetProperty("submittedUtc").ValueKind);
        Assert.DoesNotContain(after, r => r.GetProperty("reviewer").GetProperty("id").GetGuid() == cem.PersonId);

        // Cem, with only a draft, still reads only his own.
        var (cems, cemHidden, _) = await ReadReviewsAsync(cem.Client, proposal);
        Assert.Equal([cem.Name], Reviewers(cems));
        Assert.Equal("Submit your review to see the others'.", cemHidden);
        _ = track;
    }

    [Fact]
    public async Task With_the_setting_always_a_member_reads_the_submitted_reviews_before_writing_and_even_unassigned()
    {
        var (_, proposal, ann, ben, _, dora) = await ArrangeAsync(OthersReviewsVisibility.Always);

        var (annReads, annHidden, _) = await ReadReviewsAsync(ann.Client, proposal);
        Assert.Equal([ben.Name], Reviewers(annReads));
        Assert.Null(annHidden);
        var (doraReads, _, _) = await ReadReviewsAsync(dora.Client, proposal);
        Assert.Equal([ben.Name], Reviewers(doraReads));
    }

    [Fact]
    public async Task With_the_setting_never_a_member_reads_only_their_own_and_the_chair_still_reads_all_submitted()
    {
        var (track, proposal, ann, ben, cem, _) = await ArrangeAsync(OthersReviewsVisibility.Never);
        await SaveAsync(ann.Client, proposal, 5, 4, submit: true, version: 0);

        var (annReads, hidden, _) = await ReadReviewsAsync(ann.Client, proposal);
        Assert.Equal([ann.Name], Reviewers(annReads));
        Assert.Equal("This track does not show members the other reviews.", hidden);

        var (chairReads, chairHidden, body) = await ReadReviewsAsync(track.Chair, proposal);
        Assert.Equal(new[] { ann.Name, ben.Name }.Order(), Reviewers(chairReads).Order());
        Assert.Null(chairHidden);
        Assert.DoesNotContain("Cem's draft", body, StringComparison.Ordinal);
        Assert.DoesNotContain(chairReads, r => r.GetProperty("reviewer").GetProperty("id").GetGuid() == cem.PersonId);
    }

    [Fact]
    public async Task An_unassigned_member_reads_nothing_while_the_track_shows_reviews_after_ones_own()
    {
        var (_, proposal, _, _, _, dora) = await ArrangeAsync(OthersReviewsVisibility.AfterOwnReview);
        var (reads, hidden, _) = await ReadReviewsAsync(dora.Client, proposal);
        Assert.Empty(reads);
        Assert.NotNull(hidden);
    }

    [Fact]
    public async Task A_conflicted_member_reads_no_review_even_when_the_track_shows_them_always_and_a_conflicted_chair_neither_while_the_other_chair_does()
    {
        var (track, proposal, _, ben, _, dora) = await ArrangeAsync(OthersReviewsVisibility.Always);
        await DeclareConflictAsync(dora.Client, proposal);
        var (memberReads, memberHidden, memberBody) = await ReadReviewsAsync(dora.Client, proposal);
        Assert.Empty(memberReads);
        Assert.Equal("You have a conflict of interest with this proposal.", memberHidden);
        Assert.DoesNotContain(ben.Name, memberBody, StringComparison.Ordinal);

        var second = await SeatAsync(app, track, "Second Chair", role: "Chair");
        await DeclareConflictAsync(second.Client, proposal);
        var (conflictedChair, _, chairBody) = await ReadReviewsAsync(second.Client, proposal);
        Assert.Empty(conflictedChair);
        Assert.DoesNotContain("Ben for the committee", chairBody, StringComparison.Ordinal);

        var (otherChair, _, _) = await ReadReviewsAsync(track.Chair, proposal);
        Assert.Equal([ben.Name], Reviewers(otherChair));

        // The proposal page of the conflicted member: its title, no Reviews section.
        var page = await HtmlPage.GetAsync(dora.Client, $"/Proposals/{proposal}");
        Assert.Null(page.Document.QuerySelector("#reviews"));
        Assert.DoesNotContain("Ben for the committee", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_reads_every_submitted_review()
    {
        var (_, proposal, _, ben, _, _) = await ArrangeAsync(OthersReviewsVisibility.Never);
        var admin = await Accounts.SignedInAdminAsync(app, $"admin-{Guid.NewGuid():N}@example.org");
        var (reads, hidden, _) = await ReadReviewsAsync(admin, proposal);
        Assert.Equal([ben.Name], Reviewers(reads));
        Assert.Null(hidden);
    }

    [Fact]
    public async Task An_outsider_and_a_member_of_another_track_get_404_and_an_anonymous_caller_401()
    {
        var (_, proposal, _, _, _, _) = await ArrangeAsync(OthersReviewsVisibility.Always);
        var outsider = await Accounts.SignedInClientAsync(app, $"outsider-{Guid.NewGuid():N}@example.org");
        await Problems.AssertAsync(await GetReviewsAsync(outsider, proposal), HttpStatusCode.NotFound);
        var other = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        var response = await GetReviewsAsync(other.Members[0].Client, proposal);
        await Problems.AssertAsync(response, HttpStatusCode.NotFound);
        var doc = new OpenApiDocumentTests.OpenApiDoc(await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json"));
        await doc.AssertDescribesAsync("get", "/api/v1/proposals/{id}/reviews", response);
        var anonymous = await GetReviewsAsync(app.CreateClient(), proposal);
        await Problems.AssertAsync(anonymous, HttpStatusCode.Unauthorized);
        await Problems.AssertAsync(await GetReviewsAsync(other.Members[0].Client, Guid.NewGuid()), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Speakers_read_nothing_before_the_release_and_then_only_the_comments_for_them()
    {
        var (track, proposal, ann, ben, _, _) = await ArrangeAsync(OthersReviewsVisibility.Always);
        await SaveAsync(ann.Client, proposal, 2, 4, submit: true, version: 0, speakers: "", committee: "Ann: reject, privately.");

        var (before, beforeHidden, _) = await ReadReviewsAsync(track.Speaker, proposal);
        Assert.Empty(before);
        Assert.Equal("The committee's comments are shown once the decision is released.", beforeHidden);

        // Decided but not released: still nothing.
        await DecideAndReleaseAsync(app, proposal, SubmissionStatus.Accepted, release: false);
        Assert.Empty((await ReadReviewsAsync(track.Speaker, proposal)).Reviews);

        await app.WithDbAsync(async db =>
        {
            var s = await db.Submissions.FindAsync(proposal);
            s!.ReleaseDecision(app.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        });
        var response = await GetReviewsAsync(track.Speaker, proposal);
        var doc = new OpenApiDocumentTests.OpenApiDoc(await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json"));
        await doc.AssertDescribesAsync("get", "/api/v1/proposals/{id}/reviews", response);
        var body = await response.Content.ReadAsStringAsync();
        var items = JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();
        // Ben's comment for the speakers; Ann wrote none, Cem's is a draft.
        var item = Assert.Single(items);
        Assert.Equal(["commentsForSpeakers"], item.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Clear **motivation**.", item.GetProperty("commentsForSpeakers").GetString());
        foreach (var secret in new[] { ben.Name, ann.Name, "Ben for the committee", "Ann: reject", "Cem's draft", "score", "weak accept", ben.PersonId.ToString() })
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);

        // The page: "Comments from the committee", as Markdown, and nothing else of the reviews.
        var page = await HtmlPage.GetAsync(track.Speaker, $"/Proposals/{proposal}");
        var section = page.Document.QuerySelector("#speaker-comments");
        Assert.NotNull(section);
        Assert.Contains("Comments from the committee", section.TextContent, StringComparison.Ordinal);
        Assert.Equal("motivation", section.QuerySelector("strong")?.TextContent);
        Assert.Null(page.Document.QuerySelector("#reviews"));
        foreach (var secret in new[] { ben.Name, "Ben for the committee", "weak accept" })
            Assert.DoesNotContain(secret, page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_proposal_page_shows_the_chair_each_review_with_its_score_label_comments_and_time_and_a_member_the_reason()
    {
        var (track, proposal, ann, ben, _, _) = await ArrangeAsync(OthersReviewsVisibility.AfterOwnReview);

        var chairPage = await HtmlPage.GetAsync(track.Chair, $"/Proposals/{proposal}");
        var reviews = chairPage.Document.QuerySelector("#reviews");
        Assert.NotNull(reviews);
        var text = reviews.TextContent;
        Assert.Contains(ben.Name, text, StringComparison.Ordinal);
        Assert.Contains("4 – weak accept", text, StringComparison.Ordinal);
        Assert.Contains("3 – high", text, StringComparison.Ordinal);
        Assert.Contains("Ben for the committee: accept.", text, StringComparison.Ordinal);
        Assert.Contains("America/New_York", text, StringComparison.Ordinal);
        Assert.Equal("motivation", reviews.QuerySelector("strong")?.TextContent);
        Assert.DoesNotContain("Cem's draft", chairPage.Text, StringComparison.Ordinal);

        var annPage = await HtmlPage.GetAsync(ann.Client, $"/Proposals/{proposal}");
        var annSection = annPage.Document.QuerySelector("#reviews");
        Assert.NotNull(annSection);
        Assert.Contains("Submit your review to see the others'.", annSection.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(ben.Name, annPage.Text, StringComparison.Ordinal);
    }
}
