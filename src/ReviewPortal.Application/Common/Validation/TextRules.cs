namespace ReviewPortal.Application.Common.Validation;

/// <summary>What text the application accepts in any field: no control characters (PostgreSQL refuses NUL outright).</summary>
public static class TextRules
{
    public const string ControlCharactersMessage = "must not contain control characters (such as NUL or escape codes).";

    /// <summary>
    /// True when <paramref name="text"/> holds a C0 control other than tab, CR and LF, DEL, a C1 control, or half a
    /// surrogate pair: characters no one types into a form, that a database, a mail or a terminal may misread.
    /// </summary>
    public static bool HasControlCharacters(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c < ' ')
            {
                if (c is not ('\t' or '\n' or '\r'))
                    return true;
            }
            else if (c is >= '\u007f' and <= '\u009f')
            {
                return true;
            }
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]))
                    return true;
                i++;
            }
            else if (char.IsLowSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }
}
