using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Reviews;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Ranking;

/// <summary>A proposal of the ranking; <see cref="Visible"/>: the policy lets the caller see its reviews.</summary>
public sealed record RankingProposal(Guid Id, string Title, SubmissionStatus Status, IReadOnlyList<string> Topics, bool Visible);

public sealed record RankingPerson(Guid PersonId, string Name);

/// <summary>A submitted review as the ranking counts it: indices into the proposals and people, and its total (<see cref="ReviewTotal"/>).</summary>
public sealed record RankingReview(int Proposal, int Reviewer, double Total, int Confidence);

public sealed record RankingAssignment(int Proposal, int Reviewer);

/// <summary>Everything the ranking is computed from, for one track; <see cref="Reviews"/> are every submitted review, seen or not.</summary>
public sealed record RankingData(
    Track Track, IReadOnlyList<RankingProposal> Proposals, IReadOnlyList<RankingPerson> Reviewers,
    IReadOnlyList<RankingReview> Reviews, IReadOnlyList<RankingAssignment> Assignments, int LeftOutConflicted);

/// <summary>Reads a track's submitted reviews, assignments and the caller's views of its proposals, for the chair's ranking.</summary>
public static class RankingInputs
{
    /// <summary>
    /// The track's non-draft talks, every submitted review of them (drafts never count) scored with
    /// <see cref="ReviewTotal.Of"/>, and the caller's view of each: the track's chair or an admin (else 403; 404 for
    /// no such track). Five statements, whatever the track's size.
    /// </summary>
    public static async Task<RankingData> ReadAsync(
        IApplicationDbContext db, TrackAccess access, ProposalAccess proposalAccess, Guid trackId, CancellationToken cancellationToken)
    {
        var track = await access.ReadTrackForChairAsync(trackId, cancellationToken);
        var views = await proposalAccess.GetViewsForTrackAsync(track.Id, cancellationToken);
        // Organisers' items (the opening) are not reviewed: they stay out, as in the chair's list.
        var submissions = await db.Submissions.AsNoTracking()
            .Where(s => s.TrackId == track.Id && s.Status != SubmissionStatus.Draft && s.Kind == SubmissionKind.Talk)
            .OrderBy(s => s.SubmittedUtc).ThenBy(s => s.Id)
            .Select(s => new { s.Id, s.Title, s.Status, s.Topics })
            .ToListAsync(cancellationToken);
        var criteria = await db.ScoreCriteria.AsNoTracking().Where(c => c.TrackId == track.Id).ToListAsync(cancellationToken);
        var reviews = await db.Reviews.AsNoTracking()
            .Where(r => r.TrackId == track.Id && r.State == ReviewState.Submitted && r.Score != null && r.Confidence != null)
            .Select(r => new { r.SubmissionId, r.PersonId, r.Score, r.Confidence, r.Criteria, Name = db.People.Where(p => p.Id == r.PersonId).Select(p => p.DisplayName).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var assignments = await db.ReviewAssignments.AsNoTracking().Where(a => a.TrackId == track.Id)
            .Select(a => new { a.SubmissionId, a.PersonId, Name = db.People.Where(p => p.Id == a.PersonId).Select(p => p.DisplayName).FirstOrDefault() })
            .ToListAsync(cancellationToken);

        var proposals = new List<RankingProposal>(submissions.Count);
        var proposalIndex = new Dictionary<Guid, int>(submissions.Count);
        var leftOut = 0;
        foreach (var s in submissions)
        {
            var visible = views.TryGetValue(s.Id, out var view) && view.Reviews;
            if (view is { IsConflicted: true })
                leftOut++;
            proposalIndex[s.Id] = proposals.Count;
            proposals.Add(new RankingProposal(s.Id, s.Title, view?.StatusShown(s.Status) ?? SubmissionStatus.UnderReview, s.Topics, visible));
        }

        var people = new List<RankingPerson>();
        var personIndex = new Dictionary<Guid, int>();
        int Person(Guid id, string? name)
        {
            if (!personIndex.TryGetValue(id, out var index))
            {
                index = people.Count;
                personIndex[id] = index;
                people.Add(new RankingPerson(id, name ?? "(unknown)"));
            }

            return index;
        }

        var counted = new List<RankingReview>(reviews.Count);
        foreach (var r in reviews)
        {
            if (!proposalIndex.TryGetValue(r.SubmissionId, out var p))
                continue;
            // A scale changed after the review was written must not make the sheet invalid: the total is kept on the scale.
            var total = Math.Clamp(ReviewTotal.Of(r.Score!.Value, r.Criteria, criteria, track.ScoreMin, track.ScoreMax), track.ScoreMin, track.ScoreMax);
            counted.Add(new RankingReview(p, Person(r.PersonId, r.Name), total, Math.Clamp(r.Confidence!.Value, 1, 4)));
        }

        var assigned = new List<RankingAssignment>(assignments.Count);
        foreach (var a in assignments)
        {
            if (proposalIndex.TryGetValue(a.SubmissionId, out var p))
                assigned.Add(new RankingAssignment(p, Person(a.PersonId, a.Name)));
        }

        return new RankingData(track, proposals, people, counted, assigned, leftOut);
    }
}
