using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>
/// The member sets their profile on a track: affiliations (current and past, with years), e-mail domains, expertise
/// (topics from the track's list, free keywords) and maximum load (empty: the balanced default). The track's detected
/// conflicts are recomputed at once, so a new affiliation shows as a conflict on the next page.
/// </summary>
public sealed record UpdateMyCommitteeProfile(
    Guid TrackId,
    IReadOnlyList<AffiliationInput>? Affiliations,
    IReadOnlyList<string>? EmailDomains,
    IReadOnlyList<string>? ExpertiseTopics,
    IReadOnlyList<string>? ExpertiseKeywords,
    int? MaxLoad) : ICommand;

public sealed class UpdateMyCommitteeProfileValidator : AbstractValidator<UpdateMyCommitteeProfile>
{
    public UpdateMyCommitteeProfileValidator(IApplicationDbContext db, TimeProvider clock)
    {
        RuleFor(x => x.TrackId).NotEmpty();
        this.AffiliationRules(x => x.Affiliations!, clock);
        this.EmailDomainRules(x => x.EmailDomains!);
        RuleFor(x => x.ExpertiseKeywords).Must(k => k is null || ProfileRules.NormaliseKeywords(k).Count <= ProfileRules.MaxKeywords)
            .WithMessage($"List at most {ProfileRules.MaxKeywords} keywords.");
        RuleForEach(x => x.ExpertiseKeywords).MaximumLength(ProfileRules.MaxKeywordLength)
            .WithMessage($"A keyword can be at most {ProfileRules.MaxKeywordLength} characters long.");
        RuleFor(x => x.MaxLoad).InclusiveBetween(0, ProfileRules.MaxLoadCap)
            .WithMessage($"The maximum load must be between 0 and {ProfileRules.MaxLoadCap} proposals (leave it empty for the balanced default).");
        // Topics must be the track's own, as a proposal's are (one small query; a missing track is the handler's 404).
        RuleFor(x => x).CustomAsync(async (command, context, ct) =>
        {
            if (command.ExpertiseTopics is not { Count: > 0 } topics || command.TrackId == Guid.Empty)
                return;
            var trackTopics = await db.Tracks.AsNoTracking().Where(t => t.Id == command.TrackId).Select(t => t.Topics).SingleOrDefaultAsync(ct);
            if (trackTopics is null)
                return;
            for (var i = 0; i < topics.Count; i++)
            {
                if (topics[i] is { } topic && !trackTopics.Contains(topic.Trim(), StringComparer.Ordinal))
                    context.AddFailure(new ValidationFailure($"{nameof(command.ExpertiseTopics)}[{i}]",
                        $"\"{(topic.Length > 60 ? topic[..60] + "…" : topic)}\" is not a topic of this track; pick from: {string.Join(", ", trackTopics)}."));
            }
        });
    }
}

public sealed class UpdateMyCommitteeProfileHandler(IApplicationDbContext db, ICurrentUser currentUser, CommitteeConflicts conflicts)
    : ICommandHandler<UpdateMyCommitteeProfile>
{
    public async ValueTask<Unit> Handle(UpdateMyCommitteeProfile command, CancellationToken cancellationToken)
    {
        var (track, member) = await db.MySeatAsync(currentUser, command.TrackId, tracked: true, cancellationToken);
        member.Affiliations = (command.Affiliations ?? []).Select(a => a.ToPeriod()).ToList();
        member.EmailDomains = ProfileRules.NormaliseDomains(command.EmailDomains ?? []);
        // In the track's order, each once.
        var topics = (command.ExpertiseTopics ?? []).Select(t => t.Trim()).ToHashSet(StringComparer.Ordinal);
        member.ExpertiseTopics = track.Topics.Where(topics.Contains).ToList();
        member.ExpertiseKeywords = ProfileRules.NormaliseKeywords(command.ExpertiseKeywords ?? []);
        member.MaxLoad = command.MaxLoad;
        // The affiliation shown with the member follows the profile's current one.
        if (member.Affiliations.FirstOrDefault(a => a.IsCurrent) is { } current)
            member.Affiliation = current.Organisation;

        await db.SaveChangesAsync(cancellationToken);
        await conflicts.RefreshAsync(track.Id, cancellationToken);
        return Unit.Value;
    }
}
