using System.Data.Common;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Validation;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Reviews;

namespace ReviewPortal.Application.Features.Reviews;

/// <summary>
/// The caller saves their review of a proposal, as a draft or submitted (the policy's <c>WriteReview</c>: 404 when the
/// proposal is hidden from them, 403 when they see it but may not review it). <paramref name="Version"/> 0 creates the
/// review; otherwise it is the version the caller's copy was read at, and a save over a newer version is refused (409),
/// so two tabs never overwrite each other. Criteria are given by name; a null value leaves a criterion unanswered
/// (allowed in a draft, not for a required criterion on submit). The deadline is the entity's rule.
/// </summary>
public sealed record SaveMyReview(
    Guid ProposalId,
    int? Score,
    int? Confidence,
    IReadOnlyDictionary<string, int?>? Criteria,
    string? CommentsForSpeakers,
    string? CommentsForCommittee,
    bool Submit,
    uint Version) : ICommand<MyReview>;

/// <summary>The caller's own review of one proposal, as the form and <c>GET /api/v1/proposals/{id}/review</c> show it.</summary>
public sealed record MyReview(
    Guid ReviewId,
    Guid ProposalId,
    Guid TrackId,
    string Title,
    /// <summary>"draft" or "submitted".</summary>
    string State,
    int? Score,
    int? Confidence,
    /// <summary>Every criterion of the track by name, in the form's order; null where unanswered.</summary>
    IReadOnlyDictionary<string, int?> Criteria,
    string CommentsForSpeakers,
    string CommentsForCommittee,
    /// <summary>The track's review deadline (UTC).</summary>
    DateTimeOffset Deadline,
    /// <summary>The deadline in the conference's zone, in words.</summary>
    string DeadlineText,
    /// <summary>The caller may still change it: before the deadline, or reopened by a chair.</summary>
    bool Editable,
    bool Reopened,
    uint Version,
    DateTimeOffset UpdatedUtc,
    DateTimeOffset? SubmittedUtc)
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";

    public static string StateOf(ReviewState state) => state == ReviewState.Submitted ? Submitted : Draft;
}

public sealed class SaveMyReviewValidator : AbstractValidator<SaveMyReview>
{
    public const int MaxCriteria = 50;

    public SaveMyReviewValidator()
    {
        RuleFor(x => x.ProposalId).NotEmpty().WithMessage("Choose a proposal.");
        RuleFor(x => x.Confidence).InclusiveBetween(1, 4).When(x => x.Confidence is not null)
            .WithMessage("Confidence must be from 1 (low) to 4 (expert).");
        RuleFor(x => x.Score).NotNull().When(x => x.Submit).WithMessage("Choose an overall score to submit the review.");
        RuleFor(x => x.Confidence).NotNull().When(x => x.Submit).WithMessage("Choose your confidence to submit the review.");
        RuleFor(x => x.CommentsForSpeakers).MaximumLength(Review.MaxCommentLength).WithName("Comments for the speakers");
        RuleFor(x => x.CommentsForCommittee).MaximumLength(Review.MaxCommentLength).WithName("Comments for the committee");
        RuleFor(x => x.Criteria).Must(c => c is null || c.Count <= MaxCriteria).WithMessage($"At most {MaxCriteria} criteria.");
        // The pipeline's text rule does not look into dictionary keys: the criterion names are checked here.
        RuleFor(x => x).Custom((command, context) =>
        {
            foreach (var name in command.Criteria?.Keys ?? [])
            {
                if (TextRules.HasControlCharacters(name))
                    context.AddFailure(new ValidationFailure("Criteria", $"A criterion's name {TextRules.ControlCharactersMessage}"));
                else if (string.IsNullOrWhiteSpace(name) || name.Length > ScoreCriterion.MaxNameLength)
                    context.AddFailure(new ValidationFailure("Criteria", "A criterion's name must be 1 to 100 characters."));
            }
        });
    }
}

