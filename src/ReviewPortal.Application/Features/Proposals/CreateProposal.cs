using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>
/// A speaker starts a proposal in a track: saved as a draft, or submitted at once (<paramref name="Submit"/>).
/// The signed-in person is its first speaker. Idempotent per <paramref name="ClientRequestId"/>: a double click
/// or a retried request returns the proposal the first one created.
/// </summary>
public sealed record CreateProposal(
    Guid TrackId,
    string Title,
    string Abstract,
    string? Notes,
    IReadOnlyList<string>? Topics,
    IReadOnlyList<CoSpeakerInput>? CoSpeakers,
    bool Submit,
    Guid? ClientRequestId = null) : ICommand<Guid>, IProposalFields;

public sealed class CreateProposalValidator : AbstractValidator<CreateProposal>
{
    public CreateProposalValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
        Include(new ProposalFieldsValidator());

        // The track's rules with the field rules, so the first submit shows every error. No track: the handler's 404.
        RuleFor(x => x).CustomAsync(async (command, context, ct) =>
        {
            var track = await db.Tracks.AsNoTracking().Where(t => t.Id == command.TrackId)
                .Select(t => new { t.Topics, t.MaxSpeakersPerProposal })
                .SingleOrDefaultAsync(ct);
            if (track is not null)
                ProposalFields.TrackRuleFailures(command, track.Topics, track.MaxSpeakersPerProposal).ForEach(context.AddFailure);
        });
    }
}

public sealed class CreateProposalHandler(
    IApplicationDbContext db,
    ProposalAccess access,
    ProposalFields fields,
    ProposalMails mails,
    Conflicts.ConflictDetection conflicts,
    TimeProvider clock) : ICommandHandler<CreateProposal, Guid>
{
    public async ValueTask<Guid> Handle(CreateProposal command, CancellationToken cancellationToken)
    {
        var userId = access.UserId;
        if (command.ClientRequestId is { } requestId)
        {
            // Concurrent retries of one request wait for each other here (released at commit), then find the first one's proposal.
            var lockKey = BitConverter.ToInt64(System.Security.Cryptography.SHA256.HashData(
                [.. userId.ToByteArray(), .. requestId.ToByteArray()]), 0);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({lockKey})", cancellationToken);
            var existing = await db.Submissions
                .Where(s => s.CreatedById == userId && s.ClientRequestId == requestId)
                .Select(s => (Guid?)s.Id)
                .SingleOrDefaultAsync(cancellationToken);
            if (existing is { } id)
                return id;
        }

        var track = await db.Tracks.Include(t => t.Conference)
            .SingleOrDefaultAsync(t => t.Id == command.TrackId, cancellationToken)
            ?? throw NotFoundException.For("Track", command.TrackId);
        var now = clock.GetUtcNow();
        track.EnsureCfpOpen(now);
        var me = await db.People.SingleAsync(p => p.Id == userId, cancellationToken);

        var submission = new Submission
        {
            TrackId = track.Id,
            Track = track,
            DurationMinutes = track.SlotMinutes,
            CreatedUtc = now,
            UpdatedUtc = now,
            CreatedById = userId,
            ClientRequestId = command.ClientRequestId,
        };
        submission.Speakers.Add(new SubmissionSpeaker
        {
            SubmissionId = submission.Id,
            Order = 0,
            Name = me.DisplayName,
            Email = me.Email,
            Affiliation = me.Affiliation,
            PersonId = me.Id,
        });
        db.Submissions.Add(submission);
        var speakers = await fields.ApplyAsync(submission, command, me, cancellationToken);

        if (command.Submit)
            submission.Submit(now);
        // One mail per person: new co-speakers get their "added" mail (which says whether it is submitted), the rest "submitted".
        await mails.SpeakersChangedAsync(submission, me, speakers, cancellationToken);
        if (command.Submit)
        {
            await mails.SubmittedAsync(submission, speakers, cancellationToken);
            await conflicts.RefreshProposalAsync(submission.Id, cancellationToken);
        }

        return submission.Id;
    }
}
