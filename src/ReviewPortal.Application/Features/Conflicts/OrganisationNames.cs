using System.Globalization;
using System.Text;

namespace ReviewPortal.Application.Features.Conflicts;

/// <summary>
/// Turns an affiliation as people type it ("Meta Platforms, Inc.", "Société Générale SA", "  RED HAT ") into the key
/// conflict detection compares: lower case, no diacritics, punctuation and whitespace collapsed, legal-form and
/// generic corporate suffixes dropped from the end. The alias table (<see cref="Domain.Committee.OrganisationAlias"/>)
/// then maps keys of renamed or acquired companies onto one ("facebook" → "meta").
/// </summary>
public static class OrganisationNames
{
    /// <summary>
    /// Words dropped from the end of a name (repeatedly: "Huawei Technologies Co., Ltd." → "huawei"). Legal forms of the
    /// common jurisdictions, and the generic words companies add to a brand ("Platforms", "Technologies") that people
    /// leave out when they write where they work. Never the whole name: "Technologies" alone stays "technologies".
    /// </summary>
    private static readonly HashSet<string> Suffixes = new(StringComparer.Ordinal)
    {
        "inc", "incorporated", "ltd", "limited", "llc", "llp", "lp", "plc", "gmbh", "ag", "kg", "se", "sa", "sas", "sarl",
        "srl", "spa", "bv", "nv", "ab", "oy", "oyj", "as", "asa", "aps", "pty", "pte", "kk", "co", "company", "corp",
        "corporation", "group", "holding", "holdings", "platforms", "technologies", "technology", "systems", "international",
    };

    /// <summary>The comparison key of an organisation name; empty when nothing is left (blank, or only punctuation).</summary>
    public static string Normalise(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return "";
        // "Meta (Facebook)": the name before the parenthesis is the organisation; the rest is a gloss.
        var paren = name.IndexOf('(');
        if (paren > 0)
            name = name[..paren];

        var decomposed = name.Normalize(NormalizationForm.FormKD);
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in decomposed)
        {
            switch (CharUnicodeInfo.GetUnicodeCategory(c))
            {
                case UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark:
                    continue; // the accent of "é"
                case UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                    or UnicodeCategory.OtherLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.DecimalDigitNumber:
                    word.Append(char.ToLowerInvariant(c));
                    continue;
                default:
                    // "&" is a word of its own meaning "and"; "A.T.&T" and "AT&T" must meet, so dots inside words join.
                    if (c == '&')
                    {
                        Flush();
                        words.Add("and");
                    }
                    else if (c is '.' or '\'' or '’')
                    {
                        // "Inc." and "O'Reilly": the dot or apostrophe does not split a word.
                    }
                    else
                    {
                        Flush();
                    }
                    continue;
            }
        }
        Flush();

        if (words.Count > 0 && words[0] == "the")
            words.RemoveAt(0);
        while (words.Count > 1 && Suffixes.Contains(words[^1]))
            words.RemoveAt(words.Count - 1);
        // "AT & T" and "AT&T" both become "at and t"; keep that, it is the same either way.
        return string.Join(' ', words);

        void Flush()
        {
            if (word.Length > 0)
                words.Add(word.ToString());
            word.Clear();
        }
    }
}
