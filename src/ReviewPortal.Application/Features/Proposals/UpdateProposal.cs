using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>
/// A speaker edits a proposal: a draft any time the CfP is open, a submitted one until the CfP closes.
/// <paramref name="Version"/> is the one the speaker's copy was read at; if someone saved in between, 409.
/// </summary>
public sealed record UpdateProposal(
    Guid Id,
    uint Version,
    string Title,
    string Abstract,
    string? Notes,
    IReadOnlyList<string>? Topics,
    IReadOnlyList<CoSpeakerInput>? CoSpeakers) : ICommand<uint>, IProposalFields;

public sealed class UpdateProposalValidator : AbstractValidator<UpdateProposal>
{
    public UpdateProposalValidator(IApplicationDbContext db, ICurrentUser currentUser)
    {
        RuleFor(x => x.Id).NotEmpty().WithMessage("Choose a proposal.");
        Include(new ProposalFieldsValidator());

        // The track's rules with the field rules, so the first submit shows every error. Only for the proposal's own
        // speakers: to anyone else the proposal does not exist (the handler's 404), and its track's rules must not say otherwise.
        RuleFor(x => x).CustomAsync(async (command, context, ct) =>
        {
            var track = await db.Submissions.AsNoTracking()
                .Where(s => s.Id == command.Id && s.Speakers.Any(sp => sp.PersonId != null && sp.PersonId == currentUser.Id))
                .Select(s => new { s.Track.Topics, s.Track.MaxSpeakersPerProposal })
                .SingleOrDefaultAsync(ct);
            if (track is not null)
                ProposalFields.TrackRuleFailures(command, track.Topics, track.MaxSpeakersPerProposal).ForEach(context.AddFailure);
        });
    }
}

public sealed class UpdateProposalHandler(IApplicationDbContext db, ProposalAccess access, ProposalFields fields, ProposalMails mails,
    Conflicts.ConflictDetection conflicts, TimeProvider clock)
    : ICommandHandler<UpdateProposal, uint>
{
    public async ValueTask<uint> Handle(UpdateProposal command, CancellationToken cancellationToken)
    {
        var submission = await access.GetForSpeakerAsync(command.Id, cancellationToken);
        var now = clock.GetUtcNow();
        submission.EnsureEditable(now);

        // Optimistic concurrency: the UPDATE only matches the row version the editor started from.
        db.Entry(submission).Property(s => s.Version).OriginalValue = command.Version;
        var me = await db.People.SingleAsync(p => p.Id == access.UserId, cancellationToken);
        var speakers = await fields.ApplyAsync(submission, command, me, cancellationToken);
        submission.UpdatedUtc = now;
        await mails.SpeakersChangedAsync(submission, me, speakers, cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        // Speakers or their affiliations may have changed; drafts are detected when submitted.
        if (submission.Status != Domain.Submissions.SubmissionStatus.Draft)
            await conflicts.RefreshProposalAsync(submission.Id, cancellationToken);
        return submission.Version;
    }
}
