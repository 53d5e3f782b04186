using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Reviews;
using ReviewPortal.Application.Features.Tracks;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Chair;

/// <summary>The chair's score criteria of a track: add, edit, remove and order them; the whole list is saved at once.</summary>
public sealed class CriteriaModel(IMediator mediator) : PageModel
{
    private const int BlankRows = 2;

    public TrackSettingsView Track { get; private set; } = null!;

    [BindProperty]
    public List<CriterionRow> Rows { get; set; } = [];

    public async Task OnGetAsync(Guid trackId, CancellationToken ct)
    {
        Track = await mediator.Send(new GetTrackSettings(trackId), ct);
        var criteria = await mediator.Send(new GetTrackCriteria(trackId), ct);
        Rows = [.. criteria.Select((c, i) => new CriterionRow
        {
            Id = c.Id, Name = c.Name, ScaleMin = c.ScaleMin, ScaleMax = c.ScaleMax, Weight = c.Weight, Required = c.Required, Order = i + 1,
        })];
        Pad();
    }

    public async Task<IActionResult> OnPostAsync(Guid trackId, CancellationToken ct)
    {
        Track = await mediator.Send(new GetTrackSettings(trackId), ct);
        // Blank new rows are ignored; the rest are saved in the order the chair numbered them.
        var kept = Rows.Select((row, index) => (row, index))
            .Where(x => !x.row.Remove && (x.row.Id is not null || !string.IsNullOrWhiteSpace(x.row.Name)))
            .OrderBy(x => x.row.Order ?? int.MaxValue).ThenBy(x => x.index)
            .ToList();
        var command = new ReplaceTrackCriteria(trackId,
            kept.Select(x => new CriterionInput(x.row.Id, x.row.Name ?? "", x.row.ScaleMin, x.row.ScaleMax, x.row.Weight, x.row.Required)).ToList());
        var (ok, _) = await this.TrySendAsync(mediator, command, prefix: "", ct);
        if (ok)
        {
            TempData["Flash"] = kept.Count == 0 ? "The track has no criteria: reviewers give the overall score only." : $"Saved {kept.Count} criteria.";
            return RedirectToPage(new { trackId });
        }

        // Errors name the saved list's positions ("Criteria[1].Name"): show them at the row the chair typed.
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Criteria[", StringComparison.Ordinal)).ToList())
        {
            var close = key.IndexOf(']', StringComparison.Ordinal);
            if (int.TryParse(key["Criteria[".Length..close], out var i) && i < kept.Count)
                foreach (var error in ModelState[key]!.Errors.ToList())
                    ModelState.AddModelError($"Rows[{kept[i].index}]", error.ErrorMessage);
            ModelState.Remove(key);
        }

        Pad();
        return Page();
    }

    private void Pad()
    {
        while (Rows.Count(r => r.Id is null && string.IsNullOrWhiteSpace(r.Name)) < BlankRows)
            Rows.Add(new CriterionRow());
    }

    public sealed class CriterionRow
    {
        public Guid? Id { get; set; }
        public string? Name { get; set; }
        public int ScaleMin { get; set; } = 1;
        public int ScaleMax { get; set; } = 5;
        public double Weight { get; set; } = 1;
        public bool Required { get; set; }
        public int? Order { get; set; }
        public bool Remove { get; set; }
    }
}
