using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Reviews;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Proposals;

/// <summary>
/// The reviewer's form: save a draft, submit, or submit and open the next unfinished review. A save over a newer
/// version (another tab) is refused: the reviewer's text stays in the form, the saved version is shown beside it.
/// </summary>
public sealed class ReviewModel(IMediator mediator) : PageModel
{
    public const string SaveDraft = "draft";
    public const string Submit = "submit";
    public const string SubmitAndNext = "next";

    public ReviewFormView Form { get; private set; } = null!;

    [BindProperty]
    public ReviewInput Input { get; set; } = new();

    /// <summary>Another tab saved this review after the form was loaded; the saved version is shown next to the reviewer's text.</summary>
    public bool ChangedMeanwhile { get; private set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Form = await mediator.Send(new GetReviewForm(id), ct);
        Input = ReviewInput.From(Form);
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? intent, CancellationToken ct)
    {
        Form = await mediator.Send(new GetReviewForm(id), ct);
        var submit = intent is Submit or SubmitAndNext || Form.Review?.State == MyReview.Submitted;
        var criteria = Form.Criteria.ToDictionary(c => c.Name, c => Input.Criteria.GetValueOrDefault(c.Id));
        var command = new SaveMyReview(id, Input.Score, Input.Confidence, criteria, Input.CommentsForSpeakers, Input.CommentsForCommittee,
            submit, Input.Version);
        try
        {
            await mediator.Send(command, ct);
        }
        catch (ValidationException ex)
        {
            // Criteria are named in the command and keyed by id in the form.
            foreach (var error in ex.Errors.Where(e => e.PropertyName.StartsWith("Criteria[", StringComparison.Ordinal)))
            {
                var name = error.PropertyName["Criteria[".Length..^1];
                var criterion = Form.Criteria.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
                ModelState.AddModelError(criterion is null ? "" : $"Input.Criteria[{criterion.Id}]", error.ErrorMessage);
            }

            this.AddErrors(new ValidationException(ex.Errors.Where(e => !e.PropertyName.StartsWith("Criteria[", StringComparison.Ordinal))));
            return Page();
        }
        catch (Exception ex) when (ex is Domain.Common.DomainException or Application.Common.Exceptions.ConcurrencyConflictException)
        {
            ModelState.AddModelError("", ex.Message);
            if (Form.Review is { } saved && saved.Version != Input.Version)
            {
                // Keep the reviewer's text; the form now builds on the saved version, shown for comparison,
                // so saving again is a deliberate choice to replace it.
                ChangedMeanwhile = true;
                ModelState.Remove($"{nameof(Input)}.{nameof(Input.Version)}");
                Input.Version = saved.Version;
            }

            return Page();
        }

        if (intent == SubmitAndNext)
        {
            var next = NextUnfinished(await mediator.Send(new ListMyReviews(), ct), id);
            TempData["Flash"] = next is null ? "Review submitted. All your reviews are submitted." : "Review submitted. Here is the next one.";
            return next is null ? Redirect("/Reviews") : Redirect($"/Proposals/{next.ProposalId}/Review");
        }

        TempData["Flash"] = submit ? "Review submitted. You can change it until the deadline." : "Draft saved. Nobody else sees it until you submit.";
        return Redirect($"/Proposals/{id}/Review");
    }

    /// <summary>The next review in "My reviews" after this one (wrapping round) that is not submitted and can still be written.</summary>
    public static MyReviewItem? NextUnfinished(IReadOnlyList<MyReviewItem> mine, Guid current)
    {
        var at = mine.ToList().FindIndex(i => i.ProposalId == current);
        return mine.Skip(at + 1).Concat(mine.Take(Math.Max(at, 0)))
            .FirstOrDefault(i => i.ProposalId != current && !i.IsFinished && i.Editable);
    }

    public sealed class ReviewInput
    {
        public uint Version { get; set; }
        public int? Score { get; set; }
        public int? Confidence { get; set; }
        /// <summary>By criterion id (names may hold characters a form field name cannot).</summary>
        public Dictionary<Guid, int?> Criteria { get; set; } = [];
        public string? CommentsForSpeakers { get; set; }
        public string? CommentsForCommittee { get; set; }

        public static ReviewInput From(ReviewFormView form) => form.Review is not { } r
            ? new ReviewInput()
            : new ReviewInput
            {
                Version = r.Version,
                Score = r.Score,
                Confidence = r.Confidence,
                Criteria = form.Criteria.ToDictionary(c => c.Id, c => r.Criteria.GetValueOrDefault(c.Name)),
                CommentsForSpeakers = r.CommentsForSpeakers,
                CommentsForCommittee = r.CommentsForCommittee,
            };
    }
}
