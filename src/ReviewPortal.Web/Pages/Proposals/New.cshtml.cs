using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Proposals;

/// <summary>A speaker starts a proposal in a track: saved as a draft or submitted at once.</summary>
public sealed class NewModel(IMediator mediator) : PageModel
{
    public const string CoSpeakerHint =
        "You are the first speaker. Co-speakers with an account are added to the proposal; others get an invitation by e-mail. Leave unused rows empty.";

    [BindProperty(SupportsGet = true)]
    public Guid TrackId { get; set; }

    [BindProperty]
    public NewProposalForm Input { get; set; } = new();

    public TrackForSubmission Track { get; private set; } = null!;

    /// <summary>The form is shown while the CfP is open, and after a refused post so the speaker keeps what they wrote.</summary>
    public bool ShowForm => Track.CfpOpen || HttpMethods.IsPost(Request.Method);

    public async Task OnGetAsync(CancellationToken ct)
    {
        Track = await mediator.Send(new GetTrackForSubmission(TrackId), ct);
        Input.PadRows();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Input.CompactRows(ModelState, nameof(Input));
        var command = new CreateProposal(
            TrackId, Input.Title, Input.Abstract, Input.Notes, Input.Topics, Input.CoSpeakerInputs(), Input.Submit, Input.RequestKey(TrackId));
        var (ok, id) = await this.TrySendAsync(mediator, command, cancellationToken: ct);
        if (ok)
        {
            TempData["Flash"] = Input.Submit ? "Proposal submitted. A confirmation mail is on its way." : "Draft saved.";
            return RedirectToPage("Details", new { id });
        }

        Track = await mediator.Send(new GetTrackForSubmission(TrackId), ct);
        Input.PadRows();
        return Page();
    }
}

/// <summary>The proposal form's fields, shared by the New and Edit pages; names line up with the commands' property names.</summary>
public class ProposalForm
{
    /// <summary>Co-speaker rows on the form; rows left empty are ignored.</summary>
    public const int CoSpeakerRows = 4;

    public string Title { get; set; } = "";
    public string Abstract { get; set; } = "";
    public string? Notes { get; set; }
    public List<string> Topics { get; set; } = [];
    public List<CoSpeakerRow> CoSpeakers { get; set; } = [];

    public IReadOnlyList<CoSpeakerInput> CoSpeakerInputs() =>
        CoSpeakers.Where(r => !r.IsEmpty).Select(r => new CoSpeakerInput(r.Name ?? "", r.Email ?? "", r.Affiliation)).ToList();

    /// <summary>
    /// Moves the filled co-speaker rows up so row i is the command's CoSpeakers[i] and its errors appear next to it;
    /// the posted values of the old rows are dropped from ModelState so the rows show the moved values.
    /// </summary>
    public void CompactRows(ModelStateDictionary modelState, string prefix)
    {
        CoSpeakers = CoSpeakers.Where(r => !r.IsEmpty).ToList();
        foreach (var key in modelState.Keys.Where(k => k.StartsWith($"{prefix}.{nameof(CoSpeakers)}[", StringComparison.Ordinal)).ToList())
            modelState.Remove(key);
    }

    public void PadRows()
    {
        while (CoSpeakers.Count < CoSpeakerRows)
            CoSpeakers.Add(new CoSpeakerRow());
    }
}

public sealed class NewProposalForm : ProposalForm
{
    /// <summary>Set by the "Submit proposal" button; "Save draft" leaves it false.</summary>
    public bool Submit { get; set; }

    /// <summary>
    /// CreateProposal's idempotency key for this form: derived from what the form holds (track, title, abstract, notes,
    /// topics, co-speakers), so the same form sent twice is one request and creates one proposal. A random id in a hidden
    /// field does not survive Back: antiforgery makes the page no-store, Back fetches it again with a new id, and the
    /// browser restores the typed fields but not the hidden one. The typed fields are what comes back, so the key is made
    /// of them. (Which button was pressed is left out: "Save draft", Back, "Submit" finds the draft rather than making a second.)
    /// </summary>
    public Guid RequestKey(Guid trackId)
    {
        // Fields left empty bind as null (whatever the initialisers say); a refused post must still get here without a 500.
        var text = new System.Text.StringBuilder().Append(trackId).Append('\u001f')
            .Append(Title?.Trim()).Append('\u001f').Append(Abstract?.Trim()).Append('\u001f').Append(Notes?.Trim()).Append('\u001f')
            .AppendJoin('\u001e', (Topics ?? []).Order(StringComparer.Ordinal)).Append('\u001f')
            .AppendJoin('\u001e', CoSpeakerInputs().Select(c => $"{c.Name.Trim()}\u001d{c.Email.Trim().ToUpperInvariant()}\u001d{c.Affiliation?.Trim()}"));
        var hash = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString()));
        return new Guid(hash.AsSpan(0, 16));
    }
}

public sealed class CoSpeakerRow
{
    public string? Name { get; set; }
    public string? Email { get; set; }
    public string? Affiliation { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Email) && string.IsNullOrWhiteSpace(Affiliation);
}

/// <summary>What the shared proposal fields partial needs: the form, the track's topics and the co-speaker hint.</summary>
public sealed record ProposalFieldsView(ProposalForm Input, IReadOnlyList<string> Topics, string CoSpeakerHint);
