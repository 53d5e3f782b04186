using ReviewPortal.Domain.Conferences;
using ReviewPortal.UnitTests.Support;

namespace ReviewPortal.UnitTests.Conferences;

/// <summary>US summer time ends on Sun 5 Nov 2023 at 02:00 EDT: clocks go back to 01:00 EST.</summary>
public sealed class ConferenceTimeTests
{
    [Fact]
    public void A_morning_session_before_the_clock_change_is_four_hours_behind_utc()
    {
        var conference = LpcTrack.NewConference();

        var utc = conference.FromLocal(new DateTime(2023, 11, 4, 9, 0, 0));

        Assert.Equal(new DateTimeOffset(2023, 11, 4, 13, 0, 0, TimeSpan.Zero), utc);
    }

    [Fact]
    public void A_morning_session_after_the_clock_change_is_five_hours_behind_utc()
    {
        var conference = LpcTrack.NewConference();

        var utc = conference.FromLocal(new DateTime(2023, 11, 6, 9, 0, 0));

        Assert.Equal(new DateTimeOffset(2023, 11, 6, 14, 0, 0, TimeSpan.Zero), utc);
    }

    [Fact]
    public void The_same_wall_clock_time_on_either_side_of_the_clock_change_is_25_hours_apart()
    {
        var conference = LpcTrack.NewConference();

        var saturday = conference.FromLocal(new DateTime(2023, 11, 4, 12, 0, 0));
        var sunday = conference.FromLocal(new DateTime(2023, 11, 5, 12, 0, 0));

        Assert.Equal(TimeSpan.FromHours(25), sunday - saturday);
    }

    [Fact]
    public void A_wall_clock_time_given_as_utc_or_local_kind_is_still_read_in_the_conference_zone()
    {
        var conference = LpcTrack.NewConference();
        var expected = new DateTimeOffset(2023, 11, 14, 22, 0, 0, TimeSpan.Zero);

        Assert.Equal(expected, conference.FromLocal(new DateTime(2023, 11, 14, 17, 0, 0, DateTimeKind.Utc)));
        Assert.Equal(expected, conference.FromLocal(new DateTime(2023, 11, 14, 17, 0, 0, DateTimeKind.Local)));
    }

    [Fact]
    public void The_repeated_hour_on_the_night_of_the_clock_change_reads_back_as_the_time_that_was_entered()
    {
        var conference = LpcTrack.NewConference();
        var entered = new DateTime(2023, 11, 5, 1, 30, 0);

        var local = conference.ToLocal(conference.FromLocal(entered));

        Assert.Equal(entered, local.DateTime);
    }

    [Fact]
    public void Utc_instants_an_hour_apart_show_the_same_wall_clock_time_with_different_offsets()
    {
        var conference = LpcTrack.NewConference();

        var firstPass = conference.ToLocal(new DateTimeOffset(2023, 11, 5, 5, 30, 0, TimeSpan.Zero));
        var secondPass = conference.ToLocal(new DateTimeOffset(2023, 11, 5, 6, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateTime(2023, 11, 5, 1, 30, 0), firstPass.DateTime);
        Assert.Equal(TimeSpan.FromHours(-4), firstPass.Offset);
        Assert.Equal(new DateTime(2023, 11, 5, 1, 30, 0), secondPass.DateTime);
        Assert.Equal(TimeSpan.FromHours(-5), secondPass.Offset);
    }

    [Fact]
    public void Format_shows_the_local_time_its_offset_and_the_zone()
    {
        var conference = LpcTrack.NewConference();

        var shown = conference.Format(new DateTimeOffset(2023, 11, 14, 22, 0, 0, TimeSpan.Zero));

        Assert.Equal("Tue 14 Nov 2023, 17:00 UTC-05:00 (America/New_York)", shown);
    }

    [Fact]
    public void Format_shows_summer_time_before_the_clock_change_and_winter_time_after_it()
    {
        var conference = LpcTrack.NewConference();

        Assert.Equal(
            "Sun 5 Nov 2023, 01:30 UTC-04:00 (America/New_York)",
            conference.Format(new DateTimeOffset(2023, 11, 5, 5, 30, 0, TimeSpan.Zero)));
        Assert.Equal(
            "Sun 5 Nov 2023, 01:30 UTC-05:00 (America/New_York)",
            conference.Format(new DateTimeOffset(2023, 11, 5, 6, 30, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Format_is_independent_of_the_offset_the_instant_was_given_in()
    {
        var conference = LpcTrack.NewConference();
        var inUtc = new DateTimeOffset(2023, 11, 14, 22, 0, 0, TimeSpan.Zero);
        var inBerlin = inUtc.ToOffset(TimeSpan.FromHours(1));

        Assert.Equal(conference.Format(inUtc), conference.Format(inBerlin));
    }

    [Fact]
    public void Format_writes_a_positive_offset_for_zones_east_of_greenwich()
    {
        var conference = LpcTrack.NewConference("Europe/Berlin");

        var shown = conference.Format(new DateTimeOffset(2023, 11, 14, 22, 0, 0, TimeSpan.Zero));

        Assert.Equal("Tue 14 Nov 2023, 23:00 UTC+01:00 (Europe/Berlin)", shown);
    }

    [Fact]
    public void Format_in_utc_shows_a_zero_offset()
    {
        var conference = LpcTrack.NewConference("UTC");

        var shown = conference.Format(new DateTimeOffset(2023, 11, 14, 22, 0, 0, TimeSpan.Zero));

        Assert.Equal("Tue 14 Nov 2023, 22:00 UTC+00:00 (UTC)", shown);
    }

    [Fact]
    public void Format_shows_half_hour_offsets()
    {
        var conference = LpcTrack.NewConference("Asia/Kolkata");

        var shown = conference.Format(new DateTimeOffset(2023, 11, 14, 22, 0, 0, TimeSpan.Zero));

        Assert.Equal("Wed 15 Nov 2023, 03:30 UTC+05:30 (Asia/Kolkata)", shown);
    }

    [Theory]
    [InlineData("America/New_York")]
    [InlineData("Europe/Berlin")]
    [InlineData("Asia/Kolkata")]
    [InlineData("UTC")]
    public void Known_iana_zones_are_valid(string zone)
    {
        Assert.True(Conference.IsValidTimeZone(zone));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("America/NewYork")]
    public void Unknown_or_empty_zones_are_invalid(string? zone)
    {
        Assert.False(Conference.IsValidTimeZone(zone));
    }
}
