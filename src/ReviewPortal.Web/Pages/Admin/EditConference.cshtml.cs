using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Conferences;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Admin;

[Authorize(Roles = Roles.Admin)]
public sealed class EditConferenceModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Slug { get; private set; } = "";

    public async Task OnGetAsync(Guid id, CancellationToken ct)
    {
        var conference = await mediator.Send(new GetConference(id), ct);
        Slug = conference.Slug;
        Input = new InputModel
        {
            Name = conference.Name, TimeZoneId = conference.TimeZoneId, StartDate = conference.StartDate, EndDate = conference.EndDate,
        };
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        Slug = (await mediator.Send(new GetConference(id), ct)).Slug;
        var (ok, _) = await this.TrySendAsync(mediator,
            new UpdateConference(id, Input.Name, Input.TimeZoneId, Input.StartDate, Input.EndDate), cancellationToken: ct);
        if (!ok)
            return Page();
        TempData["Flash"] = $"Saved {Input.Name.Trim()}.";
        return RedirectToPage("Conferences");
    }

    public sealed class InputModel
    {
        public string Name { get; set; } = "";
        public string TimeZoneId { get; set; } = "";
        public DateOnly StartDate { get; set; }
        public DateOnly EndDate { get; set; }
    }
}
