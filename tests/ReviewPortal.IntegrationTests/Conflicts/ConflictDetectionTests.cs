using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Committee;
using ReviewPortal.IntegrationTests.Infrastructure;
using static ReviewPortal.IntegrationTests.Conflicts.ConflictScenario;

namespace ReviewPortal.IntegrationTests.Conflicts;

/// <summary>
/// Conflicts of interest the chair sees, each with its reason: detected from speakers, organisations (normalised, through
/// the alias table), e-mail domains and past affiliations; declared by members and speakers; confirmed or lifted by the chair.
/// </summary>
public sealed class ConflictDetectionTests(ReviewPortalApp app) : IClassFixture<ReviewPortalApp>
{
    private static string Unique(string what) => $"{what} {Guid.NewGuid():N}"[..(what.Length + 9)];

    [Fact]
    public async Task A_member_at_Facebook_is_conflicted_with_a_talk_from_Meta_Platforms_Inc_and_the_chair_reads_why()
    {
        var s = await CreateAsync(app);
        var (_, jakub, _) = await s.SeatAsync("Jakub Kicinski", "Facebook");
        var (_, proposal) = await s.SubmitAsync("BPF at scale", "Stanislav Fomichev", "Meta Platforms, Inc.");

        var rows = await s.ApiConflictsAsync(s.Chair);
        var row = Assert.Single(rows, r => r.GetProperty("proposalId").GetGuid() == proposal && r.GetProperty("personId").GetGuid() == jakub);
        Assert.Equal("Organisation", row.GetProperty("kind").GetString());
        Assert.Equal("Detected", row.GetProperty("source").GetString());
        Assert.True(row.GetProperty("active").GetBoolean());
        Assert.Equal("Jakub Kicinski works at Facebook (now Meta); speaker Stanislav Fomichev: Meta Platforms, Inc.", row.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Organisation_names_match_across_case_punctuation_diacritics_and_legal_suffixes_but_different_companies_do_not()
    {
        var s = await CreateAsync(app);
        var (_, member, _) = await s.SeatAsync("Renée Member", "Société Générale SA");
        var (_, same) = await s.SubmitAsync("Banking on eBPF", "Sam Speaker", "SOCIETE  generale");
        var (_, other) = await s.SubmitAsync("Not a bank", "Olga Other", "Société Nouvelle");

        var conflict = Assert.Single(await s.ConflictsAsync(same), c => c.PersonId == member);
        Assert.Equal(ConflictKind.Organisation, conflict.Kind);
        Assert.Equal("Renée Member works at Société Générale SA; speaker Sam Speaker: SOCIETE  generale", conflict.Reason);
        Assert.DoesNotContain(await s.ConflictsAsync(other), c => c.PersonId == member);
    }

    [Fact]
    public async Task A_member_named_as_a_co_speaker_is_conflicted_as_a_speaker()
    {
        var s = await CreateAsync(app);
        var (_, member, email) = await s.SeatAsync("Martin Lau", null);
        var (_, proposal) = await s.SubmitAsync("struct_ops for TCP", "Amery Hung", null, ("Martin Lau", email, null));

        var conflict = Assert.Single(await s.ConflictsAsync(proposal), c => c.PersonId == member);
        Assert.Equal(ConflictKind.Speaker, conflict.Kind);
        Assert.Equal("Martin Lau is a speaker of this proposal", conflict.Reason);
    }

    [Fact]
    public async Task A_shared_organisation_domain_is_a_conflict_but_webmail_and_kernel_org_are_not()
    {
        var s = await CreateAsync(app);
        var domain = $"corp{Guid.NewGuid():N}"[..12] + ".com";
        var (_, member, _) = await s.SeatAsync("Eric Dumazet", null);
        await s.SetProfileAsync(member, [], [domain, "gmail.com", "kernel.org"]);
        var (_, company) = await s.SubmitAsync("TCP at 800G", "Willem de Bruijn", null, ("Neal Cardwell", $"ncardwell@mail.{domain}", null));
        var (_, webmail) = await s.SubmitAsync("Webmail speakers", "Wendy Web", null,
            ("Gina Gmail", $"gina{Guid.NewGuid():N}@gmail.com", null), ("Kim Kernel", $"kim{Guid.NewGuid():N}@kernel.org", null));

        var conflict = Assert.Single(await s.ConflictsAsync(company), c => c.PersonId == member);
        Assert.Equal(ConflictKind.EmailDomain, conflict.Kind);
        Assert.Equal($"Eric Dumazet has the e-mail domain {domain}; speaker Neal Cardwell: mail.{domain}", conflict.Reason);
        Assert.DoesNotContain(await s.ConflictsAsync(webmail), c => c.PersonId == member);
    }

    [Fact]
    public async Task A_past_affiliation_counts_within_the_tracks_look_back_and_not_before()
    {
        var s = await CreateAsync(app);
        var year = app.Clock.GetUtcNow().Year;
        var (_, alexei, _) = await s.SeatAsync("Alexei Starovoitov", null);
        await s.SetProfileAsync(alexei, [Current("Meta"), Until("Initech GmbH", year - 2), Until("PLUMgrid", year - 10)]);
        var (_, recent) = await s.SubmitAsync("Initech's BPF", "Ian Initech", "Initech");
        var (_, old) = await s.SubmitAsync("PLUMgrid's IO visor", "Pam Plum", "PLUMgrid, Inc.");

        var conflict = Assert.Single(await s.ConflictsAsync(recent), c => c.PersonId == alexei);
        Assert.Equal(ConflictKind.Organisation, conflict.Kind);
        Assert.Equal($"Alexei Starovoitov worked at Initech GmbH until {year - 2}; speaker Ian Initech: Initech", conflict.Reason);
        Assert.DoesNotContain(await s.ConflictsAsync(old), c => c.PersonId == alexei);
    }

    [Fact]
    public async Task The_chair_widens_or_narrows_the_look_back_in_the_tracks_settings_and_the_conflicts_follow()
    {
        var s = await CreateAsync(app);
        var year = app.Clock.GetUtcNow().Year;
        var (_, alexei, _) = await s.SeatAsync("Alexei Starovoitov", null);
        await s.SetProfileAsync(alexei, [Current("Meta"), Until("Initech GmbH", year - 2), Until("PLUMgrid", year - 10)]);
        var (_, recent) = await s.SubmitAsync("Initech's BPF", "Ian Initech", "Initech");
        var (_, old) = await s.SubmitAsync("PLUMgrid's IO visor", "Pam Plum", "PLUMgrid, Inc.");

        async Task SetLookBackAsync(int years)
        {
            var current = await Problems.JsonAsync(await s.Chair.GetAsync(new Uri($"/api/v1/tracks/{s.TrackId}/settings", UriKind.Relative)));
            var settings = System.Text.Json.Nodes.JsonNode.Parse(current.GetProperty("settings").GetRawText())!.AsObject();
            settings["conflictLookbackYears"] = years;
            var response = await s.Chair.PutAsJsonAsync($"/api/v1/tracks/{s.TrackId}/settings", new { version = current.GetProperty("version").GetUInt32(), settings });
            var saved = await Problems.JsonAsync(response);
            Assert.Equal(years, saved.GetProperty("settings").GetProperty("conflictLookbackYears").GetInt32());
        }

        await SetLookBackAsync(10);
        Assert.Contains(await s.ConflictsAsync(old), c => c.PersonId == alexei && c.Reason.Contains($"until {year - 10}", StringComparison.Ordinal));
        await SetLookBackAsync(1);
        Assert.DoesNotContain(await s.ConflictsAsync(recent), c => c.PersonId == alexei);
        Assert.DoesNotContain(await s.ConflictsAsync(old), c => c.PersonId == alexei);

        var current = await Problems.JsonAsync(await s.Chair.GetAsync(new Uri($"/api/v1/tracks/{s.TrackId}/settings", UriKind.Relative)));
        var refused = System.Text.Json.Nodes.JsonNode.Parse(current.GetProperty("settings").GetRawText())!.AsObject();
        refused["conflictLookbackYears"] = -1;
        var problem = await Problems.AssertAsync(await s.Chair.PutAsJsonAsync($"/api/v1/tracks/{s.TrackId}/settings", new { version = current.GetProperty("version").GetUInt32(), settings = refused }), System.Net.HttpStatusCode.BadRequest);
        Assert.Contains("past affiliation", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conflict_the_chair_lifted_stays_lifted_when_detection_runs_again_and_a_stale_one_goes()
    {
        var s = await CreateAsync(app);
        var (_, member, _) = await s.SeatAsync("Paolo Abeni", "Red Hat");
        var (_, proposal) = await s.SubmitAsync("MPTCP news", "Mat Martineau", "Red Hat, Inc.");
        var conflict = Assert.Single(await s.ConflictsAsync(proposal), c => c.PersonId == member);

        var lift = await s.Chair.PutAsJsonAsync($"/api/v1/conflicts/{conflict.Id}", new { decision = "Lift", reason = "Different business unit, never met." });
        Assert.Equal(HttpStatusCode.NoContent, lift.StatusCode);
        await s.RefreshAsync();
        await s.RefreshAsync();
        var after = Assert.Single(await s.ConflictsAsync(proposal), c => c.PersonId == member);
        Assert.False(after.Active);
        Assert.Equal("Different business unit, never met.", after.ChairReason);
        var audit = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(a => a.TrackId == s.TrackId && a.Action == "conflict.lifted").ToListAsync());
        Assert.Contains("never met", Assert.Single(audit).Details, StringComparison.Ordinal);

        // The member changes company: the detected conflict no longer applies; the lifted one stays (the chair decided it) …
        await s.SetProfileAsync(member, [Current("SUSE")]);
        Assert.False(Assert.Single(await s.ConflictsAsync(proposal), c => c.PersonId == member).Active);
        // … while an undecided detected conflict that no longer applies is removed.
        var (_, other) = await s.SubmitAsync("SUSE and BPF", "Sven SUSE", "SUSE LLC");
        Assert.Single(await s.ConflictsAsync(other), c => c.PersonId == member);
        await s.SetProfileAsync(member, [Current("Canonical")]);
        Assert.DoesNotContain(await s.ConflictsAsync(other), c => c.PersonId == member);
    }

    [Fact]
    public async Task A_member_declares_a_conflict_and_a_speaker_names_a_member_with_a_reason_the_chair_sees_both_audited()
    {
        var s = await CreateAsync(app);
        var (memberClient, member, _) = await s.SeatAsync("Andrii Nakryiko", null);
        var (_, other, _) = await s.SeatAsync("Daniel Xu", null);
        await s.StartReviewPhaseAsync();
        var (speaker, proposal) = await s.SubmitAsync("libbpf 2.0", "Quentin Monnet", null);

        var declared = await memberClient.PostAsJsonAsync($"/api/v1/proposals/{proposal}/conflicts", new { reason = "I mentored the speaker." });
        Assert.Equal(1, (await Problems.JsonAsync(declared)).GetProperty("declared").GetInt32());
        var bySpeaker = await speaker.PostAsJsonAsync($"/api/v1/proposals/{proposal}/conflicts", new { personIds = new[] { other }, reason = "We co-wrote this work." });
        Assert.Equal(HttpStatusCode.OK, bySpeaker.StatusCode);

        var rows = (await s.ApiConflictsAsync(s.Chair)).Where(r => r.GetProperty("proposalId").GetGuid() == proposal).ToList();
        var mine = Assert.Single(rows, r => r.GetProperty("personId").GetGuid() == member);
        Assert.Equal("Declared", mine.GetProperty("kind").GetString());
        Assert.Equal("Declared", mine.GetProperty("source").GetString());
        Assert.Equal("Declared by Andrii Nakryiko: I mentored the speaker.", mine.GetProperty("reason").GetString());
        var theirs = Assert.Single(rows, r => r.GetProperty("personId").GetGuid() == other);
        Assert.Equal("Declared by the speaker Quentin Monnet: We co-wrote this work.", theirs.GetProperty("reason").GetString());
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.TrackId == s.TrackId && a.Action == "conflict.declared")));

        // The declaring member now sees only the title.
        var page = await Problems.JsonAsync(await memberClient.GetAsync(new Uri($"/api/v1/proposals/{proposal}", UriKind.Relative)));
        Assert.True(page.GetProperty("hasConflict").GetBoolean());
        Assert.Equal("", page.GetProperty("abstract").GetString());
    }

