using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Application.Features.Decisions;
using ReviewPortal.Domain.Decisions;

namespace ReviewPortal.UnitTests.Mail;

public sealed class DecisionTemplateDefaultsTests
{
    private static DecisionLetterModel Model(IReadOnlyList<string> comments) => new(
        new LetterSpeaker("Daniel Borkmann", "daniel@example.org"), ["Daniel Borkmann"],
        new LetterProposal("BPF tokens", "https://rp.example/Proposals/1", ["bpf"]), new LetterTrack("eBPF & Networking"),
        new LetterConference("LPC 2023", "13 Nov 2023 – 15 Nov 2023"), "accepted", null, "https://rp.example/Talks/Confirm?token=abc",
        "Fri 1 Dec 2023, 18:00 UTC+01:00 (Europe/Prague)", comments);

    [Theory]
    [InlineData(DecisionOutcome.Accepted)]
    [InlineData(DecisionOutcome.Rejected)]
    [InlineData(DecisionOutcome.Waitlisted)]
    public void Every_default_letter_is_valid_liquid(DecisionOutcome outcome)
    {
        var template = DecisionTemplateDefaults.For(outcome);
        Assert.Null(LiquidText.Check(template.Subject));
        Assert.Null(LiquidText.Check(template.Body));
    }

    [Fact]
    public async Task The_acceptance_letter_says_what_to_do_and_carries_the_link_the_deadline_and_the_comments()
    {
        var template = DecisionTemplateDefaults.For(DecisionOutcome.Accepted);
        var mail = await LiquidText.RenderAsync(template.Subject, template.Body, Model(["Great talk, show the numbers."]));

        Assert.Equal("[Action required] Confirm your talk \"BPF tokens\" at LPC 2023", mail.Subject);
        Assert.Contains("Hello Daniel Borkmann,", mail.Body);
        Assert.Contains("https://rp.example/Talks/Confirm?token=abc", mail.Body);
        Assert.Contains("by Fri 1 Dec 2023, 18:00", mail.Body);
        Assert.Contains("Great talk, show the numbers.", mail.Body);
    }

    [Fact]
    public async Task Without_comments_the_letter_has_no_empty_comments_heading()
    {
        var template = DecisionTemplateDefaults.For(DecisionOutcome.Rejected);
        var mail = await LiquidText.RenderAsync(template.Subject, template.Body, Model([]));
        Assert.DoesNotContain("comments for you", mail.Body);
        Assert.Contains("\"BPF tokens\"", mail.Body);
    }

    [Fact]
    public void Broken_liquid_is_reported()
    {
        Assert.NotNull(LiquidText.Check("Hello {{ speaker.name "));
    }
}
