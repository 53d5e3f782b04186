namespace ReviewPortal.Application.Features.Conflicts;

/// <summary>
/// E-mail domains for conflict detection: the domain of an address, and the one list of domains that say nothing about
/// where someone works (webmail, kernel.org's personal addresses, the demo domain, reserved test domains).
/// </summary>
public static class EmailDomains
{
    /// <summary>The demo seed's accounts all use this domain; it is not an organisation.</summary>
    public const string DemoDomain = "lpc-demo.example";

    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com", "msn.com",
        "yahoo.com", "yahoo.co.uk", "ymail.com", "aol.com", "icloud.com", "me.com", "mac.com",
        "proton.me", "protonmail.com", "pm.me", "tutanota.com", "tuta.io", "fastmail.com", "fastmail.fm",
        "zoho.com", "yandex.ru", "yandex.com", "mail.ru", "qq.com", "163.com", "126.com", "sina.com",
        "web.de", "posteo.de", "mailbox.org", "hey.com", "duck.com",
        // kernel.org, infradead.org: personal addresses of kernel developers, whoever employs them.
        "kernel.org", "infradead.org", "linux.dev",
        DemoDomain,
    };

    /// <summary>Families registered under many country domains (gmx.de, gmx.net, gmx.at …).</summary>
    private static readonly string[] IgnoredFamilies = ["gmx", "yahoo", "hotmail", "outlook", "live"];

    /// <summary>RFC 2606 / 6761 names: never a real organisation (tests and examples use them).</summary>
    private static readonly string[] ReservedSuffixes = [".example", ".test", ".invalid", ".localhost", ".local"];
    private static readonly HashSet<string> ReservedDomains = new(StringComparer.Ordinal) { "example.com", "example.org", "example.net", "localhost" };

    /// <summary>The lower-case domain of an address, or of a domain as typed ("@Google.com" → "google.com"); "" when there is none.</summary>
    public static string Of(string? addressOrDomain)
    {
        if (string.IsNullOrWhiteSpace(addressOrDomain))
            return "";
        var s = addressOrDomain.Trim();
        var at = s.LastIndexOf('@');
        if (at >= 0)
            s = s[(at + 1)..];
        return s.Trim().TrimEnd('.').ToLowerInvariant();
    }

    /// <summary>True when the domain does not tell where someone works, so a shared one is no conflict.</summary>
    public static bool IsIgnored(string domain)
    {
        if (domain.Length == 0 || !domain.Contains('.'))
            return true;
        if (Ignored.Contains(domain) || ReservedDomains.Contains(domain))
            return true;
        foreach (var suffix in ReservedSuffixes)
            if (domain.EndsWith(suffix, StringComparison.Ordinal))
                return true;
        var first = domain[..domain.IndexOf('.')];
        return IgnoredFamilies.Contains(first) && domain.Count(c => c == '.') <= 2;
    }

    /// <summary>The domain and its parents down to two labels ("mail.google.com", "google.com").</summary>
    public static IEnumerable<string> SelfAndParents(string domain)
    {
        var d = domain;
        while (d.Contains('.'))
        {
            yield return d;
            d = d[(d.IndexOf('.') + 1)..];
        }
    }
}
