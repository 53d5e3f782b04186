using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Behaviours;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Validation;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Common;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>
/// A chair publishes the working copy as the next immutable version: refused (400, each broken hard rule named) while
/// any hard rule is broken, and refused (409) when nothing at all changed since the last version. The version
/// snapshots titles, abstracts, speakers, rooms and breaks, carries its changelog against the previous version, marks
/// the talks Scheduled and mails only the speakers of new, moved and removed talks, all in one transaction.
/// <see cref="Version"/> (optional) is the working copy's version the chair looked at: stale → 409.
/// </summary>
public sealed record PublishTimetable(Guid TrackId, int? Version = null) : ICommand<PublishedTimetableResult>;

public sealed record PublishedTimetableResult(int Version, ChangeCounts Changes);

public sealed class PublishTimetableValidator : AbstractValidator<PublishTimetable>
{
    public PublishTimetableValidator()
    {
        RuleFor(x => x.TrackId).NotEqual(Guid.Empty).WithMessage("Choose a track.");
        RuleFor(x => x.Version).GreaterThan(0).WithMessage("Give the timetable's version you looked at (reload the timetable).");
    }
}

public sealed class PublishTimetableHandler(
    IApplicationDbContext db, TrackAccess tracks, ICurrentUser currentUser, PublishMails mails, AuditTrail audit, TimeProvider clock,
    AfterCommit afterCommit, Schedule.IPublishedScheduleCache publicSchedule)
    : ICommandHandler<PublishTimetable, PublishedTimetableResult>
{
    public async ValueTask<PublishedTimetableResult> Handle(PublishTimetable command, CancellationToken cancellationToken)
    {
        var track = await tracks.ReadTrackForChairAsync(command.TrackId, cancellationToken);
        var publisher = currentUser.Id ?? throw new ForbiddenAccessException("Only a chair signed in can publish the timetable.");
        // Two publishes of one track at once would both take the next number: one waits for the other.
        var key = BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData([.. "timetable-publish:"u8, .. track.Id.ToByteArray()]), 0);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);

        var facts = await TimetableFacts.LoadAsync(db, track, tracked: true, cancellationToken);
        var timetable = facts.Timetable;
        if (command.Version is { } seen && seen != timetable.Version)
            throw new ConcurrencyConflictException(TimetableEditing.ChangedElsewhere);
        var warnings = facts.Warnings();
        if (warnings.Count > 0)
            throw Refusal.Of(warnings.Select(w => new ValidationFailure(w.Rule.ToString(), w.Message)));

        var latest = await TimetableViews.LatestPublishedAsync(db, track.Id, cancellationToken);
        var placed = TimetableViews.Placed(facts);
        if (latest is null && placed.Count == 0)
            throw Refusal.Of("Timetable", "Nothing is placed yet: place the programme's items, then publish.");
        var changes = TimetableChanges.Between(latest, placed);
        var now = clock.GetUtcNow();
        var version = new PublishedTimetable
        {
            TrackId = track.Id,
            Number = (latest?.Number ?? 0) + 1,
            PublishedUtc = now,
            PublishedById = publisher,
            Rooms = [.. timetable.Rooms.Select(r => new GridRoom { Name = r.Name, Capacity = r.Capacity })],
            Breaks = [.. timetable.Breaks.Select(b => new GridBreak { Day = b.Day, Start = b.Start, End = b.End, Title = b.Title })],
            Slots = [.. facts.Slots.OrderBy(s => s.StartUtc).ThenBy(s => s.Room, StringComparer.Ordinal).Select(s => Snapshot(facts, s))],
            Changes = changes,
        };
        // Titles, abstracts or speakers may change without a move (a new version with an empty changelog, no mail); but
        // a version identical to the last one would only add noise for the readers of the exports.
        if (latest is not null && changes.Count == 0 && SameContent(latest, version))
            throw new InvalidStateException($"Nothing has changed since version {latest.Number}: there is nothing to publish.");

        db.PublishedTimetables.Add(version);
        timetable.PublishedVersion = version.Number;
        foreach (var slot in facts.Slots)
        {
            var item = facts.Items[slot.SubmissionId];
            if (item.Status == SubmissionStatus.Confirmed)
                item.MarkScheduled(now);
        }

        var counts = ChangeCounts.Of(changes);
        audit.Record("timetable.published", "Timetable", track.Id, new { version.Number, counts.New, counts.Moved, counts.Removed, Slots = version.Slots.Count }, track.Id);
        await mails.SendAsync(track, version, changes, cancellationToken);
        await TimetableEditing.SaveAsync(db, cancellationToken);
        // The public pages and exports show the new version at once on this node (other nodes within their cache time).
        afterCommit.Add(() => publicSchedule.Invalidate(track.Id));
        return new PublishedTimetableResult(version.Number, counts);
    }

    private static PublishedSlot Snapshot(TimetableFacts facts, TimetableSlot slot)
    {
        var item = facts.Items[slot.SubmissionId];
        var confirmation = facts.Confirmations.GetValueOrDefault(item.Id);
        return new PublishedSlot
        {
            ProposalId = item.Id,
            Title = item.Title,
            Abstract = item.Abstract,
            Kind = item.Kind,
            Topics = [.. item.Topics],
            Room = slot.Room,
            StartUtc = slot.StartUtc,
            EndUtc = slot.EndUtc,
            // Co-speakers the confirmation names as absent are not on the programme.
            Speakers = [.. item.Speakers.Where(sp => confirmation is null || !confirmation.AbsentSpeakerIds.Contains(sp.Id)).OrderBy(sp => sp.Order)
                .Select(sp => new PublishedSpeaker { SpeakerId = sp.Id, PersonId = sp.PersonId, Name = sp.Name, Affiliation = sp.Affiliation })],
        };
    }

    private static bool SameContent(PublishedTimetable a, PublishedTimetable b) =>
        JsonSerializer.Serialize(new { a.Rooms, a.Breaks, a.Slots }) == JsonSerializer.Serialize(new { b.Rooms, b.Breaks, b.Slots });
}
