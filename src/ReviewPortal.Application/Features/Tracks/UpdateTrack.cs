using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Features.Conflicts;

namespace ReviewPortal.Application.Features.Tracks;

/// <summary>
/// The chair (or an admin) edits a track's settings. A change to a deadline is audited with its old and new
/// value, because speakers and reviewers plan around them. A stale <paramref name="Version"/> gives 409.
/// </summary>
public sealed record UpdateTrack(Guid TrackId, uint Version, TrackSettings Settings) : ICommand<uint>;

public sealed class UpdateTrackValidator : AbstractValidator<UpdateTrack>
{
    public UpdateTrackValidator()
    {
        RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
        RuleFor(x => x.Settings).NotNull().SetValidator(new TrackSettingsValidator());
    }
}

public sealed class UpdateTrackHandler(IApplicationDbContext db, TrackAccess access, AuditTrail audit, ConflictDetection conflicts)
    : ICommandHandler<UpdateTrack, uint>
{
    public async ValueTask<uint> Handle(UpdateTrack command, CancellationToken cancellationToken)
    {
        var track = await access.GetTrackForChairAsync(command.TrackId, cancellationToken);
        db.Entry(track).Property(t => t.Version).OriginalValue = command.Version;

        var before = new { track.CfpOpensUtc, track.CfpClosesUtc, track.ReviewDeadlineUtc };
        var lookbackBefore = track.ConflictLookbackYears;
        command.Settings.ApplyTo(track);
        // Saved as a whole even when nothing changed, so a stale version is always a conflict.
        db.Entry(track).State = Microsoft.EntityFrameworkCore.EntityState.Modified;
        var after = new { track.CfpOpensUtc, track.CfpClosesUtc, track.ReviewDeadlineUtc };
        audit.RecordChange("track.deadlines-changed", "Track", track.Id, before, after);

        await db.SaveChangesAsync(cancellationToken);
        // How far back past affiliations count decides which conflicts exist: detect them again.
        if (track.ConflictLookbackYears != lookbackBefore)
            await conflicts.RefreshAsync(track.Id, cancellationToken);
        return track.Version;
    }
}
