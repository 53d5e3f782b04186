using System.ComponentModel.DataAnnotations;
using ValidationException = FluentValidation.ValidationException;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Committee;
using ReviewPortal.Application.Features.Tracks;
using ReviewPortal.Domain.Common;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Web.Pages.Committee;

namespace ReviewPortal.Web.Pages.Chair;

/// <summary>
/// The chair invites someone by e-mail in two steps: "Check conflicts" shows the conflicts of interest the invitee would
/// have (nothing is sent), then "Send invitation" sends the mail.
/// </summary>
public sealed class InviteModel(IMediator mediator) : PageModel
{
    public TrackSettingsView Track { get; private set; } = null!;

    [BindProperty]
    public InviteInput Input { get; set; } = new();

    /// <summary>Set once the chair checked: the conflicts found (maybe none).</summary>
    public IReadOnlyList<InvitationConflict>? Conflicts { get; private set; }

    public async Task OnGetAsync(Guid trackId, CancellationToken ct) =>
        Track = await mediator.Send(new GetTrackSettings(trackId), ct);

    public async Task<IActionResult> OnPostCheckAsync(Guid trackId, CancellationToken ct)
    {
        Track = await mediator.Send(new GetTrackSettings(trackId), ct);
        try
        {
            Conflicts = await mediator.Send(new PreviewInvitationConflicts(trackId, Input.Email, Input.Name, Input.Affiliation,
                CommitteeForms.ParseAffiliations(Input.PastAffiliations), CommitteeForms.Lines(Input.EmailDomains)), ct);
        }
        catch (ValidationException ex)
        {
            CommitteeForms.AddErrors(this, ex, nameof(Input));
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSendAsync(Guid trackId, CancellationToken ct)
    {
        Track = await mediator.Send(new GetTrackSettings(trackId), ct);
        try
        {
            var sent = await mediator.Send(new InviteCommitteeMember(trackId, Input.Email, Input.Name, Input.Role, Input.Affiliation,
                CommitteeForms.ParseAffiliations(Input.PastAffiliations), CommitteeForms.Lines(Input.EmailDomains)), ct);
            TempData["Flash"] = $"The invitation to {sent.Email} is on its way{(sent.Replaced ? " (it replaces the earlier one, whose link no longer works)" : "")}.";
            return RedirectToPage("Committee", new { trackId });
        }
        catch (ValidationException ex)
        {
            CommitteeForms.AddErrors(this, ex, nameof(Input));
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError("", ex.Message);
        }

        return Page();
    }

    public sealed class InviteInput
    {
        [DisplayFormat(ConvertEmptyStringToNull = false)]
        public string Email { get; set; } = "";
        [DisplayFormat(ConvertEmptyStringToNull = false)]
        public string Name { get; set; } = "";
        public CommitteeRole Role { get; set; } = CommitteeRole.Reviewer;
        public string? Affiliation { get; set; }
        /// <summary>One per line: "Organisation, 2016–2021".</summary>
        public string? PastAffiliations { get; set; }
        /// <summary>One per line or comma separated.</summary>
        public string? EmailDomains { get; set; }
    }
}
