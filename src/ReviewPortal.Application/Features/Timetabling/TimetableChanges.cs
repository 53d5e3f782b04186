using ReviewPortal.Domain.Scheduling;

namespace ReviewPortal.Application.Features.Timetabling;

/// <summary>A placed item as the changelog compares it.</summary>
public sealed record PlacedItem(Guid ProposalId, string Title, string Room, DateTimeOffset StartUtc);

/// <summary>How many items a publish would add, move and remove (the publish button's preview).</summary>
public sealed record ChangeCounts(int New, int Moved, int Removed)
{
    public bool Any => New + Moved + Removed > 0;

    public static ChangeCounts Of(IReadOnlyCollection<TimetableChange> changes) => new(
        changes.Count(c => c.Kind == TimetableChangeKind.New),
        changes.Count(c => c.Kind == TimetableChangeKind.Moved),
        changes.Count(c => c.Kind == TimetableChangeKind.Removed));

    public override string ToString() => $"{New} new, {Moved} moved, {Removed} removed";
}

/// <summary>The changelog of a version against the one before: new, moved (room or time) and removed items, in time order.</summary>
public static class TimetableChanges
{
    public static List<TimetableChange> Between(PublishedTimetable? previous, IReadOnlyCollection<PlacedItem> current)
    {
        var before = (previous?.Slots ?? []).ToDictionary(s => s.ProposalId);
        var now = current.ToDictionary(c => c.ProposalId);
        var changes = new List<TimetableChange>();
        foreach (var item in current.OrderBy(c => c.StartUtc).ThenBy(c => c.Room, StringComparer.Ordinal))
        {
            if (!before.TryGetValue(item.ProposalId, out var was))
                changes.Add(new TimetableChange { ProposalId = item.ProposalId, Title = item.Title, Kind = TimetableChangeKind.New, ToRoom = item.Room, ToStartUtc = item.StartUtc });
            else if (was.StartUtc != item.StartUtc || !string.Equals(was.Room, item.Room, StringComparison.Ordinal))
                changes.Add(new TimetableChange
                {
                    ProposalId = item.ProposalId, Title = item.Title, Kind = TimetableChangeKind.Moved,
                    FromRoom = was.Room, FromStartUtc = was.StartUtc, ToRoom = item.Room, ToStartUtc = item.StartUtc,
                });
        }

        foreach (var was in before.Values.Where(w => !now.ContainsKey(w.ProposalId)).OrderBy(w => w.StartUtc))
            changes.Add(new TimetableChange { ProposalId = was.ProposalId, Title = was.Title, Kind = TimetableChangeKind.Removed, FromRoom = was.Room, FromStartUtc = was.StartUtc });
        return changes;
    }
}
