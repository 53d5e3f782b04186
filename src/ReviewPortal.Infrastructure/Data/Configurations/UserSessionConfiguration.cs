using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewPortal.Infrastructure.Identity;
using ReviewPortal.Infrastructure.Sessions;

namespace ReviewPortal.Infrastructure.Data.Configurations;

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.Property(s => s.Id).ValueGeneratedNever(); // a random key made by the ticket store
        builder.Property(s => s.Ticket).IsRequired();
        builder.Property(s => s.UserAgent).HasMaxLength(UserSessionLimits.UserAgentLength);
        builder.Property(s => s.IpAddress).HasMaxLength(45);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        // Per request the store reads at most one row, by its primary key; listing, ending and purging an account's
        // sessions go by the account.
        builder.HasIndex(s => s.UserId);
    }
}

internal static class UserSessionLimits
{
    public const int UserAgentLength = 512;
}
