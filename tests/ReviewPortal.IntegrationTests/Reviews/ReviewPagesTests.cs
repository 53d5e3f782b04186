using System.Net;
using AngleSharp.Html.Dom;
using ReviewPortal.Domain.Reviews;
using ReviewPortal.IntegrationTests.Assignment;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Reviews.ReviewSteps;

namespace ReviewPortal.IntegrationTests.Reviews;

/// <summary>The review form and "My reviews" through the real HTTP stack, with the antiforgery form as a browser posts it.</summary>
public sealed class ReviewPagesTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    [Fact]
    public async Task A_member_saves_a_draft_on_the_form_then_submits_and_goes_on_to_the_next_review()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 1, proposals: 2);
        var ann = track.Members[0];
        foreach (var p in track.Proposals)
            await AssignAsync(track, p, ann);

        var details = await HtmlPage.GetAsync(ann.Client, $"/Proposals/{track.Proposals[0]}");
        Assert.NotNull(details.Document.QuerySelector($"a[href='/Proposals/{track.Proposals[0]}/Review']"));
        var list = await HtmlPage.GetAsync(ann.Client, "/Reviews");
        Assert.Contains("0 of 2 submitted", list.Text, StringComparison.Ordinal);
        Assert.Contains("not started", list.Text, StringComparison.Ordinal);

        var form = await HtmlPage.GetAsync(ann.Client, $"/Proposals/{track.Proposals[0]}/Review");
        Assert.Contains("4 – weak accept", form.Text, StringComparison.Ordinal);
        Assert.Contains("(America/New_York)", form.Text, StringComparison.Ordinal);
        Assert.Contains("left", form.Text, StringComparison.Ordinal);
        var saved = await form.SubmitAsync(ann.Client, new Dictionary<string, string>
        {
            ["Input.Score"] = "4", ["Input.CommentsForSpeakers"] = "Clear and useful.", ["intent"] = "draft",
        });
        Assert.True(HtmlPage.IsRedirect(saved), $"got {saved.StatusCode}");
        var stored = await StoredAsync(app, track.Proposals[0], ann.PersonId);
        Assert.Equal((ReviewState.Draft, 4, "Clear and useful."), (stored!.State, stored.Score, stored.CommentsForSpeakers));

        // Submitting without a confidence is a field error on the page, and nothing changes.
        form = await HtmlPage.GetAsync(ann.Client, $"/Proposals/{track.Proposals[0]}/Review");
        var refused = await HtmlPage.ParseAsync(await form.SubmitAsync(ann.Client, new Dictionary<string, string> { ["intent"] = "next" }));
        Assert.Equal(HttpStatusCode.OK, refused.Response.StatusCode);
        Assert.Contains("Choose your confidence", refused.FieldErrors().GetValueOrDefault("Input.Confidence") ?? refused.Text, StringComparison.Ordinal);
        Assert.Equal(ReviewState.Draft, (await StoredAsync(app, track.Proposals[0], ann.PersonId))!.State);

        var next = await refused.SubmitAsync(ann.Client, new Dictionary<string, string> { ["Input.Confidence"] = "3", ["intent"] = "next" });
        Assert.True(HtmlPage.IsRedirect(next), $"got {next.StatusCode}");
        Assert.Equal($"/Proposals/{track.Proposals[1]}/Review", next.Headers.Location?.OriginalString);
        Assert.Equal(ReviewState.Submitted, (await StoredAsync(app, track.Proposals[0], ann.PersonId))!.State);
        list = await HtmlPage.GetAsync(ann.Client, "/Reviews");
        Assert.Contains("1 of 2 submitted", list.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_save_from_an_outdated_tab_shows_the_message_and_keeps_the_text_typed_there()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        var ann = track.Members[0];
        var proposal = track.Proposals[0];
        await AssignAsync(track, proposal, ann);
        await SaveAsync(ann.Client, proposal, 3, 2, submit: false, version: 0, committee: "started");

        var tabOne = await HtmlPage.GetAsync(ann.Client, $"/Proposals/{proposal}/Review");
        var tabTwo = await HtmlPage.GetAsync(ann.Client, $"/Proposals/{proposal}/Review");
        Assert.True(HtmlPage.IsRedirect(await tabOne.SubmitAsync(ann.Client, new Dictionary<string, string>
        {
            ["Input.CommentsForCommittee"] = "written in tab one", ["intent"] = "draft",
        })));

        var answer = await HtmlPage.ParseAsync(await tabTwo.SubmitAsync(ann.Client, new Dictionary<string, string>
        {
            ["Input.CommentsForCommittee"] = "a long text written in tab two", ["intent"] = "draft",
        }));
        Assert.Equal(HttpStatusCode.OK, answer.Response.StatusCode);
        Assert.Contains("changed in another tab or window", answer.Text, StringComparison.Ordinal);
        var area = (IHtmlTextAreaElement?)answer.Document.QuerySelector("textarea[name='Input.CommentsForCommittee']");
        Assert.Equal("a long text written in tab two", area!.Value.Trim());
        Assert.Contains("written in tab one", answer.Document.QuerySelector("#saved-heading")!.ParentElement!.TextContent, StringComparison.Ordinal);
        Assert.Equal("written in tab one", (await StoredAsync(app, proposal, ann.PersonId))!.CommentsForCommittee);
    }

    [Fact]
    public async Task The_chair_adds_a_criterion_on_the_criteria_page_and_it_appears_on_the_review_form()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 1, proposals: 1);
        var ann = track.Members[0];
        await AssignAsync(track, track.Proposals[0], ann);

        var page = await HtmlPage.GetAsync(track.Chair, $"/Chair/{track.TrackId}/Criteria");
        var duplicate = await HtmlPage.ParseAsync(await page.SubmitAsync(track.Chair, new Dictionary<string, string>
        {
            ["Rows[0].Name"] = "Relevance", ["Rows[1].Name"] = "relevance",
        }));
        Assert.Contains("names must differ", duplicate.Text, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.ScoreCriteria, c => c.TrackId == track.TrackId)));

        var saved = await page.SubmitAsync(track.Chair, new Dictionary<string, string>
        {
            ["Rows[0].Name"] = "Relevance", ["Rows[0].ScaleMin"] = "1", ["Rows[0].ScaleMax"] = "3", ["Rows[0].Weight"] = "2", ["Rows[0].Required"] = "true",
        });
        Assert.True(HtmlPage.IsRedirect(saved), $"got {saved.StatusCode}");
        var form = await HtmlPage.GetAsync(ann.Client, $"/Proposals/{track.Proposals[0]}/Review");
        Assert.Contains("Relevance (required)", form.Text, StringComparison.Ordinal);
    }
}
