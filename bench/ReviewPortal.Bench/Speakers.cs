using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ReviewPortal.Bench;

/// <summary>A signed-in speaker: one HttpClient with its own cookie session (and its own connection).</summary>
internal sealed class Speaker(string email, HttpClient client) : IDisposable
{
    public string Email { get; } = email;
    public HttpClient Client { get; } = client;

    public void Dispose() => Client.Dispose();
}

/// <summary>Bench set-up: accounts registered through the API, confirmed in the database, signed in through the login form.</summary>
internal static partial class Speakers
{
    public const string Password = "deadline rush password";

    /// <summary>A client with a cookie jar that does not follow redirects (the sign-in answers 302).</summary>
    public static HttpClient NewClient(string baseUrl, bool cookies = true) => new(new SocketsHttpHandler
    {
        UseCookies = cookies,
        CookieContainer = new CookieContainer(),
        AllowAutoRedirect = false,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromSeconds(60),
    };

    public static async Task<List<Speaker>> CreateAsync(BenchHost host, IReadOnlyList<string> emails, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var speakers = emails.Select(e => new Speaker(e, NewClient(host.BaseUrl))).ToList();
        try
        {
            // Registration hashes the password (PBKDF2): a few in parallel is enough on two cores.
            await Parallel.ForEachAsync(speakers, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (s, ct) =>
            {
                var i = emails.ToList().IndexOf(s.Email);
                using var response = await s.Client.PostAsJsonAsync("/api/v1/accounts",
                    new { email = s.Email, password = Password, displayName = $"Rush Speaker {i:00}", affiliation = "Bench Inc." }, ct);
                if (response.StatusCode != HttpStatusCode.Accepted)
                    throw new InvalidOperationException($"Registering {s.Email}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
            });

            // Bench set-up shortcut: confirm in the database instead of following the link in the mail.
            var confirmed = await host.ExecuteAsync("""UPDATE "AspNetUsers" SET "EmailConfirmed" = true WHERE "Email" = ANY(@emails)""",
                p => p.AddWithValue("emails", emails.ToArray()), cancellationToken);
            if (confirmed != emails.Count)
                throw new InvalidOperationException($"Confirmed {confirmed} accounts, expected {emails.Count}.");

            await Parallel.ForEachAsync(speakers, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
                async (s, ct) => await SignInAsync(s, ct));
            Console.WriteLine($"Accounts     {speakers.Count} registered (API), confirmed (SQL), signed in (login form) in {watch.Elapsed.TotalSeconds:0.0} s");
            return speakers;
        }
        catch
        {
            foreach (var s in speakers)
                s.Dispose();
            throw;
        }
    }

    private static Task SignInAsync(Speaker speaker, CancellationToken cancellationToken) =>
        SignInAsync(speaker.Client, speaker.Email, Password, cancellationToken);

    /// <summary>Signs in through the login form (antiforgery token and all), then checks the session with /api/v1/me.</summary>
    public static async Task SignInAsync(HttpClient client, string email, string password, CancellationToken cancellationToken)
    {
        var page = await client.GetStringAsync(new Uri("/Account/Login", UriKind.Relative), cancellationToken);
        var token = AntiforgeryToken().Match(page) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)
            : throw new InvalidOperationException("The login page has no __RequestVerificationToken.");
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["Input.RememberMe"] = "false",
            ["__RequestVerificationToken"] = token,
        });
        using var response = await client.PostAsync(new Uri("/Account/Login", UriKind.Relative), form, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString != "/")
            throw new InvalidOperationException($"Sign-in of {email}: {(int)response.StatusCode} → {response.Headers.Location}");

        using var me = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), cancellationToken);
        if (me.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"{email} is not signed in after the login form: /api/v1/me {(int)me.StatusCode}");
    }

    /// <summary>The demo track's id from the public API (conference lpc2023, track ebpf-networking).</summary>
    public static async Task<Guid> DemoTrackIdAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/v1/conferences", UriKind.Relative), cancellationToken));
        foreach (var conference in json.RootElement.EnumerateArray())
        {
            foreach (var track in conference.GetProperty("tracks").EnumerateArray())
            {
                if (track.GetProperty("slug").GetString() == "ebpf-networking")
                    return track.GetProperty("id").GetGuid();
            }
        }

        throw new InvalidOperationException("No track 'ebpf-networking' in /api/v1/conferences (is Seed:DemoData on?).");
    }

    [GeneratedRegex("""<input[^>]*name="__RequestVerificationToken"[^>]*value="([^"]+)"|<input[^>]*value="([^"]+)"[^>]*name="__RequestVerificationToken""")]
    private static partial Regex AntiforgeryToken();
}
