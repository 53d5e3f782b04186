using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.Infrastructure.Seed;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Foundation;

public sealed class DemoApp : ReviewPortalApp
{
    public DemoApp(PostgresServer server) : base(server) => Settings["Seed:DemoData"] = "true";
}

public sealed class DemoSeedTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task The_demo_seed_imports_the_LPC_track_with_39_items_and_its_committee_of_8()
    {
        var track = await app.WithDbAsync(db => db.Tracks.AsNoTracking()
            .Include(t => t.Conference)
            .Include(t => t.Committee).ThenInclude(m => m.Person)
            .SingleAsync(t => t.Slug == DemoSeeder.TrackSlug));

        Assert.Equal("Linux Plumbers Conference 2023", track.Conference.Name);
        Assert.Equal("America/New_York", track.Conference.TimeZoneId);
        Assert.Equal(30, track.SlotMinutes);
        Assert.Equal(8, track.Committee.Count);
        var chair = Assert.Single(track.Committee, m => m.Role == CommitteeRole.Chair);
        Assert.Equal("Daniel Borkmann", chair.Person.DisplayName);
        Assert.Equal("Isovalent", chair.Affiliation);

        var items = await app.WithDbAsync(db => db.Submissions.AsNoTracking().Include(s => s.Speakers)
            .Where(s => s.TrackId == track.Id).ToListAsync());
        Assert.Equal(39, items.Count);
        Assert.All(items, s => Assert.Equal(SubmissionStatus.Submitted, s.Status));
        Assert.Equal(38, items.Count(s => s.Kind == SubmissionKind.Talk));
        var opening = Assert.Single(items, s => s.Kind == SubmissionKind.Organisational);
        Assert.Equal(5, opening.DurationMinutes);
        Assert.Equal(["Daniel Borkmann", "Jakub Kicinski"], opening.Speakers.OrderBy(s => s.Order).Select(s => s.Name));
        var multi = Assert.Single(items, s => s.Title == "Runtime assumptions behind verifier safety");
        Assert.Equal(3, multi.Speakers.Count);
    }

    [Fact]
    public async Task The_demo_chair_is_conflicted_on_each_Isovalent_talk_and_Facebook_and_Meta_members_on_each_others_companys_talks()
    {
        var trackId = await app.WithDbAsync(db => db.Tracks.Where(t => t.Slug == DemoSeeder.TrackSlug).Select(t => t.Id).SingleAsync());
        var talks = await app.WithDbAsync(db => db.Submissions.AsNoTracking().Include(s => s.Speakers)
            .Where(s => s.TrackId == trackId && s.Kind == SubmissionKind.Talk).ToListAsync());
        var members = await app.WithDbAsync(db => db.CommitteeMembers.AsNoTracking().Where(m => m.TrackId == trackId)
            .Select(m => new { m.PersonId, m.Person.DisplayName, m.Affiliation, m.ExpertiseKeywords }).ToListAsync());
        var conflicts = await app.WithDbAsync(db => db.Conflicts.AsNoTracking().Where(c => c.TrackId == trackId && c.Active).ToListAsync());
        bool Conflicted(Guid personId, Guid talkId) => conflicts.Any(c => c.PersonId == personId && c.SubmissionId == talkId);
        bool From(Submission talk, params string[] organisations) =>
            talk.Speakers.Any(sp => organisations.Contains(sp.Affiliation, StringComparer.Ordinal));

        var daniel = members.Single(m => m.DisplayName == "Daniel Borkmann");
        // The opening (an organisers' item, given by the chair and Jakub Kicinski) is not reviewed: no conflicts on it.
        var opening = await app.WithDbAsync(db => db.Submissions.Where(s => s.TrackId == trackId && s.Kind == SubmissionKind.Organisational).Select(s => s.Id).SingleAsync());
        Assert.DoesNotContain(conflicts, c => c.SubmissionId == opening);
        var isovalent = talks.Where(t => From(t, "Isovalent")).ToList();
        Assert.NotEmpty(isovalent);
        Assert.All(isovalent, t => Assert.True(Conflicted(daniel.PersonId, t.Id), $"Daniel Borkmann on {t.Title}"));
        Assert.Contains(conflicts, c => c.PersonId == daniel.PersonId && c.Kind == ConflictKind.Organisation
            && c.Reason.StartsWith("Daniel Borkmann works at Isovalent", StringComparison.Ordinal));

        // The source lists Facebook for some members and Meta (Inc., Platforms Inc) for others and for speakers: one company.
        var metaTalks = talks.Where(t => From(t, "Meta", "Meta Inc.", "Meta Platforms Inc")).ToList();
        var facebookTalks = talks.Where(t => From(t, "Facebook")).ToList();
        Assert.NotEmpty(metaTalks);
        Assert.NotEmpty(facebookTalks);
        foreach (var member in members.Where(m => m.Affiliation == "Facebook"))
            Assert.All(metaTalks, t => Assert.True(Conflicted(member.PersonId, t.Id), $"{member.DisplayName} on {t.Title}"));
        foreach (var member in members.Where(m => m.Affiliation == "Meta"))
            Assert.All(facebookTalks, t => Assert.True(Conflicted(member.PersonId, t.Id), $"{member.DisplayName} on {t.Title}"));
        // No one is conflicted through the demo's shared e-mail domain, and profiles carry their public expertise.
        Assert.DoesNotContain(conflicts, c => c.Kind == ConflictKind.EmailDomain);
        Assert.Contains("libbpf", members.Single(m => m.DisplayName == "Andrii Nakryiko").ExpertiseKeywords);
        Assert.Contains("MPTCP", members.Single(m => m.DisplayName == "Paolo Abeni").ExpertiseKeywords);
    }

    [Fact]
    public async Task The_demo_speaker_account_is_linked_to_their_talk_and_a_second_seed_adds_nothing()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var again = await scope.ServiceProvider.GetRequiredService<DemoSeeder>()
                .SeedAsync(DemoLogins().Select(l => l.Email).ToHashSet(StringComparer.Ordinal));
            Assert.Empty(again);
        }

        var count = await app.WithDbAsync(db => db.Submissions.CountAsync());
        Assert.Equal(39, count);
        var alan = await app.WithDbAsync(db => db.SubmissionSpeakers.AsNoTracking().Include(s => s.Person)
            .SingleAsync(s => s.Name == "Alan Maguire"));
        Assert.Equal("alan.maguire@lpc-demo.example", alan.Person?.Email);
    }

    private List<DemoLogin> DemoLogins()
    {
        // The app writes the file when it starts, and the factory starts it on first use: a test that runs first
        // in this class would otherwise look for the file before the app exists.
        _ = app.Services;
        return File.ReadAllLines(Path.Combine(app.MailDirectory, "data", "demo-logins.tsv"))
            .Select(l => l.Split('\t')).Select(p => new DemoLogin(p[0], p[1], p[2], p[3])).ToList();
    }

    [Fact]
    public async Task Every_committee_member_and_speaker_has_a_demo_login_listed_with_their_roles_and_can_sign_in()
    {
        var logins = DemoLogins();
        var people = await app.WithDbAsync(db => db.SubmissionSpeakers.AsNoTracking().Select(s => s.Name)
            .Union(db.CommitteeMembers.AsNoTracking().Select(m => m.Person.DisplayName)).ToListAsync());
        Assert.Equal(56, people.Count); // 51 speakers and 8 committee members, 3 of whom also speak
        Assert.Equal(people.Order(StringComparer.Ordinal), logins.Where(l => l.Email != "admin@lpc-demo.example").Select(l => l.Name).Order(StringComparer.Ordinal));
        Assert.Equal(["admin", "chair,speaker", "reviewer,speaker", "speaker"], logins.Take(4).Select(l => l.Roles)); // the headline four first
        Assert.Equal("Daniel Borkmann", logins[1].Name);
        Assert.Equal("Alan Maguire", logins[3].Name);
        Assert.Equal("reviewer,speaker", Assert.Single(logins, l => l.Name == "Martin Lau").Roles);
        Assert.Equal("reviewer", Assert.Single(logins, l => l.Name == "Eric Dumazet").Roles);
        Assert.Equal("speaker", Assert.Single(logins, l => l.Name == "Anton Protopopov").Roles);
        Assert.All(logins, l => Assert.EndsWith("@lpc-demo.example", l.Email, StringComparison.Ordinal));
        // Every demo address can be mailed (David S. Miller's used to have two dots in a row, which the mailer refuses).
        Assert.All(logins, l => Assert.True(MimeKit.MailboxAddress.TryParse(l.Email, out _), l.Email));
        Assert.Contains(logins, l => l.Email == "david.s.miller@lpc-demo.example");

        foreach (var login in logins)
        {
            using var client = app.CreateBrowserClient();
            await Accounts.SignInAsync(client, login.Email, login.Password);
        }
    }

    [Fact]
    public async Task A_demo_speaker_finds_their_talk_under_my_proposals_last_changed_when_it_was_submitted()
    {
        var anton = Assert.Single(DemoLogins(), l => l.Name == "Anton Protopopov");
        using var client = app.CreateBrowserClient();
        await Accounts.SignInAsync(client, anton.Email, anton.Password);

        var talks = await app.WithDbAsync(db => db.Submissions.AsNoTracking()
            .Where(s => s.Speakers.Any(sp => sp.Name == "Anton Protopopov")).ToListAsync());
        var page = await HtmlPage.GetAsync(client, "/Proposals");
        Assert.NotEmpty(talks);
        Assert.All(talks, t => Assert.Contains(t.Title, page.Text, StringComparison.Ordinal));
        Assert.Contains("Tue 1 Aug 2023, 12:00", page.Text, StringComparison.Ordinal); // the submission, not the day of seeding
        Assert.All(talks, t => Assert.Equal(t.SubmittedUtc, t.UpdatedUtc));
    }

    [Fact]
    public async Task Abstracts_cut_short_in_the_source_say_so()
    {
        var abstracts = await app.WithDbAsync(db => db.Submissions.AsNoTracking().Select(s => s.Abstract).ToListAsync());
        Assert.DoesNotContain(abstracts, a => a.EndsWith("...", StringComparison.Ordinal));
        Assert.True(abstracts.Count(a => a.EndsWith(DemoSeeder.TruncationNote, StringComparison.Ordinal)) >= 30);
        var btf = await app.WithDbAsync(db => db.Submissions.AsNoTracking().SingleAsync(s => s.Title == "BTF: open issues and suggested solutions"));
        Assert.EndsWith("that will benefit BTF adoption. These … (abstract shortened in the source)", btf.Abstract, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_opening_is_an_organisers_item_outside_the_chairs_review_list_and_the_home_page_counts_38_proposals()
    {
        var chair = Assert.Single(DemoLogins(), l => l.Name == "Daniel Borkmann");
        using var client = app.CreateBrowserClient();
        await Accounts.SignInAsync(client, chair.Email, chair.Password);
        var trackId = await app.WithDbAsync(db => db.Tracks.Where(t => t.Slug == DemoSeeder.TrackSlug).Select(t => t.Id).SingleAsync());
        var opening = await app.WithDbAsync(db => db.Submissions.Where(s => s.Title == "Opening remarks").Select(s => s.Id).SingleAsync());

        var list = await Problems.JsonAsync(await client.GetAsync(new Uri($"/api/v1/tracks/{trackId}/proposals", UriKind.Relative)));
        Assert.Equal(38, list.GetProperty("total").GetInt32());
        Assert.DoesNotContain(list.GetProperty("proposals").EnumerateArray(), p => p.GetProperty("title").GetString() == "Opening remarks");

        var details = await HtmlPage.GetAsync(client, $"/Proposals/{opening}");
        Assert.Contains("Organisers' item", details.Text, StringComparison.Ordinal);

        var home = await HtmlPage.GetAsync(app.CreateBrowserClient(), "/");
        Assert.Contains("38 proposals", home.Text, StringComparison.Ordinal);
    }
}
