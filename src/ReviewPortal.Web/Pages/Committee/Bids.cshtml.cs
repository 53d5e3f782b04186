using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Features.Bidding;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Committee;

/// <summary>
/// A member's bidding list: five one-click bid buttons per proposal. With JavaScript (wwwroot/js/bids.js) a click
/// sends <c>PUT /api/v1/proposals/{id}/bid</c> with the sign-in cookie and updates the row in place; without it each
/// button posts its form here. Either way the bid is the same <see cref="PlaceBid"/> command.
/// </summary>
[Authorize]
public sealed class BidsModel(IMediator mediator) : PageModel
{
    public BiddingList List { get; private set; } = null!;

    public static readonly IReadOnlyList<BidValue> Values = [BidValue.Eager, BidValue.Willing, BidValue.Neutral, BidValue.NotWilling, BidValue.Conflict];

    public static string Label(BidValue value) => value switch
    {
        BidValue.NotWilling => "Not willing",
        _ => value.ToString(),
    };

    public async Task<IActionResult> OnGetAsync(Guid trackId, CancellationToken ct)
    {
        List = await mediator.Send(new GetBiddingList(trackId), ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid trackId, Guid proposalId, string? bid, CancellationToken ct)
    {
        // Names only: "4" or "Eager,Willing" is not a bid.
        BidValue? value = Enum.TryParse<BidValue>(bid, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !char.IsDigit(bid![0]) ? parsed : null;
        try
        {
            var (ok, _) = await this.TrySendAsync(mediator, new PlaceBid(proposalId, value), prefix: "", cancellationToken: ct);
            if (ok)
                return Redirect($"/Committee/Bids?trackId={trackId}#p-{proposalId}");
        }
        catch (ForbiddenAccessException refused)
        {
            ModelState.AddModelError("", refused.Message);
        }

        List = await mediator.Send(new GetBiddingList(trackId), ct);
        return Page();
    }
}
