using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Conferences;

namespace ReviewPortal.Web.Pages;

public sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<ConferenceSummary> Conferences { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Conferences = await mediator.Send(new ListConferences(), ct);
}
