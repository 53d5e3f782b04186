using Mediator;
using ReviewPortal.Application.Common.Text;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>One proposal as its speakers (or the track's chair) see it, with what the reader can still do.</summary>
public sealed record GetProposal(Guid Id) : IQuery<ProposalDetails>;

public sealed record ProposalDetails(
    Guid Id,
    uint Version,
    Guid TrackId,
    string TrackName,
    string ConferenceName,
    string Title,
    string Abstract,
    string AbstractHtml,
    string? Notes,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> TrackTopics,
    int MaxSpeakers,
    SubmissionStatus Status,
    string StatusText,
    IReadOnlyList<SpeakerView> Speakers,
    string? SubmittedAt,
    string CfpCloses,
    bool CanEdit,
    bool CanSubmit,
    bool CanWithdraw,
    bool IsSpeaker,
    bool CanDelete = false,
    bool IsOrganisersItem = false);

public sealed record SpeakerView(string Name, string? Email, string? Affiliation, bool HasAccount);

public sealed class GetProposalHandler(ProposalAccess access, TimeProvider clock) : IQueryHandler<GetProposal, ProposalDetails>
{
    public async ValueTask<ProposalDetails> Handle(GetProposal query, CancellationToken cancellationToken)
    {
        var (s, asSpeaker) = await access.GetForReaderAsync(query.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var conference = s.Track.Conference;
        var status = asSpeaker ? s.StatusForSpeakers : s.Status;
        return new ProposalDetails(
            s.Id, s.Version, s.TrackId, s.Track.Name, conference.Name,
            s.Title, s.Abstract, MarkdownRenderer.ToSafeHtml(s.Abstract), s.Notes,
            s.Topics, s.Track.Topics, s.Track.MaxSpeakersPerProposal,
            status, Submission.Describe(status),
            s.Speakers.OrderBy(x => x.Order).Select(x => new SpeakerView(x.Name, x.Email, x.Affiliation, x.PersonId is not null)).ToList(),
            s.SubmittedUtc is { } submitted ? conference.Format(submitted) : null,
            conference.Format(s.Track.CfpClosesUtc),
            asSpeaker && s.CanEdit(now),
            asSpeaker && s.CanSubmit(now),
            asSpeaker && s.CanWithdraw,
            asSpeaker,
            CanDelete: asSpeaker && s.Status == SubmissionStatus.Draft,
            IsOrganisersItem: s.Kind == SubmissionKind.Organisational);
    }
}
