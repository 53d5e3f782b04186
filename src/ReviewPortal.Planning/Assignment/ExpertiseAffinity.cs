using System.Buffers;
using System.Runtime.InteropServices;
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
        var sink = new ListSink([]);
        Tokens(text, ref sink);
        return sink.Tokens;
    }

    /// <summary>
    /// Feeds each term of <paramref name="text"/> to <paramref name="sink"/> as a span of one lower-cased copy of the text:
    /// a build tokenises every abstract of the track, and a string per token (and a Match per word) was most of a run's
    /// allocation at LPC size.
    /// </summary>
    private static void Tokens<TSink>(string? text, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var normalised = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        var rented = normalised.Length <= 1024 ? null : ArrayPool<char>.Shared.Rent(normalised.Length);
        var lowered = rented is null ? stackalloc char[normalised.Length] : rented.AsSpan(0, normalised.Length);
        try
        {
            normalised.AsSpan().ToLowerInvariant(lowered);
            foreach (var match in Word().EnumerateMatches(lowered))
            {
                var word = lowered.Slice(match.Index, match.Length);
                Add(ref sink, word);
                if (word.IndexOfAny("-_.") < 0)
                {
                    continue;
                }

                foreach (var range in word.SplitAny("-_."))
                {
                    if (!word[range].IsEmpty)
                    {
                        Add(ref sink, word[range]);
                    }
                }
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }

        static void Add(ref TSink sink, ReadOnlySpan<char> word)
        {
            if (word.Length < 2 || StopWordSpans.Contains(word))
            {
                return;
            }

            // Light plural folding of plain words ("verifiers" = "verifier"), not a stemmer: "bus", "class", "struct_ops" stay.
            if (word.Length > 3 && word[^1] == 's' && word[^2] != 's' && AllLetters(word))
            {
                word = word[..^1];
            }

            sink.Add(word);
        }
    }

    private static bool AllLetters(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static Dictionary<int, int> Count(AffinityDocument document, Dictionary<string, int> ids)
    {
        var counts = new Dictionary<int, int>();
        var sink = new CountSink(ids, counts, 1);
        Tokens(document.Text, ref sink);
        var topics = new CountSink(ids, counts, TopicWeight);
        foreach (var topic in document.Topics.Select(TopicTerm).Where(t => t is not null).Distinct(StringComparer.Ordinal))
        {
            topics.Add(topic);
        }

        return counts;
    }

    /// <summary>Where <see cref="Tokens"/> puts each term (a struct, so the calls are direct and nothing is boxed).</summary>
    private interface ITokenSink
    {
        void Add(ReadOnlySpan<char> token);
    }

    private readonly record struct ListSink(List<string> Tokens) : ITokenSink
    {
        public void Add(ReadOnlySpan<char> token) => Tokens.Add(token.ToString());
    }

    /// <summary>Counts terms by id (each occurrence counting <c>by</c>), looking ids up by span: a string is made only for a term the track has not seen yet.</summary>
    private readonly struct CountSink(Dictionary<string, int> ids, Dictionary<int, int> counts, int by) : ITokenSink
    {
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup = ids.GetAlternateLookup<ReadOnlySpan<char>>();

        public void Add(ReadOnlySpan<char> token)
        {
            if (!_lookup.TryGetValue(token, out var id))
            {
                id = ids.Count;
                _lookup[token] = id;
            }

            CollectionsMarshal.GetValueRefOrAddDefault(counts, id, out _) += by;
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
    internal static partial Regex Word();

    internal static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been", "but", "by", "can",
        "could", "do", "does", "for", "from", "has", "have", "how", "if", "in", "into", "is", "it", "its", "more",
        "most", "new", "no", "not", "of", "on", "one", "or", "other", "our", "out", "over", "so", "some", "such",
        "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to",
        "up", "us", "use", "used", "using", "via", "was", "we", "were", "what", "when", "where", "which", "while",
        "who", "will", "with", "would", "you", "your",
    };

    // Declared after StopWords: static fields are initialised in order.
    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> StopWordSpans = StopWords.GetAlternateLookup<ReadOnlySpan<char>>();
}
