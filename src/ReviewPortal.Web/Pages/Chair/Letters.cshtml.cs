using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Decisions;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Chair;

/// <summary>The chair's decision letters, one section per outcome: edit (Liquid), preview on a real proposal, reset to the default.</summary>
public sealed class LettersModel(IMediator mediator) : PageModel
{
    public ReleaseOverview Overview { get; private set; } = null!;
    public IReadOnlyList<DecisionTemplateView> Templates { get; private set; } = [];

    /// <summary>The section the chair posted (its fields show what they typed and its errors); null on a plain visit.</summary>
    public string? PostedOutcome { get; private set; }

    public DecisionLetterPreview? Preview { get; private set; }

    [BindProperty]
    public LetterForm Input { get; set; } = new();

    public async Task OnGetAsync(Guid trackId, CancellationToken ct) => await LoadAsync(trackId, ct);

    /// <summary>One form per letter, two buttons: <see cref="LetterForm.Action"/> says which was pressed.</summary>
    public Task<IActionResult> OnPostAsync(Guid trackId, CancellationToken ct) =>
        string.Equals(Input.Action, "preview", StringComparison.Ordinal) ? PreviewAsync(trackId, ct) : SaveAsync(trackId, ct);

    private async Task<IActionResult> SaveAsync(Guid trackId, CancellationToken ct)
    {
        PostedOutcome = Input.Outcome;
        var (ok, _) = await this.TrySendAsync(mediator, new SaveDecisionTemplate(trackId, Input.Outcome ?? "", Input.Subject, Input.Body,
            Input.IncludeReviewComments, Input.Version), cancellationToken: ct);
        if (ok)
        {
            TempData["Flash"] = $"Saved the {Input.Outcome} letter.";
            return Redirect($"/Chair/{trackId}/Letters#{Input.Outcome}");
        }

        await LoadAsync(trackId, ct);
        return Page();
    }

    private async Task<IActionResult> PreviewAsync(Guid trackId, CancellationToken ct)
    {
        PostedOutcome = Input.Outcome;
        try
        {
            Preview = await mediator.Send(new PreviewDecisionLetter(trackId, Input.Outcome ?? "", Input.ProposalId, Input.Subject, Input.Body,
                Input.IncludeReviewComments), ct);
        }
        catch (ValidationException refused)
        {
            this.AddErrors(refused);
        }

        await LoadAsync(trackId, ct);
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(Guid trackId, string outcome, CancellationToken ct)
    {
        var (ok, _) = await this.TrySendAsync(mediator, new ResetDecisionTemplate(trackId, outcome), prefix: "", cancellationToken: ct);
        if (!ok)
        {
            await LoadAsync(trackId, ct);
            return Page();
        }

        TempData["Flash"] = $"The {outcome} letter is the default again.";
        return Redirect($"/Chair/{trackId}/Letters#{outcome}");
    }

    private async Task LoadAsync(Guid trackId, CancellationToken ct)
    {
        Overview = await mediator.Send(new GetReleaseOverview(trackId), ct);
        Templates = await mediator.Send(new GetDecisionTemplates(trackId), ct);
    }

    /// <summary>What a section shows: the chair's unsaved text when they posted it, else the stored letter.</summary>
    public LetterForm FormFor(DecisionTemplateView template) =>
        string.Equals(PostedOutcome, template.Outcome, StringComparison.Ordinal)
            ? Input
            : new LetterForm
            {
                Outcome = template.Outcome, Subject = template.Subject, Body = template.Body,
                IncludeReviewComments = template.IncludeReviewComments, Version = template.Version,
            };

    public sealed class LetterForm
    {
        public string? Outcome { get; set; }
        public string? Subject { get; set; }
        public string? Body { get; set; }
        public bool IncludeReviewComments { get; set; }
        public uint Version { get; set; }
        public Guid? ProposalId { get; set; }
        /// <summary>"save" or "preview" (the button pressed).</summary>
        public string? Action { get; set; }
    }
}
