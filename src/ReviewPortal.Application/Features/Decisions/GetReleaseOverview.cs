using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Decisions;

/// <summary>
/// The release page's list (chair or admin): every decided proposal of the track by outcome, released or not, with the
/// mails a release would still send. Proposals the caller is conflicted on are listed by title only, not releasable.
/// </summary>
public sealed record GetReleaseOverview(Guid TrackId) : IQuery<ReleaseOverview>;

/// <param name="Conflicted">Titles of decided proposals the caller is conflicted on: their decision is not shown; another chair or an admin releases them.</param>
public sealed record ReleaseOverview(Guid TrackId, string TrackName, string ConferenceName, IReadOnlyList<ReleaseRow> Rows, IReadOnlyList<string> Conflicted)
{
    /// <summary>What releasing these proposals sends: "3 proposals (1 accepted, 1 rejected, 1 waitlisted): 4 mails to 3 speakers".</summary>
    public static string Summary(IReadOnlyCollection<ReleaseRow> chosen)
    {
        var byOutcome = string.Join(", ", DecisionTemplateText.Outcomes
            .Select(o => (Name: DecisionTemplateText.NameOf(o), Count: chosen.Count(r => r.Outcome == o)))
            .Where(x => x.Count > 0).Select(x => $"{x.Count} {x.Name}"));
        var mails = chosen.Sum(r => r.PendingAddresses.Count);
        var people = chosen.SelectMany(r => r.PendingAddresses).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        return $"{Plural(chosen.Count, "proposal")} ({byOutcome}): {Plural(mails, "mail")} to {Plural(people, "speaker")}";
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}

/// <param name="PendingAddresses">Addresses of the speakers not yet written to for this outcome (what a release sends).</param>
public sealed record ReleaseRow(
    Guid ProposalId, string Title, Domain.Decisions.DecisionOutcome Outcome, int? WaitlistRank, bool Released, string? ReleasedAt,
    int Speakers, IReadOnlyList<string> PendingAddresses);

public sealed class GetReleaseOverviewValidator : AbstractValidator<GetReleaseOverview>
{
    public GetReleaseOverviewValidator() => RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
}

public sealed class GetReleaseOverviewHandler(IApplicationDbContext db, TrackAccess tracks, ProposalAccess access)
    : IQueryHandler<GetReleaseOverview, ReleaseOverview>
{
    public async ValueTask<ReleaseOverview> Handle(GetReleaseOverview query, CancellationToken cancellationToken)
    {
        var track = await tracks.ReadTrackForChairAsync(query.TrackId, cancellationToken);
        var views = await access.GetViewsForTrackAsync(track.Id, cancellationToken);
        var decided = await db.Submissions.AsNoTracking()
            .Where(s => s.TrackId == track.Id
                && (s.Status == SubmissionStatus.Accepted || s.Status == SubmissionStatus.Rejected || s.Status == SubmissionStatus.Waitlisted))
            .OrderBy(s => s.Status).ThenBy(s => s.WaitlistRank).ThenBy(s => s.Title)
            .Select(s => new
            {
                s.Id, s.Title, s.Status, s.WaitlistRank, s.DecisionReleasedUtc,
                Speakers = s.Speakers.Select(sp => new { sp.Id, sp.Email }).ToList(),
            })
            .ToListAsync(cancellationToken);
        var ids = decided.Select(d => d.Id).ToList();
        var written = (await db.DecisionLetters.AsNoTracking().Where(l => ids.Contains(l.SubmissionId))
                .Select(l => new { l.SubmissionId, l.SpeakerId, l.Outcome }).ToListAsync(cancellationToken))
            .ToHashSet();
        bool MayDecide(Guid id) => views.TryGetValue(id, out var view) && view.Decide;
        var rows = decided.Where(d => MayDecide(d.Id)).Select(d =>
        {
            var outcome = DecisionLetters.OutcomeOf(d.Status);
            var pending = d.Speakers
                .Where(sp => !string.IsNullOrWhiteSpace(sp.Email) && !written.Contains(new { SubmissionId = d.Id, SpeakerId = sp.Id, Outcome = outcome }))
                .Select(sp => sp.Email!).ToList();
            return new ReleaseRow(d.Id, d.Title, outcome, d.WaitlistRank, d.DecisionReleasedUtc is not null,
                d.DecisionReleasedUtc is { } at ? track.Conference.Format(at) : null, d.Speakers.Count, pending);
        }).ToList();
        // Listed by title only, in title order: the outcome is the policy's DecisionDraft, which a conflict hides.
        var conflicted = decided.Where(d => !MayDecide(d.Id)).Select(d => d.Title).Order(StringComparer.CurrentCulture).ToList();
        return new ReleaseOverview(track.Id, track.Name, track.Conference.Name, rows, conflicted);
    }
}
