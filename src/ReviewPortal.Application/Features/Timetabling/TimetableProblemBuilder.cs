using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Application.Features.Ranking;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.Planning.Ranking;
using ReviewPortal.Planning.Timetabling;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>A speaker of an item; <see cref="PersonId"/> when the speaker has an account.</summary>
public sealed record TimetableSpeakerInput(Guid SpeakerId, Guid? PersonId, string Name, string? Email = null)
{
    /// <summary>The person behind this speaker across talks and tracks (<see cref="SpeakerIdentity"/>).</summary>
    public Guid Key => SpeakerIdentity.Of(PersonId, Email, SpeakerId);
}

/// <summary>
/// One item on the programme with what the solver needs of it: its speakers who attend (absent co-speakers are left
/// out), the times they cannot make (their confirmation), bids and the calibrated score (0…1, null without reviews).
/// </summary>
public sealed record TimetableItemInput(
    Guid Id,
    string Title,
    SubmissionKind Kind,
    int DurationMinutes,
    IReadOnlyList<string> Topics,
    IReadOnlyList<TimetableSpeakerInput> Speakers,
    IReadOnlyList<UnavailableBlock> Unavailable,
    int EagerBids,
    int WillingBids,
    double? Score);

/// <summary>A person's talk in another track of the conference (working copy, else published): busy then.</summary>
public sealed record OtherTrackTalk(Guid PersonId, string TrackName, string Title, DateTimeOffset StartUtc, DateTimeOffset EndUtc);

/// <summary>Everything a timetable problem is built from, read for one track.</summary>
public sealed record TimetableInputs(
    Track Track,
    Timetable Timetable,
    IReadOnlyList<TimetableItemInput> Items,
    IReadOnlyList<TimetableSlot> WorkingCopy,
    PublishedTimetable? Published,
    IReadOnlyList<OtherTrackTalk> OtherTracks);

/// <summary>The problem and the maps back from the solver's indices and minutes to rooms, items and instants.</summary>
public sealed record BuiltTimetableProblem(TimetableProblem Problem, TimetableInputs Inputs)
{
    /// <summary>Minutes of the problem (Unix time in UTC / 60) to an instant.</summary>
    public static DateTimeOffset Instant(int minutes) => DateTimeOffset.FromUnixTimeSeconds(minutes * 60L);

    public static int Minutes(DateTimeOffset instant) => checked((int)(instant.ToUnixTimeSeconds() / 60));
}

/// <summary>
/// From the database to a <see cref="TimetableProblem"/>: the items on the programme (<see cref="TimetableItems.OnProgramme"/>),
/// the grid's rooms (in grid order) and blocks (wall clock → UTC minutes), pinned items, the placement to stay close
/// to, speakers (one id per person across tracks) and their busy times. See docs/timetabling.md ("Automatic runs").
/// </summary>
public static class TimetableProblemBuilder
{
    /// <summary>Weight of the bids in <see cref="Popularity"/>; the score has the rest.</summary>
    public const double BidShare = 0.5;

