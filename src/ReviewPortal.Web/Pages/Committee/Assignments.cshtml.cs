using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Committee;
using ReviewPortal.Application.Features.People;

namespace ReviewPortal.Web.Pages.Committee;

/// <summary>The proposals the signed-in member is assigned to review, across tracks; links to each track's profile.</summary>
[Authorize]
public sealed class AssignmentsModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<MyAssignment> Assignments { get; private set; } = [];
    public IReadOnlyList<CommitteeSeat> Seats { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Assignments = await mediator.Send(new ListMyAssignments(), ct);
        Seats = (await mediator.Send(new GetMyNavigation(), ct)).Committees;
    }
}
