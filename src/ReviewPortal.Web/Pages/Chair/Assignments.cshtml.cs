using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Features.Assignment;
using ReviewPortal.Application.Features.Bidding;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Chair;

/// <summary>
/// The chair's assignments of a track: start the review phase (after a confirmation step), start an automatic run,
/// see proposals × assigned members and loads, assign and unassign by hand (with the load warnings).
/// </summary>
public sealed class AssignmentsModel(IMediator mediator) : PageModel
{
    public AssignmentsOverview Overview { get; private set; } = null!;

    /// <summary>The chair asked to start the review phase: the page shows what it does and asks again.</summary>
    public bool ConfirmReviewPhase { get; private set; }

    public IReadOnlyList<string> Warnings { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid trackId, string? confirm, CancellationToken ct)
    {
        ConfirmReviewPhase = confirm == "review-phase";
        if (TempData["Warnings"] is string[] warnings)
            Warnings = warnings;
        Overview = await mediator.Send(new GetAssignmentsOverview(trackId), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostStartReviewPhaseAsync(Guid trackId, CancellationToken ct)
    {
        var (ok, status) = await this.TrySendAsync(mediator, new StartReviewPhase(trackId), prefix: "", cancellationToken: ct);
        if (ok)
        {
            TempData["Flash"] = status!.StartedNow
                ? $"The review phase has started: {status.ProposalsUnderReview} proposals are under review and {status.MembersNotified} members are being told to bid."
                : "The review phase had started already; nothing changed.";
            return Redirect($"/Chair/Assignments?trackId={trackId}");
        }

        return await PageAsync(trackId, ct);
    }

    public async Task<IActionResult> OnPostStartRunAsync(Guid trackId, string? mode, int? reviewersPerProposal, CancellationToken ct)
    {
        var parsed = Enum.TryParse<AssignmentRunMode>(mode, ignoreCase: true, out var m) && Enum.IsDefined(m) && mode is not null && !char.IsDigit(mode[0]) ? m : (AssignmentRunMode?)null;
        var (ok, runId) = await this.TrySendAsync(mediator, new StartAssignmentRun(trackId, parsed, reviewersPerProposal), prefix: "", cancellationToken: ct);
        return ok ? Redirect($"/Chair/AssignmentRun?id={runId}") : await PageAsync(trackId, ct);
    }

    public async Task<IActionResult> OnPostAssignAsync(Guid trackId, Guid proposalId, Guid personId, CancellationToken ct)
    {
        try
        {
            var (ok, result) = await this.TrySendAsync(mediator, new AssignReviewer(proposalId, personId), prefix: "", cancellationToken: ct);
            if (ok)
            {
                TempData["Flash"] = "Assigned. The member is being told by e-mail.";
                TempData["Warnings"] = result!.Warnings.ToArray();
                return Redirect($"/Chair/Assignments?trackId={trackId}#p-{proposalId}");
            }
        }
        catch (Exception ex) when (ex is ForbiddenAccessException or NotFoundException)
        {
            ModelState.AddModelError("", ex.Message);
        }

        return await PageAsync(trackId, ct);
    }

    public async Task<IActionResult> OnPostUnassignAsync(Guid trackId, Guid proposalId, Guid personId, CancellationToken ct)
    {
        try
        {
            var (ok, _) = await this.TrySendAsync(mediator, new UnassignReviewer(proposalId, personId), prefix: "", cancellationToken: ct);
            if (ok)
            {
                TempData["Flash"] = "Unassigned. The member is being told by e-mail.";
                return Redirect($"/Chair/Assignments?trackId={trackId}#p-{proposalId}");
            }
        }
        catch (Exception ex) when (ex is ForbiddenAccessException or NotFoundException)
        {
            ModelState.AddModelError("", ex.Message);
        }

        return await PageAsync(trackId, ct);
    }

    private async Task<IActionResult> PageAsync(Guid trackId, CancellationToken ct)
    {
        Overview = await mediator.Send(new GetAssignmentsOverview(trackId), ct);
        return Page();
    }
}
