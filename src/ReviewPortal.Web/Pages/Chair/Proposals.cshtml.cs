using System.Text.Json;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Mvc;

using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.Web.Infrastructure;

namespace ReviewPortal.Web.Pages.Chair;

/// <summary>The chair's list of a track's proposals: counts, filters, sorting, pages, export and import. Access is decided by the Application layer.</summary>
[TakesUpload]
[OutputCache(PolicyName = SignedInPageCachePolicy.Name)]
public sealed class ProposalsModel(IMediator mediator, UploadLimit uploadLimit) : PageModel
{
    public const string NotAProposalsFile = "This is not a ReviewPortal proposals file (JSON).";

    /// <summary>Web defaults (camelCase, case-insensitive); a null or missing value where the format requires one makes the file malformed.</summary>
    private static readonly JsonSerializerOptions ImportOptions = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public TrackProposals Proposals { get; private set; } = null!;

    public string? Status { get; private set; }
    public string? Topic { get; private set; }
    public string? Search { get; private set; }
    public string? Sort { get; private set; }
    public string? Dir { get; private set; }

    /// <summary>The filters were refused (an unknown state, sort or page); the errors are shown at the filter form, no rows.</summary>
    public bool FiltersRefused { get; private set; }

    /// <summary>An import was posted and refused; its errors are listed at the import form.</summary>
    public bool ImportRefused { get; private set; }

    /// <summary>The states a chair can filter by: every one but Draft, which stays with its speakers.</summary>
    public static IReadOnlyList<SubmissionStatus> FilterStates => ListTrackProposals.FilterStates;

    public static string Label(SubmissionStatus status) => status == SubmissionStatus.UnderReview ? "Under review" : status.ToString();

    public UploadLimit UploadLimit => uploadLimit;

    /// <summary>The filters as the list's query string names them (the page number is added per link).</summary>
    public Dictionary<string, string?> Filters() => new(StringComparer.Ordinal)
    {
        ["status"] = Status, ["topic"] = Topic, ["q"] = Search, ["sort"] = Sort, ["dir"] = Dir,
    };

    public async Task<IActionResult> OnGetAsync(Guid trackId, string? status, string? topic, string? q, string? sort, string? dir, CancellationToken ct)
    {
        if (TempData[UploadLimit.RefusedKey] is string tooLarge)
        {
            ModelState.AddModelError("File", tooLarge); // a file over the limit, turned back before it was read
            ImportRefused = true;
        }

        Status = string.IsNullOrWhiteSpace(status) ? null : status.Trim();
        Topic = string.IsNullOrWhiteSpace(topic) ? null : topic;
        Search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        Sort = string.IsNullOrWhiteSpace(sort) ? null : sort.Trim();
        Dir = string.IsNullOrWhiteSpace(dir) ? null : dir.Trim();
        // "page" is Razor Pages' own route value (the page's name), so the page number is read from the query string itself.
        var page = Request.Query["page"].ToString();
        if (!int.TryParse(page.Length == 0 ? "1" : page, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pageNumber))
            pageNumber = 0; // refused by the query's validator, with its message

        try
        {
            Proposals = await mediator.Send(new ListTrackProposals(trackId, Status, Topic, Search, Sort, Dir, pageNumber), ct);
            return Page();
        }
        catch (ValidationException refused)
        {
            // The query string's names are the form's field names (status, q, sort, …).
            foreach (var error in refused.Errors)
                ModelState.AddModelError(error.PropertyName == nameof(ListTrackProposals.Search) ? "q" : error.PropertyName.ToLowerInvariant(), error.ErrorMessage);
            FiltersRefused = true;
            Proposals = await mediator.Send(new ListTrackProposals(trackId, PageSize: 1), ct);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
    }

    public async Task<IActionResult> OnPostImportAsync(Guid trackId, IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("", "Choose a proposals file (JSON) to import.");
        }
        else if (file.Length > uploadLimit.MaxBytes)
        {
            ModelState.AddModelError("File", uploadLimit.TooLargeMessage);
        }
        else if (await ReadAsync(file, ct) is not { } document)
        {
            ModelState.AddModelError("", NotAProposalsFile);
        }
        else
        {
            var (ok, result) = await this.TrySendAsync(mediator, new ImportProposals(trackId, document), "", ct);
            if (ok)
            {
                TempData["Flash"] = $"Imported {result!.Imported} proposals; {result.AlreadyPresent} were already present.";
                return RedirectToPage(new { trackId });
            }
        }

        ImportRefused = true;
        Proposals = await mediator.Send(new ListTrackProposals(trackId), ct);
        return Page();
    }

    private static async Task<ProposalsDocument?> ReadAsync(IFormFile file, CancellationToken ct)
    {
        try
        {
            await using var stream = file.OpenReadStream();
            return await JsonSerializer.DeserializeAsync<ProposalsDocument>(stream, ImportOptions, ct);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
