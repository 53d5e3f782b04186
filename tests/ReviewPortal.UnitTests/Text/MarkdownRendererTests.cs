using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using ReviewPortal.Application.Common.Text;

namespace ReviewPortal.UnitTests.Text;

/// <summary>Abstracts and comments are written by speakers and shown to everyone: the HTML must be inert.</summary>
public sealed class MarkdownRendererTests
{
    private static readonly HtmlParser Parser = new();

    private static IDocument Render(string markdown) =>
        Parser.ParseDocument("<!doctype html><html><body>" + MarkdownRenderer.ToSafeHtml(markdown) + "</body></html>");

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("Intro\n\n<script>alert(document.cookie)</script>\n\nOutro")]
    [InlineData("Inline <script>alert(1)</script> in a paragraph")]
    [InlineData("<SCRIPT SRC=https://evil.example/x.js></SCRIPT>")]
    public void A_script_tag_in_markdown_does_not_become_a_script_element(string markdown)
    {
        var html = MarkdownRenderer.ToSafeHtml(markdown);
        var document = Render(markdown);

        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JavaScript:alert(1))")]
    [InlineData("[x]( javascript:alert(1) )")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[x][ref]\n\n[ref]: javascript:alert(1)")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)")]
    [InlineData("[x](vbscript:msgbox(1))")]
    public void A_link_to_a_script_or_data_url_keeps_no_unsafe_target(string markdown)
    {
        var document = Render(markdown);

        var targets = document.QuerySelectorAll("[href], [src]")
            .SelectMany(element => new[] { element.GetAttribute("href"), element.GetAttribute("src") })
            .OfType<string>()
            .ToList();
        Assert.All(targets, target => Assert.True(
            target.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
            || target.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
            || target.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase),
            $"Unsafe link target survived: {target}"));
    }

    [Fact]
    public void A_markdown_image_with_a_script_url_has_no_script_source()
    {
        var document = Render("![pic](javascript:alert(1))");

        Assert.All(document.QuerySelectorAll("img"), img =>
            Assert.DoesNotContain("javascript", img.GetAttribute("src") ?? "", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("Look: <img src=\"https://example.org/a.png\" onerror=\"alert(1)\"> here")]
    [InlineData("<div onmouseover=\"alert(1)\">hover</div>")]
    [InlineData("<a href=\"https://example.org\" onclick=\"alert(1)\">click</a>")]
    [InlineData("<svg onload=alert(1)>")]
    public void Raw_html_with_event_handlers_produces_no_event_handler_attributes(string markdown)
    {
        var document = Render(markdown);

        var handlers = document.All
            .SelectMany(element => element.Attributes)
            .Where(attribute => attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
            .Select(attribute => attribute.Name)
            .ToList();
        Assert.Empty(handlers);
    }

    [Fact]
    public void Raw_html_is_shown_as_text_rather_than_interpreted()
    {
        var document = Render("<img src=x onerror=alert(1)>");

        Assert.Empty(document.QuerySelectorAll("img"));
        Assert.Contains("<img src=x onerror=alert(1)>", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Emphasis_and_strong_text_render()
    {
        var document = Render("This is *important* and **very important**.");

        Assert.Equal("important", Assert.Single(document.QuerySelectorAll("em")).TextContent);
        Assert.Equal("very important", Assert.Single(document.QuerySelectorAll("strong")).TextContent);
    }

    [Fact]
    public void Bullet_and_numbered_lists_render()
    {
        var document = Render("- XDP\n- tc\n- sockmap\n\n1. first\n2. second\n");

        var bullets = document.QuerySelectorAll("ul > li").Select(li => li.TextContent).ToList();
        var numbered = document.QuerySelectorAll("ol > li").Select(li => li.TextContent).ToList();
        Assert.Equal(["XDP", "tc", "sockmap"], bullets);
        Assert.Equal(["first", "second"], numbered);
    }

    [Fact]
    public void Headings_and_code_render()
    {
        var document = Render("## Motivation\n\nUse `bpf_loop()` here:\n\n```c\nint x = 1;\n```\n");

        Assert.Equal("Motivation", Assert.Single(document.QuerySelectorAll("h2")).TextContent);
        Assert.Contains(document.QuerySelectorAll("code"), code => code.TextContent == "bpf_loop()");
        Assert.Contains(document.QuerySelectorAll("pre code"), code => code.TextContent.Contains("int x = 1;", StringComparison.Ordinal));
    }

    [Fact]
    public void An_https_link_renders_with_its_address_and_text()
    {
        var document = Render("See [the LPC site](https://lpc.events/event/17/) for details.");

        var link = Assert.Single(document.QuerySelectorAll("a"));
        Assert.Equal("https://lpc.events/event/17/", link.GetAttribute("href"));
        Assert.Equal("the LPC site", link.TextContent);
    }

    [Theory]
    [InlineData("[site](https://lpc.events)")]
    [InlineData("[site](http://lpc.events)")]
    [InlineData("<https://lpc.events>")]
    [InlineData("[mail](mailto:chair@example.org)")]
    public void Every_link_opens_without_passing_on_the_page_or_lending_it_search_rank(string markdown)
    {
        var document = Render(markdown);

        var link = Assert.Single(document.QuerySelectorAll("a"));
        Assert.NotNull(link.GetAttribute("href"));
        Assert.Equal("nofollow noopener noreferrer", link.GetAttribute("rel"));
    }

    [Fact]
    public void Markdown_special_characters_in_text_are_escaped_not_interpreted_as_html()
    {
        var html = MarkdownRenderer.ToSafeHtml("if (a < b && c > d) return;");

        Assert.Contains("&lt;", html, StringComparison.Ordinal);
        Assert.Contains("&amp;&amp;", html, StringComparison.Ordinal);
        Assert.Equal("if (a < b && c > d) return;", Render("if (a < b && c > d) return;").Body!.TextContent.Trim());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public void Empty_markdown_renders_as_nothing(string? markdown)
    {
        Assert.Equal("", MarkdownRenderer.ToSafeHtml(markdown));
    }
}
