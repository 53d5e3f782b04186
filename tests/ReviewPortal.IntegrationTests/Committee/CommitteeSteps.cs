using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Committee;

/// <summary>Steps of the committee tests, as a chair and an invitee take them through the API and the mail.</summary>
public static partial class CommitteeSteps
{
    public static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.org";

    /// <summary>A signed-in chair and their new track.</summary>
    public static async Task<(HttpClient Chair, Guid TrackId, string ChairEmail)> TrackAsync(ReviewPortalApp app, string chairName = "Chair Person")
    {
        var chairEmail = NewEmail("chair");
        var chair = await Accounts.SignedInClientAsync(app, chairEmail, chairName);
        return (chair, await TestTracks.CreateAsync(app, chairEmail), chairEmail);
    }

    public static async Task<JsonElement> InviteAsync(HttpClient chair, Guid trackId, object body) =>
        await Problems.JsonAsync(await chair.PostJsonAsync($"/api/v1/tracks/{trackId}/invitations", body), HttpStatusCode.Created);

    /// <summary>The newest invitation mail to this address, and the link in it.</summary>
    public static async Task<(string Subject, string Body, string Link)> InvitationMailAsync(ReviewPortalApp app, string email)
    {
        var mail = await app.WithDbAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.ToAddress == email && m.Kind == "committee.invitation")
            .OrderByDescending(m => m.CreatedUtc).FirstAsync());
        return (mail.Subject, mail.TextBody, InvitationLink().Match(mail.TextBody).Value);
    }

    /// <summary>The token of an invitation link.</summary>
    public static string TokenOf(string link) => Uri.UnescapeDataString(new Uri(link).Query.Split("token=")[1]);

    public static Task<HttpResponseMessage> AcceptAsync(HttpClient client, string token) =>
        client.PostJsonAsync("/api/v1/invitations/accept", new { token });

    /// <summary>Presses the form's button of this page handler (its formaction), as a browser would.</summary>
    public static Task<HttpResponseMessage> PressAsync(this HtmlPage page, HttpClient client, string formSelector, string handler, IReadOnlyDictionary<string, string>? fields = null)
    {
        var form = page.Document.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form '{formSelector}':\n{page.Text}");
        var button = form.QuerySelectorAll("button[formaction]").FirstOrDefault(b => b.GetAttribute("formaction")!.EndsWith("handler=" + handler, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"No '{handler}' button in '{formSelector}':\n{form.OuterHtml}");
        form.SetAttribute("action", button.GetAttribute("formaction"));
        return page.SubmitAsync(client, fields ?? new Dictionary<string, string>(), formSelector);
    }

    [GeneratedRegex(@"https?://\S+/Committee/Invitation\?token=\S+")]
    private static partial Regex InvitationLink();
}
