using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Features.People;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>
/// Imports proposals into a track from the <see cref="ProposalsDocument"/> format, as submitted proposals
/// (an export's state is not carried over: the imported track runs its own review).
/// Idempotent: a proposal whose key is already in the track is left alone, so importing a file twice
/// does not duplicate. Speakers with an e-mail that has an account are linked to it.
/// </summary>
public sealed record ImportProposals(Guid TrackId, ProposalsDocument Document) : ICommand<ImportResult>;

public sealed record ImportResult(int Imported, int AlreadyPresent);

public sealed class ImportProposalsValidator : AbstractValidator<ImportProposals>
{
    public ImportProposalsValidator()
    {
        RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
        RuleFor(x => x.Document).NotNull();
        RuleFor(x => x.Document.Format).Equal(ProposalsDocument.FormatName)
            .WithMessage($"Expected format '{ProposalsDocument.FormatName}'.");
        RuleFor(x => x.Document.Proposals).NotEmpty().Must(p => p.Count <= 10_000).WithMessage("At most 10,000 proposals per file.");
        RuleForEach(x => x.Document.Proposals).NotNull().ChildRules(p =>
        {
            p.RuleFor(r => r.Topics).NotNull();
            p.RuleForEach(r => r.Topics).NotEmpty();
            p.RuleFor(r => r.Abstract).NotNull();
            p.RuleFor(r => r.Title).NotEmpty().MaximumLength(200);
            p.RuleFor(r => r.Abstract).MaximumLength(5_000);
            p.RuleFor(r => r.Notes).MaximumLength(5_000);
            p.RuleFor(r => r.Key).MaximumLength(100);
            p.RuleFor(r => r.Kind).Must(k => k is "talk" or "organisational").WithMessage("Kind is 'talk' or 'organisational'.");
            p.RuleFor(r => r.DurationMinutes).InclusiveBetween(5, 480);
            p.RuleFor(r => r.Speakers).NotEmpty();
            p.RuleForEach(r => r.Speakers).NotNull().ChildRules(s =>
            {
                s.RuleFor(x => x.Name).NotEmpty().MaximumLength(100);
                s.RuleFor(x => x.Email).EmailAddress().MaximumLength(256).When(x => !string.IsNullOrEmpty(x.Email));
                s.RuleFor(x => x.Affiliation).MaximumLength(200);
            });
        });
    }
}

public sealed class ImportProposalsHandler(IApplicationDbContext db, TrackAccess access, Conflicts.ConflictDetection conflicts, TimeProvider clock)
    : ICommandHandler<ImportProposals, ImportResult>
{
    public async ValueTask<ImportResult> Handle(ImportProposals command, CancellationToken cancellationToken)
    {
        var track = await access.GetTrackForChairAsync(command.TrackId, cancellationToken);
        var unknownTopics = command.Document.Proposals.SelectMany(p => p.Topics).Distinct().Except(track.Topics).ToList();
        if (unknownTopics.Count > 0)
            throw Common.Validation.Refusal.Of("Topics", $"Unknown topics for this track: {string.Join(", ", unknownTopics)}.");

        // A proposal is already present when its key was imported before, or when the record is an export of it (its id).
        var present = await db.Submissions
            .Where(s => s.TrackId == track.Id)
            .Select(s => new { s.Id, s.ImportKey })
            .ToListAsync(cancellationToken);
        var existingKeys = present.Where(p => p.ImportKey != null).Select(p => p.ImportKey!)
            .Concat(present.Select(p => ProposalRecord.ExportKey(p.Id, null)))
            .ToHashSet(StringComparer.Ordinal);
        var existingIds = present.Select(p => p.Id).ToHashSet();

        var emails = command.Document.Proposals.SelectMany(p => p.Speakers)
            .Where(s => !string.IsNullOrWhiteSpace(s.Email))
            .Select(s => s.Email!);
        var people = await db.People.WithAnyEmail(emails)
            .Select(p => new { p.Id, p.Email })
            .ToListAsync(cancellationToken);
        var personByEmail = people.ToDictionary(p => p.Email.ToUpperInvariant(), p => p.Id, StringComparer.Ordinal);

        var now = clock.GetUtcNow();
        int imported = 0, alreadyPresent = 0;
        foreach (var record in command.Document.Proposals)
        {
            var key = record.EffectiveKey();
            if ((record.Id is { } id && existingIds.Contains(id)) || !existingKeys.Add(key))
            {
                alreadyPresent++;
                continue;
            }

            var submission = new Submission
            {
                TrackId = track.Id,
                Track = track,
                Title = record.Title.Trim(),
                Abstract = record.Abstract.Trim(),
                Notes = record.Notes,
                Topics = record.Topics.ToList(),
                Kind = record.Kind == "organisational" ? SubmissionKind.Organisational : SubmissionKind.Talk,
                DurationMinutes = record.DurationMinutes ?? track.SlotMinutes,
                CreatedUtc = now,
                UpdatedUtc = now,
                ImportKey = key,
                Speakers = record.Speakers.Select((s, i) => new SubmissionSpeaker
                {
                    Order = i,
                    Name = s.Name.Trim(),
                    Email = string.IsNullOrWhiteSpace(s.Email) ? null : s.Email.Trim(),
                    Affiliation = string.IsNullOrWhiteSpace(s.Affiliation) ? null : s.Affiliation.Trim(),
                    PersonId = s.Email is { } e && personByEmail.TryGetValue(e.Trim().ToUpperInvariant(), out var personId) ? personId : null,
                }).ToList(),
            };
            submission.MarkImportedAsSubmitted(record.SubmittedUtc ?? now);
            db.Submissions.Add(submission);
            imported++;
        }

        if (imported > 0)
            await conflicts.RefreshAsync(track.Id, cancellationToken);
        return new ImportResult(imported, alreadyPresent);
    }
}
