using FluentValidation.Results;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Domain.Decisions;

namespace ReviewPortal.Application.Features.Decisions;

/// <summary>What a chair's decision template may be and say: outcome names, the values it can use, and the check a text passes before it is saved or previewed.</summary>
public static class DecisionTemplateText
{
    /// <summary>The outcomes by the names the API and the pages use ("accepted", "rejected", "waitlisted"), in page order.</summary>
    public static readonly IReadOnlyList<DecisionOutcome> Outcomes = [DecisionOutcome.Accepted, DecisionOutcome.Rejected, DecisionOutcome.Waitlisted];

    public const string OutcomeMessage = "The outcome must be accepted, rejected or waitlisted.";

    public static string NameOf(DecisionOutcome outcome) => outcome.ToString().ToLowerInvariant();

    public static DecisionOutcome? Parse(string? name) =>
        Outcomes.Cast<DecisionOutcome?>().FirstOrDefault(o => string.Equals(NameOf(o!.Value), name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The values a template reads, with what each holds, as the Letters page lists them.</summary>
    public static readonly IReadOnlyList<(string Name, string Meaning)> Values =
    [
        ("speaker.name", "the speaker the mail is written to"),
        ("speaker.email", "their address"),
        ("speakers", "every speaker of the proposal, in order (a list: {% for s in speakers %}…{% endfor %}, or {{ speakers | join: \", \" }})"),
        ("proposal.title", "the proposal's title"),
        ("proposal.url", "the link to the proposal's page"),
        ("proposal.topics", "its topics (a list)"),
        ("track.name", "the track"),
        ("conference.name", "the conference"),
        ("conference.dates", "its dates, e.g. 13 Nov 2023 – 15 Nov 2023"),
        ("decision", "accepted, rejected or waitlisted"),
        ("waitlist_rank", "the place on the waitlist (waitlisted talks with a place; empty otherwise)"),
        ("confirm_url", "acceptance only: the link that confirms or declines without signing in"),
        ("confirm_deadline", "acceptance only: the confirmation deadline in the conference's time zone (empty when the track has none)"),
        ("comments", "the reviewers' comments for the speakers, when the template includes them (a list; empty otherwise)"),
    ];

    /// <summary>
    /// Why the subject or body cannot be sent (Fluid's parse message with its line and column, or what stopped a trial
    /// rendering on a sample letter), as field errors on "Subject" and "Body"; empty when both are fine.
    /// </summary>
    public static async Task<IReadOnlyList<ValidationFailure>> CheckAsync(string subject, string body)
    {
        var failures = new List<ValidationFailure>();
        if (LiquidText.Check(subject) is { } subjectError)
            failures.Add(new ValidationFailure("Subject", $"The subject is not valid Liquid: {subjectError}"));
        if (LiquidText.Check(body) is { } bodyError)
            failures.Add(new ValidationFailure("Body", $"The body is not valid Liquid: {bodyError}"));
        if (failures.Count > 0)
            return failures;

        try
        {
            await LiquidText.RenderAsync(subject, body, Sample);
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException or InvalidCastException)
        {
            failures.Add(new ValidationFailure("Body", $"The template cannot be rendered: {ex.Message}"));
        }

        return failures;
    }

    /// <summary>A letter with every value filled in, for the trial rendering.</summary>
    private static readonly DecisionLetterModel Sample = new(
        new LetterSpeaker("Ada Speaker", "ada@example.org"),
        ["Ada Speaker", "Bo Cospeaker"],
        new LetterProposal("A sample talk", "https://example.org/Proposals/1", ["tracing"]),
        new LetterTrack("Sample track"),
        new LetterConference("Sample conference", "1 Jan 2030 – 3 Jan 2030"),
        "accepted",
        2,
        "https://example.org/Talks/Confirm?token=sample",
        "1 Dec 2029, 23:59 (UTC)",
        ["A first comment.", "A second comment."]);
}
