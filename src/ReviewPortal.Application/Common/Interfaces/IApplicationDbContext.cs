using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ReviewPortal.Domain.Auditing;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Outbox;
using ReviewPortal.Domain.People;
using ReviewPortal.Domain.Reviews;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Common.Interfaces;

/// <summary>The database as handlers see it: EF Core sets, used directly (no repository layer).</summary>
public interface IApplicationDbContext
{
    DbSet<Conference> Conferences { get; }
    DbSet<Track> Tracks { get; }
    DbSet<CommitteeMember> CommitteeMembers { get; }
    DbSet<Person> People { get; }
    DbSet<Submission> Submissions { get; }
    DbSet<SubmissionSpeaker> SubmissionSpeakers { get; }
    DbSet<OutboxMessage> OutboxMessages { get; }
    DbSet<AuditEntry> AuditEntries { get; }
    DbSet<ApiToken> ApiTokens { get; }
    DbSet<Conflict> Conflicts { get; }
    DbSet<Bid> Bids { get; }
    DbSet<ReviewAssignment> ReviewAssignments { get; }
    DbSet<AssignmentRun> AssignmentRuns { get; }
    DbSet<CommitteeInvitation> CommitteeInvitations { get; }
    DbSet<OrganisationAlias> OrganisationAliases { get; }
    DbSet<Review> Reviews { get; }
    DbSet<ScoreCriterion> ScoreCriteria { get; }
    DbSet<DiscussionComment> DiscussionComments { get; }
    DbSet<DiscussionNotice> DiscussionNotices { get; }
    DbSet<ReviewReminder> ReviewReminders { get; }
    DbSet<SpeakerConfirmation> SpeakerConfirmations { get; }
    DbSet<DecisionLetter> DecisionLetters { get; }
    DbSet<DecisionTemplate> DecisionTemplates { get; }
    DbSet<ConfirmationReminder> ConfirmationReminders { get; }
    DbSet<Timetable> Timetables { get; }
    DbSet<TimetableSlot> TimetableSlots { get; }
    DbSet<PublishedTimetable> PublishedTimetables { get; }
    DbSet<TimetableRun> TimetableRuns { get; }

    DatabaseFacade Database { get; }
    ChangeTracker ChangeTracker { get; }

    EntityEntry<TEntity> Entry<TEntity>(TEntity entity) where TEntity : class;

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
