using System.Text.RegularExpressions;
using FluentValidation;
using ReviewPortal.Domain.Committee;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>One affiliation as a form or the API gives it: an organisation and, optionally, the years (no end year = current).</summary>
public sealed record AffiliationInput(string? Organisation, int? FromYear = null, int? ToYear = null)
{
    public AffiliationPeriod ToPeriod() => new() { Organisation = (Organisation ?? "").Trim(), FromYear = FromYear, ToYear = ToYear };

    public static AffiliationInput From(AffiliationPeriod p) => new(p.Organisation, p.FromYear, p.ToYear);
}

/// <summary>
/// The rules of a committee profile, shared by the invitation (what the chair knows of the invitee) and the member's
/// own profile, so both refuse the same input with the same words.
/// </summary>
public static partial class ProfileRules
{
    public const int MaxAffiliations = 20;
    public const int MaxOrganisationLength = 200;
    public const int MaxEmailDomains = 20;
    public const int MaxKeywords = 50;
    public const int MaxKeywordLength = 60;
    public const int MaxLoadCap = 200;
    public const int EarliestYear = 1950;

    /// <summary>The domain as stored: trimmed, without a leading "@", lower case.</summary>
    public static string NormaliseDomain(string domain) => domain.Trim().TrimStart('@').ToLowerInvariant();

    /// <summary>Host-name syntax (RFC 1123 labels), at least two labels, a letter-only top level, at most 253 characters.</summary>
    public static bool IsValidDomain(string? domain) =>
        domain is not null && NormaliseDomain(domain) is { Length: > 0 and <= 253 } d && DomainPattern().IsMatch(d);

    /// <summary>Keywords as stored: trimmed, empty ones dropped, duplicates (ignoring case) dropped, first spelling kept.</summary>
    public static List<string> NormaliseKeywords(IEnumerable<string?> keywords) =>
        keywords.Select(k => (k ?? "").Trim()).Where(k => k.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    public static List<string> NormaliseDomains(IEnumerable<string?> domains) =>
        domains.Select(d => NormaliseDomain(d ?? "")).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The list may be null (nothing given); pass it as <c>x => x.List!</c>.</summary>
    public static void AffiliationRules<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IEnumerable<AffiliationInput>>> list, TimeProvider clock)
    {
        validator.RuleFor(list).Must(l => l is null || l.Count() <= MaxAffiliations)
            .WithMessage($"List at most {MaxAffiliations} affiliations.");
        validator.RuleForEach(list).SetValidator(new AffiliationInputValidator(clock));
    }

    /// <summary>The list may be null (nothing given); pass it as <c>x => x.List!</c>.</summary>
    public static void EmailDomainRules<T>(this AbstractValidator<T> validator, System.Linq.Expressions.Expression<Func<T, IEnumerable<string>>> list)
    {
        validator.RuleFor(list).Must(l => l is null || l.Count() <= MaxEmailDomains)
            .WithMessage($"List at most {MaxEmailDomains} e-mail domains.");
        validator.RuleForEach(list)
            .Must(d => string.IsNullOrWhiteSpace(d) || IsValidDomain(d))
            .WithMessage((_, d) => $"\"{Shorten(d)}\" is not an e-mail domain; write it like example.org.");
    }

    private static string Shorten(string? text) => text is null ? "" : text.Length <= 60 ? text.Trim() : text[..60].Trim() + "…";

    [GeneratedRegex(@"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();
}

public sealed class AffiliationInputValidator : AbstractValidator<AffiliationInput>
{
    public AffiliationInputValidator(TimeProvider clock)
    {
        var latest = clock.GetUtcNow().Year + 1;
        RuleFor(x => x.Organisation).Cascade(CascadeMode.Stop)
            .Must(o => !string.IsNullOrWhiteSpace(o)).WithMessage("Give the organisation's name.")
            .MaximumLength(ProfileRules.MaxOrganisationLength).WithMessage($"An organisation's name can be at most {ProfileRules.MaxOrganisationLength} characters long.");
        RuleFor(x => x.FromYear).InclusiveBetween(ProfileRules.EarliestYear, latest)
            .When(x => x.FromYear is not null)
            .WithMessage($"The first year must be between {ProfileRules.EarliestYear} and {latest}.");
        RuleFor(x => x.ToYear).InclusiveBetween(ProfileRules.EarliestYear, latest)
            .When(x => x.ToYear is not null)
            .WithMessage($"The last year must be between {ProfileRules.EarliestYear} and {latest} (leave it empty for a current affiliation).");
        RuleFor(x => x.ToYear).Must((x, to) => x.FromYear <= to)
            .When(x => x.FromYear is not null && x.ToYear is not null)
            .WithMessage("The last year cannot be before the first year.");
    }
}
