using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.People;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Account;

/// <summary>The signed-in person's profile: name, affiliation and bio (the e-mail belongs to the account and is only shown).</summary>
public sealed class ProfileModel(IMediator mediator) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public MyProfile Profile { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Profile = await mediator.Send(new GetMyProfile(), ct);
        Input = new InputModel { DisplayName = Profile.DisplayName, Affiliation = Profile.Affiliation, Bio = Profile.Bio };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var (ok, _) = await this.TrySendAsync(mediator, new UpdateMyProfile(Input.DisplayName, Input.Affiliation, Input.Bio), cancellationToken: ct);
        if (ok)
        {
            TempData["Flash"] = "Profile saved.";
            return RedirectToPage();
        }

        Profile = await mediator.Send(new GetMyProfile(), ct);
        return Page();
    }

    public sealed class InputModel
    {
        public string DisplayName { get; set; } = "";
        public string? Affiliation { get; set; }
        public string? Bio { get; set; }
    }
}
