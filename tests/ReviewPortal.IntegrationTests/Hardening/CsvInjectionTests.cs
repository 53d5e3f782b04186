using System.Net;
using System.Net.Http.Json;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Hardening;

/// <summary>A spreadsheet opening the chair's CSV export runs no formula a speaker wrote.</summary>
public sealed class CsvInjectionTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    [Fact]
    public async Task Cells_that_start_like_a_formula_are_exported_as_text_with_a_leading_apostrophe()
    {
        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        var chair = await Accounts.SignedInClientAsync(app, chairEmail, "Csv Chair");
        var trackId = await TestTracks.CreateAsync(app, chairEmail);
        var speaker = await Accounts.SignedInClientAsync(app, $"csv-{Guid.NewGuid():N}@example.org", "=cmd|' /C calc'!A0");
        string[] titles = ["=HYPERLINK(\"http://evil.example\",\"x\")", "-2+3", "@SUM(A1:A9)", "+1 talk", "A plain title"];
        foreach (var title in titles)
        {
            var created = await speaker.PostAsJsonAsync($"/api/v1/tracks/{trackId}/proposals",
                new { title, @abstract = "=1+1 in the abstract", submit = true });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var csv = await chair.GetStringAsync(new Uri($"/api/v1/tracks/{trackId}/proposals/export.csv", UriKind.Relative));

        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"'-2+3\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"'@SUM(A1:A9)\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"'+1 talk\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"'=1+1 in the abstract\"", csv, StringComparison.Ordinal);
        Assert.Contains("\"'=cmd|' /C calc'!A0 <csv-", csv, StringComparison.Ordinal);
        Assert.Contains(",A plain title,", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",-2", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",@", csv, StringComparison.Ordinal);
    }
}
