using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Common.Text;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Tracks;

/// <summary>A track's public page: description, call-for-proposals dates (in the conference's zone) and committee.</summary>
[AllowAnonymous]
public sealed record GetTrack(string ConferenceSlug, string TrackSlug) : IQuery<TrackDetails>;

public sealed record TrackDetails(
    Guid Id,
    Guid ConferenceId,
    string ConferenceName,
    string ConferenceSlug,
    string Name,
    string Slug,
    string DescriptionHtml,
    string TimeZoneId,
    DateOnly StartDate,
    DateOnly EndDate,
    int SlotMinutes,
    string CfpOpens,
    string CfpCloses,
    string ReviewDeadline,
    bool CfpOpen,
    IReadOnlyList<string> Topics,
    IReadOnlyList<CommitteeMemberView> Committee,
    string CfpStatus = "");

public sealed record CommitteeMemberView(string Name, string? Affiliation, CommitteeRole Role);

public sealed class GetTrackValidator : AbstractValidator<GetTrack>
{
    public GetTrackValidator()
    {
        RuleFor(x => x.ConferenceSlug).NotEmpty().MaximumLength(100);
        RuleFor(x => x.TrackSlug).NotEmpty().MaximumLength(100);
    }
}

public sealed class GetTrackHandler(IApplicationDbContext db, TimeProvider clock) : IQueryHandler<GetTrack, TrackDetails>
{
    public async ValueTask<TrackDetails> Handle(GetTrack query, CancellationToken cancellationToken)
    {
        var track = await db.Tracks
            .AsNoTracking()
            .Include(t => t.Conference)
            .Include(t => t.Committee).ThenInclude(m => m.Person)
            .SingleOrDefaultAsync(t => t.Conference.Slug == query.ConferenceSlug && t.Slug == query.TrackSlug, cancellationToken)
            ?? throw NotFoundException.For("Track", $"{query.ConferenceSlug}/{query.TrackSlug}");

        var conference = track.Conference;
        return new TrackDetails(
            track.Id, conference.Id, conference.Name, conference.Slug, track.Name, track.Slug,
            MarkdownRenderer.ToSafeHtml(track.Description),
            conference.TimeZoneId, conference.StartDate, conference.EndDate, track.SlotMinutes,
            conference.Format(track.CfpOpensUtc), conference.Format(track.CfpClosesUtc), conference.Format(track.ReviewDeadlineUtc),
            track.IsCfpOpen(clock.GetUtcNow()),
            track.Topics,
            track.Committee
                .OrderByDescending(m => m.Role).ThenBy(m => m.Person.DisplayName)
                .Select(m => new CommitteeMemberView(m.Person.DisplayName, m.Affiliation, m.Role))
                .ToList(),
            track.DescribeCfp(clock.GetUtcNow()));
    }
}
