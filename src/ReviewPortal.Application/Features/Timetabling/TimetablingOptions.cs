namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>Settings of automatic scheduling (section "Timetabling").</summary>
public sealed class TimetablingOptions
{
    public const string Section = "Timetabling";

    /// <summary>
    /// How long a timetable run may search, in seconds (it stops earlier once the timetable is proven optimal). The LPC
    /// track is optimal in about a second; a 216-talk conference keeps improving for minutes (docs/benchmarks.md).
    /// </summary>
    public int SolverSeconds { get; set; } = 20;
}
