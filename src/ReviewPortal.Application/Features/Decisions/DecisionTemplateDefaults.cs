using ReviewPortal.Domain.Decisions;

namespace ReviewPortal.Application.Features.Decisions;

/// <summary>
/// The letters a track sends until its chair words its own (<see cref="DecisionTemplate"/>). Subjects say what to do;
/// bodies are Liquid over <see cref="DecisionLetterModel"/> (docs/decision-letters.md lists the values).
/// </summary>
public static class DecisionTemplateDefaults
{
    public static DecisionTemplate For(DecisionOutcome outcome) => outcome switch
    {
        DecisionOutcome.Accepted => new DecisionTemplate
        {
            Outcome = outcome,
            Subject = "[Action required] Confirm your talk \"{{ proposal.title }}\" at {{ conference.name }}",
            Body = """
                Hello {{ speaker.name }},

                Congratulations: "{{ proposal.title }}" has been accepted for {{ track.name }} at {{ conference.name }}.

                Please confirm that you will give the talk{% if confirm_deadline %} by {{ confirm_deadline }}{% endif %}.
                When you confirm, tell us the times you cannot make and any co-speaker who will not come, so the
                timetable fits you. If you cannot give it, decline, and the slot goes to the next talk on the waitlist.

                Confirm or decline (no sign-in needed): {{ confirm_url }}
                {% if comments.size > 0 %}
                The reviewers' comments for you:
                {% for comment in comments %}
                ---
                {{ comment }}
                {% endfor %}
                {% endif %}
                Your proposal: {{ proposal.url }}

                {{ track.name }} programme committee
                """,
            IncludeReviewComments = true,
        },
        DecisionOutcome.Rejected => new DecisionTemplate
        {
            Outcome = outcome,
            Subject = "Your proposal \"{{ proposal.title }}\" for {{ conference.name }}",
            Body = """
                Hello {{ speaker.name }},

                Thank you for proposing "{{ proposal.title }}" for {{ track.name }} at {{ conference.name }}.
                We received more good proposals than the track has room for, and we are sorry that we could not
                accept yours this time.
                {% if comments.size > 0 %}
                The reviewers' comments for you:
                {% for comment in comments %}
                ---
                {{ comment }}
                {% endfor %}
                {% endif %}
                Your proposal: {{ proposal.url }}

                {{ track.name }} programme committee
                """,
            IncludeReviewComments = true,
        },
        DecisionOutcome.Waitlisted => new DecisionTemplate
        {
            Outcome = outcome,
            Subject = "Your proposal \"{{ proposal.title }}\" is on the waitlist for {{ conference.name }}",
            Body = """
                Hello {{ speaker.name }},

                "{{ proposal.title }}" is on the waitlist of {{ track.name }} at {{ conference.name }}{% if waitlist_rank %}, in place {{ waitlist_rank }}{% endif %}.
                If an accepted talk is given up, the first talk on the waitlist is offered its slot, and you will get a
                mail asking you to confirm. Nothing to do until then.

                Your proposal: {{ proposal.url }}

                {{ track.name }} programme committee
                """,
            IncludeReviewComments = false,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };
}