public sealed class SaveMyReviewHandler(IApplicationDbContext db, ProposalAccess access, ReviewAccess reviews, TimeProvider clock)
    : ICommandHandler<SaveMyReview, MyReview>
{
    public const string ChangedElsewhere =
        "This review was changed in another tab or window since you opened it; reload to see that version — your text was not saved.";

    public async ValueTask<MyReview> Handle(SaveMyReview command, CancellationToken cancellationToken)
    {
        var me = access.UserId;
        await reviews.EnsureCanWriteAsync(command.ProposalId, cancellationToken);
        var form = await ReviewForms.ReadAsync(db, command.ProposalId, cancellationToken);
        var values = ResolveCriteria(command, form);

        var review = await db.Reviews.SingleOrDefaultAsync(r => r.SubmissionId == command.ProposalId && r.PersonId == me, cancellationToken);
        var now = clock.GetUtcNow();
        if (command.Version == 0)
        {
            if (review is not null)
                throw new ConcurrencyConflictException(
                    "You have a review of this proposal already (saved in another tab or window?); reload to see it — your text was not saved.");
            review = new Review { TrackId = form.Track.Id, SubmissionId = command.ProposalId, PersonId = me, CreatedUtc = now };
            db.Reviews.Add(review);
        }
        else
        {
            if (review is null || review.Version != command.Version)
                throw new ConcurrencyConflictException(ChangedElsewhere);
            // The UPDATE matches only the version the reviewer started from, should another save come in between.
            db.Entry(review).Property(r => r.Version).OriginalValue = command.Version;
        }

        review.Save(command.Score, command.Confidence, values, command.CommentsForSpeakers?.Trim() ?? "",
            command.CommentsForCommittee?.Trim() ?? "", command.Submit, now, form.Track.ReviewDeadlineUtc,
            form.Track.Conference.Format(form.Track.ReviewDeadlineUtc));

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
            // Two first saves at once: the unique (proposal, reviewer) index keeps one.
            throw new ConcurrencyConflictException(ChangedElsewhere);
        }

        return ReviewForms.ToMyReview(review, form, now);
    }

    /// <summary>The criteria by name, checked against the track's (a name it does not have, a value off the scale, a required one missing on submit).</summary>
    private static List<CriterionValue> ResolveCriteria(SaveMyReview command, ReviewForm form)
    {
        var failures = new List<ValidationFailure>();
        var track = form.Track;
        if (command.Score is { } score && (score < track.ScoreMin || score > track.ScoreMax))
            failures.Add(new ValidationFailure(nameof(SaveMyReview.Score), $"The overall score must be from {track.ScoreMin} to {track.ScoreMax}."));

        var byName = form.Criteria.ToDictionary(c => c.Name.Trim(), StringComparer.OrdinalIgnoreCase);
        var values = new List<CriterionValue>();
        var answered = new HashSet<Guid>();
        foreach (var (name, value) in command.Criteria ?? new Dictionary<string, int?>())
        {
            if (!byName.TryGetValue(name.Trim(), out var criterion))
            {
                failures.Add(new ValidationFailure($"Criteria[{name}]",
                    $"This track has no criterion \"{name}\"" + (form.Criteria.Count == 0 ? "." : $"; its criteria are {string.Join(", ", form.Criteria.Select(c => $"\"{c.Name}\""))}.")));
                continue;
            }

            if (!answered.Add(criterion.Id))
            {
                failures.Add(new ValidationFailure($"Criteria[{name}]", $"The criterion \"{criterion.Name}\" is given twice."));
                continue;
            }

            if (value is null)
                continue; // unanswered
            if (value < criterion.ScaleMin || value > criterion.ScaleMax)
                failures.Add(new ValidationFailure($"Criteria[{criterion.Name}]",
                    $"{criterion.Name} must be from {criterion.ScaleMin} to {criterion.ScaleMax}."));
            else
                values.Add(new CriterionValue(criterion.Id, value.Value));
        }

        if (command.Submit)
            foreach (var missing in form.Criteria.Where(c => c.Required && values.All(v => v.CriterionId != c.Id)))
                failures.Add(new ValidationFailure($"Criteria[{missing.Name}]", $"Give a value for {missing.Name} to submit the review (it is required)."));

        if (failures.Count > 0)
            throw Refusal.Of(failures);
        return values;
    }
}
