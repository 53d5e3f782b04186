using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Conflicts;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.People;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.IntegrationTests.Infrastructure;

namespace ReviewPortal.IntegrationTests.Conflicts;

/// <summary>
/// A generated track of 300 proposals and 60 members (shared organisations under several spellings and aliases, past
/// affiliations inside and outside the look-back, organisation and webmail domains, members among the speakers): the
/// refresh finds exactly what a plain all-pairs check written here finds, with the same reasons, keeps the chair's
/// decisions and the declared conflicts, and writes only what changed: nothing when nothing did, new rows in one statement.
/// </summary>
public sealed class ConflictRefreshAtScaleTests(StatementRecordingApp app) : IClassFixture<StatementRecordingApp>
{
    private const int Proposals = 300, Members = 60;

    private static readonly string?[] Organisations =
    [
        "Meta Platforms, Inc.", "Facebook", "Meta", "META INC", "Red Hat", "RED HAT, Inc.", "Isovalent", "Cisco Systems, Inc.",
        "Google LLC", "Alphabet", "Société Générale SA", "SOCIETE  generale", "Huawei Technologies Co., Ltd.", "Intel Corporation",
        "Mellanox Technologies", "NVIDIA", "Oracle", "Sun Microsystems", "Tiny Startup GmbH", "University of Cambridge", null, "",
    ];

    private static readonly string[] Domains =
    [
        "meta.com", "fb.com", "redhat.com", "mail.redhat.com", "isovalent.com", "cisco.com", "google.com", "intel.com",
        "gmail.com", "kernel.org", "GMX.de", "example.org", "cam.ac.uk", "cl.cam.ac.uk",
    ];

