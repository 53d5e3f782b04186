using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.Proposals;

namespace ReviewPortal.Application.Features.Discussion;

/// <summary>A proposal's committee-only discussion, oldest first, for whoever the policy's Discussion part lets in.</summary>
public sealed record ListDiscussion(Guid ProposalId) : IQuery<IReadOnlyList<DiscussionCommentItem>>;

public sealed record DiscussionAuthor(Guid Id, string Name);

/// <summary>One comment; <see cref="Body"/> is the Markdown as written (pages render it sanitised).</summary>
public sealed record DiscussionCommentItem(Guid Id, DiscussionAuthor Author, string Body, DateTimeOffset CreatedUtc);

public sealed class ListDiscussionHandler(IApplicationDbContext db, ProposalAccess access)
    : IQueryHandler<ListDiscussion, IReadOnlyList<DiscussionCommentItem>>
{
    public async ValueTask<IReadOnlyList<DiscussionCommentItem>> Handle(ListDiscussion query, CancellationToken cancellationToken)
    {
        _ = access.UserId;
        var view = await access.GetViewAsync(query.ProposalId, cancellationToken);
        DiscussionRules.EnsureMayDiscuss(view, query.ProposalId);
        return await db.DiscussionComments.AsNoTracking()
            .Where(c => c.SubmissionId == query.ProposalId)
            .OrderBy(c => c.CreatedUtc).ThenBy(c => c.Id)
            .Join(db.People, c => c.AuthorId, p => p.Id, (c, p) => new DiscussionCommentItem(c.Id, new DiscussionAuthor(p.Id, p.DisplayName), c.Body, c.CreatedUtc))
            .ToListAsync(cancellationToken);
    }
}
