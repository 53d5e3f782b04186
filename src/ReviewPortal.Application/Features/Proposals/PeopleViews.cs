using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Reviews;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>
/// The policy's view of proposals for people other than the caller: a background job (the discussion digest, the
/// review reminders) asks what each recipient may still see or do at send time. Same facts as
/// <see cref="ProposalAccess"/>, read for many (proposal, person) pairs in a fixed number of statements. Recipients are
/// committee members, so site-admin rights are not looked up: a member is judged by their seat, as on the committee.
/// </summary>
public sealed class PeopleViews(IApplicationDbContext db)
{
    public async Task<IReadOnlyDictionary<(Guid ProposalId, Guid PersonId), ProposalView>> GetAsync(
        IReadOnlyCollection<(Guid ProposalId, Guid PersonId)> pairs, CancellationToken cancellationToken)
    {
        var result = new Dictionary<(Guid, Guid), ProposalView>();
        if (pairs.Count == 0)
            return result;
        var proposalIds = pairs.Select(p => p.ProposalId).Distinct().ToList();
        var personIds = pairs.Select(p => p.PersonId).Distinct().ToList();
        var proposals = await db.Submissions.AsNoTracking().Where(s => proposalIds.Contains(s.Id))
            .Select(s => new
            {
                s.Id,
                s.TrackId,
                s.Status,
                s.CreatedById,
                Speakers = s.Speakers.Where(sp => sp.PersonId != null).Select(sp => sp.PersonId!.Value).ToList(),
                DecisionReleased = s.DecisionReleasedUtc != null,
                ReviewPhaseStarted = s.Track.ReviewPhaseStartedUtc != null,
                s.Track.BlindMode,
                s.Track.OthersReviews,
            })
            .AsSingleQuery()
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        var trackIds = proposals.Values.Select(p => p.TrackId).Distinct().ToList();
        var seats = await db.CommitteeMembers.AsNoTracking()
            .Where(m => trackIds.Contains(m.TrackId) && personIds.Contains(m.PersonId))
            .Select(m => new { m.TrackId, m.PersonId, m.Role })
            .ToDictionaryAsync(m => (m.TrackId, m.PersonId), m => m.Role, cancellationToken);
        var assigned = (await db.ReviewAssignments.AsNoTracking()
            .Where(a => proposalIds.Contains(a.SubmissionId) && personIds.Contains(a.PersonId))
            .Select(a => new { a.SubmissionId, a.PersonId }).ToListAsync(cancellationToken))
            .Select(a => (a.SubmissionId, a.PersonId)).ToHashSet();
        var conflicted = (await db.Conflicts.AsNoTracking()
            .Where(c => c.Active && proposalIds.Contains(c.SubmissionId) && personIds.Contains(c.PersonId))
            .Select(c => new { c.SubmissionId, c.PersonId }).ToListAsync(cancellationToken))
            .Select(c => (c.SubmissionId, c.PersonId)).ToHashSet();
        var submitted = (await db.Reviews.AsNoTracking()
            .Where(r => r.State == ReviewState.Submitted && proposalIds.Contains(r.SubmissionId) && personIds.Contains(r.PersonId))
            .Select(r => new { r.SubmissionId, r.PersonId }).ToListAsync(cancellationToken))
            .Select(r => (r.SubmissionId, r.PersonId)).ToHashSet();

        foreach (var (proposalId, personId) in pairs)
        {
            if (!proposals.TryGetValue(proposalId, out var p))
            {
                result[(proposalId, personId)] = ProposalView.Hidden;
                continue;
            }

            CommitteeRole? seat = seats.TryGetValue((p.TrackId, personId), out var role) ? role : null;
            var facts = new ProposalFacts(SignedIn: true, IsAdmin: false, IsCreator: p.CreatedById == personId,
                IsNamedSpeaker: p.Speakers.Contains(personId), seat, assigned.Contains((proposalId, personId)),
                conflicted.Contains((proposalId, personId)), p.Status, p.ReviewPhaseStarted, p.BlindMode,
                submitted.Contains((proposalId, personId)), p.OthersReviews, p.DecisionReleased);
            result[(proposalId, personId)] = ProposalPolicy.For(facts);
        }

        return result;
    }
}
