using System.Net;
using ReviewPortal.IntegrationTests.Infrastructure;
using ReviewPortal.IntegrationTests.Performance;

namespace ReviewPortal.IntegrationTests.Schedule;

/// <summary>
/// What a public schedule request costs once the version is known: no SQL statement at all and a bounded number of
/// bytes allocated (the kept response is copied out, nothing is rendered). Counted, not timed (the machine is shared).
/// </summary>
public sealed class PublicScheduleCostTests(StatementCountingApp app, ITestOutputHelper output) : IClassFixture<StatementCountingApp>
{
    private const int Measured = 200;
    // A kept response is written from memory: the test host's own request and response objects are most of this.
    private const long MaxBytesPerRequest = 64 * 1024;

    [Theory]
    [InlineData("schedule")]
    [InlineData("schedule.json")]
    public async Task A_repeated_request_for_the_track_page_or_its_json_sends_no_statement_and_is_served_from_the_kept_response(string file)
    {
        var seeded = await PublishedSchedules.SeedAsync(app);
        var url = $"{seeded.TrackPath}/{file}";
        var client = app.CreateClient();
        var (first, firstStatements) = await app.GetCountingAsync(client, url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEmpty(firstStatements);

        var (again, statements) = await app.GetCountingAsync(client, url);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Empty(statements);
        // The output cache marks what it answers from memory with Age.
        Assert.NotNull(again.Headers.Age);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < Measured; i++)
        {
            using var response = await client.GetAsync(new Uri(url, UriKind.Relative));
            await response.Content.LoadIntoBufferAsync();
        }

        var perRequest = (GC.GetTotalAllocatedBytes(precise: true) - before) / Measured;
        output.WriteLine($"{file}: {perRequest / 1024.0:0.0} KB allocated per request (in-process test client and server together)");
        Assert.InRange(perRequest, 0, MaxBytesPerRequest + (await again.Content.ReadAsByteArrayAsync()).Length * 3);
    }
}
