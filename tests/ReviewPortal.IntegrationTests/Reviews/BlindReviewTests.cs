using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.IntegrationTests.Assignment;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Reviews.ReviewReadingSteps;
using static ReviewPortal.IntegrationTests.Reviews.ReviewSteps;

namespace ReviewPortal.IntegrationTests.Reviews;

/// <summary>
/// Blind review (<see cref="BlindMode.SpeakersHidden"/>): a member of the track never reads a speaker's name,
/// affiliation or address, wherever they look: one test per place, each as a member of a blind track. The chair still
/// reads them (which shows the names are really there to leak).
/// </summary>
public sealed class BlindReviewTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private sealed record Blind(ReviewTrack Track, Guid Proposal, SeatedMember Ann, SeatedMember Ben, string[] Secrets);

    /// <summary>
    /// A blind track: Sam Speaker (Speaker Labs) submits a talk with the co-speaker Zelda (Quasar Widgets); Ann is
    /// assigned to it (mailed), Ben reviewed it too.
    /// </summary>
    private async Task<Blind> ArrangeAsync()
    {
        var track = await ReviewTrack.CreateAsync(app, members: 2, proposals: 0, startReview: false);
        await SetTrackAsync(app, track.TrackId, OthersReviewsVisibility.Always, BlindMode.SpeakersHidden);
        var zeldaEmail = $"zelda-{Guid.NewGuid():N}@quasar-widgets.test";
        var created = await track.Speaker.PostAsJsonAsync($"/api/v1/tracks/{track.TrackId}/proposals", new
        {
            title = "Blind verifier talk",
            @abstract = "The verifier, without names.",
            topics = new[] { "verifier" },
            coSpeakers = new[] { new { name = "Zelda Cospeaker", email = zeldaEmail, affiliation = "Quasar Widgets" } },
            submit = true,
        });
        var proposal = (await Problems.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        Assert.Equal(HttpStatusCode.OK, (await track.Chair.PostAsync(new Uri($"/api/v1/tracks/{track.TrackId}/review-phase/start", UriKind.Relative), null)).StatusCode);
        var (ann, ben) = (track.Members[0], track.Members[1]);
        await AssignAsync(track, proposal, ann);
        await AssignAsync(track, proposal, ben);
        await SaveAsync(ben.Client, proposal, 4, 3, submit: true, version: 0, speakers: "Good.", committee: "Accept.");
        var speakerAddress = await app.WithDbAsync(db => db.SubmissionSpeakers.Where(s => s.SubmissionId == proposal && s.Order == 0)
            .Select(s => s.Email).SingleAsync());
        return new Blind(track, proposal, ann, ben, ["Sam Speaker", "Speaker Labs", speakerAddress!, "Zelda", "Quasar Widgets", zeldaEmail]);
    }

    private static void AssertNoSecret(Blind b, string text, string where)
    {
        foreach (var secret in b.Secrets)
            Assert.False(text.Contains(secret, StringComparison.OrdinalIgnoreCase), $"{where} shows '{secret}' to a member of a blind track:\n{text}");
    }

    private static async Task<string> BodyAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode} {body}");
        return body;
    }

    [Fact]
    public async Task The_chair_of_a_blind_track_still_sees_the_speakers()
    {
        var b = await ArrangeAsync();
        var body = await BodyAsync(b.Track.Chair, $"/api/v1/proposals/{b.Proposal}");
        foreach (var secret in b.Secrets)
            Assert.Contains(secret, body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_proposal_page_and_api_show_a_member_no_speaker()
    {
        var b = await ArrangeAsync();
        var body = await BodyAsync(b.Ann.Client, $"/api/v1/proposals/{b.Proposal}");
        AssertNoSecret(b, body, "GET /api/v1/proposals/{id}");
        Assert.Contains("\"speakersHidden\":true", body, StringComparison.Ordinal);
        var page = await HtmlPage.GetAsync(b.Ann.Client, $"/Proposals/{b.Proposal}");
        AssertNoSecret(b, page.Document.DocumentElement.OuterHtml, "/Proposals/{id}");
        Assert.Contains("Hidden: the track reviews blind.", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reviews_api_and_section_show_a_member_no_speaker()
    {
        var b = await ArrangeAsync();
        AssertNoSecret(b, await BodyAsync(b.Ann.Client, $"/api/v1/proposals/{b.Proposal}/reviews"), "GET /api/v1/proposals/{id}/reviews");
        var page = await HtmlPage.GetAsync(b.Ann.Client, $"/Proposals/{b.Proposal}");
        Assert.Contains(b.Ben.Name, page.Document.QuerySelector("#reviews")?.TextContent ?? "", StringComparison.Ordinal);
        AssertNoSecret(b, page.Document.QuerySelector("#reviews")!.OuterHtml, "the Reviews section");
    }

    [Fact]
    public async Task My_assignments_page_and_api_show_a_member_no_speaker()
    {
        var b = await ArrangeAsync();
        var body = await BodyAsync(b.Ann.Client, "/api/v1/me/assignments");
        Assert.Contains("Blind verifier talk", body, StringComparison.Ordinal);
        AssertNoSecret(b, body, "GET /api/v1/me/assignments");
        var page = await HtmlPage.GetAsync(b.Ann.Client, "/Committee/Assignments");
        Assert.Contains("Blind verifier talk", page.Text, StringComparison.Ordinal);
        AssertNoSecret(b, page.Document.DocumentElement.OuterHtml, "/Committee/Assignments");
    }

    [Fact]
    public async Task The_bidding_page_and_api_show_a_member_no_speaker()
    {
        var b = await ArrangeAsync();
        var body = await BodyAsync(b.Ann.Client, $"/api/v1/tracks/{b.Track.TrackId}/bids/mine");
        Assert.Contains("Blind verifier talk", body, StringComparison.Ordinal);
        AssertNoSecret(b, body, "GET /api/v1/tracks/{trackId}/bids/mine");
        var page = await HtmlPage.GetAsync(b.Ann.Client, $"/Committee/Bids?trackId={b.Track.TrackId}");
        Assert.Contains("Blind verifier talk", page.Text, StringComparison.Ordinal);
        AssertNoSecret(b, page.Document.DocumentElement.OuterHtml, "/Committee/Bids");
    }

    [Fact]
    public async Task The_assignment_mail_names_no_speaker()
    {
        var b = await ArrangeAsync();
        var mails = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.ToAddress == b.Ann.Email).ToListAsync());
        var assigned = Assert.Single(mails, m => m.Kind == "committee.assigned");
        Assert.Contains("Blind verifier talk", assigned.TextBody, StringComparison.Ordinal);
        foreach (var mail in mails)
            AssertNoSecret(b, mail.Subject + "\n" + mail.TextBody + "\n" + mail.HtmlBody, $"the mail {mail.Kind}");
    }

    [Fact]
    public async Task The_proposal_exports_are_refused_to_a_member_and_name_no_speaker()
    {
        var b = await ArrangeAsync();
        foreach (var url in new[] { "export.json", "export.csv" })
        {
            var response = await b.Ann.Client.GetAsync(new Uri($"/api/v1/tracks/{b.Track.TrackId}/proposals/{url}", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            AssertNoSecret(b, await response.Content.ReadAsStringAsync(), url);
        }
    }

    [Fact]
    public async Task A_conflicted_member_reads_the_reason_of_a_conflict_without_the_speakers_name()
    {
        var b = await ArrangeAsync();
        // Ben joins the speaker's company: a detected organisation conflict, whose reason names the speaker.
        await Problems.JsonAsync(await b.Ben.Client.PutAsJsonAsync($"/api/v1/tracks/{b.Track.TrackId}/committee/me/profile",
            new { affiliations = new[] { new { organisation = "Quasar Widgets" } } }));
        var stored = await app.WithDbAsync(db => db.Conflicts.AsNoTracking()
            .SingleAsync(c => c.SubmissionId == b.Proposal && c.PersonId == b.Ben.PersonId && c.Active));
        Assert.Contains("Zelda", stored.Reason, StringComparison.Ordinal);

        var section = (await HtmlPage.GetAsync(b.Ben.Client, $"/Committee/Profile?trackId={b.Track.TrackId}")).Document.QuerySelector("#my-conflicts")!;
        Assert.Contains("Blind verifier talk", section.TextContent, StringComparison.Ordinal);
        Assert.Contains("a speaker", section.TextContent, StringComparison.Ordinal);
        // Ben's own organisation is his to read; the speakers' names, the other affiliation and addresses are not.
        foreach (var secret in b.Secrets.Where(s => s != "Quasar Widgets"))
            Assert.DoesNotContain(secret, section.OuterHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task My_reviews_page_and_api_show_a_member_no_speaker()
    {
        var b = await ArrangeAsync();
        var body = await BodyAsync(b.Ann.Client, "/api/v1/me/reviews");
        Assert.Contains("Blind verifier talk", body, StringComparison.Ordinal);
        AssertNoSecret(b, body, "GET /api/v1/me/reviews");
        var page = await HtmlPage.GetAsync(b.Ann.Client, "/Reviews");
        Assert.Contains("Blind verifier talk", page.Text, StringComparison.Ordinal);
        AssertNoSecret(b, page.Document.DocumentElement.OuterHtml, "/Reviews");
    }

    [Fact]
    public async Task The_review_form_and_the_reopen_mail_name_no_speaker()
    {
        var b = await ArrangeAsync();
        var form = await HtmlPage.GetAsync(b.Ben.Client, $"/Proposals/{b.Proposal}/Review");
        Assert.Contains("Blind verifier talk", form.Text, StringComparison.Ordinal);
        AssertNoSecret(b, form.Document.DocumentElement.OuterHtml, "/Proposals/{id}/Review");
        AssertNoSecret(b, await BodyAsync(b.Ben.Client, $"/api/v1/proposals/{b.Proposal}/review"), "GET /api/v1/proposals/{id}/review");

        // The deadline passes (arranged a minute ahead: sign-ins do not outlive weeks of clock), the chair reopens Ben's review.
        var deadline = app.Clock.GetUtcNow().AddMinutes(1);
        await app.WithDbAsync(async db =>
        {
            (await db.Tracks.SingleAsync(t => t.Id == b.Track.TrackId)).ReviewDeadlineUtc = deadline;
            await db.SaveChangesAsync();
        });
        app.Clock.SetUtcNow(deadline.AddMinutes(1));
        var reviewId = await app.WithDbAsync(db => db.Reviews.Where(r => r.SubmissionId == b.Proposal && r.PersonId == b.Ben.PersonId).Select(r => r.Id).SingleAsync());
        Assert.True((await b.Track.Chair.PostAsync(new Uri($"/api/v1/reviews/{reviewId}/reopen", UriKind.Relative), null)).IsSuccessStatusCode);
        var mail = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking().SingleAsync(m => m.ToAddress == b.Ben.Email && m.Kind == "review.reopened"));
        Assert.Contains("Blind verifier talk", mail.TextBody, StringComparison.Ordinal);
        AssertNoSecret(b, mail.Subject + "\n" + mail.TextBody + "\n" + mail.HtmlBody, "the mail review.reopened");
    }
}
