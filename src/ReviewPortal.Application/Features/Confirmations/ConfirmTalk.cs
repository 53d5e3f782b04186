using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Domain.Decisions;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Confirmations;

/// <summary>
/// A speaker confirms an accepted talk, from the mail's link (<see cref="Token"/>, signed out) or signed in
/// (<see cref="ProposalId"/>), with what the timetable needs: the blocks they cannot make over the conference days and
/// the co-speakers who will not come. Once: a second confirm is refused and changes nothing. Not after the deadline.
/// </summary>
[AllowAnonymous]
public sealed record ConfirmTalk(string? Token, Guid? ProposalId, IReadOnlyList<UnavailableTime>? Unavailable, IReadOnlyList<Guid>? AbsentSpeakerIds)
    : ICommand<ConfirmationView>;

public sealed class ConfirmTalkValidator : AbstractValidator<ConfirmTalk>
{
    public const int MaxTokenLength = 2_000;

    public ConfirmTalkValidator()
    {
        RuleFor(x => x).Must(x => (x.Token is not null) != (x.ProposalId is not null))
            .OverridePropertyName("Token").WithMessage("Confirm from the link in the mail, or signed in on the proposal.");
        RuleFor(x => x.Token).MaximumLength(MaxTokenLength).WithMessage(ConfirmationAccess.InvalidLink);
        RuleFor(x => x.ProposalId).NotEqual(Guid.Empty).WithMessage("Choose a proposal.");
        RuleFor(x => x.Unavailable).Must(u => u is null || u.Count <= SpeakerConfirmation.MaxUnavailableBlocks)
            .WithMessage($"Give at most {SpeakerConfirmation.MaxUnavailableBlocks} blocks you cannot make.");
        RuleForEach(x => x.Unavailable).ChildRules(block =>
        {
            block.RuleFor(b => b.Start).NotNull().WithMessage("Give the start of the time you cannot make.");
            block.RuleFor(b => b.End).NotNull().WithMessage("Give the end of the time you cannot make.");
        });
        RuleFor(x => x.AbsentSpeakerIds).Must(a => a is null || a.Count <= 100).WithMessage("Too many speakers.");
    }
}

public sealed class ConfirmTalkHandler(ConfirmationAccess access, AuditTrail audit, TimeProvider clock) : ICommandHandler<ConfirmTalk, ConfirmationView>
{
    public async ValueTask<ConfirmationView> Handle(ConfirmTalk command, CancellationToken cancellationToken)
    {
        var answering = command.Token is not null
            ? await access.ByTokenAsync(command.Token, tracked: true, cancellationToken)
            : await access.BySpeakerAsync(command.ProposalId!.Value, tracked: true, cancellationToken);
        ConfirmationAccess.EnsureAnswerable(answering);
        var (offer, submission, speaker) = (answering.Offer, answering.Submission, answering.Speaker);
        var track = answering.Track;
        var now = clock.GetUtcNow();
        // The state first: an answered or overdue offer says so, whatever the form held.
        if (!offer.IsOpen || offer.IsOverdue(track, now))
            offer.Confirm(track, speaker.Id, answering.AccountId, [], [], now); // throws the offer's own refusal

        var blocks = ConferenceTimes.Blocks(track.Conference, command.Unavailable ?? []);
        var absent = (command.AbsentSpeakerIds ?? []).Distinct().ToList();
        var others = submission.Speakers.Where(s => s.Id != speaker.Id).Select(s => s.Id).ToHashSet();
        if (absent.Any(id => !others.Contains(id)))
            throw Common.Validation.Refusal.Of(nameof(ConfirmTalk.AbsentSpeakerIds), "Choose co-speakers of this talk (not yourself).");

        offer.Confirm(track, speaker.Id, answering.AccountId, blocks, absent, now);
        submission.Confirm(now);
        audit.Record("confirmation.confirmed", nameof(Submission), submission.Id, new
        {
            Speaker = speaker.Name,
            FromMailLink = command.Token is not null,
            Unavailable = blocks.Count,
            Absent = submission.Speakers.Where(s => absent.Contains(s.Id)).Select(s => s.Name).ToList(),
        }, submission.TrackId);
        return ConfirmationViews.Of(offer, submission, speaker.Id, answersAsSpeaker: true, now);
    }
}
