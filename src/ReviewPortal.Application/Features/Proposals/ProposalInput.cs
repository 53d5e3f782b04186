using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
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

/// <summary>Who joined and who left a proposal's speakers in one change; <see cref="ProposalMails"/> tells each of them once.</summary>
public sealed record SpeakerChanges(IReadOnlyList<SubmissionSpeaker> Added, IReadOnlyList<SubmissionSpeaker> Removed)
{
    public static readonly SpeakerChanges None = new([], []);
}

/// <summary>Applies speaker-written fields to a proposal, with the rules that depend on its track.</summary>
public sealed class ProposalFields(IApplicationDbContext db)
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

    /// <summary>
    /// Writes title, abstract, notes, topics and co-speakers; a new co-speaker with an account is linked to it.
    /// Returns who was added and removed, for the caller to mail once the whole change is known (one mail per person per event).
    /// </summary>
    public async Task<SpeakerChanges> ApplyAsync(Submission submission, IProposalFields fields, Person submitter, CancellationToken cancellationToken)
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

        var removed = existing.Where(s => !emails.Contains(s.Email?.ToUpperInvariant() ?? "")).ToList();
        foreach (var gone in removed)
            submission.Speakers.Remove(gone);
        var added = new List<SubmissionSpeaker>();

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
                speaker.Person = person;
                added.Add(speaker);
            }

            speaker.Name = input.Name.Trim();
            // A linked co-speaker's affiliation comes from their own profile when the submitter leaves it empty.
            speaker.Affiliation = !string.IsNullOrWhiteSpace(input.Affiliation) ? input.Affiliation.Trim()
                : speaker.PersonId is { } linked && accounts.Values.FirstOrDefault(p => p.Id == linked) is { } profile ? profile.Affiliation
                : null;
            speaker.Order = order++;
        }

        return new SpeakerChanges(added, removed);
    }
}
