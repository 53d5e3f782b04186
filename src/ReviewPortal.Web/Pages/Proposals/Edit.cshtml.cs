using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Proposals;

/// <summary>A speaker edits a proposal; a save based on an outdated copy is refused, and the speaker's text stays on the page.</summary>
public sealed class EditModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public EditProposalForm Input { get; set; } = new();

    /// <summary>The proposal as currently saved.</summary>
    public ProposalDetails Proposal { get; private set; } = null!;

    /// <summary>Someone saved the proposal after this form was loaded; the saved text is shown next to the speaker's.</summary>
    public bool ChangedMeanwhile { get; private set; }

    /// <summary>Shown while the proposal can be edited, and after a refused post so the speaker keeps what they wrote.</summary>
    public bool ShowForm => Proposal.CanEdit || HttpMethods.IsPost(Request.Method);

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        Proposal = await mediator.Send(new GetProposal(id), ct);
        Input = new EditProposalForm
        {
            Version = Proposal.Version,
            Title = Proposal.Title,
            Abstract = Proposal.Abstract,
            Notes = Proposal.Notes,
            Topics = [.. Proposal.Topics],
            CoSpeakers = [.. Proposal.Speakers.Skip(1).Select(s => new CoSpeakerRow { Name = s.Name, Email = s.Email, Affiliation = s.Affiliation })],
        };
        Input.PadRows();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Input.CompactRows(ModelState, nameof(Input));
        var command = new UpdateProposal(id, Input.Version, Input.Title, Input.Abstract, Input.Notes, Input.Topics, Input.CoSpeakerInputs());
        var (ok, _) = await this.TrySendAsync(mediator, command, cancellationToken: ct);
        if (ok)
        {
            TempData["Flash"] = "Changes saved.";
            return RedirectToPage("Details", new { id });
        }

        Proposal = await mediator.Send(new GetProposal(id), ct);
        if (Proposal.Version != Input.Version)
        {
            // Keep the speaker's text; the form now builds on the saved version, which is shown for comparison,
            // so saving again is a deliberate choice to replace it.
            ChangedMeanwhile = true;
            ModelState.Remove($"{nameof(Input)}.{nameof(Input.Version)}");
            Input.Version = Proposal.Version;
        }

        Input.PadRows();
        return Page();
    }
}

public sealed class EditProposalForm : ProposalForm
{
    /// <summary>The version of the proposal this form was loaded from (optimistic concurrency).</summary>
    public uint Version { get; set; }
}
