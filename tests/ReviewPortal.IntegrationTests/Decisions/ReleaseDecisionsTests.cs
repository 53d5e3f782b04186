using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Infrastructure;
using ReviewPortal.IntegrationTests.Reviews;
using static ReviewPortal.IntegrationTests.Decisions.ReleaseSteps;

namespace ReviewPortal.IntegrationTests.Decisions;

/// <summary>
/// Releasing decisions (issue 9, "Release"): <c>POST /api/v1/tracks/{trackId}/decisions/release</c> writes one letter per
/// speaker and proposal as an outbox row, from the outcome's template, exactly once however often it is pressed.
/// </summary>
public sealed class ReleaseDecisionsTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
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

    private static string[] Everyone(DecisionTrack track) => [.. track.Proposals.SelectMany(p => new[] { p.SpeakerEmail, p.CoSpeakerEmail })];

    [Fact]
    public async Task Releasing_everything_mails_each_speaker_once_with_their_outcomes_letter_and_only_acceptances_carry_a_confirm_link()
    {
        var (track, accepted, rejected, waitlisted) = await DecidedTrackAsync();

        var result = await ReleaseAsync(track.Chair, track.TrackId);

        Assert.Equal(3, result.GetProperty("released").GetInt32());
        Assert.Equal(6, result.GetProperty("letters").GetInt32());
        Assert.Empty(result.GetProperty("skipped").EnumerateArray());
        var letters = await LettersToAsync(app, Everyone(track));
        Assert.Equal(6, letters.Count);
        Assert.Equal(6, letters.Select(l => l.ToAddress).Distinct().Count());

        foreach (var to in new[] { accepted.SpeakerEmail, accepted.CoSpeakerEmail })
        {
            var mail = Assert.Single(letters, l => l.ToAddress == to);
            Assert.Equal("decision.accepted", mail.Kind);
            Assert.StartsWith("[Action required] Confirm your talk", mail.Subject, StringComparison.Ordinal);
            Assert.Contains(accepted.Title, mail.Subject, StringComparison.Ordinal); // "&" stays "&" in plain text
            Assert.Contains("/Talks/Confirm?token=", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains($"Comment for the speakers of {accepted.Title}.", mail.TextBody, StringComparison.Ordinal);
            Assert.DoesNotContain("Secret committee remark", mail.TextBody, StringComparison.Ordinal);
        }

        var speakerMail = Assert.Single(letters, l => l.ToAddress == accepted.SpeakerEmail);
        Assert.Contains("Hello Sam O'Speaker", speakerMail.TextBody, StringComparison.Ordinal);
        var coMail = Assert.Single(letters, l => l.ToAddress == accepted.CoSpeakerEmail);
        Assert.Contains("Hello Cleo Cospeaker", coMail.TextBody, StringComparison.Ordinal);

        var rejectedMail = Assert.Single(letters, l => l.ToAddress == rejected.SpeakerEmail);
        Assert.Equal("decision.rejected", rejectedMail.Kind);
        Assert.DoesNotContain("Confirm", rejectedMail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", rejectedMail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Comment for the speakers of {rejected.Title}.", rejectedMail.TextBody, StringComparison.Ordinal);

        var waitlistedMail = Assert.Single(letters, l => l.ToAddress == waitlisted.CoSpeakerEmail);
        Assert.Equal("decision.waitlisted", waitlistedMail.Kind);
        Assert.Contains("in place 2", waitlistedMail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("token=", waitlistedMail.TextBody, StringComparison.Ordinal);

        foreach (var p in track.Proposals)
        {
            Assert.True(await IsReleasedAsync(app, p.Id));
            Assert.Equal(2, await LetterRowsAsync(app, p.Id));
        }

        Assert.Equal(1, await app.WithDbAsync(db => db.SpeakerConfirmations.CountAsync(c => c.SubmissionId == accepted.Id)));
        Assert.Equal(0, await app.WithDbAsync(db => db.SpeakerConfirmations.CountAsync(c => c.SubmissionId == rejected.Id)));
        var audited = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.TrackId == track.TrackId && e.Action == "decision.released")
            .Select(e => e.EntityId).ToListAsync());
        Assert.Equal(track.Proposals.Select(p => p.Id).Order(), audited.Order());
    }

    [Fact]
    public async Task Pressing_release_twice_sends_no_new_mail()
    {
        var (track, _, _, _) = await DecidedTrackAsync();
        await ReleaseAsync(track.Chair, track.TrackId);

        var again = await ReleaseAsync(track.Chair, track.TrackId);
        var selectedAgain = await ReleaseAsync(track.Chair, track.TrackId, track.Proposals.Select(p => p.Id));

        Assert.Equal(0, again.GetProperty("released").GetInt32());
        Assert.Equal(0, again.GetProperty("letters").GetInt32());
        Assert.Equal(0, selectedAgain.GetProperty("letters").GetInt32());
        Assert.Equal(3, selectedAgain.GetProperty("skipped").GetArrayLength());
        Assert.Equal(6, (await LettersToAsync(app, Everyone(track))).Count);
    }

    [Fact]
    public async Task Two_releases_at_the_same_moment_mail_each_speaker_once_and_neither_fails()
    {
        var (track, _, _, _) = await DecidedTrackAsync();
        var second = await SecondChairAsync(app, track);

        var responses = await Task.WhenAll(
            PostReleaseAsync(track.Chair, track.TrackId, null),
            PostReleaseAsync(second.Client, track.TrackId, track.Proposals.Select(p => p.Id).Reverse()),
            PostReleaseAsync(track.Chair, track.TrackId, null));

        foreach (var response in responses)
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        var letters = await LettersToAsync(app, Everyone(track));
        Assert.Equal(6, letters.Count);
        Assert.Equal(6, letters.Select(l => l.ToAddress).Distinct().Count());
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadFromJsonAsync<JsonElement>()));
        Assert.Equal(6, bodies.Sum(b => b.GetProperty("letters").GetInt32()));
        Assert.Equal(3, bodies.Sum(b => b.GetProperty("released").GetInt32()));
    }

    [Fact]
    public async Task Releasing_a_selection_releases_only_those()
    {
        var (track, accepted, rejected, waitlisted) = await DecidedTrackAsync();

        var result = await ReleaseAsync(track.Chair, track.TrackId, [rejected.Id]);

        Assert.Equal(1, result.GetProperty("released").GetInt32());
        Assert.Equal(2, result.GetProperty("letters").GetInt32());
        Assert.True(await IsReleasedAsync(app, rejected.Id));
        Assert.False(await IsReleasedAsync(app, accepted.Id));
        Assert.False(await IsReleasedAsync(app, waitlisted.Id));
        Assert.Equal(new[] { rejected.SpeakerEmail, rejected.CoSpeakerEmail }.Order(), (await LettersToAsync(app, Everyone(track))).Select(l => l.ToAddress).Order());
    }

    [Fact]
    public async Task A_proposal_of_another_track_or_an_undecided_one_in_the_selection_is_named_and_nothing_is_released()
    {
        var (track, accepted, _, _) = await DecidedTrackAsync();
        var other = await DecisionTrack.CreateAsync(app, 1);
        await DecideAsync(app, other.Proposals[0].Id, SubmissionStatus.Accepted);
        var undecided = await DecisionTrack.CreateAsync(app, 1);

        var foreign = await PostReleaseAsync(track.Chair, track.TrackId, [accepted.Id, other.Proposals[0].Id]);
        var problem = await Problems.AssertAsync(foreign, HttpStatusCode.BadRequest);
        Assert.Contains("ProposalIds[1]", problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));

        var notDecided = await PostReleaseAsync(undecided.Chair, undecided.TrackId, [undecided.Proposals[0].Id]);
        var undecidedProblem = await Problems.AssertAsync(notDecided, HttpStatusCode.BadRequest);
        Assert.Contains("has no decision to release", undecidedProblem.GetRawText(), StringComparison.Ordinal);

        Assert.False(await IsReleasedAsync(app, accepted.Id));
        Assert.False(await IsReleasedAsync(app, other.Proposals[0].Id));
        Assert.Empty(await LettersToAsync(app, [.. Everyone(track), .. Everyone(other), .. Everyone(undecided)]));
    }

    [Fact]
    public async Task A_conflicted_chairs_release_of_everything_skips_the_proposals_they_are_conflicted_on()
    {
        var (track, accepted, rejected, waitlisted) = await DecidedTrackAsync();
        var second = await SecondChairAsync(app, track);
        await ReviewReadingSteps.DeclareConflictAsync(second.Client, rejected.Id);

        var result = await ReleaseAsync(second.Client, track.TrackId);

        Assert.Equal(2, result.GetProperty("released").GetInt32());
        var skipped = Assert.Single(result.GetProperty("skipped").EnumerateArray());
        Assert.Equal(rejected.Id, skipped.GetProperty("proposalId").GetGuid());
        Assert.Contains("conflict of interest", skipped.GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.False(await IsReleasedAsync(app, rejected.Id));
        Assert.True(await IsReleasedAsync(app, accepted.Id) && await IsReleasedAsync(app, waitlisted.Id));
        Assert.Empty(await LettersToAsync(app, rejected.SpeakerEmail, rejected.CoSpeakerEmail));

        // Named explicitly it is refused, and the other chair releases it.
        await Problems.AssertAsync(await PostReleaseAsync(second.Client, track.TrackId, [rejected.Id]), HttpStatusCode.BadRequest);
        Assert.Equal(1, (await ReleaseAsync(track.Chair, track.TrackId)).GetProperty("released").GetInt32());
        Assert.Equal(2, (await LettersToAsync(app, rejected.SpeakerEmail, rejected.CoSpeakerEmail)).Count);
    }

    [Fact]
    public async Task A_member_or_another_tracks_chair_cannot_release_and_the_speakers_hear_nothing()
    {
        var (track, accepted, _, _) = await DecidedTrackAsync();
        var other = await DecisionTrack.CreateAsync(app, 1);

        Assert.Equal(HttpStatusCode.Forbidden, (await PostReleaseAsync(track.Track.Members[0].Client, track.TrackId, null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostReleaseAsync(other.Chair, track.TrackId, null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostReleaseAsync(track.Chair, Guid.NewGuid(), null)).StatusCode);
        Assert.False(await IsReleasedAsync(app, accepted.Id));
        Assert.Empty(await LettersToAsync(app, Everyone(track)));
    }

    [Theory]
    [InlineData("""{"proposalIds":[null]}""", "ProposalIds[0]")]
    [InlineData("""{"proposalIds":[]}""", "ProposalIds")]
    [InlineData("""{"proposalIds":["00000000-0000-0000-0000-000000000000"]}""", "ProposalIds[0]")]
    [InlineData("""{"proposalIds":["not-a-guid"]}""", null)]
    [InlineData("""{"proposalIds":"\u0000"}""", null)]
    public async Task Hostile_release_bodies_are_refused_and_release_nothing(string json, string? field)
    {
        var (track, accepted, _, _) = await DecidedTrackAsync();

        var response = await track.Chair.PostAsync($"/api/v1/tracks/{track.TrackId}/decisions/release",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await Problems.AssertAsync(response, HttpStatusCode.BadRequest);
        if (field is not null)
            Assert.Contains(field, problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.False(await IsReleasedAsync(app, accepted.Id));
        Assert.Empty(await LettersToAsync(app, Everyone(track)));
    }

    [Fact]
    public async Task A_huge_selection_is_refused()
    {
        var (track, _, _, _) = await DecidedTrackAsync();
        var response = await PostReleaseAsync(track.Chair, track.TrackId, Enumerable.Range(0, 5_001).Select(_ => Guid.NewGuid()));
        Assert.Contains("ProposalIds", await Problems.FieldsAsync(response));
        Assert.Empty(await LettersToAsync(app, Everyone(track)));
    }

    [Fact]
    public async Task A_speaker_without_a_letter_for_the_outcome_gets_theirs_on_the_next_release_and_no_one_else_does()
    {
        // The letter rows, not the released flag, decide who still gets mail: a row lost (say, restored from a backup) is re-sent once.
        var (track, accepted, _, _) = await DecidedTrackAsync();
        await ReleaseAsync(track.Chair, track.TrackId);
        await app.WithDbAsync(async db =>
        {
            var coSpeakerId = await db.SubmissionSpeakers.Where(s => s.SubmissionId == accepted.Id && s.Email == accepted.CoSpeakerEmail).Select(s => s.Id).SingleAsync();
            await db.DecisionLetters.Where(l => l.SubmissionId == accepted.Id && l.SpeakerId == coSpeakerId).ExecuteDeleteAsync();
        });

        var again = await ReleaseAsync(track.Chair, track.TrackId, [accepted.Id]);

        Assert.Equal(1, again.GetProperty("letters").GetInt32());
        Assert.Equal(2, (await LettersToAsync(app, accepted.CoSpeakerEmail)).Count);
        Assert.Single(await LettersToAsync(app, accepted.SpeakerEmail));
        Assert.Equal(DecisionOutcome.Accepted, await app.WithDbAsync(db => db.DecisionLetters.Where(l => l.SubmissionId == accepted.Id).Select(l => l.Outcome).FirstAsync()));
    }
}
