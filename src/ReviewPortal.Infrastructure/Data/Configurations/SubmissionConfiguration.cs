using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Infrastructure.Data.Configurations;

internal sealed class SubmissionConfiguration : IEntityTypeConfiguration<Submission>
{
    public void Configure(EntityTypeBuilder<Submission> builder)
    {
        builder.Property(s => s.Title).HasMaxLength(200).IsRequired();
        builder.Property(s => s.Abstract).HasMaxLength(5_000).IsRequired();
        builder.Property(s => s.Notes).HasMaxLength(5_000);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.ImportKey).HasMaxLength(100);
        builder.Property(s => s.Version).IsRowVersion();
        builder.HasIndex(s => new { s.TrackId, s.Status });
        // Idempotent create: one proposal per (account, client request id), however often it is retried.
        builder.HasIndex(s => new { s.CreatedById, s.ClientRequestId }).IsUnique().HasFilter("\"ClientRequestId\" IS NOT NULL");
        // Idempotent import: one proposal per (track, import key).
        builder.HasIndex(s => new { s.TrackId, s.ImportKey }).IsUnique().HasFilter("\"ImportKey\" IS NOT NULL");
        builder.HasOne(s => s.Track).WithMany().HasForeignKey(s => s.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Speakers).WithOne().HasForeignKey(sp => sp.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(s => s.IsDecided);
        builder.Ignore(s => s.IsDecisionReleased);
        builder.Ignore(s => s.StatusForSpeakers);
        builder.Ignore(s => s.CanWithdraw);
    }
}

internal sealed class SubmissionSpeakerConfiguration : IEntityTypeConfiguration<SubmissionSpeaker>
{
    public void Configure(EntityTypeBuilder<SubmissionSpeaker> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(100).IsRequired();
        builder.Property(s => s.Email).HasMaxLength(256);
        builder.Property(s => s.Affiliation).HasMaxLength(200);
        builder.HasIndex(s => s.PersonId);
        builder.HasIndex(s => s.Email);
        builder.HasOne(s => s.Person).WithMany().HasForeignKey(s => s.PersonId).OnDelete(DeleteBehavior.SetNull);
    }
}
