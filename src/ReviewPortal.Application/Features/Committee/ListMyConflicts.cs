using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.Conflicts;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>
/// A member's own active conflicts of interest on a track, each with its reason: what keeps them off those proposals.
/// Only titles, which the policy shows a conflicted member anyway (403 if they are not on the committee). On a blind
/// track a reviewer reads why in words that name no speaker (<see cref="ProposalPolicy.HidesSpeakers"/>): detected
/// reasons and a speaker's declaration quote the speakers' names and affiliations.
/// </summary>
public sealed record ListMyConflicts(Guid TrackId) : IQuery<IReadOnlyList<MyConflict>>;

public sealed record MyConflict(Guid ProposalId, string Title, ConflictKind Kind, ConflictSource Source, string Reason);

public sealed class ListMyConflictsValidator : AbstractValidator<ListMyConflicts>
{
    public ListMyConflictsValidator() => RuleFor(x => x.TrackId).NotEmpty();
}

public sealed class ListMyConflictsHandler(IApplicationDbContext db, ICurrentUser currentUser, ProposalAccess access)
    : IQueryHandler<ListMyConflicts, IReadOnlyList<MyConflict>>
{
    public async ValueTask<IReadOnlyList<MyConflict>> Handle(ListMyConflicts query, CancellationToken cancellationToken)
    {
        var (track, member) = await db.MySeatAsync(currentUser, query.TrackId, tracked: false, cancellationToken);
        var rows = await db.Conflicts.AsNoTracking()
            .Where(c => c.TrackId == track.Id && c.PersonId == member.PersonId && c.Active)
            .Join(db.Submissions.Where(s => s.Status != SubmissionStatus.Draft), c => c.SubmissionId, s => s.Id,
                (c, s) => new { s.Id, s.Title, c.Kind, c.Source, c.Reason })
            .OrderBy(c => c.Title).ThenBy(c => c.Kind)
            .ToListAsync(cancellationToken);
        if (rows.Count == 0 || track.BlindMode == BlindMode.None)
            return rows.Select(r => new MyConflict(r.Id, r.Title, r.Kind, r.Source, r.Reason)).ToList();
        // The caller's role on each proposal (a chair, an admin or its own speaker reads the names).
        var views = await access.GetViewsForTrackAsync(track.Id, cancellationToken);
        return rows.Select(r => new MyConflict(r.Id, r.Title, r.Kind, r.Source,
                views.TryGetValue(r.Id, out var view) && !ProposalPolicy.HidesSpeakers(view.Role, track.BlindMode) ? r.Reason : BlindReason(r.Kind, r.Source, r.Reason)))
            .ToList();
    }

    /// <summary>How <see cref="DeclareConflictHandler"/> starts a speaker's declaration (it then names the speaker).</summary>
    private const string SpeakerDeclarationPrefix = "Declared by the speaker";

    /// <summary>The reason of a conflict in words that name no speaker; the member's own declaration is theirs to read.</summary>
    private static string BlindReason(ConflictKind kind, ConflictSource source, string reason) => (kind, source) switch
    {
        (_, ConflictSource.Declared) when !reason.StartsWith(SpeakerDeclarationPrefix, StringComparison.Ordinal) => reason,
        (ConflictKind.Speaker, _) => "You are a speaker of this proposal.",
        (ConflictKind.Organisation, _) => "Your organisation is a speaker's (the track reviews blind, so the speaker is not named).",
        (ConflictKind.EmailDomain, _) => "Your e-mail domain is a speaker's (the track reviews blind, so the speaker is not named).",
        (_, ConflictSource.Chair) => "Added by the chair.",
        _ => "Declared by a speaker of this proposal.",
    };
}
