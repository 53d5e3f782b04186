using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Domain.People;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>
/// The mails about a proposal, through the outbox (so they commit with the change). One mail per person per event:
/// a co-speaker added by a change that also submits gets only the "added" mail, which says it is submitted. Each text
/// says what its reader can do: a speaker without an account is told to register with that address first.
/// </summary>
public sealed class ProposalMails(IEmailOutbox outbox, ILinkBuilder links, TimeProvider clock)
{
    public Task SubmittedAsync(Submission submission, CancellationToken cancellationToken) =>
        SubmittedAsync(submission, SpeakerChanges.None, cancellationToken);

    /// <summary>"Submitted" to every speaker except those just added by the same change (their "added" mail says it).</summary>
    public Task SubmittedAsync(Submission submission, SpeakerChanges sameChange, CancellationToken cancellationToken) =>
        ToSpeakersAsync("proposal.submitted", submission, sameChange.Added, cancellationToken);

    public Task WithdrawnAsync(Submission submission, CancellationToken cancellationToken) =>
        ToSpeakersAsync("proposal.withdrawn", submission, [], cancellationToken);

    /// <summary>New co-speakers learn they were added (or invited to register); removed ones learn they were removed.</summary>
    public async Task SpeakersChangedAsync(Submission submission, Person changedBy, SpeakerChanges changes, CancellationToken cancellationToken)
    {
        foreach (var speaker in changes.Added.Where(HasAddress))
        {
            var hasAccount = speaker.PersonId is not null;
            await outbox.EnqueueAsync(hasAccount ? "proposal.co-speaker-added" : "proposal.co-speaker-invited",
                speaker.Email!, speaker.Name, Model(submission, speaker, changedBy), cancellationToken);
        }

        foreach (var speaker in changes.Removed.Where(HasAddress))
            await outbox.EnqueueAsync("proposal.co-speaker-removed", speaker.Email!, speaker.Name,
                Model(submission, speaker, changedBy), cancellationToken);
    }

    private async Task ToSpeakersAsync(string template, Submission submission, IReadOnlyList<SubmissionSpeaker> except, CancellationToken cancellationToken)
    {
        foreach (var speaker in submission.Speakers.Where(HasAddress).Where(s => !except.Contains(s)).OrderBy(s => s.Order))
            await outbox.EnqueueAsync(template, speaker.Email!, speaker.Name, Model(submission, speaker, null), cancellationToken);
    }

    private static bool HasAddress(SubmissionSpeaker speaker) => !string.IsNullOrWhiteSpace(speaker.Email);

    private object Model(Submission submission, SubmissionSpeaker speaker, Person? changedBy)
    {
        var conference = submission.Track.Conference;
        var hasAccount = speaker.PersonId is not null;
        return new
        {
            speaker.Name,
            submission.Title,
            Track = submission.Track.Name,
            Conference = conference.Name,
            Submitter = changedBy?.DisplayName,
            Submitted = submission.Status != SubmissionStatus.Draft,
            HasAccount = hasAccount,
            CfpCloses = conference.Format(submission.Track.CfpClosesUtc),
            When = conference.Format(clock.GetUtcNow()),
            // Someone without an account cannot open the proposal: their link is the registration form with their address.
            Link = hasAccount ? links.Submission(submission.Id) : links.Register(speaker.Email!),
            RegisterLink = links.Register(speaker.Email!),
            ProposalLink = links.Submission(submission.Id),
        };
    }
}
