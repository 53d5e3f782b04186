using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Assignment;

/// <summary>The mails about review assignments, one per member per event, each linking to the member's list (/Committee/Assignments).</summary>
public sealed class AssignmentMails(IApplicationDbContext db, IEmailOutbox outbox, ILinkBuilder links)
{
    public const string MyAssignmentsPath = "/Committee/Assignments";

    /// <summary>After an apply: each member with assignments in the track gets one mail listing all of them (titles).</summary>
    /// <param name="assignments">The track's assignments after the change (proposal, person).</param>
    public async Task AppliedAsync(Track track, IReadOnlyCollection<(Guid ProposalId, Guid PersonId)> assignments, CancellationToken cancellationToken)
    {
        var proposalIds = assignments.Select(a => a.ProposalId).Distinct().ToList();
        var personIds = assignments.Select(a => a.PersonId).Distinct().ToList();
        var titles = await db.Submissions.AsNoTracking().Where(s => proposalIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Title }).ToDictionaryAsync(s => s.Id, s => s.Title, cancellationToken);
        var people = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id))
            .Select(p => new { p.Id, p.DisplayName, p.Email }).ToListAsync(cancellationToken);
        foreach (var person in people.OrderBy(p => p.DisplayName, StringComparer.Ordinal))
        {
            var list = assignments.Where(a => a.PersonId == person.Id).Select(a => titles[a.ProposalId]).Order(StringComparer.Ordinal).ToList();
            await outbox.EnqueueAsync("committee.assignments-applied", person.Email, person.DisplayName, new
            {
                Name = person.DisplayName,
                Track = track.Name,
                Conference = track.Conference.Name,
                Count = list.Count,
                Proposals = list,
                Link = Link(track.Id),
            }, cancellationToken);
        }
    }

    /// <summary>A manual assign or unassign: the member learns which proposal and how many they now have.</summary>
    public Task ChangedAsync(string template, Track track, string title, string name, string email, int count, CancellationToken cancellationToken) =>
        outbox.EnqueueAsync(template, email, name, new
        {
            Name = name,
            Title = title,
            Track = track.Name,
            Conference = track.Conference.Name,
            Count = count,
            Link = Link(track.Id),
        }, cancellationToken);

    private string Link(Guid trackId) => links.Page($"{MyAssignmentsPath}?trackId={trackId}");
}
