using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
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
    public async Task The_demo_speaker_account_is_linked_to_their_talk_and_a_second_seed_adds_nothing()
    {
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var again = await scope.ServiceProvider.GetRequiredService<DemoSeeder>()
                .SeedAsync(new HashSet<string>(StringComparer.Ordinal) { "admin@lpc-demo.example", "daniel.borkmann@lpc-demo.example", "jakub.kicinski@lpc-demo.example", "alan.maguire@lpc-demo.example" });
            Assert.Empty(again);
        }

        var count = await app.WithDbAsync(db => db.Submissions.CountAsync());
        Assert.Equal(39, count);
        var alan = await app.WithDbAsync(db => db.SubmissionSpeakers.AsNoTracking().Include(s => s.Person)
            .SingleAsync(s => s.Name == "Alan Maguire"));
        Assert.Equal("alan.maguire@lpc-demo.example", alan.Person?.Email);
    }
}
