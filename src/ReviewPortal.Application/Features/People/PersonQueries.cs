using Microsoft.EntityFrameworkCore;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.People;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.People;

/// <summary>E-mail addresses match people (and invited speakers) case-insensitively, the way Identity matches accounts.</summary>
public static class PersonQueries
{
    public static IQueryable<Person> WithEmail(this IQueryable<Person> people, string email)
    {
        var normalised = email.Trim().ToUpperInvariant();
        return people.Where(p => p.Email.ToUpper() == normalised);
    }

    public static IQueryable<Person> WithAnyEmail(this IQueryable<Person> people, IEnumerable<string> emails)
    {
        var normalised = emails.Select(e => e.Trim().ToUpperInvariant()).Distinct().ToList();
        return people.Where(p => normalised.Contains(p.Email.ToUpper()));
    }

    /// <summary>Speakers invited by this address who have no account linked yet.</summary>
    public static IQueryable<SubmissionSpeaker> InvitedAs(this IQueryable<SubmissionSpeaker> speakers, string email)
    {
        var normalised = email.Trim().ToUpperInvariant();
        return speakers.Where(s => s.PersonId == null && s.Email != null && s.Email.ToUpper() == normalised);
    }

    /// <summary>A person's committee seats, by track name: what the navigation and the profile list.</summary>
    public static async Task<List<CommitteeSeat>> SeatsOfAsync(this IQueryable<CommitteeMember> members, Guid personId, CancellationToken cancellationToken) =>
        await members.AsNoTracking()
            .Where(m => m.PersonId == personId)
            .OrderBy(m => m.Track.Name)
            .Select(m => new CommitteeSeat(m.TrackId, m.Track.Conference.Slug, m.Track.Slug, m.Track.Name, m.Role))
            .ToListAsync(cancellationToken);
}
