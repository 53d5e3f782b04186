using System.Net;
using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace ReviewPortal.IntegrationTests.Infrastructure;

/// <summary>Reads a page the way a browser would and submits its forms (with the antiforgery token in them).</summary>
public sealed class HtmlPage
{
    private HtmlPage(HttpResponseMessage response, IDocument document)
    {
        Response = response;
        Document = document;
    }

    public HttpResponseMessage Response { get; }
    public IDocument Document { get; }

    public static async Task<HtmlPage> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return await ParseAsync(response);
    }

    public static async Task<HtmlPage> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        var document = await context.OpenAsync(r => r.Content(html));
        return new HtmlPage(response, document);
    }

    /// <summary>Posts the page's form (the first, or the one matching <paramref name="formSelector"/>) with these field values.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(HttpClient client, IReadOnlyDictionary<string, string> fields, string formSelector = "main form")
    {
        var form = Document.QuerySelector<IHtmlFormElement>(formSelector)
            ?? throw new InvalidOperationException($"No form '{formSelector}' on the page:\n{Document.Body?.TextContent}");
        // What the browser would send: every named field with its current value, then the test's own values.
        var values = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements.OfType<IHtmlElement>())
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || fields.ContainsKey(name))
                continue;
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked)
                        values.Add(new(name, box.Value));
                    break;
                case IHtmlInputElement { Type: "submit" or "button" or "file" }:
                    break;
                case IHtmlInputElement input:
                    values.Add(new(name, input.Value));
                    break;
                case IHtmlTextAreaElement area:
                    values.Add(new(name, area.Value));
                    break;
                case IHtmlSelectElement select:
                    values.AddRange(select.Options.Where(o => o.IsSelected).Select(o => new KeyValuePair<string, string>(name, o.Value)));
                    break;
            }
        }

        values.AddRange(fields);
        var action = string.IsNullOrEmpty(form.GetAttribute("action")) ? Response.RequestMessage!.RequestUri!.PathAndQuery : form.GetAttribute("action")!;
        return await client.PostAsync(new Uri(action, UriKind.RelativeOrAbsolute), new FormUrlEncodedContent(values));
    }

    /// <summary>Field errors shown next to inputs, keyed by field name.</summary>
    public IReadOnlyDictionary<string, string> FieldErrors() =>
        Document.QuerySelectorAll("span.field-error[data-valmsg-for]")
            .Where(e => !string.IsNullOrWhiteSpace(e.TextContent))
            .ToDictionary(e => e.GetAttribute("data-valmsg-for")!, e => e.TextContent.Trim(), StringComparer.Ordinal);

    public string Text => Document.Body?.TextContent ?? "";

    public static bool IsRedirect(HttpResponseMessage response) =>
        response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.RedirectKeepVerb;
}
