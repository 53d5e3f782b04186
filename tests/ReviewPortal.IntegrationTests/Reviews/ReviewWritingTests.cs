using System.Net;
using ReviewPortal.Domain.Reviews;
using ReviewPortal.IntegrationTests.Assignment;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Reviews.ReviewSteps;

namespace ReviewPortal.IntegrationTests.Reviews;

/// <summary>An assigned member writes their review through the API: draft, submit, two tabs, and the database after.</summary>
public sealed class ReviewWritingTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    [Fact]
    public async Task A_member_saves_a_draft_then_submits_it_and_the_review_counts_as_submitted()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        var ann = track.Members[0];
        var proposal = track.Proposals[0];
        await AssignAsync(track, proposal, ann);

        // Nothing yet: the GET says so.
        Assert.Equal(HttpStatusCode.NotFound, (await ann.Client.GetAsync(new Uri($"/api/v1/proposals/{proposal}/review", UriKind.Relative))).StatusCode);

        var draft = await SaveAsync(ann.Client, proposal, score: 4, confidence: null, submit: false, version: 0, speakers: "Nice idea.");
        Assert.Equal("draft", draft.GetProperty("state").GetString());
        Assert.True(draft.GetProperty("editable").GetBoolean());
        Assert.NotEqual(0u, VersionOf(draft));
        var stored = await StoredAsync(app, proposal, ann.PersonId);
        Assert.Equal(ReviewState.Draft, stored!.State);
        Assert.Equal(4, stored.Score);
        Assert.Null(stored.SubmittedUtc);

        var read = await Problems.JsonAsync(await ann.Client.GetAsync(new Uri($"/api/v1/proposals/{proposal}/review", UriKind.Relative)));
        Assert.Equal(VersionOf(draft), VersionOf(read));
        Assert.Equal("Nice idea.", read.GetProperty("commentsForSpeakers").GetString());

        var submitted = await SaveAsync(ann.Client, proposal, score: 5, confidence: 3, submit: true, version: VersionOf(read),
            speakers: "Nice idea.", committee: "Accept.");
        Assert.Equal("submitted", submitted.GetProperty("state").GetString());
        Assert.NotEqual(VersionOf(read), VersionOf(submitted));
        stored = await StoredAsync(app, proposal, ann.PersonId);
        Assert.Equal(ReviewState.Submitted, stored!.State);
        Assert.Equal((5, 3, "Accept."), (stored.Score, stored.Confidence, stored.CommentsForCommittee));
        Assert.NotNull(stored.SubmittedUtc);
        Assert.Equal(1, await CountAsync(app, proposal));
    }

    [Fact]
    public async Task A_save_from_a_second_tab_with_the_old_version_is_refused_and_the_first_save_stays()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        var ann = track.Members[0];
        var proposal = track.Proposals[0];
        await AssignAsync(track, proposal, ann);
        var opened = await SaveAsync(ann.Client, proposal, 3, 2, submit: false, version: 0, committee: "first draft");

        // Both tabs opened at this version; the first saves.
        await SaveAsync(ann.Client, proposal, 4, 2, submit: false, version: VersionOf(opened), committee: "tab one");
        var second = await PutReviewAsync(ann.Client, proposal,
            new { score = 1, confidence = 4, commentsForCommittee = "tab two", submit = true, version = VersionOf(opened) });
        var problem = await Problems.AssertAsync(second, HttpStatusCode.Conflict);
        Assert.Contains("changed in another tab or window", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("your text was not saved", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var stored = await StoredAsync(app, proposal, ann.PersonId);
        Assert.Equal(("tab one", 4, ReviewState.Draft), (stored!.CommentsForCommittee, stored.Score, stored.State));
    }

    [Fact]
    public async Task Creating_the_review_twice_with_version_zero_is_refused_and_keeps_the_first()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        var ann = track.Members[0];
        var proposal = track.Proposals[0];
        await AssignAsync(track, proposal, ann);
        await SaveAsync(ann.Client, proposal, 2, 2, submit: false, version: 0, committee: "the first");

        var again = await PutReviewAsync(ann.Client, proposal, new { score = 5, confidence = 1, commentsForCommittee = "the second", submit = false, version = 0 });
        await Problems.AssertAsync(again, HttpStatusCode.Conflict);
        Assert.Equal(1, await CountAsync(app, proposal));
        Assert.Equal("the first", (await StoredAsync(app, proposal, ann.PersonId))!.CommentsForCommittee);
    }
}
