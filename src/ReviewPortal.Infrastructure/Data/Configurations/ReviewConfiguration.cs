using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.People;
using ReviewPortal.Domain.Reviews;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Infrastructure.Data.Configurations;

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> builder)
    {
        builder.Property(r => r.State).HasConversion<string>().HasMaxLength(32);
        builder.Property(r => r.CommentsForSpeakers).HasMaxLength(Review.MaxCommentLength).IsRequired();
        builder.Property(r => r.CommentsForCommittee).HasMaxLength(Review.MaxCommentLength).IsRequired();
        // Read and written whole with the review.
        builder.OwnsMany(r => r.Criteria, c => c.ToJson());
        builder.Property(r => r.Version).IsRowVersion();
        builder.Ignore(r => r.IsSubmitted);
        // One review per reviewer and proposal.
        builder.HasIndex(r => new { r.SubmissionId, r.PersonId }).IsUnique();
        builder.HasIndex(r => new { r.TrackId, r.PersonId });
        builder.HasOne<Track>().WithMany().HasForeignKey(r => r.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Submission>().WithMany().HasForeignKey(r => r.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.ReopenedById).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ScoreCriterionConfiguration : IEntityTypeConfiguration<ScoreCriterion>
{
    public void Configure(EntityTypeBuilder<ScoreCriterion> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(ScoreCriterion.MaxNameLength).IsRequired();
        builder.HasIndex(c => new { c.TrackId, c.Name }).IsUnique();
        builder.HasOne<Track>().WithMany().HasForeignKey(c => c.TrackId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DiscussionCommentConfiguration : IEntityTypeConfiguration<DiscussionComment>
{
    public void Configure(EntityTypeBuilder<DiscussionComment> builder)
    {
        builder.Property(c => c.Body).HasMaxLength(DiscussionComment.MaxBodyLength).IsRequired();
        builder.HasIndex(c => new { c.SubmissionId, c.CreatedUtc });
        builder.HasOne<Track>().WithMany().HasForeignKey(c => c.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Submission>().WithMany().HasForeignKey(c => c.SubmissionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DiscussionNoticeConfiguration : IEntityTypeConfiguration<DiscussionNotice>
{
    public void Configure(EntityTypeBuilder<DiscussionNotice> builder)
    {
        builder.HasIndex(n => new { n.CommentId, n.RecipientId }).IsUnique();
        // The digest job's question: who has notices not yet sent?
        builder.HasIndex(n => new { n.RecipientId, n.CreatedUtc }).HasFilter("\"SentUtc\" IS NULL");
        builder.HasOne<Track>().WithMany().HasForeignKey(n => n.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<DiscussionComment>().WithMany().HasForeignKey(n => n.CommentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(n => n.RecipientId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReviewReminderConfiguration : IEntityTypeConfiguration<ReviewReminder>
{
    public void Configure(EntityTypeBuilder<ReviewReminder> builder)
    {
        builder.Property(r => r.Kind).HasConversion<string>().HasMaxLength(32);
        // At most once per person, point and kind: the job's idempotence rests on this index.
        builder.HasIndex(r => new { r.TrackId, r.PersonId, r.DaysBefore, r.Kind }).IsUnique();
        builder.HasOne<Track>().WithMany().HasForeignKey(r => r.TrackId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
