using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewPortal.Domain.People;

namespace ReviewPortal.Infrastructure.Data.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(100).IsRequired();
        builder.Property(t => t.SecretHash).HasMaxLength(32).IsRequired();
        // Every bearer request finds its token by hash: one unique index lookup.
        builder.HasIndex(t => t.SecretHash).IsUnique();
        builder.HasIndex(t => t.PersonId);
        // An account's tokens go with it.
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}
