using ReviewPortal.Domain.Common;
using ReviewPortal.UnitTests.Support;

namespace ReviewPortal.UnitTests.Conferences;

public sealed class TrackCfpTests
{
    [Fact]
    public void The_cfp_is_closed_just_before_it_opens()
    {
        var track = LpcTrack.NewTrack();

        Assert.False(track.IsCfpOpen(LpcTrack.CfpOpensUtc.AddTicks(-1)));
    }

    [Fact]
    public void The_cfp_is_open_from_the_moment_it_opens()
    {
        var track = LpcTrack.NewTrack();

        Assert.True(track.IsCfpOpen(LpcTrack.CfpOpensUtc));
    }

    [Fact]
    public void The_cfp_is_open_one_second_before_it_closes()
    {
        var track = LpcTrack.NewTrack();

        Assert.True(track.IsCfpOpen(LpcTrack.CfpClosesUtc.AddSeconds(-1)));
    }

    [Fact]
    public void The_cfp_is_closed_at_the_closing_time()
    {
        var track = LpcTrack.NewTrack();

        Assert.False(track.IsCfpOpen(LpcTrack.CfpClosesUtc));
    }

    [Fact]
    public void The_cfp_close_is_compared_as_an_instant_whatever_offset_now_is_expressed_in()
    {
        var track = LpcTrack.NewTrack();
        var oneSecondBeforeCloseInNewYork = LpcTrack.CfpClosesUtc.AddSeconds(-1).ToOffset(TimeSpan.FromHours(-4));
        var closeInNewYork = LpcTrack.CfpClosesUtc.ToOffset(TimeSpan.FromHours(-4));

        Assert.True(track.IsCfpOpen(oneSecondBeforeCloseInNewYork));
        Assert.False(track.IsCfpOpen(closeInNewYork));
    }

    [Fact]
    public void While_the_cfp_is_open_changes_are_allowed()
    {
        var track = LpcTrack.NewTrack();

        track.EnsureCfpOpen(LpcTrack.DuringCfpUtc);
        track.EnsureCfpOpen(LpcTrack.CfpOpensUtc);
        track.EnsureCfpOpen(LpcTrack.CfpClosesUtc.AddSeconds(-1));
    }

    [Fact]
    public void Before_the_cfp_opens_the_refusal_names_the_track_and_the_local_opening_time()
    {
        var track = LpcTrack.NewTrack();

        var error = Assert.Throws<DeadlinePassedException>(() => track.EnsureCfpOpen(LpcTrack.CfpOpensUtc.AddDays(-3)));

        Assert.Equal(
            "The call for proposals of eBPF & Networking opens on Mon 1 May 2023, 09:00 UTC-04:00 (America/New_York).",
            error.Message);
        Assert.Equal(LpcTrack.CfpOpensUtc, error.DeadlineUtc);
    }

    [Fact]
    public void After_the_cfp_closed_the_refusal_names_the_track_and_the_local_closing_time()
    {
        var track = LpcTrack.NewTrack();

        var error = Assert.Throws<DeadlinePassedException>(() => track.EnsureCfpOpen(LpcTrack.CfpClosesUtc));

        Assert.Equal(
            "The call for proposals of eBPF & Networking closed on Fri 1 Sep 2023, 23:59 UTC-04:00 (America/New_York).",
            error.Message);
        Assert.Equal(LpcTrack.CfpClosesUtc, error.DeadlineUtc);
    }
}
