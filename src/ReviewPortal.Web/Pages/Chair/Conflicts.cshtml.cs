using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Conflicts;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Chair;

/// <summary>The chair's conflict matrix of a track, with confirm, lift and add; access and rules are the Application layer's.</summary>
public sealed class ConflictsModel(IMediator mediator) : PageModel
{
    public ConflictMatrix Matrix { get; private set; } = null!;
    public IReadOnlyList<MatrixMember> AllMembers { get; private set; } = [];
    public IReadOnlyList<MatrixProposal> AddableProposals { get; private set; } = [];
    public ConflictKind? Kind { get; private set; }
    public string Show { get; private set; } = "active";
    public Guid? Person { get; private set; }
    public string? Search { get; private set; }
    public bool All { get; private set; }

    public async Task OnGetAsync(Guid trackId, ConflictKind? kind, string? show, Guid? person, string? q, bool all, CancellationToken ct)
    {
        Kind = kind;
        Show = show is "lifted" or "all" ? show : "active";
        Person = person;
        Search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        All = all;
        await LoadAsync(trackId, ct);
    }

    public async Task<IActionResult> OnPostDecideAsync(Guid trackId, Guid conflictId, ConflictDecision decision, string? reason, CancellationToken ct)
    {
        var (ok, _) = await this.TrySendAsync(mediator, new DecideConflict(conflictId, decision, reason), prefix: "", cancellationToken: ct);
        if (!ok)
        {
            await LoadAsync(trackId, ct);
            return Page();
        }
        TempData["Flash"] = decision == ConflictDecision.Lift ? "Conflict lifted." : "Conflict confirmed.";
        return RedirectToPage(new { trackId });
    }

    public async Task<IActionResult> OnPostAddAsync(Guid trackId, Guid proposalId, Guid personId, string? reason, CancellationToken ct)
    {
        var (ok, _) = await this.TrySendAsync(mediator, new AddConflict(proposalId, personId, reason), prefix: "", cancellationToken: ct);
        if (!ok)
        {
            await LoadAsync(trackId, ct);
            return Page();
        }
        TempData["Flash"] = "Conflict added.";
        return RedirectToPage(new { trackId });
    }

    private async Task LoadAsync(Guid trackId, CancellationToken ct)
    {
        Matrix = await mediator.Send(new GetConflictMatrix(trackId, Kind, Show, Person, Search, All), ct);
        // The full lists for the filter and the add form (the matrix itself may be filtered).
        var everything = await mediator.Send(new GetConflictMatrix(trackId, Show: "all", AllProposals: true), ct);
        AllMembers = everything.Members;
        AddableProposals = everything.Proposals;
    }
}
