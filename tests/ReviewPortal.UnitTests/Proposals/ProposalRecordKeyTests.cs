using ReviewPortal.Application.Features.Proposals;

namespace ReviewPortal.UnitTests.Proposals;

/// <summary>Importing the same proposals file twice must not duplicate proposals: the import key has to be stable.</summary>
public sealed class ProposalRecordKeyTests
{
    private static ProposalRecord Proposal(string title, params string[] speakers) => new()
    {
        Title = title,
        Abstract = "Packet processing with XDP.",
        Speakers = [.. speakers.Select(name => new SpeakerRecord(name))],
    };

    [Fact]
    public void The_derived_key_is_the_same_every_time_it_is_computed()
    {
        var first = Proposal("XDP metadata hints", "Stanislav Fomichev");
        var second = Proposal("XDP metadata hints", "Stanislav Fomichev");

        Assert.Equal(first.EffectiveKey(), first.EffectiveKey());
        Assert.Equal(first.EffectiveKey(), second.EffectiveKey());
    }

    [Fact]
    public void The_derived_key_does_not_change_between_releases()
    {
        // Keys are stored with imported proposals; a different algorithm would duplicate them on the next import.
        var proposal = Proposal("XDP metadata hints", "Stanislav Fomichev");

        Assert.Equal("t-8ec8ad057e7833da641d8509", proposal.EffectiveKey());
    }

    [Fact]
    public void The_derived_key_ignores_differences_in_case_and_spacing_of_the_title()
    {
        var original = Proposal("XDP metadata hints", "Stanislav Fomichev");
        var retyped = Proposal("  xdp   Metadata\tHINTS \n", "Stanislav Fomichev");

        Assert.Equal(original.EffectiveKey(), retyped.EffectiveKey());
    }

    [Fact]
    public void The_derived_key_ignores_differences_in_case_and_spacing_of_the_first_speaker()
    {
        var original = Proposal("XDP metadata hints", "Stanislav Fomichev");
        var retyped = Proposal("XDP metadata hints", " stanislav  FOMICHEV ");

        Assert.Equal(original.EffectiveKey(), retyped.EffectiveKey());
    }

    [Fact]
    public void The_derived_key_does_not_depend_on_co_speakers_or_the_abstract()
    {
        var original = Proposal("XDP metadata hints", "Stanislav Fomichev");
        var edited = Proposal("XDP metadata hints", "Stanislav Fomichev", "Toke Høiland-Jørgensen") with
        {
            Abstract = "A rewritten abstract.",
            Topics = ["xdp"],
        };

        Assert.Equal(original.EffectiveKey(), edited.EffectiveKey());
    }

    [Fact]
    public void Different_titles_give_different_keys()
    {
        var one = Proposal("XDP metadata hints", "Stanislav Fomichev");
        var other = Proposal("XDP metadata hints, part 2", "Stanislav Fomichev");

        Assert.NotEqual(one.EffectiveKey(), other.EffectiveKey());
    }

    [Fact]
    public void The_same_title_by_a_different_first_speaker_gives_a_different_key()
    {
        var one = Proposal("Lightning talks", "Alice Example");
        var other = Proposal("Lightning talks", "Bob Example");

        Assert.NotEqual(one.EffectiveKey(), other.EffectiveKey());
    }

    [Fact]
    public void A_proposal_without_speakers_still_gets_a_key()
    {
        var opening = Proposal("Opening");

        Assert.StartsWith("t-", opening.EffectiveKey(), StringComparison.Ordinal);
        Assert.NotEqual(opening.EffectiveKey(), Proposal("Opening", "Daniel Borkmann").EffectiveKey());
    }

    [Fact]
    public void An_explicit_key_is_used_as_given()
    {
        var proposal = Proposal("XDP metadata hints", "Stanislav Fomichev") with { Key = "lpc2023-ebpf-17" };

        Assert.Equal("lpc2023-ebpf-17", proposal.EffectiveKey());
    }

    [Fact]
    public void An_explicit_key_is_used_even_when_title_and_speaker_change()
    {
        var exported = Proposal("XDP metadata hints", "Stanislav Fomichev") with { Key = "lpc2023-ebpf-17" };
        var renamed = Proposal("XDP hints, revisited", "Jakub Kicinski") with { Key = "lpc2023-ebpf-17" };

        Assert.Equal(exported.EffectiveKey(), renamed.EffectiveKey());
    }

    [Fact]
    public void Surrounding_whitespace_around_an_explicit_key_is_ignored()
    {
        var proposal = Proposal("XDP metadata hints", "Stanislav Fomichev") with { Key = "  lpc2023-ebpf-17 \n" };

        Assert.Equal("lpc2023-ebpf-17", proposal.EffectiveKey());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_explicit_key_falls_back_to_the_derived_key(string blank)
    {
        var withoutKey = Proposal("XDP metadata hints", "Stanislav Fomichev");
        var withBlankKey = withoutKey with { Key = blank };

        Assert.Equal(withoutKey.EffectiveKey(), withBlankKey.EffectiveKey());
    }
}
