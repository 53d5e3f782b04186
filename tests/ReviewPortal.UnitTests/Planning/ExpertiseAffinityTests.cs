using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ReviewPortal.Planning.Assignment;
using ReviewPortal.UnitTests.Timetabling;

namespace ReviewPortal.UnitTests.Planning;

public sealed class ExpertiseAffinityTests
{
    private static readonly AffinityDocument BtfTalk = new(
        "BTF and CO-RE for kernel modules. Relocations in libbpf make BPF programs portable across kernel versions.",
        ["BPF"]);

    private static readonly AffinityDocument MptcpTalk = new(
        "MPTCP path managers: subflow scheduling for multipath TCP on mobile links.",
        ["Networking"]);

    [Fact]
    public void A_reviewer_whose_keywords_match_the_talk_scores_higher_than_one_whose_do_not()
    {
        var affinity = new ExpertiseAffinity(
            [BtfTalk, MptcpTalk],
            [new("libbpf, BTF, CO-RE", []), new("MPTCP, TCP congestion control", [])]);

        Assert.True(affinity.Score(0, 0) > affinity.Score(0, 1));
        Assert.True(affinity.Score(1, 1) > affinity.Score(1, 0));
        Assert.Equal(0, affinity.Score(0, 1));
    }

    [Fact]
    public void A_shared_topic_raises_the_score()
    {
        var affinity = new ExpertiseAffinity(
            [BtfTalk, MptcpTalk],
            [new("verifier", ["BPF"]), new("verifier", ["Networking"])]);

        Assert.True(affinity.Score(0, 0) > 0);
        Assert.Equal(0, affinity.Score(0, 1));
        Assert.True(affinity.Score(1, 1) > affinity.Score(1, 0));
    }

    [Fact]
    public void Identical_documents_score_one_and_an_empty_one_scores_zero()
    {
        var affinity = new ExpertiseAffinity(
            [BtfTalk, new("", [])],
            [BtfTalk, new("   ", [])]);

        Assert.Equal(1, affinity.Score(0, 0), 9);
        Assert.Equal(0, affinity.Score(0, 1));
        Assert.Equal(0, affinity.Score(1, 0));
        Assert.Equal(0, affinity.Score(1, 1));
    }

    [Fact]
    public void Rare_matching_words_count_more_than_words_every_document_has()
    {
        // "kernel" is in every document (low IDF); "xdp" only in the talk and the second reviewer.
        var affinity = new ExpertiseAffinity(
            [new("kernel xdp", []), new("kernel scheduler", [])],
            [new("kernel", []), new("xdp", [])]);

        Assert.True(affinity.Score(0, 1) > affinity.Score(0, 0));
    }

    [Fact]
    public void Scores_for_one_proposal_against_everyone_equal_the_pairwise_scores()
    {
        var affinity = new ExpertiseAffinity(
            [BtfTalk, MptcpTalk],
            [new("libbpf, BTF", ["BPF"]), new("MPTCP", ["Networking"]), new("", [])]);

        var all = affinity.ScoresFor(0);

        Assert.Equal([affinity.Score(0, 0), affinity.Score(0, 1), affinity.Score(0, 2)], all);
    }

    [Fact]
    public void Tokens_are_lower_case_words_without_stop_words_with_hyphenated_parts_and_plurals_folded()
    {
        Assert.Equal(["co-re", "co", "re", "relocation", "kernel", "module"], ExpertiseAffinity.Tokenise("CO-RE: relocations for the kernel modules"));
        Assert.Equal(["struct_ops", "struct", "ops", "tc", "bus"], ExpertiseAffinity.Tokenise("struct_ops, tc, bus"));
    }

    [Fact]
    public void The_terms_of_every_LPC_abstract_are_those_of_the_plain_definition()
    {
        // The tokeniser works on spans of one lower-cased copy (a run tokenises every abstract); the terms must be exactly
        // those of the definition written the plain way (the same pattern and stop words): a Match and a string per word,
        // string Split for the parts.
        using var json = JsonDocument.Parse(File.ReadAllText(LpcTimetable.FindDataFile()));
        var texts = json.RootElement.GetProperty("talks").EnumerateArray()
            .Select(t => t.GetProperty("title").GetString() + "\n" + (t.TryGetProperty("abstractExcerpt", out var a) ? a.GetString() : ""))
            .ToList();
        texts.Add(string.Join("\n\n", texts)); // longer than the stack buffer
        texts.Add("Ｆｕｌｌ-ｗｉｄｔｈ ＢＰＦ ﬁlters, Straße, ÉCOLE 3.14 v2.0.1 a-b-- -x_ _y.z. maps's classes");

        Assert.True(texts.Count > 30);
        foreach (var text in texts)
            Assert.Equal(PlainTokens(text), ExpertiseAffinity.Tokenise(text));
    }

    private static List<string> PlainTokens(string text)
    {
        var tokens = new List<string>();
        foreach (Match match in ExpertiseAffinity.Word().Matches(text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture)))
        {
            Add(match.Value);
            if (match.Value.IndexOfAny(['-', '_', '.']) >= 0)
                foreach (var part in match.Value.Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries))
                    Add(part);
        }
        return tokens;

        void Add(string word)
        {
            if (word.Length < 2 || ExpertiseAffinity.StopWords.Contains(word))
                return;
            if (word.Length > 3 && word[^1] == 's' && word[^2] != 's' && word.All(char.IsLetter))
                word = word[..^1];
            tokens.Add(word);
        }
    }
}

public sealed class BidWeightsTests
{
    [Fact]
    public void Bids_are_ordered_eager_willing_neutral_not_willing_and_no_bid_is_neutral()
    {
        Assert.True(BidWeights.For("Eager") > BidWeights.For("Willing"));
        Assert.True(BidWeights.For("Willing") > BidWeights.For("Neutral"));
        Assert.True(BidWeights.For("Neutral") > BidWeights.For("NotWilling"));
        Assert.Equal(BidWeights.Neutral, BidWeights.For(null));
        Assert.Equal(BidWeights.Eager, BidWeights.For("eager"));
    }

    [Fact]
    public void A_conflict_bid_has_no_weight_because_the_pair_is_excluded()
    {
        Assert.Throws<ArgumentException>(() => BidWeights.For("Conflict"));
        Assert.Throws<ArgumentException>(() => BidWeights.For("Maybe"));
    }

    [Fact]
    public void An_eager_bid_without_expertise_beats_a_perfect_expert_without_a_bid()
    {
        Assert.True(BidWeights.Score("Eager", 0) > BidWeights.Score(null, 1));
        Assert.True(BidWeights.Score(null, 1) > BidWeights.Score("Willing", 0));
    }
}
