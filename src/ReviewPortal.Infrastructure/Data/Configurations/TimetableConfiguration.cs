using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.People;
using ReviewPortal.Domain.Submissions;
using ReviewPortal.Domain.Scheduling;

namespace ReviewPortal.Infrastructure.Data.Configurations;

internal sealed class TimetableConfiguration : IEntityTypeConfiguration<Timetable>
{
    public void Configure(EntityTypeBuilder<Timetable> builder)
    {
        builder.HasKey(t => t.TrackId);
        // The grid is read and written whole: JSON beside the version, not rows.
        builder.OwnsMany(t => t.Rooms, r => r.ToJson());
        builder.OwnsMany(t => t.Blocks, b => b.ToJson());
        builder.OwnsMany(t => t.Breaks, b => b.ToJson());
        // The editors' optimistic concurrency: a save names the version it started from.
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasOne<Track>().WithOne().HasForeignKey<Timetable>(t => t.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.UpdatedById).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class TimetableSlotConfiguration : IEntityTypeConfiguration<TimetableSlot>
{
    public void Configure(EntityTypeBuilder<TimetableSlot> builder)
    {
        builder.Property(s => s.Room).HasMaxLength(Timetable.MaxRoomNameLength).IsRequired();
        // A talk is in the working copy at most once.
        builder.HasIndex(s => s.SubmissionId).IsUnique();
        builder.HasIndex(s => new { s.TrackId, s.StartUtc });
        builder.HasOne<Timetable>().WithMany().HasForeignKey(s => s.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Submission>().WithMany().HasForeignKey(s => s.SubmissionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PublishedTimetableConfiguration : IEntityTypeConfiguration<PublishedTimetable>
{
    public void Configure(EntityTypeBuilder<PublishedTimetable> builder)
    {
        builder.HasIndex(p => new { p.TrackId, p.Number }).IsUnique();
        builder.OwnsMany(p => p.Rooms, r => r.ToJson());
        builder.OwnsMany(p => p.Breaks, b => b.ToJson());
        builder.OwnsMany(p => p.Slots, s =>
        {
            s.ToJson();
            s.Property(x => x.Kind).HasConversion<string>();
            s.OwnsMany(x => x.Speakers);
        });
        builder.OwnsMany(p => p.Changes, c =>
        {
            c.ToJson();
            c.Property(x => x.Kind).HasConversion<string>();
        });
        builder.HasOne<Track>().WithMany().HasForeignKey(p => p.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(p => p.PublishedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TimetableRunConfiguration : IEntityTypeConfiguration<TimetableRun>
{
    public void Configure(EntityTypeBuilder<TimetableRun> builder)
    {
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.Stage).HasMaxLength(200);
        builder.Property(r => r.Explanation).HasMaxLength(20_000);
        builder.Property(r => r.Version).IsRowVersion();
        builder.Ignore(r => r.IsFinished);
        builder.OwnsMany(r => r.Slots, s => s.ToJson());
        builder.HasIndex(r => new { r.TrackId, r.CreatedUtc });
        builder.HasOne<Track>().WithMany().HasForeignKey(r => r.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.RequestedById).OnDelete(DeleteBehavior.Restrict);
    }
}
