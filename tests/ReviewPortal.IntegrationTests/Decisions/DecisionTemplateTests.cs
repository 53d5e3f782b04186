using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Decisions.ReleaseSteps;

namespace ReviewPortal.IntegrationTests.Decisions;

/// <summary>
/// The chair's letter templates (issue 9, "templates per outcome … with a preview on a real proposal"): the API under
/// <c>/api/v1/tracks/{trackId}/decision-templates</c>, its checks, and that release sends what the chair wrote.
/// </summary>
public sealed class DecisionTemplateTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private static string Url(Guid trackId, string? outcome = null) =>
        $"/api/v1/tracks/{trackId}/decision-templates" + (outcome is null ? "" : "/" + outcome);

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, Guid trackId, string outcome, string? subject, string? body,
        bool includeReviewComments, uint version) =>
        client.PutAsJsonAsync(Url(trackId, outcome), new { subject, body, includeReviewComments, version });

    private static async Task<JsonElement> TemplateAsync(HttpClient client, Guid trackId, string outcome) =>
        (await client.GetFromJsonAsync<JsonElement>(Url(trackId))).EnumerateArray().Single(t => t.GetProperty("outcome").GetString() == outcome);

    private static Task<HttpResponseMessage> PreviewAsync(HttpClient client, Guid trackId, string outcome, object body) =>
        client.PostAsJsonAsync(Url(trackId, outcome) + "/preview", body);

    private Task<int> OutboxCountAsync() => app.WithDbAsync(db => db.OutboxMessages.CountAsync());

    [Fact]
    public async Task A_track_starts_with_the_three_default_letters_whose_subjects_say_what_to_do()
    {
        var track = await DecisionTrack.CreateAsync(app, 1);

        var all = (await track.Chair.GetFromJsonAsync<JsonElement>(Url(track.TrackId))).EnumerateArray().ToList();

        Assert.Equal(["accepted", "rejected", "waitlisted"], all.Select(t => t.GetProperty("outcome").GetString()));
        Assert.All(all, t => Assert.True(t.GetProperty("isDefault").GetBoolean()));
        Assert.All(all, t => Assert.Equal(0u, t.GetProperty("version").GetUInt32()));
        Assert.StartsWith("[Action required] Confirm your talk", all[0].GetProperty("subject").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chairs_wording_is_saved_versioned_and_sent_on_release_and_reset_brings_back_the_default()
    {
        var track = await DecisionTrack.CreateAsync(app, 1);
        var p = track.Proposals[0];

        var saved = await Problems.JsonAsync(await PutAsync(track.Chair, track.TrackId, "rejected",
            "Sorry, {{ speaker.name }}: {{ proposal.title }}", "Dear {{ speaker.name }}, {{ decision }}.{% for c in comments %} [{{ c }}]{% endfor %}", false, 0));
        Assert.False(saved.GetProperty("isDefault").GetBoolean());
        Assert.NotEqual(0u, saved.GetProperty("version").GetUInt32());
        var changed = await Problems.JsonAsync(await PutAsync(track.Chair, track.TrackId, "rejected",
            "We are sorry, {{ speaker.name }}", "Dear {{ speaker.name }}, {{ decision }}.{% for c in comments %} [{{ c }}]{% endfor %}", true,
            saved.GetProperty("version").GetUInt32()));
        Assert.Equal("We are sorry, {{ speaker.name }}", (await TemplateAsync(track.Chair, track.TrackId, "rejected")).GetProperty("subject").GetString());

        await DecideAsync(app, p.Id, SubmissionStatus.Rejected);
        await ReleaseAsync(track.Chair, track.TrackId);
        var mail = Assert.Single(await LettersToAsync(app, p.SpeakerEmail));
        Assert.StartsWith("We are sorry, Sam O'Speaker", mail.Subject, StringComparison.Ordinal);
        Assert.Equal($"Dear {mail.ToName}, rejected. [Comment for the speakers of {p.Title}.]\n", mail.TextBody);

        var reset = await track.Chair.DeleteAsync(new Uri(Url(track.TrackId, "rejected"), UriKind.Relative));
        Assert.True((await Problems.JsonAsync(reset)).GetProperty("isDefault").GetBoolean());
        Assert.True((await TemplateAsync(track.Chair, track.TrackId, "rejected")).GetProperty("isDefault").GetBoolean());
        Assert.NotEqual(0u, changed.GetProperty("version").GetUInt32());
    }

    [Theory]
    [InlineData("{% if %}", "Body is fine", "Subject")]
    [InlineData("Fine subject", "Hello {{ speaker.name ", "Body")]
    [InlineData("Fine subject", "{% for i in (1..1000000) %}x{% endfor %}", "Body")]
    public async Task A_template_fluid_cannot_parse_or_render_is_refused_on_its_field_and_nothing_is_saved(string subject, string body, string field)
    {
        var track = await DecisionTrack.CreateAsync(app, 1);

        var response = await PutAsync(track.Chair, track.TrackId, "accepted", subject, body, true, 0);

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
        var message = problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
        Assert.True(message.Contains("Liquid", StringComparison.Ordinal) || message.Contains("rendered", StringComparison.Ordinal), message);
        Assert.True((await TemplateAsync(track.Chair, track.TrackId, "accepted")).GetProperty("isDefault").GetBoolean());
        Assert.Equal(0, await app.WithDbAsync(db => db.DecisionTemplates.CountAsync(t => t.TrackId == track.TrackId)));
    }

    [Fact]
    public async Task A_save_over_a_newer_version_is_refused_with_409_and_keeps_the_newer_text()
    {
        var track = await DecisionTrack.CreateAsync(app, 1);
        var first = await Problems.JsonAsync(await PutAsync(track.Chair, track.TrackId, "waitlisted", "One", "First body", false, 0));
        await Problems.JsonAsync(await PutAsync(track.Chair, track.TrackId, "waitlisted", "Two", "Second body", false, first.GetProperty("version").GetUInt32()));

        var stale = await PutAsync(track.Chair, track.TrackId, "waitlisted", "Three", "Stale body", false, first.GetProperty("version").GetUInt32());
        var staleFromDefault = await PutAsync(track.Chair, track.TrackId, "waitlisted", "Four", "From the default", false, 0);

        await Problems.AssertAsync(stale, HttpStatusCode.Conflict);
        await Problems.AssertAsync(staleFromDefault, HttpStatusCode.Conflict);
        Assert.Equal("Second body", (await TemplateAsync(track.Chair, track.TrackId, "waitlisted")).GetProperty("body").GetString());
    }

    [Fact]
    public async Task The_preview_renders_on_a_real_proposal_with_its_speaker_and_comments_and_sends_nothing()
    {
        var track = await DecisionTrack.CreateAsync(app, 2);
        var (accepted, other) = (track.Proposals[0], track.Proposals[1]);
        await DecideAsync(app, other.Id, SubmissionStatus.Rejected);
        await DecideAsync(app, accepted.Id, SubmissionStatus.Accepted);
        var mails = await OutboxCountAsync();

        // No proposal named: the first one decided with that outcome.
        var preview = await Problems.JsonAsync(await PreviewAsync(track.Chair, track.TrackId, "accepted", new { proposalId = (Guid?)null }));
        Assert.StartsWith("[Action required] Confirm your talk", preview.GetProperty("subject").GetString(), StringComparison.Ordinal);
        Assert.Contains(accepted.Title, preview.GetProperty("subject").GetString(), StringComparison.Ordinal);
        var body = preview.GetProperty("body").GetString()!;
        Assert.Contains("Hello Sam O'Speaker", body, StringComparison.Ordinal);
        Assert.Contains($"Comment for the speakers of {accepted.Title}.", body, StringComparison.Ordinal);
        Assert.Contains("/Talks/Confirm?token=", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Secret committee remark", body, StringComparison.Ordinal);
        Assert.Contains(accepted.SpeakerEmail, preview.GetProperty("to").GetString(), StringComparison.Ordinal);

        // Unsaved text, comments left out, on the proposal the chair picks.
        var unsaved = await Problems.JsonAsync(await PreviewAsync(track.Chair, track.TrackId, "rejected",
            new { proposalId = other.Id, subject = "About {{ proposal.title }}", body = "{{ speaker.name }}: {{ decision }} ({{ comments.size }} comments)", includeReviewComments = false }));
        Assert.Equal($"About {other.Title}", unsaved.GetProperty("subject").GetString());
        Assert.StartsWith("Sam O'Speaker", unsaved.GetProperty("body").GetString(), StringComparison.Ordinal);
        Assert.EndsWith(": rejected (0 comments)\n", unsaved.GetProperty("body").GetString(), StringComparison.Ordinal);

        Assert.Equal(mails, await OutboxCountAsync());
        Assert.Equal(0, await app.WithDbAsync(db => db.SpeakerConfirmations.CountAsync(c => c.SubmissionId == accepted.Id)));
        Assert.Equal(0, await LetterRowsAsync(app, accepted.Id));
        Assert.False(await IsReleasedAsync(app, accepted.Id));
        Assert.Equal(0, await app.WithDbAsync(db => db.DecisionTemplates.CountAsync(t => t.TrackId == track.TrackId)));
    }

    [Fact]
    public async Task The_preview_of_broken_text_or_on_another_tracks_proposal_is_refused()
    {
        var track = await DecisionTrack.CreateAsync(app, 1);
        var other = await DecisionTrack.CreateAsync(app, 1);

        var broken = await PreviewAsync(track.Chair, track.TrackId, "accepted", new { proposalId = (Guid?)null, body = "{% for %}" });
        Assert.Contains("Body", await Problems.FieldsAsync(broken));
        var foreign = await PreviewAsync(track.Chair, track.TrackId, "accepted", new { proposalId = other.Proposals[0].Id });
        Assert.Contains("ProposalId", await Problems.FieldsAsync(foreign));
    }

    [Theory]
    [InlineData("accepted", "Nul \u0000 here", "Body", "Subject")]
    [InlineData("accepted", "Escape \u001b[31m", "Body", "Subject")]
    [InlineData("accepted", "Two\nlines", "Body", "Subject")]
    [InlineData("accepted", "Fine", "Bell \u0007 body", "Body")]
    [InlineData("accepted", "", "Body", "Subject")]
    [InlineData("accepted", null, "Body", "Subject")]
    [InlineData("accepted", "Fine", null, "Body")]
    [InlineData("speaker", "Fine", "Body", "Outcome")]
    public async Task Hostile_template_input_is_refused_on_its_field_and_nothing_is_saved(string outcome, string? subject, string? body, string field)
    {
        var track = await DecisionTrack.CreateAsync(app, 1);

        var response = await PutAsync(track.Chair, track.TrackId, outcome, subject, body, true, 0);

        Assert.Contains(field, await Problems.FieldsAsync(response));
        Assert.Equal(0, await app.WithDbAsync(db => db.DecisionTemplates.CountAsync(t => t.TrackId == track.TrackId)));
    }

    [Fact]
    public async Task A_huge_template_or_preview_is_refused()
    {
        var track = await DecisionTrack.CreateAsync(app, 1);
        var huge = new string('x', 20_001);

        Assert.Contains("Body", await Problems.FieldsAsync(await PutAsync(track.Chair, track.TrackId, "accepted", "Fine", huge, true, 0)));
        Assert.Contains("Subject", await Problems.FieldsAsync(await PutAsync(track.Chair, track.TrackId, "accepted", new string('s', 301), "Body", true, 0)));
        Assert.Contains("Body", await Problems.FieldsAsync(await PreviewAsync(track.Chair, track.TrackId, "accepted", new { body = huge })));
        var nul = await track.Chair.PostAsync(Url(track.TrackId, "accepted") + "/preview",
            new StringContent("""{"proposalId":null,"subject":"a\u0000b"}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains("Subject", await Problems.FieldsAsync(nul));
    }

    [Fact]
    public async Task Members_and_other_chairs_cannot_read_change_or_preview_the_letters()
    {
        var track = await DecisionTrack.CreateAsync(app, 1);
        var other = await DecisionTrack.CreateAsync(app, 1);
        var member = track.Track.Members[0].Client;

        foreach (var client in new[] { member, other.Chair })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(new Uri(Url(track.TrackId), UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await PutAsync(client, track.TrackId, "accepted", "Mine", "Mine", false, 0)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.DeleteAsync(new Uri(Url(track.TrackId, "accepted"), UriKind.Relative))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await PreviewAsync(client, track.TrackId, "accepted", new { proposalId = (Guid?)null })).StatusCode);
        }

        Assert.Equal(0, await app.WithDbAsync(db => db.DecisionTemplates.CountAsync(t => t.TrackId == track.TrackId)));
    }
}
