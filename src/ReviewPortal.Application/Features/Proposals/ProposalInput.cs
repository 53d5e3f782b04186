using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Application.Common.Validation;
using ReviewPortal.Application.Features.People;
using ReviewPortal.Domain.Conferences;
using ReviewPortal.Domain.People;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>A co-speaker as the submitter names them; one with an account is linked by e-mail, one without is invited.</summary>
public sealed record CoSpeakerInput(string Name, string Email, string? Affiliation);

/// <summary>The fields of a proposal a speaker writes (shared by create and update).</summary>
public interface IProposalFields
{
    string Title { get; }
    string Abstract { get; }
    string? Notes { get; }
    IReadOnlyList<string>? Topics { get; }
    IReadOnlyList<CoSpeakerInput>? CoSpeakers { get; }
}

/// <summary>Field rules that need no database; track-specific rules (topics, speaker count) are in <see cref="ProposalFields"/>.</summary>
public sealed class ProposalFieldsValidator : AbstractValidator<IProposalFields>
{
    public const int MaxTitle = 200;
    public const int MaxAbstract = 5_000;

    public ProposalFieldsValidator()
    {
        RuleFor(x => x.Title).NotEmpty().WithMessage("Give the talk a title.")
            .MaximumLength(MaxTitle).WithMessage($"The title can be at most {MaxTitle} characters.");
        RuleFor(x => x.Abstract).NotEmpty().WithMessage("Write an abstract.")
            .MaximumLength(MaxAbstract).WithMessage($"The abstract can be at most {MaxAbstract:N0} characters.");
        RuleFor(x => x.Notes).MaximumLength(MaxAbstract).WithMessage($"Notes can be at most {MaxAbstract:N0} characters.");
        RuleForEach(x => x.Topics).NotEmpty().MaximumLength(100).WithName("A topic");
        RuleForEach(x => x.CoSpeakers).ChildRules(s =>
        {
            s.RuleFor(c => c.Name).NotEmpty().WithMessage("Give the co-speaker's name.").MaximumLength(100).WithName("The co-speaker's name");
            s.RuleFor(c => c.Email).NotEmpty().WithMessage("Give the co-speaker's e-mail address.")
                .MaximumLength(256).WithName("The co-speaker's e-mail address").EmailAddress().WithMessage("This is not a valid e-mail address.");
            s.RuleFor(c => c.Affiliation).MaximumLength(200).WithName("The co-speaker's affiliation");
        });
        RuleFor(x => x.CoSpeakers)
            .Must(c => c is null || c.Select(s => s.Email?.Trim().ToUpperInvariant()).Distinct().Count() == c.Count)
            .WithMessage("Each co-speaker needs a different e-mail address.");
    }
}

/// <summary>Applies speaker-written fields to a proposal, with the rules that depend on its track.</summary>
public sealed class ProposalFields(IApplicationDbContext db, IEmailOutbox outbox, ILinkBuilder links)
{
    public static void EnsureTrackRules(IProposalFields fields, Track track)
    {
        var failures = TrackRuleFailures(fields, track.Topics, track.MaxSpeakersPerProposal);
        if (failures.Count > 0)
            throw Refusal.Of(failures);
    }

    /// <summary>The track's rules on topics and speaker count; the validators report them with the field rules, the handler checks again.</summary>
    public static List<ValidationFailure> TrackRuleFailures(IProposalFields fields, IReadOnlyList<string> topics, int maxSpeakers)
    {
        var failures = new List<ValidationFailure>();
        var unknown = (fields.Topics ?? []).Where(t => !topics.Contains(t)).ToList();
        if (unknown.Count > 0)
            failures.Add(new ValidationFailure(nameof(IProposalFields.Topics),
                $"Unknown topic(s) for this track: {string.Join(", ", unknown)}. Choose from: {string.Join(", ", topics)}."));
        var speakers = 1 + (fields.CoSpeakers?.Count ?? 0);
        if (speakers > maxSpeakers)
            failures.Add(new ValidationFailure(nameof(IProposalFields.CoSpeakers),
                $"A proposal can have at most {maxSpeakers} speakers; this one has {speakers}."));
        return failures;
    }

    /// <summary>Writes title, abstract, notes, topics and co-speakers; new co-speakers are linked or invited by mail.</summary>
    public async Task ApplyAsync(Submission submission, IProposalFields fields, Person submitter, CancellationToken cancellationToken)
    {
        EnsureTrackRules(fields, submission.Track);
        var primary = submission.Speakers.OrderBy(s => s.Order).FirstOrDefault();
        if (fields.CoSpeakers?.Any(c => string.Equals(c.Email.Trim(), primary?.Email ?? submitter.Email, StringComparison.OrdinalIgnoreCase)) == true)
            throw Refusal.Of(nameof(IProposalFields.CoSpeakers), "The first speaker is already on the proposal; list only the others.");

        submission.Title = fields.Title.Trim();
        submission.Abstract = fields.Abstract.Trim();
        submission.Notes = string.IsNullOrWhiteSpace(fields.Notes) ? null : fields.Notes.Trim();
        submission.Topics = (fields.Topics ?? []).Distinct().ToList();

        var existing = submission.Speakers.Where(s => s != primary).ToList();
        var wanted = fields.CoSpeakers ?? [];
        var emails = wanted.Select(c => c.Email.Trim().ToUpperInvariant()).ToList();
        var accounts = await db.People.WithAnyEmail(emails)
            .ToDictionaryAsync(p => p.Email.ToUpperInvariant(), cancellationToken);

        foreach (var gone in existing.Where(s => !emails.Contains(s.Email?.ToUpperInvariant() ?? "")))
            submission.Speakers.Remove(gone);

        var order = 1;
        foreach (var input in wanted)
        {
            var key = input.Email.Trim().ToUpperInvariant();
            var speaker = existing.FirstOrDefault(s => s.Email?.ToUpperInvariant() == key);
            if (speaker is null)
            {
                speaker = new SubmissionSpeaker { SubmissionId = submission.Id, Email = input.Email.Trim() };
                submission.Speakers.Add(speaker);
                accounts.TryGetValue(key, out var person);
                speaker.PersonId = person?.Id;
                await NotifyNewCoSpeakerAsync(submission, submitter, input, person, cancellationToken);
            }

            speaker.Name = input.Name.Trim();
            speaker.Affiliation = string.IsNullOrWhiteSpace(input.Affiliation) ? null : input.Affiliation.Trim();
            speaker.Order = order++;
        }
    }

    private async Task NotifyNewCoSpeakerAsync(Submission submission, Person submitter, CoSpeakerInput input, Person? account, CancellationToken cancellationToken)
    {
        var model = new
        {
            Name = input.Name.Trim(),
            Submitter = submitter.DisplayName,
            submission.Title,
            Track = submission.Track.Name,
            Link = account is null ? links.Register(input.Email.Trim()) : links.Submission(submission.Id),
        };
        await outbox.EnqueueAsync(account is null ? "proposal.co-speaker-invited" : "proposal.co-speaker-added",
            input.Email.Trim(), input.Name.Trim(), model, cancellationToken);
    }
}
