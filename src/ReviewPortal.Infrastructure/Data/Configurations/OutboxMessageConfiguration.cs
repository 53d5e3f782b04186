using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewPortal.Domain.Auditing;
using ReviewPortal.Domain.Outbox;

namespace ReviewPortal.Infrastructure.Data.Configurations;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.ToAddress).HasMaxLength(256).IsRequired();
        builder.Property(m => m.ToName).HasMaxLength(200);
        builder.Property(m => m.Subject).HasMaxLength(300).IsRequired();
        builder.Property(m => m.Kind).HasMaxLength(100).IsRequired();
        builder.Property(m => m.LastError).HasMaxLength(2_000);
        builder.OwnsMany(m => m.Attachments, a => a.ToJson());
        // The sweeper looks for unsent mail only.
        builder.HasIndex(m => m.CreatedUtc).HasFilter("\"SentUtc\" IS NULL");
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.Action).HasMaxLength(100).IsRequired();
        builder.Property(a => a.EntityType).HasMaxLength(100).IsRequired();
        builder.Property(a => a.Details).HasColumnType("jsonb");
        builder.HasIndex(a => new { a.EntityType, a.EntityId });
        // The audit-log page: newest first, for everything (admins) or per track (chairs).
        builder.HasIndex(a => a.AtUtc);
        builder.HasIndex(a => new { a.TrackId, a.AtUtc });
    }
}
