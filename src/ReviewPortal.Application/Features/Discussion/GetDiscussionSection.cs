using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Text;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.People;
using ReviewPortal.Domain.Reviews;

namespace ReviewPortal.Application.Features.Discussion;

/// <summary>The discussion as the proposal page shows it: comments as sanitised HTML, times in the conference's zone.</summary>
public sealed record GetDiscussionSection(Guid ProposalId) : IQuery<DiscussionSection>;

public sealed record DiscussionSection(Guid ProposalId, IReadOnlyList<DiscussionCommentView> Comments);

public sealed record DiscussionCommentView(Guid Id, string Author, string BodyHtml, string CreatedAt);

public sealed class GetDiscussionSectionHandler(IApplicationDbContext db, ProposalAccess access)
    : IQueryHandler<GetDiscussionSection, DiscussionSection>
{
    public async ValueTask<DiscussionSection> Handle(GetDiscussionSection query, CancellationToken cancellationToken)
    {
        _ = access.UserId;
        var view = await access.GetViewAsync(query.ProposalId, cancellationToken);
        DiscussionRules.EnsureMayDiscuss(view, query.ProposalId);
        var rows = new List<CommentRow>();
        await foreach (var row in ReadComments(db.ChangeTracker.Context, query.ProposalId).WithCancellation(cancellationToken))
            rows.Add(row);
        return new DiscussionSection(query.ProposalId, rows.Select(r => new DiscussionCommentView(r.Id, r.DisplayName,
            MarkdownRenderer.ToSafeHtml(r.Body), new Conference { TimeZoneId = r.TimeZoneId }.Format(r.CreatedUtc))).ToList());
    }

    private sealed record CommentRow(Guid Id, string DisplayName, string Body, DateTimeOffset CreatedUtc, string TimeZoneId);

    /// <summary>Compiled once: every committee member's proposal page sends it, and EF would otherwise rebuild and look up the expression each time.</summary>
    private static readonly Func<DbContext, Guid, IAsyncEnumerable<CommentRow>> ReadComments =
        EF.CompileAsyncQuery((DbContext context, Guid proposalId) =>
            from c in context.Set<DiscussionComment>().AsNoTracking()
            where c.SubmissionId == proposalId
            join p in context.Set<Person>() on c.AuthorId equals p.Id
            join t in context.Set<Track>() on c.TrackId equals t.Id
            orderby c.CreatedUtc, c.Id
            select new CommentRow(c.Id, p.DisplayName, c.Body, c.CreatedUtc, t.Conference.TimeZoneId));
}
