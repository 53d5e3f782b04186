namespace ReviewPortal.Planning.Assignment;

/// <summary>
/// How a bid and the expertise affinity become a candidate's score (documented in docs/assignment.md).
/// A bid moves the score by whole steps; affinity (cosine in [0, 1]) is worth up to <see cref="AffinityWeight"/>.
/// So an eager bid with no matching expertise (3) still beats a perfect expert who did not bid (2),
/// and a perfect expert who did not bid beats a willing bidder with no matching expertise (1.5).
/// </summary>
public static class BidWeights
{
    public const double Eager = 3.0;
    public const double Willing = 1.5;
    public const double Neutral = 0.0;
    public const double NotWilling = -3.0;

    /// <summary>Multiplies the affinity (cosine in [0, 1]) in <see cref="Score"/>.</summary>
    public const double AffinityWeight = 2.0;

    /// <summary>The weight of a bid by its name (Eager | Willing | Neutral | NotWilling, case-insensitive); no bid (null or empty) is Neutral.</summary>
    /// <exception cref="ArgumentException">For "Conflict" (a conflict is no candidate at all) or an unknown name.</exception>
    public static double For(string? bid) => bid?.Trim().ToUpperInvariant() switch
    {
        null or "" => Neutral,
        "EAGER" => Eager,
        "WILLING" => Willing,
        "NEUTRAL" => Neutral,
        "NOTWILLING" => NotWilling,
        "CONFLICT" => throw new ArgumentException("A conflict bid excludes the pair; it has no weight.", nameof(bid)),
        _ => throw new ArgumentException($"Unknown bid '{bid}'.", nameof(bid)),
    };

    /// <summary>The candidate score: bid weight + <see cref="AffinityWeight"/> × affinity.</summary>
    public static double Score(string? bid, double affinity) => For(bid) + AffinityWeight * affinity;
}
