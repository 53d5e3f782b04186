using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Security;

namespace ReviewPortal.Application.Features.Schedule;

/// <summary>A talk's public page, as the latest published version of its track has it (404 if it is not on it).</summary>
[AllowAnonymous]
public sealed record GetPublicTalk(string ConferenceSlug, string TrackSlug, Guid ProposalId) : IQuery<PublicTalkPage>;

public sealed record PublicTalkPage(PublicSchedule Schedule, PublicTalk Talk, IReadOnlyCollection<Guid> TrackIds);

public sealed class GetPublicTalkValidator : AbstractValidator<GetPublicTalk>
{
    public GetPublicTalkValidator()
    {
        RuleFor(x => x.ConferenceSlug).NotEmpty().MaximumLength(100);
        RuleFor(x => x.TrackSlug).NotEmpty().MaximumLength(100);
    }
}

public sealed class GetPublicTalkHandler(PublishedScheduleReader reader) : IQueryHandler<GetPublicTalk, PublicTalkPage>
{
    public async ValueTask<PublicTalkPage> Handle(GetPublicTalk query, CancellationToken cancellationToken)
    {
        var (entry, schedule) = await reader.GetPublishedAsync(query.ConferenceSlug, query.TrackSlug, cancellationToken);
        var talk = schedule.Talks.FirstOrDefault(t => t.ProposalId == query.ProposalId)
            ?? throw NotFoundException.For("Talk", query.ProposalId);
        return new PublicTalkPage(schedule, talk, entry.TrackIds);
    }
}
