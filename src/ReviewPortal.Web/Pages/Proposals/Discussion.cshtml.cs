using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Discussion;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Proposals;

/// <summary>
/// Where the proposal page's discussion form posts (<see cref="PostDiscussionComment"/>): back to the proposal on success,
/// this page with the thread and the field error when refused. Its GET shows the thread on its own.
/// </summary>
public sealed class DiscussionModel(IMediator mediator) : PageModel
{
    public DiscussionSection Section { get; private set; } = null!;
    public string Title { get; private set; } = "";

    [BindProperty]
    public string? Body { get; set; }

    public async Task OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct);

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var (ok, comment) = await this.TrySendAsync(mediator, new PostDiscussionComment(id, Body), prefix: "", cancellationToken: ct);
        if (!ok)
        {
            await LoadAsync(id, ct);
            return Page();
        }

        TempData["Flash"] = "Comment posted. The other reviewers and the chairs get it in their next digest mail.";
        return Redirect($"/Proposals/{id}#c-{comment!.Id}");
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Section = await mediator.Send(new GetDiscussionSection(id), ct);
        Title = (await mediator.Send(new GetProposal(id), ct)).Title;
    }
}
