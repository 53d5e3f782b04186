using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.Planning.Assignment;

namespace ReviewPortal.Application.Features.Assignment;

/// <summary>A proposal an assignment covers: under review, a talk (organisers' items are not reviewed).</summary>
public sealed record InputProposal(Guid Id, string Title, string Abstract, IReadOnlyList<string> Topics, IReadOnlyList<Guid> SpeakerIds);

/// <summary>An active committee member (chairs included: they review too) with their expertise and maximum load.</summary>
public sealed record InputMember(Guid PersonId, string Name, string Email, IReadOnlyList<string> Keywords, IReadOnlyList<string> Topics, int? MaxLoad);

/// <summary>A live assignment of the track.</summary>
public sealed record InputAssignment(Guid ProposalId, Guid PersonId, AssignmentSource Source);

/// <summary>
/// What an assignment of a track is computed from, read in five statements: proposals, members, active conflicts,
/// live assignments and bids. The same reading gives the fingerprint that <c>ApplyAssignmentRun</c> compares.
/// </summary>
public sealed record AssignmentInputs(
    IReadOnlyList<InputProposal> Proposals,
    IReadOnlyList<InputMember> Members,
    IReadOnlySet<(Guid ProposalId, Guid PersonId)> Conflicts,
    IReadOnlyList<InputAssignment> Assignments,
    IReadOnlyDictionary<(Guid ProposalId, Guid PersonId), BidValue> Bids)
{
    public static async Task<AssignmentInputs> ReadAsync(IApplicationDbContext db, Guid trackId, bool withBids, CancellationToken cancellationToken)
    {
        var proposals = await db.Submissions.AsNoTracking()
            .Where(s => s.TrackId == trackId && s.Status == SubmissionStatus.UnderReview && s.Kind == SubmissionKind.Talk)
            .OrderBy(s => s.Title).ThenBy(s => s.Id)
            .Select(s => new InputProposal(s.Id, s.Title, s.Abstract, s.Topics,
                s.Speakers.Where(sp => sp.PersonId != null).Select(sp => sp.PersonId!.Value).ToList()))
            .AsSingleQuery()
            .ToListAsync(cancellationToken);
        // The query filter leaves out removed members.
        var members = await db.CommitteeMembers.AsNoTracking()
            .Where(m => m.TrackId == trackId)
            .OrderBy(m => m.Person.DisplayName).ThenBy(m => m.PersonId)
            .Select(m => new InputMember(m.PersonId, m.Person.DisplayName, m.Person.Email, m.ExpertiseKeywords, m.ExpertiseTopics, m.MaxLoad))
            .ToListAsync(cancellationToken);
        var conflicts = (await db.Conflicts.AsNoTracking()
                .Where(c => c.TrackId == trackId && c.Active)
                .Select(c => new { c.SubmissionId, c.PersonId })
                .ToListAsync(cancellationToken))
            .Select(c => (c.SubmissionId, c.PersonId)).ToHashSet();
        var assignments = await db.ReviewAssignments.AsNoTracking()
            .Where(a => a.TrackId == trackId)
            .Select(a => new InputAssignment(a.SubmissionId, a.PersonId, a.Source))
            .ToListAsync(cancellationToken);
        var bids = withBids
            ? (await db.Bids.AsNoTracking().Where(b => b.TrackId == trackId)
                    .Select(b => new { b.SubmissionId, b.PersonId, b.Value }).ToListAsync(cancellationToken))
                .ToDictionary(b => (b.SubmissionId, b.PersonId), b => b.Value)
            : [];
        return new AssignmentInputs(proposals, members, conflicts, assignments, bids);
    }

    /// <summary>
    /// May <paramref name="member"/> review <paramref name="proposal"/>? Not with an active conflict, nor as one of its
    /// speakers (conflict detection records that as a conflict; this holds even before detection ran).
    /// </summary>
    public bool Allowed(InputProposal proposal, InputMember member) =>
        !Conflicts.Contains((proposal.Id, member.PersonId)) && !proposal.SpeakerIds.Contains(member.PersonId);

    /// <summary>SHA-256 over the sorted proposals, members, conflicts and assignments (bids are left out: they may change freely).</summary>
    public string Fingerprint()
    {
        var lines = Proposals.Select(p => $"P {p.Id}")
            .Concat(Members.Select(m => $"M {m.PersonId}"))
            .Concat(Conflicts.Select(c => $"C {c.ProposalId} {c.PersonId}"))
            .Concat(Assignments.Select(a => $"A {a.ProposalId} {a.PersonId} {a.Source}"))
            .Order(StringComparer.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', lines))));
    }

    /// <summary>
    /// Each member's load bounds for <paramref name="k"/> reviewers per proposal: balanced (<see cref="LoadBounds.Balanced"/>,
    /// loads differ by at most one) when no member's maximum is below the balanced maximum; otherwise water-filling:
    /// the smallest level L with Σ min(max_i, L) ≥ n·k, each member in [min(max_i, L − 1), min(max_i, L)].
    /// </summary>
    public (int[] Min, int[] Max) LoadBoundsFor(int k)
    {
        var m = Members.Count;
        var required = (long)Proposals.Count * k;
        var (balancedMin, balancedMax) = LoadBounds.Balanced(Proposals.Count, k, Math.Max(m, 1));
        var caps = Members.Select(x => x.MaxLoad is { } cap ? Math.Max(cap, 0) : int.MaxValue).ToArray();
        if (caps.All(c => c >= balancedMax))
            return (Enumerable.Repeat(balancedMin, m).ToArray(), Enumerable.Repeat(balancedMax, m).ToArray());

        var totalCapacity = caps.Sum(c => (long)Math.Min(c, Proposals.Count));
        if (totalCapacity < required)
            // Infeasible whatever the level: give the solver the members' own maxima, it explains the shortfall.
            return (new int[m], caps.Select(c => Math.Min(c, Proposals.Count)).ToArray());
        var level = balancedMax;
        while (caps.Sum(c => (long)Math.Min(c, level)) < required)
            level++;
        return (caps.Select(c => Math.Min(c, level - 1)).ToArray(), caps.Select(c => Math.Min(c, level)).ToArray());
    }
}
