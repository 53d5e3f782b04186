using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Text;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Domain.Conferences;

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
        var rows = await (
                from c in db.DiscussionComments.AsNoTracking()
                where c.SubmissionId == query.ProposalId
                join p in db.People on c.AuthorId equals p.Id
                join t in db.Tracks on c.TrackId equals t.Id
                orderby c.CreatedUtc, c.Id
                select new { c.Id, p.DisplayName, c.Body, c.CreatedUtc, t.Conference.TimeZoneId })
            .ToListAsync(cancellationToken);
        return new DiscussionSection(query.ProposalId, rows.Select(r => new DiscussionCommentView(r.Id, r.DisplayName,
            MarkdownRenderer.ToSafeHtml(r.Body), new Conference { TimeZoneId = r.TimeZoneId }.Format(r.CreatedUtc))).ToList());
    }
}
