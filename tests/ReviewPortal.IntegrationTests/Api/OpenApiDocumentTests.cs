using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ReviewPortal.IntegrationTests.Foundation;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Api;

/// <summary>
/// /openapi/v1.json against the real API: for a sample of operations, real requests are sent and each answer's
/// status, content type and property names are compared with what the document says for that operation.
/// Nothing about the document is hard-coded here except which operation a request belongs to.
/// </summary>
public sealed class OpenApiDocumentTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.org";

    private async Task<OpenApiDoc> DocumentAsync() =>
        new(await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json"));

    [Fact]
    public async Task Creating_a_proposal_is_documented_as_201_with_the_fields_the_real_answer_has()
    {
        var doc = await DocumentAsync();
        var chairEmail = NewEmail("chair");
        await Accounts.SignedInClientAsync(app, chairEmail);
        var trackId = await TestTracks.CreateAsync(app, chairEmail);
        var speaker = await Accounts.SignedInClientAsync(app, NewEmail("speaker"));
        var path = "/api/v1/tracks/{trackId}/proposals";

        var created = await speaker.PostJsonAsync($"/api/v1/tracks/{trackId}/proposals", new
        {
            title = "Documented truthfully", @abstract = "An abstract.", topics = new[] { "TCP" },
            coSpeakers = new[] { new { name = "Grace Hopper", email = NewEmail("grace") } }, submit = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await doc.AssertDescribesAsync("post", path, created);

        var invalid = await speaker.PostJsonAsync($"/api/v1/tracks/{trackId}/proposals", new { title = "", @abstract = "" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        await doc.AssertDescribesAsync("post", path, invalid);

        var anonymous = await app.CreateClient().PostJsonAsync($"/api/v1/tracks/{trackId}/proposals", new { title = "x", @abstract = "y" });
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        await doc.AssertDescribesAsync("post", path, anonymous);

        var unknownTrack = await speaker.PostJsonAsync($"/api/v1/tracks/{Guid.NewGuid()}/proposals", new { title = "x", @abstract = "y" });
        Assert.Equal(HttpStatusCode.NotFound, unknownTrack.StatusCode);
        await doc.AssertDescribesAsync("post", path, unknownTrack);

        var notJson = await speaker.PostAsync(new Uri($"/api/v1/tracks/{trackId}/proposals", UriKind.Relative), new StringContent("title=x", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        await doc.AssertDescribesAsync("post", path, notJson);

        var closedTrack = await TestTracks.CreateAsync(app, chairEmail, closesIn: TimeSpan.FromMinutes(-1));
        var late = await speaker.PostJsonAsync($"/api/v1/tracks/{closedTrack}/proposals", new { title = "Too late", @abstract = "y", topics = new[] { "TCP" } });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        await doc.AssertDescribesAsync("post", path, late);
    }

    [Fact]
    public async Task Reading_editing_and_the_chairs_list_answer_as_documented()
    {
        var doc = await DocumentAsync();
        var chairEmail = NewEmail("chair");
        var chair = await Accounts.SignedInClientAsync(app, chairEmail);
        var trackId = await TestTracks.CreateAsync(app, chairEmail);
        var speaker = await Accounts.SignedInClientAsync(app, NewEmail("speaker"));
        var proposal = await Problems.JsonAsync(await speaker.PostJsonAsync($"/api/v1/tracks/{trackId}/proposals",
            new { title = "Read me", @abstract = "An abstract.", topics = new[] { "TCP" }, submit = true }), HttpStatusCode.Created);
        var id = proposal.GetProperty("id").GetGuid();

        await doc.AssertDescribesAsync("get", "/api/v1/proposals/{id}", await speaker.GetAsync(new Uri($"/api/v1/proposals/{id}", UriKind.Relative)));
        var stranger = await Accounts.SignedInClientAsync(app, NewEmail("stranger"));
        var hidden = await stranger.GetAsync(new Uri($"/api/v1/proposals/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        await doc.AssertDescribesAsync("get", "/api/v1/proposals/{id}", hidden);

        var update = new { version = proposal.GetProperty("version").GetUInt32(), title = "Read me again", @abstract = "Edited.", topics = new[] { "TCP" } };
        var edited = await speaker.PutAsJsonAsync($"/api/v1/proposals/{id}", update);
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        await doc.AssertDescribesAsync("put", "/api/v1/proposals/{id}", edited);
        var stale = await speaker.PutAsJsonAsync($"/api/v1/proposals/{id}", update);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        await doc.AssertDescribesAsync("put", "/api/v1/proposals/{id}", stale);

        var list = "/api/v1/tracks/{trackId}/proposals";
        await doc.AssertDescribesAsync("get", list, await chair.GetAsync(new Uri($"/api/v1/tracks/{trackId}/proposals", UriKind.Relative)));
        var forbidden = await speaker.GetAsync(new Uri($"/api/v1/tracks/{trackId}/proposals", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        await doc.AssertDescribesAsync("get", list, forbidden);
        var draftFilter = await chair.GetAsync(new Uri($"/api/v1/tracks/{trackId}/proposals?status=Draft", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, draftFilter.StatusCode);
        await doc.AssertDescribesAsync("get", list, draftFilter);

        await doc.AssertDescribesAsync("get", "/api/v1/tracks/{trackId}/proposals/export.csv",
            await chair.GetAsync(new Uri($"/api/v1/tracks/{trackId}/proposals/export.csv", UriKind.Relative)));
        await doc.AssertDescribesAsync("get", "/api/v1/tracks/{trackId}/proposals/export.json",
            await chair.GetAsync(new Uri($"/api/v1/tracks/{trackId}/proposals/export.json", UriKind.Relative)));
        await doc.AssertDescribesAsync("get", "/api/v1/tracks/{trackId}/settings",
            await chair.GetAsync(new Uri($"/api/v1/tracks/{trackId}/settings", UriKind.Relative)));
        await doc.AssertDescribesAsync("get", "/api/v1/me/proposals", await speaker.GetAsync(new Uri("/api/v1/me/proposals", UriKind.Relative)));
    }

    [Fact]
    public async Task Accounts_profile_conferences_and_tokens_answer_as_documented()
    {
        var doc = await DocumentAsync();
        var anonymous = app.CreateClient();
        var registered = await anonymous.PostJsonAsync("/api/v1/accounts", new { email = NewEmail("new"), password = Accounts.Password, displayName = "New Person" });
        Assert.Equal(HttpStatusCode.Accepted, registered.StatusCode);
        await doc.AssertDescribesAsync("post", "/api/v1/accounts", registered);
        await doc.AssertDescribesAsync("get", "/api/v1/conferences", await anonymous.GetAsync(new Uri("/api/v1/conferences", UriKind.Relative)));
        var unknownTrack = await anonymous.GetAsync(new Uri("/api/v1/conferences/nope/tracks/nope", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknownTrack.StatusCode);
        await doc.AssertDescribesAsync("get", "/api/v1/conferences/{conference}/tracks/{track}", unknownTrack);

        var admin = await Accounts.SignedInAdminAsync(app, NewEmail("admin"));
        await doc.AssertDescribesAsync("get", "/api/v1/me", await admin.GetAsync(new Uri("/api/v1/me", UriKind.Relative)));
        await doc.AssertDescribesAsync("put", "/api/v1/me/profile", await admin.PutAsJsonAsync("/api/v1/me/profile", new { displayName = "Ada Admin" }));
        var conference = await admin.PostJsonAsync("/api/v1/conferences",
            new { name = "Doc Conf", slug = "doc-" + Guid.NewGuid().ToString("N")[..8], timeZoneId = "Europe/Vienna", startDate = "2027-09-20", endDate = "2027-09-22" });
        Assert.Equal(HttpStatusCode.Created, conference.StatusCode);
        await doc.AssertDescribesAsync("post", "/api/v1/conferences", conference);

        var tokens = "/api/v1/me/tokens";
        var created = await admin.PostJsonAsync(tokens, new { name = "doc check", expiresInDays = 7 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var token = (await Problems.JsonAsync(created, HttpStatusCode.Created)).GetProperty("token").GetString();
        await doc.AssertDescribesAsync("post", tokens, created);
        var bearer = app.CreateClient();
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var byToken = await bearer.PostJsonAsync(tokens, new { name = "successor", expiresInDays = 7 });
        Assert.Equal(HttpStatusCode.Forbidden, byToken.StatusCode);
        await doc.AssertDescribesAsync("post", tokens, byToken);
        var listed = await bearer.GetAsync(new Uri(tokens, UriKind.Relative));
        await doc.AssertDescribesAsync("get", tokens, listed);
        var id = (await Problems.JsonAsync(listed)).EnumerateArray().First().GetProperty("id").GetGuid();
        var revoked = await admin.DeleteAsync(new Uri($"{tokens}/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await doc.AssertDescribesAsync("delete", tokens + "/{id}", revoked);
        var again = await admin.DeleteAsync(new Uri($"{tokens}/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        await doc.AssertDescribesAsync("delete", tokens + "/{id}", again);
        var refused = await bearer.GetAsync(new Uri("/api/v1/conferences", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        await doc.AssertDescribesAsync("get", "/api/v1/conferences", refused);
    }

    [Fact]
    public async Task Both_security_schemes_are_declared_and_every_operation_names_only_declared_ones()
    {
        var doc = await DocumentAsync();
        var schemes = doc.Root.GetProperty("components").GetProperty("securitySchemes");
        var declared = schemes.EnumerateObject().ToDictionary(s => s.Name, s => s.Value, StringComparer.Ordinal);
        Assert.Contains(declared.Values, s => s.GetProperty("type").GetString() == "http" && s.GetProperty("scheme").GetString() == "bearer");
        Assert.Contains(declared.Values, s => s.GetProperty("type").GetString() == "apiKey" && s.GetProperty("in").GetString() == "cookie"
            && s.GetProperty("name").GetString() == "ReviewPortal.Auth");

        foreach (var (method, path, operation) in doc.Operations())
        {
            Assert.True(operation.TryGetProperty("security", out var security), $"{method} {path} has no security requirement");
            var named = security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(p => p.Name)).ToList();
            Assert.All(named, n => Assert.True(declared.ContainsKey(n), $"{method} {path} names undeclared scheme {n}"));
            Assert.NotEmpty(named);
        }
    }

    [Fact]
    public async Task Every_operation_documents_a_success_answer_and_its_errors_as_problem_details()
    {
        var doc = await DocumentAsync();
        foreach (var (method, path, operation) in doc.Operations())
        {
            var responses = operation.GetProperty("responses").EnumerateObject().ToList();
            Assert.Contains(responses, r => r.Name.StartsWith('2'));
            // Every operation under /api/v1 can answer 401 (no sign-in, or a bearer token that is not valid).
            Assert.Contains(responses, r => r.Name == "401");
            foreach (var error in responses.Where(r => r.Name[0] is '4' or '5'))
            {
                var content = error.Value.GetProperty("content").EnumerateObject().Select(c => c.Name).ToList();
                Assert.True(content.SequenceEqual(["application/problem+json"]), $"{method} {path} {error.Name}: {string.Join(", ", content)}");
            }

            foreach (var success in responses.Where(r => r.Name is "200" or "201"))
                Assert.True(success.Value.TryGetProperty("content", out _), $"{method} {path} {success.Name} has no body schema");
        }
    }

    /// <summary>The parsed document, with the checks that compare it to a real answer.</summary>
    internal sealed class OpenApiDoc(JsonElement root)
    {
        public JsonElement Root { get; } = root;

        public IEnumerable<(string Method, string Path, JsonElement Operation)> Operations() =>
            Root.GetProperty("paths").EnumerateObject()
                .SelectMany(p => p.Value.EnumerateObject().Where(m => m.Name != "parameters").Select(m => (m.Name, p.Name, m.Value)));

        /// <summary>
        /// The answer's status is documented for the operation, with its content type; a JSON body has exactly the
        /// documented properties (problems: only documented ones, plus the extensions ProblemDetails allows).
        /// </summary>
        public async Task AssertDescribesAsync(string method, string path, HttpResponseMessage response)
        {
            var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var what = $"{method.ToUpperInvariant()} {path} → {status}";
            Assert.True(Root.GetProperty("paths").TryGetProperty(path, out var item), $"{path} is not in the document");
            Assert.True(item.TryGetProperty(method, out var operation), $"{method} {path} is not in the document");
            Assert.True(operation.GetProperty("responses").TryGetProperty(status, out var documented), $"{what} happened but is not documented");

            var body = await response.Content.ReadAsStringAsync();
            if (body.Length == 0)
            {
                Assert.False(documented.TryGetProperty("content", out _), $"{what}: documented with a body, answered without one");
                return;
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
            var media = default(JsonElement);
            Assert.True(documented.TryGetProperty("content", out var content) && content.TryGetProperty(mediaType, out media),
                $"{what}: answered {mediaType}, which is not documented");
            if (!mediaType.EndsWith("json", StringComparison.Ordinal))
                return;

            var schema = Resolve(media.GetProperty("schema"));
            var json = JsonDocument.Parse(body).RootElement;
            if (mediaType == "application/problem+json")
                AssertProblem(what, schema, json);
            else
                AssertSameShape(what, schema, json);
        }

        private static void AssertProblem(string what, JsonElement schema, JsonElement json)
        {
            var documented = PropertyNames(schema);
            foreach (var member in new[] { "type", "title", "status", "traceId" })
                Assert.True(documented.Contains(member), $"{what}: the problem schema lacks '{member}'");
            // RFC 9457: an absent 'type' means "about:blank", so only title and status must be there.
            Assert.All(new[] { "title", "status" }, m => Assert.True(json.TryGetProperty(m, out _), $"{what}: the answer lacks '{m}'"));
            var undocumented = json.EnumerateObject().Select(p => p.Name).Where(n => !documented.Contains(n) && !AllowsExtensions(schema)).ToList();
            Assert.True(undocumented.Count == 0, $"{what}: undocumented members {string.Join(", ", undocumented)}");
            if (json.TryGetProperty("errors", out _))
                Assert.True(documented.Contains("errors"), $"{what}: field errors are answered but the schema has no 'errors'");
        }

        /// <summary>Objects: the same property names (recursively, where the schema describes the nested object); arrays: each item.</summary>
        private void AssertSameShape(string what, JsonElement schema, JsonElement json)
        {
            // One of several object shapes (e.g. a list whose items differ by who reads them): the one with the answer's names.
            if (json.ValueKind == JsonValueKind.Object && schema.TryGetProperty("oneOf", out var shapes)
                && shapes.EnumerateArray().Count(o => !HasOnlyType(o, "null")) > 1)
            {
                var names = json.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
                var match = shapes.EnumerateArray().Select(Resolve).FirstOrDefault(o => PropertyNames(o).SetEquals(names));
                Assert.True(match.ValueKind == JsonValueKind.Object, $"{what}: answered [{string.Join(", ", names)}], which is none of the documented shapes");
                schema = match;
            }

            schema = Resolve(schema);
            if (json.ValueKind == JsonValueKind.Array)
            {
                Assert.True(HasType(schema, "array"), $"{what}: answered an array, documented {schema}");
                foreach (var item in json.EnumerateArray())
                    AssertSameShape(what + "[]", schema.GetProperty("items"), item);
                return;
            }

            if (json.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("properties", out var properties))
                return;
            var real = json.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
            var documented = properties.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
            Assert.True(real.SequenceEqual(documented), $"{what}: answered [{string.Join(", ", real)}], documented [{string.Join(", ", documented)}]");
            foreach (var property in json.EnumerateObject())
                AssertSameShape($"{what}.{property.Name}", properties.GetProperty(property.Name), property.Value);
        }

        private JsonElement Resolve(JsonElement schema)
        {
            while (true)
            {
                if (schema.TryGetProperty("$ref", out var reference))
                {
                    schema = Root.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!["#/components/schemas/".Length..]);
                    continue;
                }

                // Nullable objects are written as oneOf/anyOf [{ type: null }, { $ref }].
                foreach (var combinator in new[] { "oneOf", "anyOf", "allOf" })
                {
                    if (schema.TryGetProperty(combinator, out var options))
                    {
                        var concrete = options.EnumerateArray().FirstOrDefault(o => !HasOnlyType(o, "null"));
                        if (concrete.ValueKind == JsonValueKind.Object)
                        {
                            schema = concrete;
                            goto next;
                        }
                    }
                }

                return schema;
            next:;
            }
        }

        private static bool HasType(JsonElement schema, string type) =>
            schema.TryGetProperty("type", out var t)
            && (t.ValueKind == JsonValueKind.String ? t.GetString() == type : t.EnumerateArray().Any(x => x.GetString() == type));

        private static bool HasOnlyType(JsonElement schema, string type) =>
            schema.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == type;

        private static HashSet<string> PropertyNames(JsonElement schema) =>
            schema.TryGetProperty("properties", out var p) ? p.EnumerateObject().Select(x => x.Name).ToHashSet(StringComparer.Ordinal) : [];

        private static bool AllowsExtensions(JsonElement schema) =>
            !schema.TryGetProperty("additionalProperties", out var extra) || extra.ValueKind != JsonValueKind.False;
    }
}

/// <summary>The 429 of a rate-limited operation, against the document (a strict limit of 3 per address).</summary>
public sealed class OpenApiRateLimitTests(StrictRateLimitApp app) : IClassFixture<StrictRateLimitApp>
{
    [Fact]
    public async Task Too_many_registrations_answer_the_documented_429_problem()
    {
        var doc = new OpenApiDocumentTests.OpenApiDoc(await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json"));
        var client = app.CreateClient();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 4; i++)
            last = await client.PostJsonAsync("/api/v1/accounts", new { email = $"many-{Guid.NewGuid():N}@example.org", password = Accounts.Password, displayName = "Many" });
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.True(last.Headers.RetryAfter is not null);
        await doc.AssertDescribesAsync("post", "/api/v1/accounts", last);
    }
}
