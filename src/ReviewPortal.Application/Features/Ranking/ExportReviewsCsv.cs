using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Text;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Reviews;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Ranking;

/// <summary>
/// The chair downloads every submitted review of a track as CSV (written by <see cref="CsvFiles"/>, so a cell that
/// looks like a formula is text): one row per review. What the downloader's view of a proposal hides stays out:
/// proposals they are conflicted on are left out, and the speakers column is empty where the view hides speakers.
/// </summary>
public sealed record ExportReviewsCsv(Guid TrackId) : IQuery<string>;

public sealed class ExportReviewsCsvValidator : AbstractValidator<ExportReviewsCsv>
{
    public ExportReviewsCsvValidator() => RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
}

public sealed class ExportReviewsCsvHandler(IApplicationDbContext db, TrackAccess access, ProposalAccess proposals)
    : IQueryHandler<ExportReviewsCsv, string>
{
    /// <summary>The fixed columns before the criteria (one column each, in the form's order) and after them.</summary>
    public static IReadOnlyList<string> LeadingColumns { get; } = ["proposal_id", "title", "speakers", "reviewer", "score", "confidence"];

    public static IReadOnlyList<string> TrailingColumns { get; } =
        ["total", "comments_for_speakers", "comments_for_committee", "submitted", "submitted_utc"];

    public async ValueTask<string> Handle(ExportReviewsCsv query, CancellationToken cancellationToken)
    {
        var track = await access.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        var views = await proposals.GetViewsForTrackAsync(track.Id, cancellationToken);
        var criteria = await db.ScoreCriteria.AsNoTracking().Where(c => c.TrackId == track.Id)
            .OrderBy(c => c.Order).ThenBy(c => c.Name).ToListAsync(cancellationToken);
        var reviews = await db.Reviews.AsNoTracking()
            .Where(r => r.TrackId == track.Id && r.State == ReviewState.Submitted && r.Score != null && r.Confidence != null)
            .Join(db.Submissions.Where(s => s.Status != SubmissionStatus.Draft && s.Kind == SubmissionKind.Talk), r => r.SubmissionId, s => s.Id, (r, s) => new
            {
                r.SubmissionId,
                s.Title,
                Speakers = s.Speakers.GroupBy(sp => sp.SubmissionId)
                    .Select(g => string.Join(", ", g.OrderBy(sp => sp.Order).Select(sp => sp.Name)))
                    .FirstOrDefault(),
                Reviewer = db.People.Where(p => p.Id == r.PersonId).Select(p => p.DisplayName).FirstOrDefault(),
                r.Score,
                r.Confidence,
                r.Criteria,
                r.CommentsForSpeakers,
                r.CommentsForCommittee,
                r.SubmittedUtc,
            })
            .ToListAsync(cancellationToken);

        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = CsvFiles.CreateWriter(writer, leaveOpen: true))
        {
            csv.WriteHeader([.. LeadingColumns, .. criteria.Select(c => $"criterion: {c.Name}"), .. TrailingColumns]);
            foreach (var r in reviews.OrderBy(r => r.Title, StringComparer.CurrentCultureIgnoreCase).ThenBy(r => r.SubmissionId)
                         .ThenBy(r => r.Reviewer, StringComparer.CurrentCultureIgnoreCase))
            {
                // The policy decides per proposal: a conflict leaves the row out, blind mode empties the speakers.
                if (!views.TryGetValue(r.SubmissionId, out var view) || !view.Reviews)
                    continue;
                var values = criteria.Select(c => r.Criteria.FirstOrDefault(v => v.CriterionId == c.Id)?.Value.ToString(CultureInfo.InvariantCulture) ?? "");
                var total = ReviewTotal.Of(r.Score!.Value, r.Criteria, criteria, track.ScoreMin, track.ScoreMax);
                await csv.WriteRecordAsync(
                [
                    r.SubmissionId.ToString(),
                    r.Title,
                    view.Speakers ? r.Speakers ?? "" : "",
                    r.Reviewer ?? "",
                    r.Score.Value.ToString(CultureInfo.InvariantCulture),
                    r.Confidence!.Value.ToString(CultureInfo.InvariantCulture),
                    .. values,
                    total.ToString("0.###", CultureInfo.InvariantCulture),
                    r.CommentsForSpeakers,
                    r.CommentsForCommittee,
                    r.SubmittedUtc is { } at ? track.Conference.Format(at) : "",
                    r.SubmittedUtc?.ToString("O", CultureInfo.InvariantCulture) ?? "",
                ], cancellationToken);
            }

            await csv.FlushAsync(cancellationToken);
        }

        return writer.ToString();
    }
}
