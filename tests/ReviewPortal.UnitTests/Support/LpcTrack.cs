using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.UnitTests.Support;

/// <summary>
/// The reference case: LPC 2023 in America/New_York. The call for proposals opens on
/// Mon 1 May 2023, 09:00 EDT and closes on Fri 1 Sep 2023, 23:59 EDT (both in summer time, UTC-04:00).
/// </summary>
internal static class LpcTrack
{
    public const string TimeZoneId = "America/New_York";

    /// <summary>Mon 1 May 2023, 09:00 in New York (UTC-04:00).</summary>
    public static readonly DateTimeOffset CfpOpensUtc = new(2023, 5, 1, 13, 0, 0, TimeSpan.Zero);

    /// <summary>Fri 1 Sep 2023, 23:59 in New York (UTC-04:00).</summary>
    public static readonly DateTimeOffset CfpClosesUtc = new(2023, 9, 2, 3, 59, 0, TimeSpan.Zero);

    /// <summary>A day in the middle of the call for proposals.</summary>
    public static readonly DateTimeOffset DuringCfpUtc = new(2023, 7, 3, 12, 0, 0, TimeSpan.Zero);

    public static Conference NewConference(string timeZoneId = TimeZoneId) => new()
    {
        Name = "Linux Plumbers Conference 2023",
        Slug = "lpc2023",
        TimeZoneId = timeZoneId,
        StartDate = new DateOnly(2023, 11, 13),
        EndDate = new DateOnly(2023, 11, 15),
    };

    public static Track NewTrack()
    {
        var conference = NewConference();
        var track = new Track
        {
            Name = "eBPF & Networking",
            Slug = "ebpf-networking",
            Conference = conference,
            ConferenceId = conference.Id,
            CfpOpensUtc = CfpOpensUtc,
            CfpClosesUtc = CfpClosesUtc,
            ReviewDeadlineUtc = new DateTimeOffset(2023, 9, 20, 3, 59, 0, TimeSpan.Zero),
        };
        conference.Tracks.Add(track);
        return track;
    }

    public static Submission NewDraft()
    {
        var track = NewTrack();
        return new Submission
        {
            Track = track,
            TrackId = track.Id,
            Title = "BPF and the network stack",
            CreatedUtc = DuringCfpUtc,
            UpdatedUtc = DuringCfpUtc,
        };
    }
}
