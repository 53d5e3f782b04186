using Mediator;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Reviews;

namespace ReviewPortal.Web.Pages.Reviews;

/// <summary>"My reviews": the proposals the member is to review, the state of each, the deadline and the progress.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public IReadOnlyList<MyReviewItem> Reviews { get; private set; } = [];

    public int Submitted => Reviews.Count(r => r.IsFinished);

    public async Task OnGetAsync(CancellationToken ct) => Reviews = await mediator.Send(new ListMyReviews(), ct);

    public static string StateText(string state) => state switch
    {
        MyReview.Submitted => "submitted",
        MyReview.Draft => "draft",
        _ => "not started",
    };
}