    [Fact]
    public async Task A_large_track_gets_exactly_the_conflicts_an_all_pairs_check_finds_with_the_same_reasons_and_keeps_them_after_changes()
    {
        var track = await GenerateAsync(seed: 11);

        await RefreshAsync(track.TrackId);
        var expected = await OracleAsync(track.TrackId);
        Assert.True(expected.Count > 200, $"the generated track should have many conflicts, has {expected.Count}");
        Assert.Contains(expected.Keys, k => k.Item3 == ConflictKind.Speaker);
        Assert.Contains(expected.Keys, k => k.Item3 == ConflictKind.EmailDomain);
        AssertSame(expected, await DetectedAsync(track.TrackId));

        // The chair lifts one organisation conflict and confirms another; a member declares one.
        var organisationRows = await app.WithDbAsync(db => db.Conflicts.AsNoTracking()
            .Where(c => c.TrackId == track.TrackId && c.Kind == ConflictKind.Organisation).OrderBy(c => c.Id).Take(2).ToListAsync());
        var lifted = organisationRows[0];
        var confirmed = organisationRows[1];
        var declared = new Conflict
        {
            TrackId = track.TrackId, SubmissionId = track.ProposalIds[0], PersonId = track.MemberIds[^1], Kind = ConflictKind.Declared,
            Source = ConflictSource.Declared, Reason = "declared by the member: my PhD student", DecidedById = track.MemberIds[^1],
            CreatedUtc = app.Clock.GetUtcNow(), UpdatedUtc = app.Clock.GetUtcNow(),
        };
        await app.WithDbAsync(async db =>
        {
            await db.Conflicts.Where(c => c.Id == lifted.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.Active, false).SetProperty(c => c.ChairReason, "not the same lab"));
            await db.Conflicts.Where(c => c.Id == confirmed.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.ConfirmedByChair, true).SetProperty(c => c.ChairReason, "checked"));
            db.Conflicts.Add(declared);
            await db.SaveChangesAsync();
        });

        // Both members of those two rows move to a company no speaker names; others change too: conflicts vanish, appear, change reason.
        var random = new Random(12);
        await app.WithDbAsync(async db =>
        {
            var movers = new[] { lifted.PersonId, confirmed.PersonId }.Concat(track.MemberIds.OrderBy(_ => random.Next()).Take(10)).ToHashSet();
            foreach (var seat in await db.CommitteeMembers.Where(m => m.TrackId == track.TrackId && movers.Contains(m.PersonId)).ToListAsync())
            {
                seat.Affiliations = seat.PersonId == lifted.PersonId || seat.PersonId == confirmed.PersonId
                    ? [new AffiliationPeriod { Organisation = "Nobody Else Ltd." }]
                    : [new AffiliationPeriod { Organisation = Organisations[random.Next(Organisations.Length)] ?? "Intel" }];
                seat.EmailDomains = [];
            }
            var speakers = await db.SubmissionSpeakers.Where(s => track.ProposalIds.Contains(s.SubmissionId)).OrderBy(s => s.Id).Take(40).ToListAsync();
            foreach (var speaker in speakers)
                speaker.Affiliation = Organisations[random.Next(Organisations.Length)];
            await db.SaveChangesAsync();
        });

        var statements = await StatementRecordingApp.RecordAsync(() => RefreshAsync(track.TrackId));
        // Rows vanished, appeared and changed their reason: each kind of change is one statement.
        Assert.Equal(1, statements.Sum(s => Occurrences(s, "INSERT INTO \"Conflicts\"")));
        Assert.Equal(1, statements.Sum(s => Occurrences(s, "UPDATE \"Conflicts\"")));
        Assert.Equal(1, statements.Sum(s => Occurrences(s, "DELETE FROM \"Conflicts\"")));
        var after = await OracleAsync(track.TrackId);
        var stored = await DetectedAsync(track.TrackId);
        var kept = stored.Where(r => !after.ContainsKey(r.Key)).Select(r => r.Key).ToHashSet();
        // The only rows the rules no longer find and that stay are the chair's two decisions.
        Assert.Equal(new HashSet<(Guid, Guid, ConflictKind)> { Key(lifted), Key(confirmed) }, kept);
        AssertSame(after, stored.Where(r => !kept.Contains(r.Key)).ToDictionary());
        var rows = await app.WithDbAsync(db => db.Conflicts.AsNoTracking().Where(c => c.Id == lifted.Id || c.Id == confirmed.Id || c.Id == declared.Id).ToListAsync());
        Assert.False(Assert.Single(rows, r => r.Id == lifted.Id).Active);
        Assert.Equal("not the same lab", Assert.Single(rows, r => r.Id == lifted.Id).ChairReason);
        Assert.True(Assert.Single(rows, r => r.Id == confirmed.Id).ConfirmedByChair);
        var stillDeclared = Assert.Single(rows, r => r.Id == declared.Id);
        Assert.Equal("declared by the member: my PhD student", stillDeclared.Reason);
        Assert.True(stillDeclared.Active);
    }

    [Fact]
    public async Task Refreshing_a_track_where_nothing_changed_writes_nothing_and_tracks_no_rows()
    {
        var track = await GenerateAsync(seed: 21);
        await RefreshAsync(track.TrackId);
        var before = await VersionsAsync(track.TrackId);
        Assert.NotEmpty(before);

        int tracked = -1;
        var statements = await StatementRecordingApp.RecordAsync(async () => tracked = await RefreshAsync(track.TrackId));

        Assert.Equal(before, await VersionsAsync(track.TrackId));
        Assert.NotEmpty(statements);
        Assert.DoesNotContain(statements, s => s.Contains("INSERT INTO", StringComparison.Ordinal)
            || s.Contains("UPDATE \"", StringComparison.Ordinal) || s.Contains("DELETE FROM", StringComparison.Ordinal));
        // The thousands of stored rows are compared in memory, not materialised as tracked entities.
        Assert.Equal(0, tracked);
    }

    [Fact]
    public async Task The_first_refresh_of_a_large_track_writes_its_new_conflicts_in_one_statement()
    {
        var track = await GenerateAsync(seed: 31);

        int tracked = -1;
        var statements = await StatementRecordingApp.RecordAsync(async () => tracked = await RefreshAsync(track.TrackId));

        var rows = await app.WithDbAsync(db => db.Conflicts.CountAsync(c => c.TrackId == track.TrackId));
        Assert.True(rows > 200, $"the generated track should have many conflicts, has {rows}");
        var inserts = statements.Sum(s => Occurrences(s, "INSERT INTO \"Conflicts\""));
        Assert.Equal(1, inserts);
        Assert.Equal(0, tracked);
    }

    // ---- the generated track ----

    private sealed record GeneratedTrack(Guid TrackId, IReadOnlyList<Guid> ProposalIds, IReadOnlyList<Guid> MemberIds);

    private async Task<GeneratedTrack> GenerateAsync(int seed)
    {
        var chairEmail = $"chair-{Guid.NewGuid():N}@example.org";
        await Accounts.SignedInClientAsync(app, chairEmail, "Scale Chair");
        var trackId = await TestTracks.CreateAsync(app, chairEmail);
        var random = new Random(seed);
        var year = app.Clock.GetUtcNow().Year;
        var now = app.Clock.GetUtcNow();
        string? Organisation() => Organisations[random.Next(Organisations.Length)];
        string Domain() => Domains[random.Next(Domains.Length)];
        var tag = Guid.NewGuid().ToString("N")[..8];

        var members = new List<Person>();
        var seats = new List<CommitteeMember>();
        for (var i = 0; i < Members; i++)
        {
            var person = new Person
            {
                Id = Guid.CreateVersion7(), DisplayName = $"Member {i:00} {tag}", Email = $"member{i}-{tag}@{Domain()}",
                Affiliation = Organisation(), CreatedUtc = now,
            };
            members.Add(person);
            var seat = new CommitteeMember { TrackId = trackId, PersonId = person.Id, Role = CommitteeRole.Reviewer };
            switch (random.Next(6))
            {
                case 0: // never filled in the profile: the account's affiliation counts
                    break;
                case 1: // the seat's affiliation as the chair typed it
                    seat.Affiliation = Organisation();
                    break;
                default: // a profile: current and past employers, some within the look-back, some long ago
                    seat.Affiliations = Enumerable.Range(0, 1 + random.Next(3)).Select(k => k == 0 && random.Next(3) > 0
                        ? new AffiliationPeriod { Organisation = Organisation() ?? "Oracle", FromYear = year - 2 }
                        : new AffiliationPeriod { Organisation = Organisation() ?? "Intel", FromYear = year - 12, ToYear = year - random.Next(7) }).ToList();
                    break;
            }
            seat.EmailDomains = Enumerable.Range(0, random.Next(3))
                .Select(_ => random.Next(3) switch { 0 => "@" + Domain(), 1 => Domain().ToUpperInvariant(), _ => Domain() }).ToList();
            seats.Add(seat);
        }

        var outsiders = Enumerable.Range(0, 20).Select(i => new Person
        {
            Id = Guid.CreateVersion7(), DisplayName = $"Speaker {i:00} {tag}", Email = $"speaker{i}-{tag}@{Domain()}", CreatedUtc = now,
        }).ToList();

        var submissions = new List<Submission>();
        for (var p = 0; p < Proposals; p++)
        {
            var submission = new Submission
            {
                TrackId = trackId, Title = $"Generated proposal {p:000}", Abstract = "Generated.", CreatedUtc = now, UpdatedUtc = now,
                Kind = p % 50 == 49 ? SubmissionKind.Organisational : SubmissionKind.Talk,
                CreatedById = random.Next(25) == 0 ? members[random.Next(Members)].Id : outsiders[random.Next(outsiders.Count)].Id,
            };
            var count = 1 + random.Next(3);
            for (var s = 0; s < count; s++)
            {
                var speaker = new SubmissionSpeaker { Order = s, Name = $"Speaker {p:000}.{s} {tag}", Affiliation = Organisation() };
                switch (random.Next(12))
                {
                    case 0: // a member's account
                        var member = members[random.Next(Members)];
                        speaker.PersonId = member.Id;
                        speaker.Name = member.DisplayName;
                        break;
                    case 1: // a member's address, typed differently
                        speaker.Email = "  " + members[random.Next(Members)].Email.ToUpperInvariant();
                        break;
                    case 2: // an account of someone outside the committee
                        var outsider = outsiders[random.Next(outsiders.Count)];
                        speaker.PersonId = outsider.Id;
                        speaker.Email = random.Next(2) == 0 ? null : $"other{p}.{s}-{tag}@{Domain()}";
                        break;
                    case 3:
                        speaker.Email = null;
                        break;
                    default:
                        speaker.Email = $"s{p}.{s}-{tag}@{Domain()}";
                        break;
                }
                submission.Speakers.Add(speaker);
            }
            submissions.Add(submission);
        }

        await app.WithDbAsync(async db =>
        {
            db.People.AddRange(members);
            db.People.AddRange(outsiders);
            db.CommitteeMembers.AddRange(seats);
            db.Submissions.AddRange(submissions);
            await db.SaveChangesAsync();
            // Most are submitted; a few stay drafts (not detected).
            var submitted = submissions.Where((_, i) => i % 30 != 7).Select(s => s.Id).ToList();
            await db.Submissions.Where(s => submitted.Contains(s.Id))
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, SubmissionStatus.Submitted).SetProperty(s => s.SubmittedUtc, now));
        });
        return new GeneratedTrack(trackId, submissions.Select(s => s.Id).ToList(), members.Select(m => m.Id).ToList());
    }

    /// <summary>Runs the track's refresh as the jobs and commands do; returns the conflict rows its context still tracks.</summary>
    private async Task<int> RefreshAsync(Guid trackId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ConflictDetection>().RefreshAsync(trackId, CancellationToken.None);
        return scope.ServiceProvider.GetRequiredService<IApplicationDbContext>().ChangeTracker.Entries<Conflict>().Count();
    }

    private Task<Dictionary<(Guid, Guid, ConflictKind), string>> DetectedAsync(Guid trackId) => app.WithDbAsync(async db =>
        (await db.Conflicts.AsNoTracking().Where(c => c.TrackId == trackId && c.Kind != ConflictKind.Declared).ToListAsync())
        .ToDictionary(Key, c => c.Reason));

    private static (Guid, Guid, ConflictKind) Key(Conflict c) => (c.SubmissionId, c.PersonId, c.Kind);

    private Task<Dictionary<Guid, uint>> VersionsAsync(Guid trackId) => app.WithDbAsync(async db =>
        (await db.Database.SqlQuery<RowVersion>($"""SELECT "Id", xmin::text::bigint AS "Xmin" FROM "Conflicts" WHERE "TrackId" = {trackId}""").ToListAsync())
        .ToDictionary(r => r.Id, r => (uint)r.Xmin));

    private sealed class RowVersion
    {
        public Guid Id { get; set; }
        public long Xmin { get; set; }
    }

    private static int Occurrences(string text, string what)
    {
        var count = 0;
        for (var at = text.IndexOf(what, StringComparison.Ordinal); at >= 0; at = text.IndexOf(what, at + what.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    private static void AssertSame(Dictionary<(Guid, Guid, ConflictKind), string> expected, Dictionary<(Guid, Guid, ConflictKind), string> actual)
    {
        var missing = expected.Keys.Except(actual.Keys).Take(5).Select(k => $"{k}: {expected[k]}").ToList();
        var extra = actual.Keys.Except(expected.Keys).Take(5).Select(k => $"{k}: {actual[k]}").ToList();
        var different = expected.Keys.Intersect(actual.Keys).Where(k => expected[k] != actual[k]).Take(5)
            .Select(k => $"{k}:\n  expected {expected[k]}\n  actual   {actual[k]}").ToList();
        Assert.True(missing.Count + extra.Count + different.Count == 0,
            $"missing: {string.Join("\n", missing)}\nextra: {string.Join("\n", extra)}\ndifferent reasons: {string.Join("\n", different)}");
    }

    // ---- the oracle: every proposal against every member, the rules as docs/visibility.md states them ----

    private async Task<Dictionary<(Guid, Guid, ConflictKind), string>> OracleAsync(Guid trackId)
    {
        var (lookback, members, proposals, aliases) = await app.WithDbAsync(async db =>
        {
            var years = await db.Tracks.Where(t => t.Id == trackId).Select(t => t.ConflictLookbackYears).SingleAsync();
            var seats = await db.CommitteeMembers.AsNoTracking().Include(m => m.Person).Where(m => m.TrackId == trackId).ToListAsync();
            var items = await db.Submissions.AsNoTracking().Include(s => s.Speakers).ThenInclude(sp => sp.Person)
                .Where(s => s.TrackId == trackId).ToListAsync();
            var table = await db.OrganisationAliases.AsNoTracking().ToListAsync();
            return (years, seats, items, table.ToDictionary(a => a.Alias, a => a, StringComparer.Ordinal));
        });
        var year = app.Clock.GetUtcNow().Year;
        var result = new Dictionary<(Guid, Guid, ConflictKind), string>();

        string OrgKey(string? organisation)
        {
            var key = OrganisationNames.Normalise(organisation);
            return aliases.TryGetValue(key, out var alias) ? alias.Canonical : key;
        }
        string Now(string organisation)
        {
            var key = OrganisationNames.Normalise(organisation);
            return aliases.TryGetValue(key, out var alias) && alias.Canonical != key ? $" (now {alias.DisplayCanonical})" : "";
        }
        static bool SameAddress(string? a, string? b) =>
            !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b) && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
        static string Clip(string reason) => reason.Length <= ConflictMatcher.MaxReasonLength ? reason : reason[..(ConflictMatcher.MaxReasonLength - 1)] + "…";

        foreach (var proposal in proposals.Where(p => p.Status != SubmissionStatus.Draft && p.Kind == SubmissionKind.Talk))
        {
            var speakers = proposal.Speakers.OrderBy(s => s.Order).ToList();
            foreach (var seat in members)
            {
                var name = seat.Person.DisplayName;
                var email = seat.Person.Email;
                bool Own(SubmissionSpeaker s) => s.PersonId == seat.PersonId || SameAddress(s.Email, email);

                if (proposal.CreatedById == seat.PersonId || speakers.Any(s => Own(s) || SameAddress(s.Person?.Email, email)))
                    result[(proposal.Id, seat.PersonId, ConflictKind.Speaker)] = Clip($"{name} is a speaker of this proposal");

                var periods = seat.Affiliations.Count > 0 ? seat.Affiliations
                    : !string.IsNullOrWhiteSpace(seat.Affiliation) ? [new AffiliationPeriod { Organisation = seat.Affiliation }]
                    : !string.IsNullOrWhiteSpace(seat.Person.Affiliation) ? [new AffiliationPeriod { Organisation = seat.Person.Affiliation }]
                    : [];
                string? head = null;
                var lines = new List<string>();
                foreach (var s in speakers.Where(s => !Own(s)))
                {
                    var speakerKey = OrgKey(s.Affiliation);
                    if (speakerKey.Length == 0)
                        continue;
                    foreach (var period in periods.Where(p => p.ToYear is null || p.ToYear >= year - lookback))
                    {
                        if (OrgKey(period.Organisation) != speakerKey)
                            continue;
                        head ??= period.ToYear is null
                            ? $"{name} works at {period.Organisation.Trim()}{Now(period.Organisation)}"
                            : $"{name} worked at {period.Organisation.Trim()}{Now(period.Organisation)} until {period.ToYear}";
                        var gloss = OrganisationNames.Normalise(s.Affiliation) == OrganisationNames.Normalise(period.Organisation) ? "" : Now(s.Affiliation!);
                        lines.Add($"speaker {s.Name}: {s.Affiliation!.Trim()}{gloss}");
                    }
                }
                if (head is not null)
                    result[(proposal.Id, seat.PersonId, ConflictKind.Organisation)] = Clip($"{head}; {string.Join("; ", lines.Distinct())}");

                var memberDomains = seat.EmailDomains.Append(email).Select(EmailDomains.Of).Where(d => d.Length > 0 && !EmailDomains.IsIgnored(d)).ToHashSet();
                head = null;
                lines.Clear();
                foreach (var s in speakers.Where(s => !Own(s)))
                {
                    foreach (var domain in new[] { s.Email, s.Person?.Email }.Select(EmailDomains.Of).Where(d => d.Length > 0 && !EmailDomains.IsIgnored(d)).Distinct())
                    {
                        // The speaker's domain or any parent of it ("cl.cam.ac.uk" is at "cam.ac.uk").
                        for (var parent = domain; parent.Contains('.'); parent = parent[(parent.IndexOf('.') + 1)..])
                        {
                            if (!memberDomains.Contains(parent))
                                continue;
                            head ??= $"{name} has the e-mail domain {parent}";
                            lines.Add($"speaker {s.Name}: {domain}");
                        }
                    }
                }
                if (head is not null)
                    result[(proposal.Id, seat.PersonId, ConflictKind.EmailDomain)] = Clip($"{head}; {string.Join("; ", lines.Distinct())}");
            }
        }
        return result;
    }
}
