using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Decisions;

namespace ReviewPortal.Application.Features.Decisions;

/// <summary>The track's three decision letters (chair or admin), each the chair's wording or the built-in default (<c>IsDefault</c>).</summary>
public sealed record GetDecisionTemplates(Guid TrackId) : IQuery<IReadOnlyList<DecisionTemplateView>>;

/// <param name="Outcome">accepted, rejected or waitlisted.</param>
/// <param name="Version">The version to send back when saving (0 while the default is in use).</param>
public sealed record DecisionTemplateView(
    string Outcome, string Subject, string Body, bool IncludeReviewComments, bool IsDefault, uint Version, DateTimeOffset? UpdatedUtc)
{
    public static DecisionTemplateView Of(DecisionTemplate template, bool isDefault) =>
        new(DecisionTemplateText.NameOf(template.Outcome), template.Subject, template.Body, template.IncludeReviewComments, isDefault,
            isDefault ? 0 : template.Version, isDefault ? null : template.UpdatedUtc);
}

public sealed class GetDecisionTemplatesValidator : AbstractValidator<GetDecisionTemplates>
{
    public GetDecisionTemplatesValidator() => RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
}

public sealed class GetDecisionTemplatesHandler(IApplicationDbContext db, TrackAccess tracks)
    : IQueryHandler<GetDecisionTemplates, IReadOnlyList<DecisionTemplateView>>
{
    public async ValueTask<IReadOnlyList<DecisionTemplateView>> Handle(GetDecisionTemplates query, CancellationToken cancellationToken)
    {
        await tracks.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        var stored = await db.DecisionTemplates.AsNoTracking().Where(t => t.TrackId == query.TrackId)
            .ToDictionaryAsync(t => t.Outcome, cancellationToken);
        return DecisionTemplateText.Outcomes
            .Select(o => stored.TryGetValue(o, out var t) ? DecisionTemplateView.Of(t, false) : DecisionTemplateView.Of(DecisionTemplateDefaults.For(o), true))
            .ToList();
    }
}
