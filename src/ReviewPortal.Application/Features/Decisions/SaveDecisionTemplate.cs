using System.Data.Common;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Validation;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Decisions;

namespace ReviewPortal.Application.Features.Decisions;

/// <summary>
/// The chair words the letter for one outcome (Liquid; docs/decision-letters.md lists the values). Text that Fluid
/// cannot parse or render is refused with its message on the field, and nothing is saved. <paramref name="Version"/> is
/// the version the chair's copy was read at (0 while the default is in use); a save over a newer one is refused (409).
/// Audited.
/// </summary>
public sealed record SaveDecisionTemplate(Guid TrackId, string Outcome, string? Subject, string? Body, bool IncludeReviewComments, uint Version)
    : ICommand<DecisionTemplateView>;

public sealed class SaveDecisionTemplateValidator : AbstractValidator<SaveDecisionTemplate>
{
    public SaveDecisionTemplateValidator()
    {
        RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
        RuleFor(x => x.Outcome).Must(o => DecisionTemplateText.Parse(o) is not null).WithMessage(DecisionTemplateText.OutcomeMessage);
        RuleFor(x => x.Subject).NotEmpty().WithMessage("Write a subject.")
            .MaximumLength(DecisionTemplate.MaxSubjectLength).WithName("The subject")
            .Must(s => s is null || !s.Contains('\n') && !s.Contains('\r')).WithMessage("The subject is one line.");
        RuleFor(x => x.Body).NotEmpty().WithMessage("Write the letter.")
            .MaximumLength(DecisionTemplate.MaxBodyLength).WithName("The body");
    }
}

public sealed class SaveDecisionTemplateHandler(IApplicationDbContext db, TrackAccess tracks, ICurrentUser currentUser, AuditTrail audit,
    TimeProvider clock)
    : ICommandHandler<SaveDecisionTemplate, DecisionTemplateView>
{
    public const string ChangedElsewhere =
        "This letter was changed by someone else (or in another tab) since you opened it; reload to see their version — yours was not saved.";

    public async ValueTask<DecisionTemplateView> Handle(SaveDecisionTemplate command, CancellationToken cancellationToken)
    {
        var track = await tracks.ReadTrackForChairAsync(command.TrackId, cancellationToken);
        var outcome = DecisionTemplateText.Parse(command.Outcome)!.Value;
        var subject = command.Subject!.Trim();
        var body = command.Body!.Replace("\r\n", "\n", StringComparison.Ordinal);
        var failures = await DecisionTemplateText.CheckAsync(subject, body);
        if (failures.Count > 0)
            throw Refusal.Of(failures);

        var template = await db.DecisionTemplates.SingleOrDefaultAsync(t => t.TrackId == track.Id && t.Outcome == outcome, cancellationToken);
        if (template is null)
        {
            if (command.Version != 0)
                throw new ConcurrencyConflictException(ChangedElsewhere);
            template = new DecisionTemplate { TrackId = track.Id, Outcome = outcome };
            db.DecisionTemplates.Add(template);
        }
        else
        {
            if (template.Version != command.Version)
                throw new ConcurrencyConflictException(ChangedElsewhere);
            // The UPDATE matches only the version the chair started from, should another save come in between.
            db.Entry(template).Property(t => t.Version).OriginalValue = command.Version;
        }

        var before = new { template.Subject, template.Body, template.IncludeReviewComments };
        template.Subject = subject;
        template.Body = body;
        template.IncludeReviewComments = command.IncludeReviewComments;
        template.UpdatedUtc = clock.GetUtcNow();
        template.UpdatedById = currentUser.Id;
        audit.RecordChange("decision-template.saved", "DecisionTemplate", template.Id, before,
            new { template.Subject, template.Body, template.IncludeReviewComments }, track.Id);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(ChangedElsewhere);
        }
        catch (DbUpdateException ex) when (ex.InnerException is DbException { SqlState: "23505" })
        {
            // Two first saves at once: the unique (track, outcome) index keeps one.
            throw new ConcurrencyConflictException(ChangedElsewhere);
        }

        return DecisionTemplateView.Of(template, false);
    }
}
