using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Committee;

namespace ReviewPortal.Web.Pages.Committee;

/// <summary>A member's profile on one track: affiliations, e-mail domains, expertise and maximum load.</summary>
[Authorize]
public sealed class ProfileModel(IMediator mediator) : PageModel
{
    public CommitteeProfile Profile { get; private set; } = null!;

    public IReadOnlyList<MyConflict> Conflicts { get; private set; } = [];

    [BindProperty]
    public ProfileInput Input { get; set; } = new();

    public async Task OnGetAsync(Guid trackId, CancellationToken ct)
    {
        Profile = await mediator.Send(new GetMyCommitteeProfile(trackId), ct);
        Conflicts = await mediator.Send(new ListMyConflicts(trackId), ct);
        Input = ProfileInput.From(Profile);
    }

    public async Task<IActionResult> OnPostAsync(Guid trackId, CancellationToken ct)
    {
        Profile = await mediator.Send(new GetMyCommitteeProfile(trackId), ct);
        Conflicts = await mediator.Send(new ListMyConflicts(trackId), ct);
        if (!ModelState.IsValid)
            return Page();
        try
        {
            await mediator.Send(new UpdateMyCommitteeProfile(trackId, CommitteeForms.ParseAffiliations(Input.Affiliations),
                CommitteeForms.Lines(Input.EmailDomains), Input.ExpertiseTopics, CommitteeForms.Lines(Input.ExpertiseKeywords), Input.MaxLoad), ct);
            TempData["Flash"] = "Your profile was saved; your conflicts of interest were checked again.";
            return Redirect($"/Committee/Profile?trackId={trackId}");
        }
        catch (ValidationException ex)
        {
            CommitteeForms.AddErrors(this, ex, nameof(Input));
            return Page();
        }
    }

    public sealed class ProfileInput
    {
        /// <summary>One per line: "Organisation" or "Organisation, 2022–" (current), "Organisation, 2016–2021" (past).</summary>
        public string? Affiliations { get; set; }
        public string? EmailDomains { get; set; }
        public List<string> ExpertiseTopics { get; set; } = [];
        public string? ExpertiseKeywords { get; set; }
        public int? MaxLoad { get; set; }

        public static ProfileInput From(CommitteeProfile p) => new()
        {
            Affiliations = CommitteeForms.Format(p.Affiliations),
            EmailDomains = string.Join(", ", p.EmailDomains),
            ExpertiseTopics = [.. p.ExpertiseTopics],
            ExpertiseKeywords = string.Join(", ", p.ExpertiseKeywords),
            MaxLoad = p.MaxLoad,
        };
    }
}
