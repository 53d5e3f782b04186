using Mediator;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Text;
using ReviewPortal.Application.Features.Reviews;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>
/// One proposal as the visibility policy lets the reader see it (speakers, the committee, the chair, admins), with what
/// they can still do. Parts the policy hides are empty: a conflicted member sees only the title and that they have a
/// conflict; in blind review members see no speakers.
/// </summary>
/// Anonymous callers are let through to the policy, which hides every proposal from them: 404, as for an id that does not exist.
[AllowAnonymous]
/// <param name="WithReviews">Also read the reviews the caller may see (the proposal page's Reviews section), in one more statement.</param>
public sealed record GetProposal(Guid Id, bool WithReviews = false) : IQuery<ProposalDetails>;

public sealed record ProposalDetails(
    Guid Id,
    uint Version,
    Guid TrackId,
    string TrackName,
    string ConferenceName,
    string Title,
    string Abstract,
    string AbstractHtml,
    string? Notes,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> TrackTopics,
    int MaxSpeakers,
    SubmissionStatus Status,
    string StatusText,
    IReadOnlyList<SpeakerView> Speakers,
    string? SubmittedAt,
    string CfpCloses,
    bool CanEdit,
    bool CanSubmit,
    bool CanWithdraw,
    bool IsSpeaker,
    bool CanDelete = false,
    bool IsOrganisersItem = false,
    bool HasConflict = false,
    bool SpeakersHidden = false,
    bool NotesVisible = true,
    bool CanDeclareConflict = false,
    bool CanManageConflicts = false,
    /// <summary>The committee-only discussion is shown (the policy's Discussion part).</summary>
    bool DiscussionVisible = false,
    bool CanWriteReview = false)
{
    /// <summary>The decision section as the policy lets the reader see it (null: none to show), from the row already read; the API has its own path for it.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public Decisions.DecisionSection? Decision { get; init; }

    /// <summary>The reviews the caller may read, when asked for (<see cref="GetProposal.WithReviews"/>); the API has its own path for them.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ProposalReviews? Reviews { get; init; }
}

public sealed record SpeakerView(string Name, string? Email, string? Affiliation, bool HasAccount);

public sealed class GetProposalHandler(ProposalAccess access, TimeProvider clock, IApplicationDbContext db) : IQueryHandler<GetProposal, ProposalDetails>
{
    public async ValueTask<ProposalDetails> Handle(GetProposal query, CancellationToken cancellationToken)
    {
        var (s, view) = await access.GetForReaderAsync(query.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var conference = s.Track.Conference;
        var asSpeaker = view.EditAsSpeaker;
        // Speakers, members and conflicted readers never see an unreleased decision; only whoever may draft decisions does.
        var status = view.StatusShown(s.Status);
        var reviews = query.WithReviews
            ? await ProposalReviewsReader.ReadAsync(db, s.Id, view, access.UserId, now, cancellationToken)
            : null;
        return new ProposalDetails(
            s.Id, s.Version, s.TrackId, s.Track.Name, conference.Name,
            s.Title,
            view.Abstract ? s.Abstract : "",
            view.Abstract ? MarkdownRenderer.ToSafeHtml(s.Abstract) : "",
            view.Notes ? s.Notes : null,
            view.Abstract ? s.Topics : [],
            s.Track.Topics, s.Track.MaxSpeakersPerProposal,
            status, Submission.Describe(status),
            view.Speakers ? s.Speakers.OrderBy(x => x.Order).Select(x => new SpeakerView(x.Name, x.Email, x.Affiliation, x.PersonId is not null)).ToList() : [],
            view.Status && s.SubmittedUtc is { } submitted ? conference.Format(submitted) : null,
            conference.Format(s.Track.CfpClosesUtc),
            asSpeaker && s.CanEdit(now),
            asSpeaker && s.CanSubmit(now),
            asSpeaker && s.CanWithdraw,
            asSpeaker,
            CanDelete: asSpeaker && s.Status == SubmissionStatus.Draft,
            IsOrganisersItem: s.Kind == SubmissionKind.Organisational,
            HasConflict: view.IsConflicted && !asSpeaker,
            SpeakersHidden: !view.Speakers && view.Abstract,
            NotesVisible: view.Notes,
            CanDeclareConflict: view.DeclareConflictAsMember || view.DeclareConflictAsSpeaker,
            CanManageConflicts: view.ManageConflicts,
            DiscussionVisible: view.Discussion,
            CanWriteReview: view.WriteReview) { Reviews = reviews, Decision = Decisions.DecisionSection.For(s, view) };
    }
}
