using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>
/// A run as the API shows it (a contract: id, status, progress, objective, bound, explanation, slots), with the
/// preview compared with the working copy and with the published version. Chair of its track or admin; else 404.
/// </summary>
public sealed record GetTimetableRun(Guid RunId) : IQuery<TimetableRunView>;

/// <summary>A placement of the run; times in UTC.</summary>
public sealed record TimetableRunSlot(Guid ProposalId, string Title, SubmissionKind Kind, IReadOnlyList<string> Topics, string Room,
    DateTimeOffset Start, DateTimeOffset End);

public enum PreviewChange
{
    New,
    Moved,
    Removed,
    Unchanged,
}

/// <summary>One item compared: where it was (From…) and where the run puts it (To…).</summary>
public sealed record PreviewItem(Guid ProposalId, string Title, PreviewChange Change, string? FromRoom, DateTimeOffset? FromStart, string? ToRoom,
    DateTimeOffset? ToStart);

/// <summary>The run's placements against another timetable: counts and the changed items (unchanged ones only counted).</summary>
public sealed record PreviewComparison(int New, int Moved, int Removed, int Unchanged, IReadOnlyList<PreviewItem> Changes);

public sealed record TimetableRunView(
    Guid Id,
    Guid TrackId,
    TimetableRunStatus Status,
    double Progress,
    string? Stage,
    double? Objective,
    double? Bound,
    string? Explanation,
    IReadOnlyList<TimetableRunSlot> Slots,
    bool MinimalChange,
    /// <summary>Items the run places elsewhere than the version it stays close to (published, else the working copy).</summary>
    int Moved,
    int BasedOnVersion,
    /// <summary>The working copy's version now: when it is not <see cref="BasedOnVersion"/>, the run cannot be applied.</summary>
    int CurrentVersion,
    bool CanApply,
    PreviewComparison AgainstWorkingCopy,
    /// <summary>Null until the track's timetable is published.</summary>
    PreviewComparison? AgainstPublished,
    int? PublishedVersion,
    long? SolveMilliseconds,
    DateTimeOffset CreatedUtc,
    DateTimeOffset? StartedUtc,
    DateTimeOffset? FinishedUtc,
    DateTimeOffset? AppliedUtc,
    DateTimeOffset? DiscardedUtc);

public sealed class GetTimetableRunValidator : AbstractValidator<GetTimetableRun>
{
    public GetTimetableRunValidator() => RuleFor(x => x.RunId).NotEmpty();
}

public sealed class GetTimetableRunHandler(IApplicationDbContext db, TimetableRunAccess runs) : IQueryHandler<GetTimetableRun, TimetableRunView>
{
    public async ValueTask<TimetableRunView> Handle(GetTimetableRun query, CancellationToken cancellationToken)
    {
        var run = await runs.GetAsync(query.RunId, tracked: false, cancellationToken);
        var timetable = await db.Timetables.AsNoTracking().Where(t => t.TrackId == run.TrackId)
            .Select(t => new { t.Version, t.PublishedVersion }).SingleOrDefaultAsync(cancellationToken);
        var working = await db.TimetableSlots.AsNoTracking().Where(s => s.TrackId == run.TrackId).ToListAsync(cancellationToken);
        var published = timetable?.PublishedVersion is { } number
            ? await db.PublishedTimetables.AsNoTracking().Where(p => p.TrackId == run.TrackId && p.Number == number).Select(p => p.Slots).SingleOrDefaultAsync(cancellationToken)
            : null;
        var ids = run.Slots.Select(s => s.ProposalId).Concat(working.Select(s => s.SubmissionId)).Concat(published?.Select(s => s.ProposalId) ?? []).Distinct().ToList();
        var items = await db.Submissions.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Title, s.Kind, s.Topics })
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        string Title(Guid id) => items.TryGetValue(id, out var s) ? s.Title : published?.FirstOrDefault(p => p.ProposalId == id)?.Title ?? "(removed)";

        var slots = run.Slots.Select(s => new TimetableRunSlot(s.ProposalId, Title(s.ProposalId),
            items.TryGetValue(s.ProposalId, out var i) ? i.Kind : SubmissionKind.Talk, items.TryGetValue(s.ProposalId, out var j) ? j.Topics : [],
            s.Room, s.StartUtc, s.EndUtc)).ToList();
        var proposed = run.Slots.ToDictionary(s => s.ProposalId, s => (s.Room, s.StartUtc));
        var finished = run.Status == TimetableRunStatus.Succeeded;
        var againstWorking = Compare(proposed, working.ToDictionary(s => s.SubmissionId, s => (s.Room, s.StartUtc)), Title, finished);
        var againstPublished = published is null ? null
            : Compare(proposed, published.GroupBy(s => s.ProposalId).ToDictionary(g => g.Key, g => (g.First().Room, g.First().StartUtc)), Title, finished);
        var current = timetable?.Version ?? 0;
        return new TimetableRunView(run.Id, run.TrackId, run.Status, run.Progress, run.Stage, run.Objective, run.Bound, run.Explanation, slots,
            run.MinimalChange, finished ? (againstPublished ?? againstWorking).Moved : 0, run.BasedOnVersion, current,
            finished && run.AppliedUtc is null && run.DiscardedUtc is null && current == run.BasedOnVersion,
            againstWorking, againstPublished, timetable?.PublishedVersion, run.SolveMilliseconds, run.CreatedUtc, run.StartedUtc, run.FinishedUtc,
            run.AppliedUtc, run.DiscardedUtc);
    }

    /// <summary>New, moved, removed and unchanged items of the run against <paramref name="before"/>; nothing before the run succeeded.</summary>
    public static PreviewComparison Compare(IReadOnlyDictionary<Guid, (string Room, DateTimeOffset Start)> proposed,
        IReadOnlyDictionary<Guid, (string Room, DateTimeOffset Start)> before, Func<Guid, string> title, bool finished)
    {
        if (!finished)
            return new PreviewComparison(0, 0, 0, 0, []);
        var changes = new List<PreviewItem>();
        var unchanged = 0;
        foreach (var (id, to) in proposed)
        {
            if (!before.TryGetValue(id, out var from))
                changes.Add(new PreviewItem(id, title(id), PreviewChange.New, null, null, to.Room, to.Start));
            else if (from.Room != to.Room || from.Start != to.Start)
                changes.Add(new PreviewItem(id, title(id), PreviewChange.Moved, from.Room, from.Start, to.Room, to.Start));
            else
                unchanged++;
        }

        foreach (var (id, from) in before.Where(b => !proposed.ContainsKey(b.Key)))
            changes.Add(new PreviewItem(id, title(id), PreviewChange.Removed, from.Room, from.Start, null, null));
        changes.Sort((a, b) => (a.ToStart ?? a.FromStart ?? default).CompareTo(b.ToStart ?? b.FromStart ?? default));
        return new PreviewComparison(changes.Count(c => c.Change == PreviewChange.New), changes.Count(c => c.Change == PreviewChange.Moved),
            changes.Count(c => c.Change == PreviewChange.Removed), unchanged, changes);
    }
}
