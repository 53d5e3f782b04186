using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>
/// Who may see and change a proposal: its speakers (with an account), the track's chair and site admins.
/// Anyone else gets 404, not 403, so proposal ids cannot be probed.
/// </summary>
public sealed class ProposalAccess(IApplicationDbContext db, ICurrentUser currentUser)
{
    public Guid UserId => currentUser.Id ?? throw new UnauthenticatedException();

    /// <summary>Loads the proposal (tracked, with track, conference, committee and speakers) for one of its speakers.</summary>
    public async Task<Submission> GetForSpeakerAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        var submission = await LoadAsync(submissionId, cancellationToken);
        if (!submission.IsSpeaker(UserId))
            throw NotFoundException.For("Proposal", submissionId);
        return submission;
    }

    /// <summary>
    /// Reads the proposal for a speaker, the track's chair or an admin: one statement, nothing tracked (it is for
    /// showing, not changing). Of the committee only the reader's own seat is loaded, which is all
    /// <see cref="Domain.Conferences.Track.IsChair"/> needs; the rest of the committee is not the reader's business here.
    /// </summary>
    public async Task<(Submission Submission, bool AsSpeaker)> GetForReaderAsync(Guid submissionId, CancellationToken cancellationToken)
    {
        var me = UserId;
        var submission = await db.Submissions.AsNoTracking().AsSingleQuery()
            .Include(s => s.Track).ThenInclude(t => t.Conference)
            .Include(s => s.Track).ThenInclude(t => t.Committee.Where(m => m.PersonId == me))
            .Include(s => s.Speakers)
            .SingleOrDefaultAsync(s => s.Id == submissionId, cancellationToken)
            ?? throw NotFoundException.For("Proposal", submissionId);
        if (submission.IsSpeaker(me))
            return (submission, true);
        var chairOrAdmin = currentUser.IsInRole(Roles.Admin) || submission.Track.IsChair(me);
        // Drafts are the speakers' own until submitted.
        if (!chairOrAdmin || submission.Status == SubmissionStatus.Draft)
            throw NotFoundException.For("Proposal", submissionId);
        return (submission, false);
    }

    private async Task<Submission> LoadAsync(Guid submissionId, CancellationToken cancellationToken) =>
        await db.Submissions
            .Include(s => s.Track).ThenInclude(t => t.Conference)
            .Include(s => s.Track).ThenInclude(t => t.Committee)
            .Include(s => s.Speakers)
            .SingleOrDefaultAsync(s => s.Id == submissionId, cancellationToken)
        ?? throw NotFoundException.For("Proposal", submissionId);
}
