using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>Mails to every speaker of a proposal who has an e-mail address, through the outbox.</summary>
public sealed class ProposalMails(IEmailOutbox outbox, ILinkBuilder links, TimeProvider clock)
{
    public Task SubmittedAsync(Submission submission, CancellationToken cancellationToken) =>
        ToSpeakersAsync("proposal.submitted", submission, cancellationToken);

    public Task WithdrawnAsync(Submission submission, CancellationToken cancellationToken) =>
        ToSpeakersAsync("proposal.withdrawn", submission, cancellationToken);

    private async Task ToSpeakersAsync(string template, Submission submission, CancellationToken cancellationToken)
    {
        var conference = submission.Track.Conference;
        foreach (var speaker in submission.Speakers.Where(s => !string.IsNullOrWhiteSpace(s.Email)).OrderBy(s => s.Order))
        {
            await outbox.EnqueueAsync(template, speaker.Email!, speaker.Name, new
            {
                speaker.Name,
                submission.Title,
                Track = submission.Track.Name,
                Conference = conference.Name,
                CfpCloses = conference.Format(submission.Track.CfpClosesUtc),
                When = conference.Format(clock.GetUtcNow()),
                Link = links.Submission(submission.Id),
            }, cancellationToken);
        }
    }
}
