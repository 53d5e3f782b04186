using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Application.Common.Validation;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Decisions;

/// <summary>
/// The letter for one outcome rendered on a real proposal of the track, exactly as its first speaker would get it (their
/// name, the real comments for the speakers when the template includes them): the saved wording, or the unsaved
/// <paramref name="Subject"/>/<paramref name="Body"/>/<paramref name="IncludeReviewComments"/> given. No proposal given: the
/// first decided one with that outcome (else the first one of the track). Sends nothing, changes nothing; the acceptance
/// letter's confirm link is for a trial offer, so it confirms nothing. Chair or admin; a proposal they may not decide
/// (conflicted) cannot be previewed on.
/// </summary>
public sealed record PreviewDecisionLetter(
    Guid TrackId, string Outcome, Guid? ProposalId, string? Subject = null, string? Body = null, bool? IncludeReviewComments = null)
    : IQuery<DecisionLetterPreview>;

/// <param name="To">The speaker the preview is written to: "Name &lt;address&gt;".</param>
public sealed record DecisionLetterPreview(string Subject, string Body, string To, Guid ProposalId, string ProposalTitle);

public sealed class PreviewDecisionLetterValidator : AbstractValidator<PreviewDecisionLetter>
{
    public PreviewDecisionLetterValidator()
    {
        RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
        RuleFor(x => x.Outcome).Must(o => DecisionTemplateText.Parse(o) is not null).WithMessage(DecisionTemplateText.OutcomeMessage);
        RuleFor(x => x.ProposalId).Must(id => id != Guid.Empty).WithMessage("Choose a proposal.");
        RuleFor(x => x.Subject).MaximumLength(DecisionTemplate.MaxSubjectLength).WithName("The subject")
            .Must(s => s is null || !s.Contains('\n') && !s.Contains('\r')).WithMessage("The subject is one line.");
        RuleFor(x => x.Body).MaximumLength(DecisionTemplate.MaxBodyLength).WithName("The body");
    }
}

public sealed class PreviewDecisionLetterHandler(IApplicationDbContext db, TrackAccess tracks, ProposalAccess access, DecisionLetters letters)
    : IQueryHandler<PreviewDecisionLetter, DecisionLetterPreview>
{
    public const string NoProposal = "The track has no proposal to preview the letter on yet.";

    public async ValueTask<DecisionLetterPreview> Handle(PreviewDecisionLetter query, CancellationToken cancellationToken)
    {
        var track = await tracks.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        var outcome = DecisionTemplateText.Parse(query.Outcome)!.Value;
        var saved = await letters.TemplateForAsync(track.Id, outcome, cancellationToken);
        var subject = string.IsNullOrWhiteSpace(query.Subject) ? saved.Subject : query.Subject.Trim();
        var body = string.IsNullOrWhiteSpace(query.Body) ? saved.Body : query.Body.Replace("\r\n", "\n", StringComparison.Ordinal);
        var failures = await DecisionTemplateText.CheckAsync(subject, body);
        if (failures.Count > 0)
            throw Refusal.Of(failures);

        var proposalId = await ChooseProposalAsync(query, track.Id, outcome, cancellationToken);
        var submission = await db.Submissions.AsNoTracking()
            .Include(s => s.Track).ThenInclude(t => t.Conference)
            .Include(s => s.Speakers)
            .SingleAsync(s => s.Id == proposalId, cancellationToken);
        var speaker = submission.Speakers.OrderBy(s => string.IsNullOrWhiteSpace(s.Email)).ThenBy(s => s.Order).First();
        // A trial offer: the link looks like the real one but names no offer that exists.
        var offer = outcome == DecisionOutcome.Accepted
            ? new SpeakerConfirmation { TrackId = track.Id, SubmissionId = submission.Id }
            : null;
        var comments = query.IncludeReviewComments ?? saved.IncludeReviewComments
            ? await letters.CommentsForSpeakersAsync(submission.Id, cancellationToken)
            : [];
        var rendered = await LiquidText.RenderAsync(subject, body, letters.Model(submission, speaker, offer, comments, outcome));
        var to = string.IsNullOrWhiteSpace(speaker.Email) ? $"{speaker.Name} (no address: not sent)" : $"{speaker.Name} <{speaker.Email}>";
        return new DecisionLetterPreview(rendered.Subject, rendered.Body, to, submission.Id, submission.Title);
    }

    private async Task<Guid> ChooseProposalAsync(PreviewDecisionLetter query, Guid trackId, DecisionOutcome outcome, CancellationToken cancellationToken)
    {
        var views = await access.GetViewsForTrackAsync(trackId, cancellationToken);
        if (query.ProposalId is { } chosen)
        {
            if (!views.TryGetValue(chosen, out var view))
                throw Refusal.Of("ProposalId", $"The track has no proposal {chosen}.");
            if (!view.Decide)
                throw Refusal.Of("ProposalId", "You have a conflict of interest with this proposal; preview on another one.");
            return chosen;
        }

        var status = DecisionLetters.StatusOf(outcome);
        var rows = await db.Submissions.AsNoTracking()
            .Where(s => s.TrackId == trackId && s.Status != SubmissionStatus.Draft && s.Status != SubmissionStatus.Withdrawn && s.Speakers.Any())
            .OrderBy(s => s.Status == status ? 0 : 1).ThenBy(s => s.Title).ThenBy(s => s.Id)
            .Select(s => s.Id)
            .ToListAsync(cancellationToken);
        foreach (var id in rows)
            if (views.TryGetValue(id, out var view) && view.Decide)
                return id;
        throw Refusal.Of("ProposalId", NoProposal);
    }
}
