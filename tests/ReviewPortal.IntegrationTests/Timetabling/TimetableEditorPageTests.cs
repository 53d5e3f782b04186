using System.Net;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Timetabling;

/// <summary>The editor page without JavaScript: days as tabs, rooms as columns, warnings on the items, and the move, place and publish forms.</summary>
public sealed class TimetableEditorPageTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    [Fact]
    public async Task The_page_shows_days_as_tabs_rooms_as_columns_the_break_and_each_items_warnings()
    {
        var s = await EditorScenario.CreateAsync(app);
        var (a, _) = await s.AddTalkAsync("Early bird talk");
        var (b, _) = await s.AddTalkAsync("Day two talk");
        await s.MoveNowAsync(a, "Side", EditorScenario.At(s.Day1, 8));
        await s.MoveNowAsync(b, "Main", EditorScenario.At(s.Day2, 9, 30));

        var page = await HtmlPage.GetAsync(s.Chair, $"/Chair/{s.TrackId}/Timetable");
        Assert.Equal(HttpStatusCode.OK, page.Response.StatusCode);
        var tabs = page.Document.QuerySelectorAll("#tt-days a, #tt-days strong").Select(x => x.TextContent).ToList();
        Assert.Equal(2, tabs.Count);
        Assert.Equal(["Time", "Main (200)", "Side (50)"], page.Document.QuerySelectorAll("#timetable thead th").Select(x => x.TextContent.Trim()));
        Assert.Contains("Coffee", page.Document.QuerySelector("#timetable td.tt-break")!.TextContent, StringComparison.Ordinal);
        var early = page.Document.QuerySelector($".tt-item[data-proposal='{a}']")!;
        Assert.Equal("Side", early.ParentElement!.GetAttribute("data-room"));
        Assert.Contains("outside every block", early.QuerySelector(".tt-warnings")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.Document.QuerySelector($"#timetable .tt-item[data-proposal='{b}']")); // on day two's tab
        Assert.Contains("outside every block", page.Document.QuerySelector("#tt-violations")!.TextContent, StringComparison.Ordinal);

        var dayTwo = await HtmlPage.GetAsync(s.Chair, $"/Chair/{s.TrackId}/Timetable?day={s.Day2:yyyy-MM-dd}");
        Assert.NotNull(dayTwo.Document.QuerySelector($"#timetable .tt-item[data-proposal='{b}']"));
        Assert.Equal(s.Day2.ToString("ddd d MMM", System.Globalization.CultureInfo.InvariantCulture),
            dayTwo.Document.QuerySelector("#tt-days strong[aria-current=page]")!.TextContent);
    }

    [Fact]
    public async Task The_move_form_without_JavaScript_moves_an_item_and_places_an_unplaced_one()
    {
        var s = await EditorScenario.CreateAsync(app);
        var (a, _) = await s.AddTalkAsync("Form-moved talk");
        var (b, _) = await s.AddTalkAsync("Form-placed talk");
        await s.MoveNowAsync(a, "Main", EditorScenario.At(s.Day1, 9));
        var path = $"/Chair/{s.TrackId}/Timetable";

        var page = await HtmlPage.GetAsync(s.Chair, path);
        var moved = await page.SubmitAsync(s.Chair, new Dictionary<string, string>
        {
            ["room"] = "Side", ["start"] = TimetableModelIso(EditorScenario.At(s.Day1, 11, 30)),
        }, $".tt-item[data-proposal='{a}'] form.tt-move-form");
        Assert.True(HtmlPage.IsRedirect(moved), await moved.Content.ReadAsStringAsync());

        page = await HtmlPage.GetAsync(s.Chair, path);
        Assert.Contains("Saved", page.Text, StringComparison.Ordinal);
        var item = page.Document.QuerySelector($"#timetable .tt-item[data-proposal='{a}']")!;
        Assert.Equal("Side", item.GetAttribute("data-room"));
        Assert.Equal(TimetableModelIso(EditorScenario.At(s.Day1, 11, 30)), item.GetAttribute("data-start"));

        var placed = await page.SubmitAsync(s.Chair, new Dictionary<string, string>
        {
            ["room"] = "Main", ["start"] = TimetableModelIso(EditorScenario.At(s.Day1, 10)),
        }, $"#tt-unplaced .tt-item[data-proposal='{b}'] form.tt-move-form");
        Assert.True(HtmlPage.IsRedirect(placed));
        page = await HtmlPage.GetAsync(s.Chair, path);
        Assert.NotNull(page.Document.QuerySelector($"#timetable .tt-item[data-proposal='{b}']"));
        Assert.Empty(page.Document.QuerySelectorAll("#tt-violations li"));
    }

    [Fact]
    public async Task A_form_from_a_stale_page_says_someone_else_changed_the_timetable_and_publish_lists_the_violations()
    {
        var s = await EditorScenario.CreateAsync(app);
        var (a, _) = await s.AddTalkAsync("Stale talk");
        var (_, _) = await s.AddTalkAsync("Unplaced talk");
        var path = $"/Chair/{s.TrackId}/Timetable";
        var stale = await HtmlPage.GetAsync(s.Chair, path);
        await s.MoveNowAsync(a, "Main", EditorScenario.At(s.Day1, 9)); // another chair's move

        var refused = await HtmlPage.ParseAsync(await stale.SubmitAsync(s.Chair, new Dictionary<string, string>
        {
            ["room"] = "Side", ["start"] = TimetableModelIso(EditorScenario.At(s.Day1, 10)),
        }, $".tt-item[data-proposal='{a}'] form.tt-move-form"));
        Assert.Contains("Someone else changed the timetable", refused.Document.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Main", (await s.GetAsync()).GetProperty("slots")[0].GetProperty("room").GetString());

        var current = await HtmlPage.GetAsync(s.Chair, path);
        Assert.Contains("1 new, 0 moved, 0 removed", current.Document.QuerySelector("#tt-preview")!.TextContent, StringComparison.Ordinal);
        var publish = await HtmlPage.ParseAsync(await current.SubmitAsync(s.Chair, new Dictionary<string, string>(), "#tt-publish form"));
        Assert.Contains("\"Unplaced talk\" is on the programme but not placed", publish.Document.QuerySelector(".errors")!.TextContent, StringComparison.Ordinal);
    }

    private static string TimetableModelIso(DateTimeOffset utc) => ReviewPortal.Web.Pages.Chair.TimetableModel.Iso(utc);
}
