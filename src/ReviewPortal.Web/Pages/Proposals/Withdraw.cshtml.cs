using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Proposals;

/// <summary>
/// Withdrawing cannot be undone, so it takes two steps: this page says who will be told, and only its form withdraws.
/// A plain GET page with a POST form: it works without JavaScript.
/// </summary>
public sealed class WithdrawModel(IMediator mediator) : PageModel
{
    public ProposalDetails Proposal { get; private set; } = null!;

    public IEnumerable<SpeakerView> Notified => Proposal.Speakers.Where(s => !string.IsNullOrWhiteSpace(s.Email));

    public IEnumerable<SpeakerView> NotNotified => Proposal.Speakers.Where(s => string.IsNullOrWhiteSpace(s.Email));

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        Proposal = await mediator.Send(new GetProposal(id), ct);
        // Only a speaker can withdraw; the chair reading the proposal has nothing to confirm here.
        return Proposal.IsSpeaker ? Page() : RedirectToPage("Details", new { id });
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var (ok, _) = await this.TrySendAsync(mediator, new WithdrawProposal(id), prefix: "", cancellationToken: ct);
        if (!ok)
        {
            Proposal = await mediator.Send(new GetProposal(id), ct);
            return Page();
        }

        TempData["Flash"] = "Proposal withdrawn. Its speakers are being told by e-mail.";
        return RedirectToPage("Details", new { id });
    }
}
