namespace ReviewPortal.Domain.Committee;

/// <summary>
/// Where a committee member works or worked, with years, so that conflicts of interest can look back a number of
/// years (a track setting). <see cref="ToYear"/> null means it is a current affiliation.
/// </summary>
public class AffiliationPeriod
{
    public string Organisation { get; set; } = "";
    public int? FromYear { get; set; }
    public int? ToYear { get; set; }

    public bool IsCurrent => ToYear is null;

    /// <summary>Current, or ended no more than <paramref name="years"/> before <paramref name="currentYear"/>.</summary>
    public bool CountsFor(int currentYear, int years) => ToYear is null || ToYear >= currentYear - years;
}