    [Fact]
    public async Task The_chair_adds_and_confirms_conflicts_with_a_required_reason_and_a_confirmed_one_outlives_its_rule()
    {
        var s = await CreateAsync(app);
        var (_, member, _) = await s.SeatAsync("David Miller", "Red Hat");
        var (_, proposal) = await s.SubmitAsync("Netdev news", "Nora Netdev", "Red Hat");
        var detected = Assert.Single(await s.ConflictsAsync(proposal), c => c.PersonId == member);

        var missing = await s.Chair.PutAsJsonAsync($"/api/v1/conflicts/{detected.Id}", new { decision = "Confirm", reason = "  " });
        Assert.Contains("Reason", await Problems.FieldsAsync(missing));
        Assert.Equal(HttpStatusCode.NoContent, (await s.Chair.PutAsJsonAsync($"/api/v1/conflicts/{detected.Id}", new { decision = "Confirm", reason = "Same team." })).StatusCode);
        await s.SetProfileAsync(member, [Current("Kernel.org volunteer")]);
        Assert.True(Assert.Single(await s.ConflictsAsync(proposal), c => c.PersonId == member && c.Kind == ConflictKind.Organisation).Active);

        var (_, second, _) = await s.SeatAsync("Second Member", null);
        var added = await s.Chair.PostAsJsonAsync($"/api/v1/proposals/{proposal}/conflicts/chair", new { personId = second, reason = "Former advisor." });
        var id = (await Problems.JsonAsync(added, HttpStatusCode.Created)).GetProperty("id").GetGuid();
        var row = await app.WithDbAsync(db => db.Conflicts.AsNoTracking().SingleAsync(c => c.Id == id));
        Assert.Equal((ConflictKind.Declared, ConflictSource.Chair, true), (row.Kind, row.Source, row.Active));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.TrackId == s.TrackId && a.Action == "conflict.added")));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.TrackId == s.TrackId && a.Action == "conflict.confirmed")));
    }

    [Fact]
    public async Task Hostile_input_on_the_conflict_endpoints_is_refused_with_the_field_named_and_changes_nothing()
    {
        var s = await CreateAsync(app);
        var (memberClient, member, _) = await s.SeatAsync("Hostile Member", "Meta");
        var (speaker, proposal) = await s.SubmitAsync("Hostile talk", "Harry Hostile", "Meta");
        var conflict = Assert.Single(await s.ConflictsAsync(proposal), c => c.PersonId == member);
        var other = await CreateAsync(app, "Other Chair");
        var (_, otherMember, _) = await other.SeatAsync("Other Member", null);
        var (_, otherProposal) = await other.SubmitAsync("Other talk", "Otto Other", null);
        var before = await app.WithDbAsync(db => db.Conflicts.CountAsync(c => c.TrackId == s.TrackId || c.TrackId == other.TrackId));

        Assert.Contains("Reason", await Problems.FieldsAsync(await speaker.PostAsJsonAsync($"/api/v1/proposals/{proposal}/conflicts",
            new { personIds = new[] { member }, reason = "nul \u0000 here" })));
        Assert.Contains("Reason", await Problems.FieldsAsync(await s.Chair.PutAsJsonAsync($"/api/v1/conflicts/{conflict.Id}",
            new { decision = "Lift", reason = "escape \u001b[31m" })));
        Assert.Contains("Reason", await Problems.FieldsAsync(await s.Chair.PostAsJsonAsync($"/api/v1/proposals/{proposal}/conflicts/chair",
            new { personId = member, reason = new string('x', 5_000) })));
        await Problems.AssertAsync(await speaker.PostAsync(new Uri($"/api/v1/proposals/{proposal}/conflicts", UriKind.Relative),
            new StringContent("""{"personIds":[null],"reason":"x"}""", System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await Problems.AssertAsync(await s.Chair.PutAsJsonAsync($"/api/v1/conflicts/{conflict.Id}", new { decision = "Explode", reason = "x" }), HttpStatusCode.BadRequest);

        // Another track's member named by a speaker; another track's proposal and conflict ids; a member of another track.
        Assert.Contains("PersonIds", await Problems.FieldsAsync(await speaker.PostAsJsonAsync($"/api/v1/proposals/{proposal}/conflicts",
            new { personIds = new[] { otherMember }, reason = "x" })));
        Assert.Contains("PersonId", await Problems.FieldsAsync(await s.Chair.PostAsJsonAsync($"/api/v1/proposals/{proposal}/conflicts/chair",
            new { personId = otherMember, reason = "x" })));
        await Problems.AssertAsync(await s.Chair.PostAsJsonAsync($"/api/v1/proposals/{otherProposal}/conflicts/chair", new { personId = otherMember, reason = "x" }), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await memberClient.PostAsJsonAsync($"/api/v1/proposals/{otherProposal}/conflicts", new { reason = "x" }), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await other.Chair.PutAsJsonAsync($"/api/v1/conflicts/{conflict.Id}", new { decision = "Lift", reason = "x" }), HttpStatusCode.NotFound);
        await Problems.AssertAsync(await other.Chair.GetAsync(new Uri($"/api/v1/tracks/{s.TrackId}/conflicts", UriKind.Relative)), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await memberClient.GetAsync(new Uri($"/api/v1/tracks/{s.TrackId}/conflicts", UriKind.Relative)), HttpStatusCode.Forbidden);
        await Problems.AssertAsync(await s.Chair.PutAsJsonAsync($"/api/v1/conflicts/{Guid.NewGuid()}", new { decision = "Lift", reason = "x" }), HttpStatusCode.NotFound);

        Assert.Equal(before, await app.WithDbAsync(db => db.Conflicts.CountAsync(c => c.TrackId == s.TrackId || c.TrackId == other.TrackId)));
        Assert.True(Assert.Single(await s.ConflictsAsync(proposal), c => c.PersonId == member).Active);
    }
}
