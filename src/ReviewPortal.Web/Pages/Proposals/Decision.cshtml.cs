using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Decisions;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Proposals;

/// <summary>
/// Where the proposal page's decision form posts (<see cref="DecideProposal"/>, with the version the chair saw: a decision
/// made in between is refused): back to the proposal on success, this page with the form and its errors when refused.
/// Its GET shows the section on its own.
/// </summary>
public sealed class DecisionModel(IMediator mediator) : PageModel
{
    public DecisionSection? Section { get; private set; }
    public string Title { get; private set; } = "";

    [BindProperty]
    public string? Decision { get; set; }

    [BindProperty]
    public string? WaitlistRank { get; set; }

    [BindProperty]
    public uint? Version { get; set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct);

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        int? rank = null;
        if (!string.IsNullOrWhiteSpace(WaitlistRank))
        {
            if (int.TryParse(WaitlistRank.Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var r))
                rank = r;
            else
                ModelState.AddModelError(nameof(WaitlistRank), "A place on the waitlist is a whole number such as 1.");
        }

        if (ModelState.IsValid)
        {
            // A rank typed next to another decision is the form's leftover, not a request.
            var (ok, state) = await this.TrySendAsync(mediator,
                new DecideProposal(id, Decision, DecisionChoices.Parse(Decision) == DecisionChoice.Waitlisted ? rank : null, Version), prefix: "", ct);
            if (ok)
            {
                TempData["Flash"] = state!.Decision == ProposalDecisionState.Undecided
                    ? "The draft decision was taken back."
                    : $"Decision saved: {state.Decision.ToLowerInvariant()}{(state.WaitlistRank is { } p ? $", place {p} on the waitlist" : "")}. It stays a draft until released.";
                return Redirect($"/Proposals/{id}#decision");
            }
        }

        await LoadAsync(id, ct);
        Response.StatusCode = ModelState.ErrorCount > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        return Page();
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Title = (await mediator.Send(new GetProposal(id), ct)).Title;
        Section = await mediator.Send(new GetDecisionSection(id), ct);
    }
}
