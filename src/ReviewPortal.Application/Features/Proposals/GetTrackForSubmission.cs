using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>What a speaker needs to write a proposal for a track: its topics, speaker limit and CfP close.</summary>
public sealed record GetTrackForSubmission(Guid TrackId) : IQuery<TrackForSubmission>;

public sealed record TrackForSubmission(
    Guid Id, string Name, string ConferenceName, IReadOnlyList<string> Topics, int MaxSpeakers, string CfpCloses, bool CfpOpen,
    string CfpStatus = "");

public sealed class GetTrackForSubmissionValidator : AbstractValidator<GetTrackForSubmission>
{
    public GetTrackForSubmissionValidator() => RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
}

public sealed class GetTrackForSubmissionHandler(IApplicationDbContext db, TimeProvider clock)
    : IQueryHandler<GetTrackForSubmission, TrackForSubmission>
{
    public async ValueTask<TrackForSubmission> Handle(GetTrackForSubmission query, CancellationToken cancellationToken)
    {
        var track = await db.Tracks.AsNoTracking().Include(t => t.Conference)
            .SingleOrDefaultAsync(t => t.Id == query.TrackId, cancellationToken)
            ?? throw NotFoundException.For("Track", query.TrackId);
        return new TrackForSubmission(track.Id, track.Name, track.Conference.Name, track.Topics, track.MaxSpeakersPerProposal,
            track.Conference.Format(track.CfpClosesUtc), track.IsCfpOpen(clock.GetUtcNow()), track.DescribeCfp(clock.GetUtcNow()));
    }
}
