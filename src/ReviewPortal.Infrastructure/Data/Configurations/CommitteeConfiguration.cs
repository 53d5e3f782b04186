using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.People;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Infrastructure.Data.Configurations;

internal sealed class ConflictConfiguration : IEntityTypeConfiguration<Conflict>
{
    public void Configure(EntityTypeBuilder<Conflict> builder)
    {
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Source).HasConversion<string>().HasMaxLength(32);
        builder.Property(c => c.Reason).HasMaxLength(1_000).IsRequired();
        builder.Property(c => c.ChairReason).HasMaxLength(1_000);
        // One row per (proposal, person, kind): recomputing detection updates it instead of piling up rows.
        builder.HasIndex(c => new { c.SubmissionId, c.PersonId, c.Kind }).IsUnique();
        // The visibility policy's question "is this person conflicted on this proposal?" and the track's matrix.
        builder.HasIndex(c => new { c.PersonId, c.SubmissionId }).HasFilter("\"Active\"");
        builder.HasIndex(c => c.TrackId);
        builder.HasOne<Track>().WithMany().HasForeignKey(c => c.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Submission>().WithMany().HasForeignKey(c => c.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BidConfiguration : IEntityTypeConfiguration<Bid>
{
    public void Configure(EntityTypeBuilder<Bid> builder)
    {
        builder.Property(b => b.Value).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(b => new { b.SubmissionId, b.PersonId }).IsUnique();
        builder.HasIndex(b => new { b.TrackId, b.PersonId });
        builder.HasOne<Track>().WithMany().HasForeignKey(b => b.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Submission>().WithMany().HasForeignKey(b => b.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(b => b.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReviewAssignmentConfiguration : IEntityTypeConfiguration<ReviewAssignment>
{
    public void Configure(EntityTypeBuilder<ReviewAssignment> builder)
    {
        builder.Property(a => a.Source).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(a => new { a.SubmissionId, a.PersonId }).IsUnique();
        builder.HasIndex(a => new { a.PersonId, a.TrackId });
        builder.HasIndex(a => a.TrackId);
        builder.HasOne<Track>().WithMany().HasForeignKey(a => a.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Submission>().WithMany().HasForeignKey(a => a.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AssignmentRun>().WithMany().HasForeignKey(a => a.RunId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class AssignmentRunConfiguration : IEntityTypeConfiguration<AssignmentRun>
{
    public void Configure(EntityTypeBuilder<AssignmentRun> builder)
    {
        builder.Property(r => r.Mode).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Stage).HasMaxLength(200);
        builder.Property(r => r.Explanation).HasMaxLength(20_000);
        builder.Property(r => r.InputFingerprint).HasMaxLength(64);
        builder.Property(r => r.Version).IsRowVersion();
        builder.Ignore(r => r.IsFinished);
        // The result is read and written whole, with the run: JSON beside it, not thousands of rows. Complex collections,
        // not owned entities: the job stores them in one UPDATE (ExecuteUpdate), without tracking every pair as an entity.
        builder.ComplexCollection(r => r.Assignments, a => a.ToJson());
        builder.ComplexCollection(r => r.Loads, l => l.ToJson());
        builder.HasIndex(r => new { r.TrackId, r.CreatedUtc });
        builder.HasOne<Track>().WithMany().HasForeignKey(r => r.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.RequestedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CommitteeInvitationConfiguration : IEntityTypeConfiguration<CommitteeInvitation>
{
    public void Configure(EntityTypeBuilder<CommitteeInvitation> builder)
    {
        builder.Property(i => i.Email).HasMaxLength(256).IsRequired();
        builder.Property(i => i.Name).HasMaxLength(100).IsRequired();
        builder.Property(i => i.Affiliation).HasMaxLength(200);
        builder.Property(i => i.Role).HasConversion<string>().HasMaxLength(32);
        builder.OwnsMany(i => i.PastAffiliations, a =>
        {
            a.ToJson();
            a.Ignore(p => p.IsCurrent);
        });
        builder.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => new { i.TrackId, i.Email });
        builder.HasOne(i => i.Track).WithMany().HasForeignKey(i => i.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(i => i.InvitedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class OrganisationAliasConfiguration : IEntityTypeConfiguration<OrganisationAlias>
{
    public void Configure(EntityTypeBuilder<OrganisationAlias> builder)
    {
        builder.Property(a => a.Alias).HasMaxLength(200).IsRequired();
        builder.Property(a => a.Canonical).HasMaxLength(200).IsRequired();
        builder.Property(a => a.DisplayAlias).HasMaxLength(200).IsRequired();
        builder.Property(a => a.DisplayCanonical).HasMaxLength(200).IsRequired();
        builder.HasIndex(a => a.Alias).IsUnique();
        // Renamed and acquired companies a new database starts with (docs/visibility.md).
        builder.HasData(ReviewPortal.Application.Features.Conflicts.OrganisationAliasSeed.Rows);
    }
}
