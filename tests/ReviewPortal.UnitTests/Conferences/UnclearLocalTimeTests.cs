using ReviewPortal.Domain.Common;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.UnitTests.Support;

namespace ReviewPortal.UnitTests.Conferences;

/// <summary>Wall-clock times that are not one instant are explained, never silently resolved; a track keeps a chair.</summary>
public sealed class UnclearLocalTimeTests
{
    [Fact]
    public void Half_past_one_on_the_night_the_clocks_go_back_happens_twice_and_both_instants_are_named()
    {
        var conference = LpcTrack.NewConference();

        var message = conference.ExplainUnclearLocalTime(new DateTime(2023, 11, 5, 1, 30, 0));

        Assert.NotNull(message);
        Assert.Contains("happens twice in America/New_York", message, StringComparison.Ordinal);
        Assert.Contains("Sun 5 Nov 2023, 01:30 UTC-04:00 (America/New_York) = 05:30 UTC", message, StringComparison.Ordinal);
        Assert.Contains("Sun 5 Nov 2023, 01:30 UTC-05:00 (America/New_York) = 06:30 UTC", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_skipped_time_does_not_exist_and_an_ordinary_time_is_clear()
    {
        var conference = LpcTrack.NewConference();

        Assert.Contains("does not exist", conference.ExplainUnclearLocalTime(new DateTime(2024, 3, 10, 2, 30, 0)), StringComparison.Ordinal);
        Assert.Null(conference.ExplainUnclearLocalTime(new DateTime(2023, 11, 5, 2, 30, 0)));
        Assert.Null(conference.ExplainUnclearLocalTime(new DateTime(2023, 11, 13, 9, 0, 0)));
    }

    [Fact]
    public void The_only_chair_can_be_neither_made_a_reviewer_nor_removed_but_a_second_chair_can()
    {
        var track = new Track { Conference = LpcTrack.NewConference() };
        var chair = new CommitteeMember { Track = track, PersonId = Guid.NewGuid(), Role = CommitteeRole.Chair };
        var other = new CommitteeMember { Track = track, PersonId = Guid.NewGuid(), Role = CommitteeRole.Reviewer };
        track.Committee.AddRange([chair, other]);

        Assert.Throws<InvalidStateException>(() => track.ChangeRole(chair, CommitteeRole.Reviewer));
        Assert.Throws<InvalidStateException>(() => track.RemoveMember(chair, DateTimeOffset.UnixEpoch));

        track.ChangeRole(other, CommitteeRole.Chair);
        track.RemoveMember(chair, DateTimeOffset.UnixEpoch);
        Assert.Equal(DateTimeOffset.UnixEpoch, chair.RemovedUtc);
        Assert.False(track.IsChair(chair.PersonId));
        Assert.Throws<InvalidStateException>(() => track.ChangeRole(other, CommitteeRole.Reviewer));
    }
}
