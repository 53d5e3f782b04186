namespace ReviewPortal.Bench;

/// <summary>Percentiles (nearest rank) of a set of latencies in milliseconds.</summary>
internal sealed class Latencies
{
    private readonly double[] _sorted;

    public Latencies(IEnumerable<double> milliseconds)
    {
        _sorted = [.. milliseconds];
        Array.Sort(_sorted);
    }

    public int Count => _sorted.Length;

    public double Percentile(double p)
    {
        if (_sorted.Length == 0)
            return double.NaN;
        var rank = (int)Math.Ceiling(p / 100.0 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];
    public double Mean => _sorted.Length == 0 ? double.NaN : _sorted.Average();

    public string Summary() =>
        $"p50 {Percentile(50),7:0.0} ms | p95 {Percentile(95),7:0.0} ms | p99 {Percentile(99),7:0.0} ms | max {Max,7:0.0} ms | mean {Mean,7:0.0} ms";
}
