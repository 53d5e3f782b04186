using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ReviewPortal.Planning.Assignment;

/// <summary>A text and its topics. Proposal: title + abstract, its topics. Reviewer: expertise keywords (later past reviews), their topics.</summary>
public sealed record AffinityDocument(string Text, IReadOnlyList<string> Topics);

/// <summary>
/// TF-IDF cosine similarity between proposals and reviewers of one track (docs/assignment.md, "Affinity").
/// Build once per track: the document frequencies are counted over all proposals and reviewers given.
/// Tokens: lower case, runs of letters and digits (hyphen, underscore or dot inside a run keep it one token
/// and its parts are added too: "CO-RE" gives "co-re", "co", "re"), English stop words and one-letter tokens
/// dropped, a trailing plural "s" removed from plain words of more than three letters. Each topic is one extra term "topic:&lt;name&gt;" counted
/// <see cref="TopicWeight"/> times. Weight of a term = (1 + ln tf) × (ln((1 + N) / (1 + df)) + 1); vectors are
/// L2-normalised, so the score is their dot product, in [0, 1].
/// </summary>
public sealed partial class ExpertiseAffinity
{
    /// <summary>How many occurrences of a term a topic counts as.</summary>
    public const int TopicWeight = 3;

    private readonly Term[][] _proposals;
    private readonly Term[][] _reviewers;

    // Inverted index over reviewers: term id → (reviewer, weight); for the all-reviewers scoring of one proposal.
    private readonly Dictionary<int, List<(int Reviewer, double Weight)>> _reviewersByTerm = [];

    public ExpertiseAffinity(IReadOnlyList<AffinityDocument> proposals, IReadOnlyList<AffinityDocument> reviewers)
    {
        ArgumentNullException.ThrowIfNull(proposals);
        ArgumentNullException.ThrowIfNull(reviewers);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var proposalCounts = proposals.Select(d => Count(d, ids)).ToList();
        var reviewerCounts = reviewers.Select(d => Count(d, ids)).ToList();

        var documentFrequency = new int[ids.Count];
        foreach (var counts in proposalCounts.Concat(reviewerCounts))
        {
            foreach (var id in counts.Keys)
            {
                documentFrequency[id]++;
            }
        }

        var n = proposalCounts.Count + reviewerCounts.Count;
        var idf = documentFrequency.Select(df => Math.Log((1.0 + n) / (1.0 + df)) + 1.0).ToArray();
        _proposals = proposalCounts.Select(c => Vector(c, idf)).ToArray();
        _reviewers = reviewerCounts.Select(c => Vector(c, idf)).ToArray();
        for (var r = 0; r < _reviewers.Length; r++)
        {
            foreach (var term in _reviewers[r])
            {
                if (!_reviewersByTerm.TryGetValue(term.Id, out var list))
                {
                    _reviewersByTerm[term.Id] = list = [];
                }

                list.Add((r, term.Weight));
            }
        }
    }

    public int ProposalCount => _proposals.Length;

    public int ReviewerCount => _reviewers.Length;

