using FluentValidation.Results;
using ReviewPortal.Application.Common.Validation;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Confirmations;

/// <summary>A talk's offer and its answer, as speakers and chairs see it; times UTC and as shown in the conference's zone.</summary>
public sealed record ConfirmationView(
    Guid ProposalId,
    string Title,
    Guid TrackId,
    string Track,
    string Conference,
    DateOnly ConferenceStart,
    DateOnly ConferenceEnd,
    string TimeZone,
    IReadOnlyList<ConfirmationSpeaker> Speakers,
    /// <summary>The speaker the caller answers as (the token's, or the signed-in speaker); null for a chair.</summary>
    Guid? AnsweringSpeakerId,
    ConfirmationAnswer State,
    string SubmissionStatus,
    DateTimeOffset OfferedUtc,
    bool PromotedFromWaitlist,
    DateTimeOffset? DueUtc,
    string? Due,
    DateTimeOffset? ExtendedUntilUtc,
    bool Overdue,
    DateTimeOffset? AnsweredUtc,
    string? Answered,
    string? AnsweredBy,
    string? DeclineReason,
    IReadOnlyList<UnavailableView> Unavailable,
    IReadOnlyList<Guid> AbsentSpeakerIds,
    /// <summary>The caller can confirm now (open, before the deadline).</summary>
    bool CanConfirm,
    /// <summary>The caller can decline now (open before the deadline, or confirmed).</summary>
    bool CanDecline);

public sealed record ConfirmationSpeaker(Guid Id, string Name);

public sealed record UnavailableView(DateTimeOffset StartUtc, DateTimeOffset EndUtc, string Start, string End);

public static class ConfirmationViews
{
    public static ConfirmationView Of(SpeakerConfirmation offer, Submission submission, Guid? answeringSpeakerId, bool answersAsSpeaker, DateTimeOffset now)
    {
        var track = submission.Track;
        var conference = track.Conference;
        var due = offer.DueUtc(track);
        var overdue = offer.IsOverdue(track, now);
        var speakers = submission.Speakers.OrderBy(s => s.Order).ToList();
        var answerable = answersAsSpeaker && submission.IsDecisionReleased
            && submission.Status is Domain.Submissions.SubmissionStatus.Accepted or Domain.Submissions.SubmissionStatus.Confirmed or Domain.Submissions.SubmissionStatus.Scheduled;
        return new ConfirmationView(
            submission.Id, submission.Title, track.Id, track.Name, conference.Name, conference.StartDate, conference.EndDate, conference.TimeZoneId,
            speakers.Select(s => new ConfirmationSpeaker(s.Id, s.Name)).ToList(),
            answeringSpeakerId,
            offer.Answer,
            Submission.Describe(submission.Status),
            offer.OfferedUtc,
            offer.PromotedFromWaitlist,
            due,
            due is { } d ? conference.Format(d) : null,
            offer.ExtendedUntilUtc,
            overdue,
            offer.AnsweredUtc,
            offer.AnsweredUtc is { } a ? conference.Format(a) : null,
            offer.AnsweredBySpeakerId is { } by ? speakers.FirstOrDefault(s => s.Id == by)?.Name : offer.AnsweredById is null ? null : "the chair",
            offer.DeclineReason,
            offer.Unavailable.Select(b => new UnavailableView(b.StartUtc, b.EndUtc, conference.Format(b.StartUtc), conference.Format(b.EndUtc))).ToList(),
            offer.AbsentSpeakerIds,
            CanConfirm: answerable && offer.IsOpen && !overdue,
            CanDecline: answerable && ((offer.IsOpen && !overdue) || offer.Answer == ConfirmationAnswer.Confirmed));
    }
}

/// <summary>
/// Times the API and the forms give as wall-clock times in the conference's zone (like the track's deadlines), or as
/// instants when they carry an offset or "Z"; stored UTC.
/// </summary>
public static class ConferenceTimes
{
    public static DateTimeOffset ToUtc(Conference conference, DateTime time) => time.Kind switch
    {
        DateTimeKind.Utc => new DateTimeOffset(time, TimeSpan.Zero),
        // System.Text.Json turns "…+02:00" into the machine's local time: the instant is what counts.
        DateTimeKind.Local => new DateTimeOffset(time.ToUniversalTime(), TimeSpan.Zero),
        _ => conference.FromLocal(time),
    };

    /// <summary>The conference's days as instants: from its first day's midnight to the midnight after its last, in its zone.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Days(Conference conference) =>
        (conference.FromLocal(conference.StartDate.ToDateTime(TimeOnly.MinValue)),
            conference.FromLocal(conference.EndDate.AddDays(1).ToDateTime(TimeOnly.MinValue)));

    /// <summary>
    /// The unavailable blocks in UTC, each inside the conference's days and ending after it starts; otherwise a refusal
    /// naming the field of each bad block (<paramref name="field"/>[i].Start / .End).
    /// </summary>
    public static List<UnavailableBlock> Blocks(Conference conference, IReadOnlyList<UnavailableTime> times, string field = "Unavailable")
    {
        var (from, to) = Days(conference);
        var failures = new List<ValidationFailure>();
        var blocks = new List<UnavailableBlock>();
        var days = $"{conference.StartDate:d MMM yyyy} – {conference.EndDate:d MMM yyyy}";
        for (var i = 0; i < times.Count; i++)
        {
            var (start, end) = (times[i].Start, times[i].End);
            if (start is null || end is null)
                continue; // the validator has said so
            foreach (var (name, local) in new[] { ("Start", start.Value), ("End", end.Value) })
                if (local.Kind == DateTimeKind.Unspecified && conference.ExplainUnclearLocalTime(local) is { } unclear)
                    failures.Add(new ValidationFailure($"{field}[{i}].{name}", unclear));
            var (startUtc, endUtc) = (ToUtc(conference, start.Value), ToUtc(conference, end.Value));
            if (endUtc <= startUtc)
                failures.Add(new ValidationFailure($"{field}[{i}].End", "The end must be after the start."));
            else if (startUtc < from || endUtc > to)
                failures.Add(new ValidationFailure($"{field}[{i}].Start", $"Give times within the conference days ({days}, {conference.TimeZoneId})."));
            else
                blocks.Add(new UnavailableBlock(startUtc, endUtc));
        }

        if (failures.Count > 0)
            throw Refusal.Of(failures);
        return blocks;
    }
}

/// <summary>One block a speaker cannot make: wall-clock times in the conference's zone (or instants with an offset).</summary>
public sealed record UnavailableTime(DateTime? Start, DateTime? End);
