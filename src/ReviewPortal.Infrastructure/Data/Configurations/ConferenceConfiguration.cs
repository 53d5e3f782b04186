using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Infrastructure.Data.Configurations;

internal sealed class ConferenceConfiguration : IEntityTypeConfiguration<Conference>
{
    public void Configure(EntityTypeBuilder<Conference> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Slug).HasMaxLength(100).IsRequired();
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.Property(c => c.TimeZoneId).HasMaxLength(64).IsRequired();
        builder.Ignore(c => c.TimeZone);
    }
}

internal sealed class TrackConfiguration : IEntityTypeConfiguration<Track>
{
    public void Configure(EntityTypeBuilder<Track> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(200).IsRequired();
        builder.Property(t => t.Slug).HasMaxLength(100).IsRequired();
        builder.HasIndex(t => new { t.ConferenceId, t.Slug }).IsUnique();
        builder.Property(t => t.Description).HasMaxLength(20_000);
        builder.Property(t => t.BlindMode).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.OthersReviews).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.WaitlistPromotion).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.Version).IsRowVersion();
        builder.HasOne(t => t.Conference).WithMany(c => c.Tracks).HasForeignKey(t => t.ConferenceId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommitteeMemberConfiguration : IEntityTypeConfiguration<CommitteeMember>
{
    public void Configure(EntityTypeBuilder<CommitteeMember> builder)
    {
        builder.HasIndex(m => new { m.TrackId, m.PersonId }).IsUnique();
        builder.Property(m => m.Role).HasConversion<string>().HasMaxLength(32);
        builder.Property(m => m.Affiliation).HasMaxLength(200);
        builder.OwnsMany(m => m.Affiliations, a =>
        {
            a.ToJson();
            a.Ignore(p => p.IsCurrent);
        });
        builder.HasOne(m => m.Track).WithMany(t => t.Committee).HasForeignKey(m => m.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Person).WithMany().HasForeignKey(m => m.PersonId).OnDelete(DeleteBehavior.Restrict);
        // Removed members keep their row (their work refers to it) but are not on the committee any more, for every query.
        builder.HasQueryFilter(m => m.RemovedUtc == null);
    }
}
