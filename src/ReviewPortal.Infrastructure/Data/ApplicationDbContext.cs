using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Auditing;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Outbox;
using ReviewPortal.Domain.People;
using ReviewPortal.Domain.Reviews;
using ReviewPortal.Domain.Scheduling;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.Infrastructure.Identity;

namespace ReviewPortal.Infrastructure.Data;

public class ApplicationDbContext(DbContextOptions<ApplicationDbContext> options)
    : IdentityDbContext<ApplicationUser, IdentityRole<Guid>, Guid>(options), IApplicationDbContext, IDataProtectionKeyContext
{
    public DbSet<Conference> Conferences => Set<Conference>();
    public DbSet<Track> Tracks => Set<Track>();
    public DbSet<CommitteeMember> CommitteeMembers => Set<CommitteeMember>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Submission> Submissions => Set<Submission>();
    public DbSet<SubmissionSpeaker> SubmissionSpeakers => Set<SubmissionSpeaker>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Conflict> Conflicts => Set<Conflict>();
    public DbSet<Bid> Bids => Set<Bid>();
    public DbSet<ReviewAssignment> ReviewAssignments => Set<ReviewAssignment>();
    public DbSet<AssignmentRun> AssignmentRuns => Set<AssignmentRun>();
    public DbSet<CommitteeInvitation> CommitteeInvitations => Set<CommitteeInvitation>();
    public DbSet<OrganisationAlias> OrganisationAliases => Set<OrganisationAlias>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<ScoreCriterion> ScoreCriteria => Set<ScoreCriterion>();
    public DbSet<DiscussionComment> DiscussionComments => Set<DiscussionComment>();
    public DbSet<DiscussionNotice> DiscussionNotices => Set<DiscussionNotice>();
    public DbSet<ReviewReminder> ReviewReminders => Set<ReviewReminder>();
    public DbSet<SpeakerConfirmation> SpeakerConfirmations => Set<SpeakerConfirmation>();
    public DbSet<DecisionLetter> DecisionLetters => Set<DecisionLetter>();
    public DbSet<DecisionTemplate> DecisionTemplates => Set<DecisionTemplate>();
    public DbSet<ConfirmationReminder> ConfirmationReminders => Set<ConfirmationReminder>();
    public DbSet<Timetable> Timetables => Set<Timetable>();
    public DbSet<TimetableSlot> TimetableSlots => Set<TimetableSlot>();
    public DbSet<PublishedTimetable> PublishedTimetables => Set<PublishedTimetable>();
    public DbSet<TimetableRun> TimetableRuns => Set<TimetableRun>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Sessions.UserSession> UserSessions => Set<Sessions.UserSession>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(ApplicationDbContext).Assembly);

        // Domain entities create their own ids (Guid v7). Telling EF the key is never generated makes an entity
        // added through a navigation (track.Committee.Add(...)) an insert, not an update of a row that isn't there.
        foreach (var entity in builder.Model.GetEntityTypes().Where(e => e.ClrType.Namespace?.StartsWith("ReviewPortal.Domain", StringComparison.Ordinal) == true))
        {
            var key = entity.FindPrimaryKey();
            if (key is { Properties: [{ ClrType: var type } property] } && type == typeof(Guid))
                property.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
        }
    }
}
