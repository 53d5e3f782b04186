using System.Net.Http.Headers;
using ReviewPortal.IntegrationTests.Infrastructure;
using ReviewPortal.IntegrationTests.Performance;

namespace ReviewPortal.IntegrationTests.Api;

/// <summary>What a bearer request costs in SQL, counted by the app variant that records each request's statements.</summary>
public sealed class ApiTokenQueryTests(StatementCountingApp app) : IClassFixture<StatementCountingApp>
{
    [Fact]
    public async Task A_bearer_request_costs_one_token_query_and_last_used_one_write_a_minute()
    {
        var owner = await Accounts.SignedInClientAsync(app, $"owner-{Guid.NewGuid():N}@example.org");
        var token = (await Problems.JsonAsync(await owner.PostJsonAsync("/api/v1/me/tokens", new { name = "counted" }), System.Net.HttpStatusCode.Created))
            .GetProperty("token").GetString();
        var bearer = app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        async Task<List<string>> TokenCommandsOfMe()
        {
            var (response, statements) = await app.GetCountingAsync(bearer, "/api/v1/me");
            await Problems.JsonAsync(response);
            return statements.Where(c => c.Contains("\"ApiTokens\"", StringComparison.Ordinal)).ToList();
        }

        var first = await TokenCommandsOfMe();
        Assert.Equal(2, first.Count); // the lookup, and "last used" for the first time
        Assert.StartsWith("SELECT", first[0].TrimStart(), StringComparison.Ordinal);
        Assert.Contains("UPDATE", first[1], StringComparison.Ordinal);

        var again = await TokenCommandsOfMe();
        Assert.Single(again); // within the minute: the lookup only
        Assert.Contains("\"SecretHash\" = ", again[0], StringComparison.Ordinal);
        Assert.Contains("AspNetUserRoles", again[0], StringComparison.Ordinal); // the owner's roles come in the same query
    }
}
