using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Reviews;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Decisions;

/// <summary>The values a decision template reads (snake_case in Liquid: <c>{{ speaker.name }}</c>, <c>{{ confirm_url }}</c>).</summary>
public sealed record DecisionLetterModel(
    LetterSpeaker Speaker,
    IReadOnlyList<string> Speakers,
    LetterProposal Proposal,
    LetterTrack Track,
    LetterConference Conference,
    string Decision,
    int? WaitlistRank,
    string? ConfirmUrl,
    string? ConfirmDeadline,
    IReadOnlyList<string> Comments);

public sealed record LetterSpeaker(string Name, string Email);

public sealed record LetterProposal(string Title, string Url, IReadOnlyList<string> Topics);

public sealed record LetterTrack(string Name);

public sealed record LetterConference(string Name, string Dates);

/// <summary>
/// Releases one proposal's decision to its speakers: marks it released, offers the slot of an accepted talk (a
/// <see cref="SpeakerConfirmation"/>), and queues one letter per speaker with an address from the track's template
/// for the outcome, in the caller's transaction. A speaker already written to for this outcome is not written to
/// again (<see cref="DecisionLetter"/>), so release pressed twice or a retried job sends each mail once. Release of a
/// selection, of everything decided, and promotion from the waitlist all come through here.
/// </summary>
public sealed class DecisionLetters(IApplicationDbContext db, IEmailOutbox outbox, ILinkBuilder links, IConfirmationTokens tokens, TimeProvider clock)
{
    /// <summary>The submission must be tracked, with its track, conference and speakers loaded.</summary>
    /// <returns>How many letters were queued now (0 when every speaker already has theirs).</returns>
    public async Task<int> ReleaseAsync(Submission submission, bool promotedFromWaitlist, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        // Whoever releases the same proposal at the same moment waits here for the other to commit, then sees its
        // letters below and writes none; the unique index on DecisionLetter stays the last guard.
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Submissions" WHERE "Id" = {submission.Id} FOR UPDATE""", cancellationToken);
        submission.ReleaseDecision(now);
        var outcome = OutcomeOf(submission.Status);
        SpeakerConfirmation? offer = null;
        if (outcome == DecisionOutcome.Accepted)
        {
            offer = await db.SpeakerConfirmations.SingleOrDefaultAsync(c => c.SubmissionId == submission.Id, cancellationToken);
            if (offer is null)
            {
                offer = new SpeakerConfirmation
                {
                    TrackId = submission.TrackId,
                    SubmissionId = submission.Id,
                    OfferedUtc = now,
                    PromotedFromWaitlist = promotedFromWaitlist,
                };
                db.SpeakerConfirmations.Add(offer);
            }
        }

        var written = await db.DecisionLetters
            .Where(l => l.SubmissionId == submission.Id && l.Outcome == outcome)
            .Select(l => l.SpeakerId)
            .ToListAsync(cancellationToken);
        var recipients = submission.Speakers
            .Where(s => !string.IsNullOrWhiteSpace(s.Email) && !written.Contains(s.Id))
            .OrderBy(s => s.Order)
            .ToList();
        if (recipients.Count == 0)
            return 0;

        var template = await TemplateForAsync(submission.TrackId, outcome, cancellationToken);
        var comments = template.IncludeReviewComments ? await CommentsForSpeakersAsync(submission.Id, cancellationToken) : [];
        foreach (var speaker in recipients)
        {
            var model = Model(submission, speaker, offer, comments);
            var messageId = await outbox.EnqueueTextAsync($"decision.{outcome.ToString().ToLowerInvariant()}", template.Subject,
                template.Body, speaker.Email!, speaker.Name, model, cancellationToken);
            db.DecisionLetters.Add(new DecisionLetter
            {
                TrackId = submission.TrackId,
                SubmissionId = submission.Id,
                SpeakerId = speaker.Id,
                Outcome = outcome,
                OutboxMessageId = messageId,
                CreatedUtc = now,
            });
        }

        return recipients.Count;
    }

    /// <summary>The track's wording for the outcome, or the built-in default.</summary>
    public async Task<DecisionTemplate> TemplateForAsync(Guid trackId, DecisionOutcome outcome, CancellationToken cancellationToken) =>
        await db.DecisionTemplates.AsNoTracking().SingleOrDefaultAsync(t => t.TrackId == trackId && t.Outcome == outcome, cancellationToken)
        ?? DecisionTemplateDefaults.For(outcome);

    /// <summary>The reviewers' comments for the speakers of submitted reviews (no scores, no names), in the order written.</summary>
    public async Task<IReadOnlyList<string>> CommentsForSpeakersAsync(Guid submissionId, CancellationToken cancellationToken) =>
        await db.Reviews.AsNoTracking()
            .Where(r => r.SubmissionId == submissionId && r.State == ReviewState.Submitted && r.CommentsForSpeakers != "")
            .OrderBy(r => r.SubmittedUtc)
            .Select(r => r.CommentsForSpeakers)
            .ToListAsync(cancellationToken);

    /// <summary>What the template sees for one speaker; previews build it from a real proposal the same way.</summary>
    /// <param name="decision">The outcome the letter tells (a preview may word one outcome on a proposal decided otherwise); default: the proposal's.</param>
    public DecisionLetterModel Model(Submission submission, SubmissionSpeaker speaker, SpeakerConfirmation? offer, IReadOnlyList<string> comments,
        DecisionOutcome? decision = null)
    {
        var track = submission.Track;
        var conference = track.Conference;
        string? confirmUrl = null;
        string? deadline = null;
        if (offer is not null)
        {
            confirmUrl = links.ConfirmTalk(tokens.Issue(new ConfirmationTicket(offer.Id, submission.Id, speaker.Id)));
            deadline = offer.DueUtc(track) is { } due ? conference.Format(due) : null;
        }

        return new DecisionLetterModel(
            new LetterSpeaker(speaker.Name, speaker.Email ?? ""),
            submission.Speakers.OrderBy(s => s.Order).Select(s => s.Name).ToList(),
            new LetterProposal(submission.Title, links.Submission(submission.Id), submission.Topics),
            new LetterTrack(track.Name),
            new LetterConference(conference.Name, $"{conference.StartDate:d MMM yyyy} – {conference.EndDate:d MMM yyyy}"),
            Submission.Describe(decision is { } told ? StatusOf(told) : submission.Status),
            submission.WaitlistRank,
            confirmUrl,
            deadline,
            comments);
    }

    public static SubmissionStatus StatusOf(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Accepted => SubmissionStatus.Accepted,
        DecisionOutcome.Rejected => SubmissionStatus.Rejected,
        _ => SubmissionStatus.Waitlisted,
    };

    public static DecisionOutcome OutcomeOf(SubmissionStatus status) => status switch
    {
        SubmissionStatus.Accepted => DecisionOutcome.Accepted,
        SubmissionStatus.Rejected => DecisionOutcome.Rejected,
        SubmissionStatus.Waitlisted => DecisionOutcome.Waitlisted,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Only a decided proposal has a letter."),
    };
}
