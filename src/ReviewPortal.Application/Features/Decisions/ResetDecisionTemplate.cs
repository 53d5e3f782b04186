using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;

namespace ReviewPortal.Application.Features.Decisions;

/// <summary>The chair goes back to the built-in letter for one outcome (the track's wording is deleted; audited). Already the default: nothing changes.</summary>
public sealed record ResetDecisionTemplate(Guid TrackId, string Outcome) : ICommand<DecisionTemplateView>;

public sealed class ResetDecisionTemplateValidator : AbstractValidator<ResetDecisionTemplate>
{
    public ResetDecisionTemplateValidator()
    {
        RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
        RuleFor(x => x.Outcome).Must(o => DecisionTemplateText.Parse(o) is not null).WithMessage(DecisionTemplateText.OutcomeMessage);
    }
}

public sealed class ResetDecisionTemplateHandler(IApplicationDbContext db, TrackAccess tracks, AuditTrail audit)
    : ICommandHandler<ResetDecisionTemplate, DecisionTemplateView>
{
    public async ValueTask<DecisionTemplateView> Handle(ResetDecisionTemplate command, CancellationToken cancellationToken)
    {
        var track = await tracks.ReadTrackForChairAsync(command.TrackId, cancellationToken);
        var outcome = DecisionTemplateText.Parse(command.Outcome)!.Value;
        var template = await db.DecisionTemplates.SingleOrDefaultAsync(t => t.TrackId == track.Id && t.Outcome == outcome, cancellationToken);
        if (template is not null)
        {
            db.DecisionTemplates.Remove(template);
            audit.Record("decision-template.reset", "DecisionTemplate", template.Id,
                new { Outcome = DecisionTemplateText.NameOf(outcome), template.Subject }, track.Id);
        }

        return DecisionTemplateView.Of(DecisionTemplateDefaults.For(outcome), true);
    }
}
