using ReviewPortal.Application.Features.Conflicts;
using ReviewPortal.Domain.Committee;

namespace ReviewPortal.UnitTests.Conflicts;

/// <summary>
/// Detection looks each speaker's organisation, domain, account and address up in the committee's indexes, so the pairs
/// it examines are the matches, not every proposal against every member (counted, not timed).
/// </summary>
public sealed class ConflictMatcherWorkTests
{
    private static readonly Dictionary<string, (string Canonical, string Display)> Aliases = new(StringComparer.Ordinal)
    {
        ["facebook"] = ("meta", "Meta"),
    };

    [Fact]
    public void Detection_on_300_proposals_and_60_members_examines_the_matching_pairs_not_all_18000()
    {
        var (matcher, proposals) = Track(members: 60);

        var conflicts = proposals.SelectMany(matcher.Detect).ToList();

        // Member i works at "Lab i"; proposal p's speaker at "Lab p % 100": 3 × 60 proposals meet a member, one each.
        Assert.Equal(180, conflicts.Count);
        Assert.All(conflicts, c => Assert.Equal(ConflictKind.Organisation, c.Kind));
        Assert.Equal(180, matcher.PairsExamined);
    }

    [Fact]
    public void A_committee_ten_times_larger_without_more_matches_costs_detection_no_more_pairs()
    {
        var (small, smallTrack) = Track(members: 60);
        var (large, largeTrack) = Track(members: 600, extraOrganisationsFrom: 1_000);

        Assert.Equal(smallTrack.SelectMany(small.Detect).Count(), largeTrack.SelectMany(large.Detect).Count());
        Assert.Equal(small.PairsExamined, large.PairsExamined);
    }

    [Fact]
    public void An_alias_and_a_shared_domain_are_found_through_the_indexes()
    {
        var member = new MemberProfile(Guid.NewGuid(), "Jakub Kicinski", "jakub@meta.com",
            [new AffiliationPeriod { Organisation = "Facebook" }], []);
        var matcher = new ConflictMatcher([member], Aliases, 2026, 3);
        var proposal = new ProposalSpeakers(Guid.NewGuid(), "BPF at scale", null,
            [new SpeakerFacts("Stanislav Fomichev", "sdf@mail.meta.com", "Meta Platforms, Inc.", null, null)]);

        var found = matcher.Detect(proposal).ToDictionary(c => c.Kind, c => c.Reason);

        Assert.Equal("Jakub Kicinski works at Facebook (now Meta); speaker Stanislav Fomichev: Meta Platforms, Inc.", found[ConflictKind.Organisation]);
        Assert.Equal("Jakub Kicinski has the e-mail domain meta.com; speaker Stanislav Fomichev: mail.meta.com", found[ConflictKind.EmailDomain]);
        Assert.Equal(2, matcher.PairsExamined);
    }

    private static (ConflictMatcher Matcher, List<ProposalSpeakers> Proposals) Track(int members, int extraOrganisationsFrom = 0)
    {
        var committee = Enumerable.Range(0, members).Select(i =>
        {
            var lab = i < 60 ? i : extraOrganisationsFrom + i;
            return new MemberProfile(Guid.NewGuid(), $"Member {i}", $"member{i}@lab{lab}-corp.com",
                [new AffiliationPeriod { Organisation = $"Lab {lab}" }], []);
        }).ToList();
        var matcher = new ConflictMatcher(committee, Aliases, 2026, 3);
        var proposals = Enumerable.Range(0, 300).Select(p => new ProposalSpeakers(Guid.NewGuid(), $"Proposal {p}", null,
            [new SpeakerFacts($"Speaker {p}", $"speaker{p}@speaker{p}-corp.com", $"Lab {p % 100}", null, null)])).ToList();
        return (matcher, proposals);
    }
}
