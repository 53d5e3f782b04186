using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Validation;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Reviews;

namespace ReviewPortal.Application.Features.Reviews;

/// <summary>
/// The chair replaces the track's score criteria with this list, in this order: an entry with an <c>Id</c> edits that
/// criterion (it must be one of this track's), one without adds a criterion, and a criterion left out is removed
/// (answers already given to it stay in their reviews but no longer count). A scale cannot shrink below values
/// reviewers already gave. Audited.
/// </summary>
public sealed record ReplaceTrackCriteria(Guid TrackId, IReadOnlyList<CriterionInput> Criteria) : ICommand<IReadOnlyList<CriterionView>>;

public sealed record CriterionInput(Guid? Id, string Name, int ScaleMin, int ScaleMax, double Weight, bool Required);

public sealed class ReplaceTrackCriteriaValidator : AbstractValidator<ReplaceTrackCriteria>
{
    public const int MaxCriteria = SaveMyReviewValidator.MaxCriteria;

    public ReplaceTrackCriteriaValidator()
    {
        RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
        RuleFor(x => x.Criteria).Must(c => c.Count <= MaxCriteria).WithMessage($"At most {MaxCriteria} criteria.");
        RuleForEach(x => x.Criteria).ChildRules(c =>
        {
            c.RuleFor(x => x.Name).NotEmpty().WithMessage("Give the criterion a name.")
                .MaximumLength(ScoreCriterion.MaxNameLength).WithMessage($"A criterion's name must be at most {ScoreCriterion.MaxNameLength} characters.");
            c.RuleFor(x => x.ScaleMin).InclusiveBetween(0, 100).WithMessage("A criterion's scale must be within 0 to 100.");
            c.RuleFor(x => x.ScaleMax).InclusiveBetween(0, 100).WithMessage("A criterion's scale must be within 0 to 100.")
                .GreaterThan(x => x.ScaleMin).WithMessage("A criterion's highest value must be above its lowest.");
            c.RuleFor(x => x.Weight).Must(w => double.IsFinite(w) && w >= 0 && w <= 10)
                .WithMessage("A criterion's weight must be from 0 (informational) to 10.");
        });
        RuleFor(x => x).Custom((command, context) =>
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var ids = new HashSet<Guid>();
            for (var i = 0; i < command.Criteria.Count; i++)
            {
                var c = command.Criteria[i];
                if (!string.IsNullOrWhiteSpace(c.Name) && !seen.Add(c.Name.Trim()))
                    context.AddFailure(new ValidationFailure($"Criteria[{i}].Name", $"Two criteria are called \"{c.Name.Trim()}\"; names must differ."));
                if (c.Id is { } id && !ids.Add(id))
                    context.AddFailure(new ValidationFailure($"Criteria[{i}].Id", "The same criterion is listed twice."));
            }
        });
    }
}

public sealed class ReplaceTrackCriteriaHandler(IApplicationDbContext db, TrackAccess tracks, AuditTrail audit)
    : ICommandHandler<ReplaceTrackCriteria, IReadOnlyList<CriterionView>>
{
    public async ValueTask<IReadOnlyList<CriterionView>> Handle(ReplaceTrackCriteria command, CancellationToken cancellationToken)
    {
        var track = await tracks.ReadTrackForChairAsync(command.TrackId, cancellationToken);
        var existing = await db.ScoreCriteria.Where(c => c.TrackId == track.Id).ToListAsync(cancellationToken);
        var before = existing.OrderBy(c => c.Order).Select(CriterionView.From).ToList();
        var byId = existing.ToDictionary(c => c.Id);

        var failures = new List<ValidationFailure>();
        for (var i = 0; i < command.Criteria.Count; i++)
            if (command.Criteria[i].Id is { } id && !byId.ContainsKey(id))
                failures.Add(new ValidationFailure($"Criteria[{i}].Id", $"This track has no criterion {id}; leave the id out to add a new one."));
        if (failures.Count > 0)
            throw Refusal.Of(failures);

        await EnsureScalesHoldGivenValuesAsync(track.Id, command.Criteria, byId, cancellationToken);

        var kept = command.Criteria.Where(c => c.Id is not null).Select(c => c.Id!.Value).ToHashSet();
        db.ScoreCriteria.RemoveRange(existing.Where(c => !kept.Contains(c.Id)));
        // Names are unique per track: a rename that swaps names must not meet the other row's old name mid-save.
        foreach (var c in existing.Where(c => kept.Contains(c.Id)))
            c.Name = $"\u2060{c.Id}";
        if (existing.Count > 0)
            await db.SaveChangesAsync(cancellationToken);

        for (var i = 0; i < command.Criteria.Count; i++)
        {
            var input = command.Criteria[i];
            var criterion = input.Id is { } id ? byId[id] : db.ScoreCriteria.Add(new ScoreCriterion { TrackId = track.Id }).Entity;
            criterion.Name = input.Name.Trim();
            criterion.ScaleMin = input.ScaleMin;
            criterion.ScaleMax = input.ScaleMax;
            criterion.Weight = input.Weight;
            criterion.Required = input.Required;
            criterion.Order = i;
        }

        await db.SaveChangesAsync(cancellationToken);
        var after = await GetTrackCriteriaHandler.ReadAsync(db, track.Id, cancellationToken);
        audit.Record("track.criteria-changed", "Track", track.Id, new { before, after }, track.Id);
        return after;
    }

    /// <summary>A scale may not shrink below a value a reviewer already gave: the total would leave the track's scale.</summary>
    private async Task EnsureScalesHoldGivenValuesAsync(Guid trackId, IReadOnlyList<CriterionInput> inputs,
        Dictionary<Guid, ScoreCriterion> byId, CancellationToken cancellationToken)
    {
        var narrowed = inputs.Select((input, index) => (input, index))
            .Where(x => x.input.Id is { } id && (x.input.ScaleMin > byId[id].ScaleMin || x.input.ScaleMax < byId[id].ScaleMax))
            .ToList();
        if (narrowed.Count == 0)
            return;
        var given = (await db.Reviews.AsNoTracking().Where(r => r.TrackId == trackId).Select(r => r.Criteria).ToListAsync(cancellationToken))
            .SelectMany(values => values).ToList();
        var failures = new List<ValidationFailure>();
        foreach (var (input, index) in narrowed)
        {
            var outside = given.Count(v => v.CriterionId == input.Id && (v.Value < input.ScaleMin || v.Value > input.ScaleMax));
            if (outside > 0)
                failures.Add(new ValidationFailure($"Criteria[{index}].ScaleMax",
                    $"{outside} {(outside == 1 ? "review gave" : "reviews gave")} {byId[input.Id!.Value].Name} a value outside {input.ScaleMin}–{input.ScaleMax}; keep the scale wide enough for them."));
        }

        if (failures.Count > 0)
            throw Refusal.Of(failures);
    }
}
