using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.People;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Infrastructure.Data.Configurations;

internal sealed class SpeakerConfirmationConfiguration : IEntityTypeConfiguration<SpeakerConfirmation>
{
    public void Configure(EntityTypeBuilder<SpeakerConfirmation> builder)
    {
        builder.Property(c => c.Answer).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.DeclineReason).HasMaxLength(SpeakerConfirmation.MaxReasonLength);
        builder.OwnsMany(c => c.Unavailable, u => u.ToJson());
        builder.Property(c => c.Version).IsRowVersion();
        builder.Ignore(c => c.IsOpen);
        // One offer per talk: a promoted talk is offered once, a declined talk is not offered again.
        builder.HasIndex(c => c.SubmissionId).IsUnique();
        builder.HasIndex(c => new { c.TrackId, c.Answer });
        builder.HasOne<Track>().WithMany().HasForeignKey(c => c.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Submission>().WithMany().HasForeignKey(c => c.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.AnsweredById).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SubmissionSpeaker>().WithMany().HasForeignKey(c => c.AnsweredBySpeakerId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class DecisionLetterConfiguration : IEntityTypeConfiguration<DecisionLetter>
{
    public void Configure(EntityTypeBuilder<DecisionLetter> builder)
    {
        builder.Property(l => l.Outcome).HasConversion<string>().HasMaxLength(32);
        // Exactly one mail per speaker, proposal and outcome, however often release is pressed or retried.
        builder.HasIndex(l => new { l.SubmissionId, l.SpeakerId, l.Outcome }).IsUnique();
        builder.HasIndex(l => l.TrackId);
        builder.HasOne<Track>().WithMany().HasForeignKey(l => l.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Submission>().WithMany().HasForeignKey(l => l.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<SubmissionSpeaker>().WithMany().HasForeignKey(l => l.SpeakerId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DecisionTemplateConfiguration : IEntityTypeConfiguration<DecisionTemplate>
{
    public void Configure(EntityTypeBuilder<DecisionTemplate> builder)
    {
        builder.Property(t => t.Outcome).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.Subject).HasMaxLength(DecisionTemplate.MaxSubjectLength).IsRequired();
        builder.Property(t => t.Body).HasMaxLength(DecisionTemplate.MaxBodyLength).IsRequired();
        builder.Property(t => t.Version).IsRowVersion();
        builder.HasIndex(t => new { t.TrackId, t.Outcome }).IsUnique();
        builder.HasOne<Track>().WithMany().HasForeignKey(t => t.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.UpdatedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConfirmationReminderConfiguration : IEntityTypeConfiguration<ConfirmationReminder>
{
    public void Configure(EntityTypeBuilder<ConfirmationReminder> builder)
    {
        // At most once per talk and point: the reminder job's idempotence rests on this index.
        builder.HasIndex(r => new { r.SubmissionId, r.DaysBefore }).IsUnique();
        builder.HasOne<Submission>().WithMany().HasForeignKey(r => r.SubmissionId).OnDelete(DeleteBehavior.Cascade);
    }
}