    /// <summary>Reads the inputs of a track (as the system or its chair; access is the caller's to check). Eleven statements at most.</summary>
    public static async Task<TimetableInputs> ReadAsync(IApplicationDbContext db, TrackAccess access, ProposalAccess proposalAccess, Guid trackId,
        CancellationToken cancellationToken)
    {
        var track = await db.Tracks.AsNoTracking().Include(t => t.Conference).SingleAsync(t => t.Id == trackId, cancellationToken);
        var timetable = await db.Timetables.AsNoTracking().SingleOrDefaultAsync(t => t.TrackId == trackId, cancellationToken)
            ?? new Timetable { TrackId = trackId, Version = 0 };
        var submissions = await db.Submissions.AsNoTracking()
            .Where(s => s.TrackId == trackId).Where(TimetableItems.OnProgramme)
            .OrderBy(s => s.SubmittedUtc).ThenBy(s => s.Id)
            .Select(s => new
            {
                s.Id, s.Title, s.Kind, s.DurationMinutes, s.Topics,
                Speakers = s.Speakers.OrderBy(p => p.Order).Select(p => new TimetableSpeakerInput(p.Id, p.PersonId, p.Name, p.Email)).ToList(),
            })
            .ToListAsync(cancellationToken);
        var confirmations = (await db.SpeakerConfirmations.AsNoTracking()
                .Where(c => c.TrackId == trackId && c.Answer == ConfirmationAnswer.Confirmed)
                .OrderBy(c => c.OfferedUtc)
                .Select(c => new { c.SubmissionId, c.Unavailable, c.AbsentSpeakerIds })
                .ToListAsync(cancellationToken))
            .GroupBy(c => c.SubmissionId).ToDictionary(g => g.Key, g => g.Last());
        var bids = await db.Bids.AsNoTracking().Where(b => b.TrackId == trackId && (b.Value == BidValue.Eager || b.Value == BidValue.Willing))
            .GroupBy(b => new { b.SubmissionId, b.Value }).Select(g => new { g.Key.SubmissionId, g.Key.Value, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var scores = await ScoresAsync(db, access, proposalAccess, track, cancellationToken);

        var items = submissions.Select(s =>
        {
            var confirmation = confirmations.GetValueOrDefault(s.Id);
            var absent = confirmation?.AbsentSpeakerIds.ToHashSet() ?? [];
            return new TimetableItemInput(s.Id, s.Title, s.Kind, s.DurationMinutes, s.Topics,
                s.Speakers.Where(p => !absent.Contains(p.SpeakerId)).ToList(),
                confirmation?.Unavailable ?? [],
                bids.Where(b => b.SubmissionId == s.Id && b.Value == BidValue.Eager).Sum(b => b.Count),
                bids.Where(b => b.SubmissionId == s.Id && b.Value == BidValue.Willing).Sum(b => b.Count),
                scores.TryGetValue(s.Id, out var score) ? score : null);
        }).ToList();

        var workingCopy = await db.TimetableSlots.AsNoTracking().Where(s => s.TrackId == trackId).ToListAsync(cancellationToken);
        var published = timetable.PublishedVersion is { } number
            ? await db.PublishedTimetables.AsNoTracking().SingleOrDefaultAsync(p => p.TrackId == trackId && p.Number == number, cancellationToken)
            : null;
        var speakers = items.SelectMany(i => i.Speakers).ToList();
        var others = speakers.Count == 0 ? [] : await OtherTracksAsync(db, track, speakers, cancellationToken);
        return new TimetableInputs(track, timetable, items, workingCopy, published, others);
    }

    /// <summary>The calibrated score of each reviewed talk on 0…1 of the track's scale (the ranking's model, over all reviews).</summary>
    private static async Task<Dictionary<Guid, double>> ScoresAsync(IApplicationDbContext db, TrackAccess access, ProposalAccess proposalAccess, Track track,
        CancellationToken cancellationToken)
    {
        if (!await db.Reviews.AnyAsync(r => r.TrackId == track.Id, cancellationToken))
            return [];
        var data = await RankingInputs.ReadAsync(db, access, proposalAccess, track.Id, cancellationToken);
        var sheet = new ScoreSheet(data.Proposals.Count, data.Reviewers.Count, new ScoreScale(track.ScoreMin, track.ScoreMax),
            data.Reviews.Select(r => new ReviewScore(r.Proposal, r.Reviewer, r.Total, r.Confidence)).ToList());
        var ranking = RankingCalculator.Compute(sheet);
        var width = Math.Max(1, track.ScoreMax - track.ScoreMin);
        var result = new Dictionary<Guid, double>();
        for (var p = 0; p < data.Proposals.Count; p++)
        {
            if (ranking.Proposals[p].Calibrated is { } calibrated)
                result[data.Proposals[p].Id] = Math.Clamp((calibrated - track.ScoreMin) / width, 0, 1);
        }

        return result;
    }

    /// <summary>
    /// The speakers' talks in the conference's other tracks, found by account or e-mail address (<see cref="SpeakerIdentity"/>):
    /// each track's working copy, or its latest published version (which keeps accounts only) when it has none.
    /// </summary>
    private static async Task<List<OtherTrackTalk>> OtherTracksAsync(IApplicationDbContext db, Track track, List<TimetableSpeakerInput> speakers,
        CancellationToken cancellationToken)
    {
        var persons = speakers.Where(p => p.PersonId is not null).Select(p => p.PersonId!.Value).Distinct().ToList();
        var emails = speakers.Select(p => SpeakerIdentity.NormalisedEmail(p.Email)).OfType<string>().Distinct().ToList();
        var keys = speakers.Select(p => p.Key).ToHashSet();
        var tracks = await db.Tracks.AsNoTracking().Where(t => t.ConferenceId == track.ConferenceId && t.Id != track.Id)
            .Select(t => new { t.Id, t.Name, Published = db.Timetables.Where(x => x.TrackId == t.Id).Select(x => x.PublishedVersion).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        if (tracks.Count == 0)
            return [];
        var ids = tracks.Select(t => t.Id).ToList();
        var working = await db.TimetableSlots.AsNoTracking().Where(s => ids.Contains(s.TrackId))
            .Join(db.SubmissionSpeakers, s => s.SubmissionId, p => p.SubmissionId,
                (s, p) => new { s.TrackId, s.StartUtc, s.EndUtc, p.Id, p.PersonId, p.Email, p.SubmissionId })
            .Where(x => (x.PersonId != null && persons.Contains(x.PersonId.Value)) || (x.Email != null && emails.Contains(x.Email.ToLower())))
            .Join(db.Submissions, x => x.SubmissionId, s => s.Id, (x, s) => new { x.TrackId, x.StartUtc, x.EndUtc, x.Id, x.PersonId, x.Email, s.Title })
            .ToListAsync(cancellationToken);
        var name = tracks.ToDictionary(t => t.Id, t => t.Name);
        var result = working.Select(x => new OtherTrackTalk(SpeakerIdentity.Of(x.PersonId, x.Email, x.Id), name[x.TrackId], x.Title, x.StartUtc, x.EndUtc))
            .Where(t => keys.Contains(t.PersonId)).ToList();
        var withWorkingCopy = await db.TimetableSlots.AsNoTracking().Where(s => ids.Contains(s.TrackId)).Select(s => s.TrackId).Distinct()
            .ToListAsync(cancellationToken);
        var publishedOnly = tracks.Where(t => t.Published is not null && !withWorkingCopy.Contains(t.Id)).ToList();
        foreach (var other in publishedOnly)
        {
            var version = await db.PublishedTimetables.AsNoTracking().SingleOrDefaultAsync(p => p.TrackId == other.Id && p.Number == other.Published, cancellationToken);
            if (version is null)
                continue;
            var wanted = persons.ToHashSet();
            result.AddRange(version.Slots.SelectMany(s => s.Speakers.Where(p => p.PersonId is { } id && wanted.Contains(id))
                .Select(p => new OtherTrackTalk(p.PersonId!.Value, other.Name, s.Title, s.StartUtc, s.EndUtc))));
        }

        return result;
    }

    /// <summary>
    /// Popularity on 0…1: the mean of the parts known of <see cref="BidShare"/> × interest + (1 − <see cref="BidShare"/>) × score,
    /// where interest = (2 × eager + willing) / the track's most of it, and score = the calibrated score on 0…1 of the scale.
    /// A talk without bids or reviews gets what the other part says; with neither, 0.
    /// </summary>
    public static double Popularity(TimetableItemInput item, int mostInterest)
    {
        double? interest = mostInterest > 0 ? (2.0 * item.EagerBids + item.WillingBids) / mostInterest : null;
        return (interest, item.Score) switch
        {
            ({ } i, { } s) => Math.Clamp(BidShare * i + (1 - BidShare) * s, 0, 1),
            ({ } i, null) => Math.Clamp(i, 0, 1),
            (null, { } s) => Math.Clamp(s, 0, 1),
            _ => 0,
        };
    }

    /// <summary>A talk's length on the slot raster: its duration rounded up to whole slots; organisers' items keep their minutes.</summary>
    public static int MinutesOf(TimetableItemInput item, int slotMinutes) =>
        item.Kind != SubmissionKind.Talk || slotMinutes <= 0
            ? Math.Max(1, item.DurationMinutes)
            : Math.Max(1, (int)Math.Ceiling(Math.Max(1, item.DurationMinutes) / (double)slotMinutes)) * slotMinutes;

    /// <summary>The pure part: inputs to the problem.</summary>
    public static BuiltTimetableProblem Build(TimetableInputs inputs, bool minimalChange)
    {
        var conference = inputs.Track.Conference;
        var slotMinutes = inputs.Track.SlotMinutes;
        var rooms = inputs.Timetable.Rooms.Select(r => new RoomSpec(r.Name, r.Capacity)).ToList();
        var roomIndex = rooms.Select((r, i) => (r.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        var blocks = inputs.Timetable.Blocks.OrderBy(b => b.Day).ThenBy(b => b.Start).Select(b => new BlockSpec(
                BuiltTimetableProblem.Minutes(TimetableGrids.StartUtc(conference, b)),
                BuiltTimetableProblem.Minutes(TimetableGrids.EndUtc(conference, b)),
                b.Rooms.Where(roomIndex.ContainsKey).Select(r => roomIndex[r]).ToList(),
                string.Create(CultureInfo.InvariantCulture, $"{b.Day:ddd d MMM} {TimetableGrids.Time(b.Start)}–{TimetableGrids.Time(b.End)}")))
            .ToList();

        Placement? PlacementOf(string room, DateTimeOffset start) =>
            roomIndex.TryGetValue(room, out var index) ? new Placement(index, BuiltTimetableProblem.Minutes(start)) : null;
        var working = inputs.WorkingCopy.ToDictionary(s => s.SubmissionId);
        // Minimal change keeps close to what the speakers were told (the published version); before any publish, to the working copy.
        var previous = inputs.Published is { } published
            ? published.Slots.GroupBy(s => s.ProposalId).ToDictionary(g => g.Key, g => PlacementOf(g.First().Room, g.First().StartUtc))
            : inputs.WorkingCopy.ToDictionary(s => s.SubmissionId, s => PlacementOf(s.Room, s.StartUtc));

        var mostInterest = inputs.Items.Count == 0 ? 0 : inputs.Items.Max(i => 2 * i.EagerBids + i.WillingBids);
        var busy = new Dictionary<Guid, List<BusyInterval>>();
        var names = new Dictionary<Guid, string>();
        var talks = new List<TalkSpec>(inputs.Items.Count);
        foreach (var item in inputs.Items)
        {
            var speakers = item.Speakers.Select(s => s.Key).Distinct().ToList();
            foreach (var speaker in item.Speakers)
            {
                var key = speaker.Key;
                names.TryAdd(key, speaker.Name);
                var list = busy.TryGetValue(key, out var l) ? l : busy[key] = [];
                foreach (var u in item.Unavailable)
                    list.Add(new BusyInterval(BuiltTimetableProblem.Minutes(u.StartUtc), BuiltTimetableProblem.Minutes(u.EndUtc),
                        $"unavailable {conference.Format(u.StartUtc)} to {conference.Format(u.EndUtc)} (their confirmation)"));
            }

            var pinned = working.TryGetValue(item.Id, out var slot) && slot.Pinned ? PlacementOf(slot.Room, slot.StartUtc) : null;
            talks.Add(new TalkSpec(item.Id, item.Title, MinutesOf(item, slotMinutes), speakers, item.Topics,
                Math.Round(Popularity(item, mostInterest), 4), pinned, previous.GetValueOrDefault(item.Id)));
        }

        foreach (var other in inputs.OtherTracks)
        {
            if (!busy.TryGetValue(other.PersonId, out var list))
                continue;
            list.Add(new BusyInterval(BuiltTimetableProblem.Minutes(other.StartUtc), BuiltTimetableProblem.Minutes(other.EndUtc),
                $"speaking in {other.TrackName} at {conference.Format(other.StartUtc)} (\"{other.Title}\")"));
        }

        var problem = new TimetableProblem
        {
            SlotMinutes = slotMinutes,
            Rooms = rooms,
            Blocks = blocks,
            Talks = talks,
            Speakers = busy.Select(b => new SpeakerSpec(b.Key, names[b.Key], b.Value.Distinct().OrderBy(x => x.Start).ToList())).ToList(),
            MinimalChange = minimalChange,
        };
        return new BuiltTimetableProblem(problem, inputs);
    }
}
