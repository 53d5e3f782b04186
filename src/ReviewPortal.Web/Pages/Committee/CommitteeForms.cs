using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ReviewPortal.Application.Features.Committee;

namespace ReviewPortal.Web.Pages.Committee;

/// <summary>
/// How the committee forms write lists: one entry per line in a text box. Affiliations read "Organisation, 2016–2021"
/// (past), "Organisation, 2022–" or just "Organisation" (current). Errors about an entry land at its text box, with the line.
/// </summary>
internal static partial class CommitteeForms
{
    public static IReadOnlyList<string> Lines(string? text) =>
        (text ?? "").Split(['\n', ','], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static IReadOnlyList<string> LinesOnly(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static IReadOnlyList<AffiliationInput> ParseAffiliations(string? text) =>
        LinesOnly(text).Select(ParseAffiliation).ToList();

    public static AffiliationInput ParseAffiliation(string line)
    {
        var match = Years().Match(line);
        if (!match.Success || !(match.Groups["from"].Success || match.Groups["to"].Success))
            return new AffiliationInput(line);
        int? Year(Group g) => g.Success ? int.Parse(g.Value, CultureInfo.InvariantCulture) : null;
        var organisation = line[..match.Index].TrimEnd(' ', ',', '(').Trim();
        var from = Year(match.Groups["from"]);
        // "2019" alone is one year; "2019–" runs until now.
        var to = match.Groups["dash"].Success ? Year(match.Groups["to"]) : from;
        return new AffiliationInput(organisation, from, to);
    }

    public static string Format(IEnumerable<AffiliationInput> affiliations) => string.Join('\n', affiliations.Select(Format));

    public static string Format(AffiliationInput a) =>
        a.FromYear is null && a.ToYear is null ? a.Organisation ?? ""
        : $"{a.Organisation}, {a.FromYear}–{a.ToYear}";

    public static string Describe(AffiliationInput a) =>
        a.FromYear is null && a.ToYear is null ? $"{a.Organisation} (current)"
        : a.ToYear is null ? $"{a.Organisation} ({a.FromYear}–now)"
        : $"{a.Organisation} ({a.FromYear}–{a.ToYear})";

    /// <summary>Field errors under <paramref name="prefix"/>; an error about entry i of a list goes to the list's box as "Line i+1: …".</summary>
    public static void AddErrors(PageModel page, ValidationException refused, string prefix)
    {
        foreach (var error in refused.Errors)
        {
            var match = ListEntry().Match(error.PropertyName ?? "");
            var key = string.IsNullOrEmpty(error.PropertyName) || error.PropertyName == "TrackId" ? ""
                : match.Success ? $"{prefix}.{match.Groups["list"].Value}" : $"{prefix}.{error.PropertyName}";
            var message = match.Success ? $"Line {int.Parse(match.Groups["index"].Value, CultureInfo.InvariantCulture) + 1}: {error.ErrorMessage}" : error.ErrorMessage;
            page.ModelState.AddModelError(key, message);
        }
    }

    /// <summary>A year range at the end of the line: "2016–2021", "2022–", "–2019", "2019".</summary>
    [GeneratedRegex(@"[\s,(]+(?<from>\d{4})?\s*(?<dash>[-–—])?\s*(?<to>\d{4})?\)?\s*$")]
    private static partial Regex Years();

    [GeneratedRegex(@"^(?<list>[A-Za-z]+)\[(?<index>\d+)\](\..*)?$")]
    private static partial Regex ListEntry();
}
