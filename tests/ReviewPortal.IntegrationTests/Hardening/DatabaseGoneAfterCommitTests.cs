using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Infrastructure.Data;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Hardening;

/// <summary>
/// The database goes away right after a write commits (issue 6, point 12's residual): the client must still hear
/// what was stored, not a 503 for a change that was made, or it retries and makes a duplicate.
/// </summary>
public sealed class DatabaseGoneAfterCommitTests(DatabaseGoneAfterCommitApp app) : IClassFixture<DatabaseGoneAfterCommitApp>, IAsyncLifetime
{
    // A test that failed half-way must not leave the next one without a database.
    public async ValueTask InitializeAsync() => await app.DatabaseIsBackAsync();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static string NewEmail(string who) => $"gone-{who}-{Guid.NewGuid():N}@example.org";

    [Fact]
    public async Task A_proposal_created_just_before_the_database_goes_away_is_answered_201_with_the_proposal()
    {
        var (speaker, trackId) = await SpeakerWithTrackAsync();

        var response = await app.DatabaseGoesAwayAfterCommitAsync(speaker, HttpMethod.Post, $"/api/v1/tracks/{trackId}/proposals",
            new { title = "Stored before the outage", @abstract = "The row is there.", topics = new[] { "TCP" }, submit = true });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal("Stored before the outage", body.GetProperty("title").GetString());
        Assert.Equal("Submitted", body.GetProperty("status").GetString());
        Assert.Equal($"/api/v1/proposals/{id}", response.Headers.Location?.OriginalString);

        await app.DatabaseIsBackAsync();
        var stored = await app.WithDbAsync(db => db.Submissions.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.Title, s.Version }).SingleAsync());
        Assert.Equal("Stored before the outage", stored.Title);
        Assert.Equal(stored.Version, body.GetProperty("version").GetUInt32());
    }

    [Fact]
    public async Task Editing_submitting_and_withdrawing_just_before_the_database_goes_away_answer_200_with_the_stored_proposal()
    {
        var (speaker, trackId) = await SpeakerWithTrackAsync();
        var draft = await Problems.JsonAsync(await speaker.PostJsonAsync($"/api/v1/tracks/{trackId}/proposals",
            new { title = "A draft", @abstract = "First words.", topics = new[] { "TCP" } }), HttpStatusCode.Created);
        var id = draft.GetProperty("id").GetGuid();

        var edited = await app.DatabaseGoesAwayAfterCommitAsync(speaker, HttpMethod.Put, $"/api/v1/proposals/{id}",
            new { version = draft.GetProperty("version").GetUInt32(), title = "An edited draft", @abstract = "Better words.", topics = new[] { "TCP" } });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("An edited draft", (await edited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        await app.DatabaseIsBackAsync();

        var submitted = await app.DatabaseGoesAwayAfterCommitAsync(speaker, HttpMethod.Post, $"/api/v1/proposals/{id}/submit", null);
        Assert.Equal(HttpStatusCode.OK, submitted.StatusCode);
        Assert.Equal("Submitted", (await submitted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await app.DatabaseIsBackAsync();

        var withdrawn = await app.DatabaseGoesAwayAfterCommitAsync(speaker, HttpMethod.Post, $"/api/v1/proposals/{id}/withdraw", null);
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal("Withdrawn", (await withdrawn.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        await app.DatabaseIsBackAsync();

        var stored = await app.WithDbAsync(db => db.Submissions.AsNoTracking().Where(s => s.Id == id).Select(s => new { s.Title, s.Status }).SingleAsync());
        Assert.Equal("An edited draft", stored.Title);
        Assert.Equal(Domain.Submissions.SubmissionStatus.Withdrawn, stored.Status);
    }

    [Fact]
    public async Task A_profile_change_and_a_chairs_settings_change_just_before_the_database_goes_away_answer_200_with_what_was_stored()
    {
        var chairEmail = NewEmail("chair");
        var chair = await Accounts.SignedInClientAsync(app, chairEmail);
        var trackId = await TestTracks.CreateAsync(app, chairEmail);

        var profile = await app.DatabaseGoesAwayAfterCommitAsync(chair, HttpMethod.Put, "/api/v1/me/profile", new { displayName = "Chair After Commit" });
        Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
        Assert.Equal("Chair After Commit", (await profile.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("displayName").GetString());
        await app.DatabaseIsBackAsync();

        var settings = await Problems.JsonAsync(await chair.GetAsync(new Uri($"/api/v1/tracks/{trackId}/settings", UriKind.Relative)));
        var changed = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(settings.GetProperty("settings").GetRawText())!;
        changed["slotMinutes"] = JsonSerializer.SerializeToElement(45);
        var updated = await app.DatabaseGoesAwayAfterCommitAsync(chair, HttpMethod.Put, $"/api/v1/tracks/{trackId}/settings",
            new { version = settings.GetProperty("version").GetUInt32(), settings = changed });
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        Assert.Equal(45, (await updated.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("settings").GetProperty("slotMinutes").GetInt32());
        await app.DatabaseIsBackAsync();

        Assert.Equal(45, await app.WithDbAsync(db => db.Tracks.AsNoTracking().Where(t => t.Id == trackId).Select(t => t.SlotMinutes).SingleAsync()));
    }

    private async Task<(HttpClient Speaker, Guid TrackId)> SpeakerWithTrackAsync()
    {
        var chairEmail = NewEmail("chair");
        await Accounts.SignedInClientAsync(app, chairEmail);
        var trackId = await TestTracks.CreateAsync(app, chairEmail);
        return (await Accounts.SignedInClientAsync(app, NewEmail("speaker")), trackId);
    }
}

/// <summary>
/// The app on a database it can lose, through a <see cref="SwitchableTcpProxy"/> that a test can arm: the moment
/// the armed request's transaction commits, the proxy cuts every connection and refuses new ones.
/// </summary>
public sealed class DatabaseGoneAfterCommitApp(PostgresServer server) : ReviewPortalApp(server)
{
    private const string RequestHeader = "X-Test-Down-After-Commit";
    private static readonly AsyncLocal<string?> CurrentRequest = new();
    private string? _armed;

    public SwitchableTcpProxy Proxy { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        var target = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString);
        Proxy = new SwitchableTcpProxy(target.Host!, target.Port);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var proxied = new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString) { Host = "127.0.0.1", Port = Proxy.Port };
        builder.UseSetting("ConnectionStrings:ReviewPortal", proxied.ConnectionString);
        builder.ConfigureServices(services =>
        {
            services.AddTransient<IStartupFilter>(_ => new TagRequests());
            services.ConfigureDbContext<ApplicationDbContext>(o => o.AddInterceptors(new DownAfterCommit(this)), ServiceLifetime.Singleton);
        });
    }

    /// <summary>Sends the request; the database goes away as soon as the request's own transaction has committed.</summary>
    public async Task<HttpResponseMessage> DatabaseGoesAwayAfterCommitAsync(HttpClient client, HttpMethod method, string url, object? body)
    {
        var tag = Guid.NewGuid().ToString("N");
        _armed = tag;
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        request.Headers.Add(RequestHeader, tag);
        request.Content = body is null ? null : JsonContent.Create(body);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        Assert.True(_armed is null, $"{method} {url} committed no transaction ({(int)response.StatusCode}): the database never went away.");
        return response;
    }

    /// <summary>The database is reachable again; the pool forgets the connections the outage cut.</summary>
    public async Task DatabaseIsBackAsync()
    {
        await Proxy.UpAsync();
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Proxy.DisposeAsync();
    }

    private void Committed()
    {
        if (CurrentRequest.Value is { } tag && Interlocked.CompareExchange(ref _armed, null, tag) == tag)
            Proxy.Down();
    }

    private sealed class DownAfterCommit(DatabaseGoneAfterCommitApp app) : DbTransactionInterceptor
    {
        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => app.Committed();

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            app.Committed();
            return Task.CompletedTask;
        }
    }

    /// <summary>First in the pipeline: everything the request does below it runs with its tag in the async context.</summary>
    private sealed class TagRequests : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (HttpContext context, RequestDelegate following) =>
            {
                CurrentRequest.Value = context.Request.Headers[RequestHeader].FirstOrDefault();
                try
                {
                    await following(context);
                }
                finally
                {
                    CurrentRequest.Value = null;
                }
            });
            next(app);
        };
    }
}
