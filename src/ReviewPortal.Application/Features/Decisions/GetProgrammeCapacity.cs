using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Decisions;

/// <summary>
/// How many talks the track's programme has room for and how many hold a place now (chair or admin): what the ranking
/// page shows beside "accept the top N", and the dashboard beside its decision counts.
/// </summary>
public sealed record GetProgrammeCapacity(Guid TrackId) : IQuery<ProgrammeCapacityInfo>;

/// <param name="Capacity">The talk slots of the timetable's grid (less those of pinned items) once the track has a grid; before, the number the chair set (<c>Track.ProgrammeCapacity</c>); null when neither.</param>
/// <param name="Accepted">Talks holding a place: accepted (draft or released), confirmed or scheduled.</param>
/// <param name="AcceptedReleased">Of those, whose acceptance the speakers have been told.</param>
/// <param name="Confirmed">Confirmed or scheduled.</param>
/// <param name="Waitlisted">On the waitlist.</param>
/// <param name="Free">Capacity − accepted (negative: over capacity); null without a capacity.</param>
public sealed record ProgrammeCapacityInfo(int? Capacity, int Accepted, int AcceptedReleased, int Confirmed, int Waitlisted, int? Free);

public sealed class GetProgrammeCapacityValidator : AbstractValidator<GetProgrammeCapacity>
{
    public GetProgrammeCapacityValidator() => RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
}

public sealed class GetProgrammeCapacityHandler(IApplicationDbContext db, TrackAccess access) : IQueryHandler<GetProgrammeCapacity, ProgrammeCapacityInfo>
{
    public async ValueTask<ProgrammeCapacityInfo> Handle(GetProgrammeCapacity query, CancellationToken cancellationToken)
    {
        var track = await access.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        return await ProgrammeCapacity.ReadAsync(db, track.Id, track.ProgrammeCapacity, cancellationToken);
    }
}

/// <summary>The counting behind <see cref="GetProgrammeCapacity"/>, for any use case that has already checked access (one statement; two more once a grid exists).</summary>
public static class ProgrammeCapacity
{
    public static async Task<ProgrammeCapacityInfo> ReadAsync(IApplicationDbContext db, Guid trackId, int? capacity, CancellationToken cancellationToken)
    {
        // Once the track has a grid, its talk slots are the capacity (the chair's number was an estimate before it).
        if (await Timetabling.TimetableCapacity.SlotsAsync(db, trackId, cancellationToken) is { } slots)
            capacity = slots;
        var counts = await db.Submissions.AsNoTracking()
            .Where(s => s.TrackId == trackId && s.Kind == SubmissionKind.Talk
                && (s.Status == SubmissionStatus.Accepted || s.Status == SubmissionStatus.Confirmed || s.Status == SubmissionStatus.Scheduled
                    || s.Status == SubmissionStatus.Waitlisted))
            .GroupBy(s => new { s.Status, Released = s.DecisionReleasedUtc != null })
            .Select(g => new { g.Key.Status, g.Key.Released, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var accepted = counts.Where(c => c.Status != SubmissionStatus.Waitlisted).Sum(c => c.Count);
        return new ProgrammeCapacityInfo(
            capacity,
            accepted,
            counts.Where(c => c.Status != SubmissionStatus.Waitlisted && c.Released).Sum(c => c.Count),
            counts.Where(c => c.Status is SubmissionStatus.Confirmed or SubmissionStatus.Scheduled).Sum(c => c.Count),
            counts.Where(c => c.Status == SubmissionStatus.Waitlisted).Sum(c => c.Count),
            capacity - accepted);
    }
}
