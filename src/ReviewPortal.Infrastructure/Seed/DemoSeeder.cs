using System.Security.Cryptography;
using System.Text;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Conflicts;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.People;
using ReviewPortal.Infrastructure.Data;
using ReviewPortal.Infrastructure.Identity;

namespace ReviewPortal.Infrastructure.Seed;

/// <summary>A demo account and its password; <paramref name="Roles"/> lists its demo roles, most significant first ("chair,speaker").</summary>
public sealed record DemoLogin(string Roles, string Name, string Email, string Password)
{
    /// <summary>The first of <see cref="Roles"/>: what the person is shown as in the start-up banner.</summary>
    public string PrimaryRole => Roles.Split(',')[0];

    /// <summary>The four logins the start-up banner prints (admin, chair, a reviewer, a speaker); the rest are only in the file.</summary>
    public static readonly IReadOnlyList<string> HeadlineEmails =
        ["admin@lpc-demo.example", "daniel.borkmann@lpc-demo.example", "jakub.kicinski@lpc-demo.example", "alan.maguire@lpc-demo.example"];

    public bool IsHeadline => HeadlineEmails.Contains(Email, StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// Seeds the LPC 2023 eBPF &amp; Networking track: conference, track, the 8-member committee with its chair,
/// a demo account for every committee member and speaker, and the 38 talks + opening imported through <see cref="ImportProposals"/> (the chair's
/// import path). Safe to run on every start: what exists is left alone.
/// </summary>
public sealed partial class DemoSeeder(
    ApplicationDbContext db,
    UserManager<ApplicationUser> users,
    IIdentityService identity,
    IMediator mediator,
    ConflictDetection conflicts,
    DemoStages stages,
    TimeProvider clock,
    ILogger<DemoSeeder> logger)
{
    public const string ConferenceSlug = "lpc2023";
    public const string TrackSlug = "ebpf-networking";
    private const string DemoDomain = EmailDomains.DemoDomain;
    private IReadOnlySet<string> _knownLogins = new HashSet<string>();

    /// <summary>Topics of the track; the demo labels each talk from its title and abstract.</summary>
    public static readonly IReadOnlyList<string> Topics =
        ["verifier", "BTF & CO-RE", "tracing", "security", "XDP/AF_XDP", "TCP", "scheduling", "networking", "runtime & tooling"];

    /// <summary>
    /// Seeds what is missing. Returns the demo logins whose passwords were set in this run. A demo account
    /// whose password is not in <paramref name="knownLogins"/> (e.g. a first run that stopped half-way) gets a new one.
    /// </summary>
    /// <param name="stage">How far to take the demo track (<c>Seed:DemoStage</c>) by running the real use cases; see <see cref="DemoStages"/>.</param>
    public async Task<IReadOnlyList<DemoLogin>> SeedAsync(IReadOnlySet<string> knownLogins, DemoStage stage = DemoStage.Cfp,
        CancellationToken cancellationToken = default)
    {
        var data = LpcDataFile.Load();
        var created = new List<DemoLogin>();
        _knownLogins = knownLogins;

        var admin = await EnsureAccountAsync("Site administrator", $"admin@{DemoDomain}", null, created, "admin");
        await identity.AddToRoleAsync(admin.Id, Roles.Admin);

        var conference = await db.Conferences.Include(c => c.Tracks).ThenInclude(t => t.Committee)
            .SingleOrDefaultAsync(c => c.Slug == ConferenceSlug, cancellationToken);
        if (conference is null)
        {
            conference = new Conference
            {
                Name = data.Conference.Name,
                Slug = ConferenceSlug,
                TimeZoneId = data.Conference.TimeZone,
                StartDate = data.Conference.StartDate,
                EndDate = data.Conference.EndDate,
            };
            db.Conferences.Add(conference);
        }

        var track = conference.Tracks.SingleOrDefault(t => t.Slug == TrackSlug);
        if (track is null)
        {
            var now = clock.GetUtcNow();
            // The real CfP closed in 2023; the demo keeps it open for 30 days from seeding so the speaker's journey can be tried.
            track = new Track
            {
                Conference = conference,
                Name = data.Track.Name,
                Slug = TrackSlug,
                Description = data.Track.Description,
                SlotMinutes = data.Track.SlotMinutes,
                CfpOpensUtc = conference.FromLocal(new DateTime(2023, 6, 1, 0, 0, 0, DateTimeKind.Unspecified)),
                CfpClosesUtc = now.AddDays(30),
                ReviewDeadlineUtc = now.AddDays(44),
                Topics = [.. Topics],
            };
            conference.Tracks.Add(track);
        }

        foreach (var member in data.Track.Committee)
        {
            var role = member.Role == "chair" ? CommitteeRole.Chair : CommitteeRole.Reviewer;
            var person = await EnsureAccountAsync(member.Name, EmailOf(member.Name), member.Affiliation, created, RolesOf(data, member.Name));
            var seat = track.Committee.SingleOrDefault(m => m.PersonId == person.Id);
            if (seat is null)
            {
                seat = new CommitteeMember { Track = track, PersonId = person.Id, Role = role, Affiliation = member.Affiliation };
                track.Committee.Add(seat);
            }
            // A profile the member has since edited is theirs: only an empty one is filled in.
            if (seat.Affiliations.Count == 0 && DemoProfiles.Of(member.Name) is { } profile)
                profile.ApplyTo(seat, member.Affiliation);
        }

        // Every speaker of the track gets an account too, so each can sign in and find their proposals under "My proposals".
        var committee = data.Track.Committee.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var speaker in ScheduledTalks(data).SelectMany(t => t.Speakers)
                     .DistinctBy(s => s.Name).Where(s => !committee.Contains(s.Name)))
            await EnsureAccountAsync(speaker.Name, EmailOf(speaker.Name), speaker.Affiliation, created, RolesOf(data, speaker.Name));
        await db.SaveChangesAsync(cancellationToken);

        var result = await mediator.Send(new ImportProposals(track.Id, ToDocument(data, conference)), cancellationToken);
        // The import detects conflicts when it imports; a later run (profiles filled in since) detects them again, as
        // the profile page does after an edit: the demo chair is then conflicted on Isovalent's talks.
        if (result.Imported == 0)
            await conflicts.RefreshAsync(track.Id, cancellationToken);
        await DemoTimetableGrid.SeedAsync(mediator, db, track, data, cancellationToken);
        LogSeeded(logger, conference.Name, track.Name, result.Imported, result.AlreadyPresent);
        if (stage > DemoStage.Cfp)
        {
            var chair = track.Committee.First(m => m.Role == CommitteeRole.Chair && m.RemovedUtc is null);
            await stages.AdvanceAsync(track.Id, chair.PersonId, admin.Id, stage, cancellationToken);
        }

        return created;
    }

    /// <summary>Maps the LPC file to the import format. Speakers who have demo accounts get their e-mail so they are linked.</summary>
    internal static ProposalsDocument ToDocument(LpcDataFile data, Conference conference)
    {
        var submitted = conference.FromLocal(new DateTime(2023, 8, 1, 12, 0, 0, DateTimeKind.Unspecified));
        return new ProposalsDocument
        {
            Format = ProposalsDocument.FormatName,
            Conference = data.Conference.Name,
            Track = data.Track.Name,
            // The source also lists one talk without a slot (twice); the track's programme is the 38 scheduled talks + opening.
            Proposals = ScheduledTalks(data).Select(t => new ProposalRecord
            {
                Title = t.Title,
                Abstract = AbstractOf(t),
                Kind = t.Kind == "opening" ? "organisational" : "talk",
                DurationMinutes = t.DurationMinutes,
                Topics = TopicsOf(t),
                SubmittedUtc = submitted,
                Speakers = t.Speakers.Select(s => new SpeakerRecord(s.Name, EmailOf(s.Name), s.Affiliation)).ToList(),
            }).ToList(),
        };
    }

    /// <summary>The source also lists one talk without a slot (twice); the track's programme is the 38 scheduled talks + opening.</summary>
    private static IEnumerable<LpcTalk> ScheduledTalks(LpcDataFile data) => data.Talks.Where(t => t.Start is not null);

    /// <summary>The demo roles of a person, most significant first ("chair", "reviewer", then "speaker").</summary>
    internal static string RolesOf(LpcDataFile data, string name)
    {
        var roles = new List<string>();
        if (data.Track.Committee.FirstOrDefault(m => m.Name == name) is { } member)
            roles.Add(member.Role == "chair" ? "chair" : "reviewer");
        if (ScheduledTalks(data).Any(t => t.Speakers.Any(s => s.Name == name)))
            roles.Add("speaker");
        return string.Join(',', roles);
    }

    /// <summary>The source's excerpts end in "..." where it cut them; the demo says so instead of passing the cut off as the speaker's text.</summary>
    internal static string AbstractOf(LpcTalk talk)
    {
        if (string.IsNullOrWhiteSpace(talk.Abstract))
            return talk.Kind == "opening" ? "Opening of the track by its organisers." : $"{talk.Title}.";
        var text = talk.Abstract.Trim();
        return text.EndsWith("...", StringComparison.Ordinal)
            ? text[..^3].TrimEnd() + " " + TruncationNote
            : text;
    }

    /// <summary>Appended to abstracts that the source cut short.</summary>
    public const string TruncationNote = "… (abstract shortened in the source)";

    private static List<string> TopicsOf(LpcTalk talk)
    {
        if (talk.Kind == "opening")
            return [];
        var text = $"{talk.Title} {talk.Abstract}".ToLowerInvariant();
        var topics = new List<string>();
        void When(string topic, params string[] words)
        {
            if (words.Any(w => text.Contains(w, StringComparison.Ordinal)))
                topics.Add(topic);
        }

        When("verifier", "verifier");
        When("BTF & CO-RE", "btf", "co-re");
        When("tracing", "trace", "tracing", "kprobe", "uprobe", "profil", "unwind");
        When("security", "lsm", "security", "threat", "authoriz", "integrity", "tpm");
        When("XDP/AF_XDP", "xdp");
        When("TCP", "tcp", "syn ", "connect()", "transport");
        When("scheduling", "schedul");
        When("networking", "network", "nic", "netns", "ethernet", "socket");
        if (topics.Count == 0)
            topics.Add("runtime & tooling");
        return topics;
    }

    private static string EmailOf(string name)
    {
        // "David S. Miller" → david.s.miller: an initial's dot would make two dots in a row, which no mail server takes.
        var local = string.Join('.', name.ToLowerInvariant().Replace(",", "", StringComparison.Ordinal)
            .Split([' ', '.'], StringSplitOptions.RemoveEmptyEntries));
        return $"{local}@{DemoDomain}";
    }

    private async Task<Person> EnsureAccountAsync(string name, string email, string? affiliation, List<DemoLogin> created, string demoRole)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            var password = NewPassword();
            user = new ApplicationUser { Id = Guid.CreateVersion7(), UserName = email, Email = email, EmailConfirmed = true };
            var result = await users.CreateAsync(user, password);
            if (!result.Succeeded)
                throw new InvalidOperationException($"Could not create demo account {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            created.Add(new DemoLogin(demoRole, name, email, password));
        }
        else if (!_knownLogins.Contains(email))
        {
            var password = NewPassword();
            await users.RemovePasswordAsync(user);
            await users.AddPasswordAsync(user, password);
            created.Add(new DemoLogin(demoRole, name, email, password));
        }

        var person = await db.People.FindAsync(user.Id);
        if (person is null)
        {
            person = new Person { Id = user.Id, DisplayName = name, Email = email, Affiliation = affiliation, CreatedUtc = clock.GetUtcNow() };
            db.People.Add(person);
            await db.SaveChangesAsync();
        }

        return person;
    }

    /// <summary>Readable but random: four groups of letters and digits.</summary>
    private static string NewPassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyz23456789";
        var bytes = RandomNumberGenerator.GetBytes(16);
        var sb = new StringBuilder();
        for (var i = 0; i < bytes.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
                sb.Append('-');
            sb.Append(alphabet[bytes[i] % alphabet.Length]);
        }

        return sb.ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Conference} / {Track}: {Imported} proposals imported, {Present} already present")]
    private static partial void LogSeeded(ILogger logger, string conference, string track, int imported, int present);
}