    /// <summary>Cosine similarity in [0, 1]; 0 when either document has no terms.</summary>
    public double Score(int proposal, int reviewer)
    {
        var a = _proposals[proposal];
        var b = _reviewers[reviewer];
        double dot = 0;
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i].Id == b[j].Id)
            {
                dot += a[i++].Weight * b[j++].Weight;
            }
            else if (a[i].Id < b[j].Id)
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return Math.Clamp(dot, 0.0, 1.0);
    }

    /// <summary>The scores of one proposal against every reviewer (index = reviewer), via an inverted index.</summary>
    public double[] ScoresFor(int proposal)
    {
        var scores = new double[_reviewers.Length];
        foreach (var term in _proposals[proposal])
        {
            if (_reviewersByTerm.TryGetValue(term.Id, out var list))
            {
                foreach (var (reviewer, weight) in list)
                {
                    scores[reviewer] += term.Weight * weight;
                }
            }
        }

        for (var r = 0; r < scores.Length; r++)
        {
            scores[r] = Math.Clamp(scores[r], 0.0, 1.0);
        }

        PairsComputed += scores.Length;

        return scores;
    }

    /// <summary>How many (proposal, reviewer) affinities <see cref="ScoresFor"/> and <see cref="SharedTermScoresFor"/> have produced: work, not time.</summary>
    public long PairsComputed { get; private set; }

    /// <summary>
    /// The non-zero scores of one proposal, by reviewer index ascending: only reviewers sharing a term with it (every
    /// other reviewer scores exactly 0). Each value is bit-identical to <see cref="ScoresFor"/> and <see cref="Score"/>
    /// (the same products summed in the same term order).
    /// </summary>
    public List<(int Reviewer, double Score)> SharedTermScoresFor(int proposal)
    {
        _scratch ??= new double[_reviewers.Length];
        _touched.Clear();
        foreach (var term in _proposals[proposal])
        {
            if (_reviewersByTerm.TryGetValue(term.Id, out var list))
            {
                foreach (var (reviewer, weight) in list)
                {
                    if (_scratch[reviewer] == 0)
                    {
                        _touched.Add(reviewer);
                    }

                    _scratch[reviewer] += term.Weight * weight;
                }
            }
        }

        _touched.Sort();
        var result = new List<(int, double)>(_touched.Count);
        foreach (var reviewer in _touched)
        {
            result.Add((reviewer, Math.Clamp(_scratch[reviewer], 0.0, 1.0)));
            _scratch[reviewer] = 0;
        }

        PairsComputed += _touched.Count;
        return result;
    }

    private double[]? _scratch;
    private readonly List<int> _touched = [];

    /// <summary>The terms of a text, as used for the vectors (exposed for tests and docs).</summary>
    public static IReadOnlyList<string> Tokenise(string? text)
    {
        var tokens = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return tokens;
        }

        foreach (Match match in Word().Matches(text.Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture)))
        {
            var word = match.Value;
            Add(tokens, word);
            if (word.AsSpan().IndexOfAny("-_.") >= 0)
            {
                foreach (var part in word.Split(['-', '_', '.'], StringSplitOptions.RemoveEmptyEntries))
                {
                    Add(tokens, part);
                }
            }
        }

        return tokens;

        static void Add(List<string> tokens, string word)
        {
            if (word.Length < 2 || StopWords.Contains(word))
            {
                return;
            }

            // Light plural folding of plain words ("verifiers" = "verifier"), not a stemmer: "bus", "class", "struct_ops" stay.
            if (word.Length > 3 && word[^1] == 's' && word[^2] != 's' && word.All(char.IsLetter))
            {
                word = word[..^1];
            }

            tokens.Add(word);
        }
    }

    private static Dictionary<int, int> Count(AffinityDocument document, Dictionary<string, int> ids)
    {
        var counts = new Dictionary<int, int>();
        foreach (var token in Tokenise(document.Text))
        {
            Increment(token, 1);
        }

        foreach (var topic in document.Topics.Select(TopicTerm).Where(t => t is not null).Distinct(StringComparer.Ordinal))
        {
            Increment(topic!, TopicWeight);
        }

        return counts;

        void Increment(string term, int by)
        {
            if (!ids.TryGetValue(term, out var id))
            {
                ids[term] = id = ids.Count;
            }

            counts[id] = counts.GetValueOrDefault(id) + by;
        }
    }

    private static string? TopicTerm(string? topic)
    {
        var normalised = string.Join(' ', Tokenise(topic));
        return normalised.Length == 0 ? null : "topic:" + normalised;
    }

    private static Term[] Vector(Dictionary<int, int> counts, double[] idf)
    {
        var terms = counts.Select(c => new Term(c.Key, (1.0 + Math.Log(c.Value)) * idf[c.Key])).OrderBy(t => t.Id).ToArray();
        var norm = Math.Sqrt(terms.Sum(t => t.Weight * t.Weight));
        return norm == 0 ? [] : terms.Select(t => t with { Weight = t.Weight / norm }).ToArray();
    }

    private readonly record struct Term(int Id, double Weight);

    [GeneratedRegex(@"[\p{L}\p{N}]+(?:[-_.][\p{L}\p{N}]+)*")]
    private static partial Regex Word();

    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can",
        "could", "do", "does", "for", "from", "has", "have", "how", "if", "in", "into", "is", "it", "its", "more",
        "most", "new", "no", "not", "of", "on", "one", "or", "other", "our", "out", "over", "so", "some", "such",
        "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to",
        "up", "us", "use", "used", "using", "via", "was", "we", "were", "what", "when", "where", "which", "while",
        "who", "will", "with", "would", "you", "your",
    };
}
