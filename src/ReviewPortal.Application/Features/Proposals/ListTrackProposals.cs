using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Reviews;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>
/// The chair's view of a track's proposals: filter by state and topic, search title or speaker, sort by any column,
/// one page at a time, with counts per state. Filters, sort and paging run in SQL, so a track of 10,000 proposals
/// costs one page of rows. <paramref name="Status"/>, <paramref name="Sort"/> and <paramref name="Dir"/> are text
/// as the client sent them: an unknown value is refused with the field named, never ignored.
/// </summary>
public sealed record ListTrackProposals(
    Guid TrackId, string? Status = null, string? Topic = null, string? Search = null,
    string? Sort = null, string? Dir = null, int Page = 1, int PageSize = ListTrackProposals.DefaultPageSize)
    : IQuery<TrackProposals>
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 500;

    /// <summary>The columns the list sorts by; the first is the default.</summary>
    public static IReadOnlyList<string> SortColumns { get; } = ["submitted", "title", "speakers", "state", "duration"];

    /// <summary>The states a chair can filter by: every one but Draft, which stays with its speakers.</summary>
    public static IReadOnlyList<SubmissionStatus> FilterStates { get; } =
        Enum.GetValues<SubmissionStatus>().Where(s => s != SubmissionStatus.Draft).ToList();

    /// <summary>The state named by <paramref name="text"/> (any case, by name only), or null.</summary>
    public static SubmissionStatus? ParseStatus(string? text) =>
        FilterStates.Cast<SubmissionStatus?>().FirstOrDefault(s => string.Equals(s.ToString(), text?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <param name="Total">Every non-draft proposal of the track (the sum of <paramref name="CountsByStatus"/>).</param>
/// <param name="Matching">Those that match the filters; <paramref name="Proposals"/> is one page of them.</param>
public sealed record TrackProposals(
    Guid TrackId, string TrackName, string ConferenceName, IReadOnlyList<string> Topics,
    IReadOnlyDictionary<SubmissionStatus, int> CountsByStatus, int Total, IReadOnlyList<TrackProposalRow> Proposals,
    int Matching, int Page, int PageSize, int PageCount, string Sort, string Dir);

/// <summary>
/// One row as the visibility policy lets the reader see it: on a proposal the reader is conflicted on
/// (<paramref name="HasConflict"/>) only the title, with no state, speakers, topics or dates.
/// </summary>
public sealed record TrackProposalRow(
    Guid Id, string Title, SubmissionStatus? Status, string Speakers, IReadOnlyList<string> Topics, string? SubmittedAt, int? DurationMinutes,
    bool HasConflict = false);

public sealed class ListTrackProposalsValidator : AbstractValidator<ListTrackProposals>
{
    public ListTrackProposalsValidator()
    {
        RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
        RuleFor(x => x.Search).MaximumLength(200).WithName("The search");
        RuleFor(x => x.Topic).MaximumLength(100).WithName("The topic");
        RuleFor(x => x.Status)
            .Must(s => !string.Equals(s?.Trim(), nameof(SubmissionStatus.Draft), StringComparison.OrdinalIgnoreCase))
            .WithMessage("Drafts belong to their speakers until submitted.")
            .Must(s => string.IsNullOrWhiteSpace(s) || ListTrackProposals.ParseStatus(s) is not null)
            .WithMessage(x => $"There is no state '{x.Status}'. Choose one of: {string.Join(", ", ListTrackProposals.FilterStates)}.");
        RuleFor(x => x.Sort)
            .Must(s => string.IsNullOrWhiteSpace(s) || ListTrackProposals.SortColumns.Contains(s.Trim().ToLowerInvariant()))
            .WithMessage(x => $"The list cannot be sorted by '{x.Sort}'. Sort by one of: {string.Join(", ", ListTrackProposals.SortColumns)}.");
        RuleFor(x => x.Dir)
            .Must(d => string.IsNullOrWhiteSpace(d) || d.Trim().ToLowerInvariant() is "asc" or "desc")
            .WithMessage("Sort direction is 'asc' or 'desc'.");
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1).WithName("The page number");
        RuleFor(x => x.PageSize).InclusiveBetween(1, ListTrackProposals.MaxPageSize).WithName("The page size");
    }
}

public sealed class ListTrackProposalsHandler(IApplicationDbContext db, TrackAccess access, ProposalAccess proposals, ICurrentUser currentUser)
    : IQueryHandler<ListTrackProposals, TrackProposals>
{
    /// <summary>
    /// The counts per state, the same <c>visible</c> rows as below. Compiled once: its shape never changes, and EF
    /// otherwise rebuilds, walks and looks up the expression tree on every call.
    /// </summary>
    private static readonly Func<DbContext, Guid, Guid, IAsyncEnumerable<StateCount>> CountsByStatus =
        EF.CompileAsyncQuery((DbContext context, Guid trackId, Guid me) => context.Set<Submission>().AsNoTracking()
            .Where(s => s.TrackId == trackId && s.Status != SubmissionStatus.Draft && s.Kind == SubmissionKind.Talk)
            .GroupBy(s => new { s.Status, Conflicted = context.Set<Conflict>().Any(c => c.SubmissionId == s.Id && c.PersonId == me && c.Active) })
            .Select(g => new StateCount(g.Key.Status, g.Key.Conflicted, g.Count())));

    /// <param name="Conflicted">The reader has a conflict on these: their decision is counted as the policy shows it to a conflicted reader (under review).</param>
    private sealed record StateCount(SubmissionStatus State, bool Conflicted, int Count);

    public async ValueTask<TrackProposals> Handle(ListTrackProposals query, CancellationToken cancellationToken)
    {
        var track = await access.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        var me = currentUser.Id ?? Guid.Empty;
        var seat = track.IsChair(me) ? CommitteeRole.Chair : (CommitteeRole?)null;
        // Organisers' items (the opening) are not proposals to review: they stay out of the list and its counts.
        var visible = db.Submissions.AsNoTracking()
            .Where(s => s.TrackId == track.Id && s.Status != SubmissionStatus.Draft && s.Kind == SubmissionKind.Talk);
        var counts = new Dictionary<SubmissionStatus, int>();
        // A conflicted reader's view hides a decision (ProposalView.StatusShown): the counts must not tell it either.
        var conflictedView = ProposalView.Hidden with { Role = ProposalRole.ConflictedChair };
        await foreach (var row in CountsByStatus(db.ChangeTracker.Context, track.Id, me).WithCancellation(cancellationToken))
        {
            var state = row.Conflicted && seat is not null ? conflictedView.StatusShown(row.State) : row.State;
            counts[state] = counts.GetValueOrDefault(state) + row.Count;
        }
        var total = counts.Values.Sum();

        var status = ListTrackProposals.ParseStatus(query.Status);
        var filtered = visible;
        // Filters on what a conflicted reader may not see (state, topics, speakers) must not find their conflicted
        // proposals either, or the filter would tell what the row hides.
        var byHidden = status is not null || !string.IsNullOrWhiteSpace(query.Topic) || !string.IsNullOrWhiteSpace(query.Search);
        if (byHidden && seat is not null)
            filtered = filtered.Where(s => !db.Conflicts.Any(c => c.SubmissionId == s.Id && c.PersonId == me && c.Active));
        if (status is { } wanted)
            filtered = filtered.Where(s => s.Status == wanted);
        var byText = !string.IsNullOrWhiteSpace(query.Topic) || !string.IsNullOrWhiteSpace(query.Search);
        if (!string.IsNullOrWhiteSpace(query.Topic))
            filtered = filtered.Where(s => s.Topics.Contains(query.Topic));
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + query.Search.Trim().ToLowerInvariant().Replace("\\", "\\\\", StringComparison.Ordinal)
                .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            filtered = filtered.Where(s => EF.Functions.Like(s.Title.ToLower(), pattern, "\\")
                || s.Speakers.Any(sp => EF.Functions.Like(sp.Name.ToLower(), pattern, "\\")));
        }

        // Without a topic or search the counts per state already say how many match: no second count.
        var matching = byText || (byHidden && seat is not null)
            ? await filtered.CountAsync(cancellationToken)
            : status is { } only ? counts.GetValueOrDefault(only) : total;

        var sort = string.IsNullOrWhiteSpace(query.Sort) ? ListTrackProposals.SortColumns[0] : query.Sort.Trim().ToLowerInvariant();
        var descending = string.Equals(query.Dir?.Trim(), "desc", StringComparison.OrdinalIgnoreCase);
        var pageCount = Math.Max(1, (matching + query.PageSize - 1) / query.PageSize);
        // Plain locals, so EF reads them as parameters instead of compiling the arithmetic on every call.
        var skip = (query.Page - 1) * query.PageSize;
        var take = query.PageSize;
        var rows = await (seat is null ? Sorted(filtered, sort, descending) : SortedHidingConflicted(filtered, sort, descending, me))
            .Skip(skip)
            .Take(take)
            .Select(s => new
            {
                s.Id, s.Title, s.Status, s.Topics, s.SubmittedUtc, s.DurationMinutes,
                // Joined in SQL (string_agg … ORDER BY), a column of the row: a collection here would make EF shape
                // every row's speakers on the client, with delegates and boxed keys per row.
                Speakers = s.Speakers.GroupBy(sp => sp.SubmissionId)
                    .Select(g => string.Join(", ", g.OrderBy(sp => sp.Order).Select(sp => sp.Name)))
                    .FirstOrDefault(),
                // The reader's relation to the row, for the policy (same statement: no query per row).
                IsCreator = s.CreatedById == me,
                IsNamedSpeaker = s.Speakers.Any(sp => sp.PersonId == me),
                IsAssigned = db.ReviewAssignments.Any(a => a.SubmissionId == s.Id && a.PersonId == me),
                IsConflicted = db.Conflicts.Any(c => c.SubmissionId == s.Id && c.PersonId == me && c.Active),
                OwnReviewSubmitted = db.Reviews.Any(rv => rv.SubmissionId == s.Id && rv.PersonId == me && rv.State == ReviewState.Submitted),
                DecisionReleased = s.DecisionReleasedUtc != null,
            })
            .ToListAsync(cancellationToken);

        var reviewPhase = track.ReviewPhaseStartedUtc is not null;
        var shown = new List<TrackProposalRow>(rows.Count);
        foreach (var r in rows)
        {
            var view = proposals.ViewOf(seat, r.Status, r.IsCreator, r.IsNamedSpeaker, r.IsAssigned, r.IsConflicted,
                r.OwnReviewSubmitted, r.DecisionReleased, reviewPhase, track.BlindMode, track.OthersReviews);
            shown.Add(view.Abstract
                ? new TrackProposalRow(r.Id, r.Title, view.StatusShown(r.Status), view.Speakers ? r.Speakers ?? "" : "", r.Topics,
                    r.SubmittedUtc is { } at ? track.Conference.Format(at) : null, r.DurationMinutes)
                : new TrackProposalRow(r.Id, r.Title, null, "", [], null, null, HasConflict: view.IsConflicted));
        }

        return new TrackProposals(track.Id, track.Name, track.Conference.Name, track.Topics, counts, total,
            shown,
            matching, query.Page, query.PageSize, pageCount, sort, descending ? "desc" : "asc");
    }

    /// <summary>
    /// Text sorts on lower case (so "beta" sits between "Alpha" and "Gamma"); ties break on the title, then the id,
    /// so paging is stable. Speakers sort by the first speaker's name.
    /// </summary>
    /// <summary>
    /// For a seated reader: proposals they are conflicted on sort as if their state, speakers and duration were
    /// empty (at one end, by title), so the order does not tell what the row hides. Title and submission order (the
    /// default, which the list shows as arrival) sort as for everyone.
    /// </summary>
    private IOrderedQueryable<Submission> SortedHidingConflicted(IQueryable<Submission> rows, string sort, bool descending, Guid me)
    {
        if (sort is "title" or "submitted")
            return Sorted(rows, sort, descending);
        IOrderedQueryable<Submission> ordered = sort switch
        {
            "speakers" => descending
                ? rows.OrderByDescending(s => db.Conflicts.Any(c => c.SubmissionId == s.Id && c.PersonId == me && c.Active) ? null : s.Speakers.OrderBy(sp => sp.Order).Select(sp => sp.Name.ToLower()).FirstOrDefault())
                : rows.OrderBy(s => db.Conflicts.Any(c => c.SubmissionId == s.Id && c.PersonId == me && c.Active) ? null : s.Speakers.OrderBy(sp => sp.Order).Select(sp => sp.Name.ToLower()).FirstOrDefault()),
            "state" => descending
                ? rows.OrderByDescending(s => db.Conflicts.Any(c => c.SubmissionId == s.Id && c.PersonId == me && c.Active) ? null : (SubmissionStatus?)s.Status)
                : rows.OrderBy(s => db.Conflicts.Any(c => c.SubmissionId == s.Id && c.PersonId == me && c.Active) ? null : (SubmissionStatus?)s.Status),
            "duration" => descending
                ? rows.OrderByDescending(s => db.Conflicts.Any(c => c.SubmissionId == s.Id && c.PersonId == me && c.Active) ? null : (int?)s.DurationMinutes)
                : rows.OrderBy(s => db.Conflicts.Any(c => c.SubmissionId == s.Id && c.PersonId == me && c.Active) ? null : (int?)s.DurationMinutes),
            _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "The validator admits only the list's sort columns."),
        };
        return ordered.ThenBy(s => s.Title.ToLower()).ThenBy(s => s.Id);
    }

    private static IOrderedQueryable<Submission> Sorted(IQueryable<Submission> rows, string sort, bool descending)
    {
        IOrderedQueryable<Submission> ordered = sort switch
        {
            "title" => descending ? rows.OrderByDescending(s => s.Title.ToLower()) : rows.OrderBy(s => s.Title.ToLower()),
            "speakers" => descending
                ? rows.OrderByDescending(s => s.Speakers.OrderBy(sp => sp.Order).Select(sp => sp.Name.ToLower()).FirstOrDefault())
                : rows.OrderBy(s => s.Speakers.OrderBy(sp => sp.Order).Select(sp => sp.Name.ToLower()).FirstOrDefault()),
            "state" => descending ? rows.OrderByDescending(s => s.Status) : rows.OrderBy(s => s.Status),
            "duration" => descending ? rows.OrderByDescending(s => s.DurationMinutes) : rows.OrderBy(s => s.DurationMinutes),
            _ => descending ? rows.OrderByDescending(s => s.SubmittedUtc) : rows.OrderBy(s => s.SubmittedUtc),
        };
        return ordered.ThenBy(s => s.Title.ToLower()).ThenBy(s => s.Id);
    }
}
