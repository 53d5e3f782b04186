namespace ReviewPortal.Planning.Assignment;

/// <summary>Default load bounds.</summary>
public static class LoadBounds
{
    /// <summary>Balanced loads: max = ceil(n·k/m), min = floor(n·k/m), so loads differ by at most one.</summary>
    public static (int Min, int Max) Balanced(int proposals, int k, int reviewers)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(proposals);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(reviewers);
        var required = (long)proposals * k;
        var min = required / reviewers;
        var max = (required + reviewers - 1) / reviewers;
        return (checked((int)min), checked((int)max));
    }
}
