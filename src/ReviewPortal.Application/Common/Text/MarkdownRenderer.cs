using Ganss.Xss;
using Markdig;
using Microsoft.Extensions.Caching.Memory;

namespace ReviewPortal.Application.Common.Text;

/// <summary>
/// Markdown from speakers and chairs rendered to HTML that is safe to show: raw HTML is disabled in
/// Markdig, and the output still goes through HtmlSanitizer (no script, no event handlers, no javascript: links).
/// Rendering and sanitising cost more than the rest of a proposal page together, and a text is shown far more
/// often than it changes, so results are kept in memory keyed by the Markdown text itself: an edited text is a
/// new key, and a changed rule here takes effect with the next start.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseAdvancedExtensions()
        .DisableHtml()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>At most about 32 MB of text (UTF-16), Markdown and HTML together; the least recently used go first.</summary>
    private static readonly MemoryCache Rendered = new(new MemoryCacheOptions { SizeLimit = 16_000_000 });

    public static string ToSafeHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
            return "";
        if (Rendered.TryGetValue(markdown, out string? cached))
            return cached!;
        var html = Render(markdown);
        Rendered.Set(markdown, html, new MemoryCacheEntryOptions { Size = markdown.Length + html.Length });
        return html;
    }

    private static string Render(string markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("http");
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        // Links written by speakers open without handing them our page (reverse tabnabbing).
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement { TagName: "A" } a)
                a.SetAttribute("rel", "nofollow noopener noreferrer");
        };
        return sanitizer;
    }
}
