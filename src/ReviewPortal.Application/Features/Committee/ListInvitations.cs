using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>The chair's list of the track's invitations, newest first, each with its state (pending, accepted, declined, revoked, expired).</summary>
public sealed record ListInvitations(Guid TrackId) : IQuery<IReadOnlyList<InvitationSummary>>;

public sealed record InvitationSummary(
    Guid Id,
    string Email,
    string Name,
    CommitteeRole Role,
    string? Affiliation,
    InvitationState State,
    DateTimeOffset CreatedUtc,
    DateTimeOffset ExpiresUtc,
    /// <summary><see cref="ExpiresUtc"/> in the conference's zone, in words.</summary>
    string Expires,
    DateTimeOffset? AnsweredUtc,
    /// <summary>The account that accepted (it may have another address than the invited one).</summary>
    string? AcceptedBy,
    string InvitedBy);

public sealed class ListInvitationsValidator : AbstractValidator<ListInvitations>
{
    public ListInvitationsValidator() => RuleFor(x => x.TrackId).NotEmpty();
}

public sealed class ListInvitationsHandler(IApplicationDbContext db, TrackAccess access, TimeProvider clock)
    : IQueryHandler<ListInvitations, IReadOnlyList<InvitationSummary>>
{
    public async ValueTask<IReadOnlyList<InvitationSummary>> Handle(ListInvitations query, CancellationToken cancellationToken)
    {
        var track = await access.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        var now = clock.GetUtcNow();
        var rows = await db.CommitteeInvitations.AsNoTracking()
            .Where(i => i.TrackId == query.TrackId)
            .OrderByDescending(i => i.CreatedUtc)
            .Select(i => new
            {
                Invitation = i,
                AcceptedBy = db.People.Where(p => p.Id == i.AcceptedById).Select(p => p.DisplayName + " <" + p.Email + ">").FirstOrDefault(),
                InvitedBy = db.People.Where(p => p.Id == i.InvitedById).Select(p => p.DisplayName).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new InvitationSummary(r.Invitation.Id, r.Invitation.Email, r.Invitation.Name, r.Invitation.Role,
                r.Invitation.Affiliation, r.Invitation.StateAt(now), r.Invitation.CreatedUtc, r.Invitation.ExpiresUtc,
                track.Conference.Format(r.Invitation.ExpiresUtc),
                r.Invitation.AcceptedUtc ?? r.Invitation.DeclinedUtc ?? r.Invitation.RevokedUtc, r.AcceptedBy, r.InvitedBy ?? ""))
            .ToList();
    }
}
