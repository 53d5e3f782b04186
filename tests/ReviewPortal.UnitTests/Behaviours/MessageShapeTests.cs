using FluentValidation;
using ReviewPortal.Application.Common.Behaviours;
using ReviewPortal.Application.Common.Validation;
using ReviewPortal.Application.Features.Proposals;
using ReviewPortal.Application.Features.Tracks;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.UnitTests.Behaviours;

public sealed class MessageShapeTests
{
    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u0007")]
    [InlineData("\u001b")]
    [InlineData("\u007f")]
    [InlineData("\u0085")]
    [InlineData("\u009f")]
    public void Control_characters_are_control_characters(string text) =>
        Assert.True(TextRules.HasControlCharacters(text));

    [Fact]
    public void Half_a_surrogate_pair_counts_as_a_control_character_but_a_whole_one_does_not()
    {
        // Built from chars: xUnit's serialisation of attribute data would mend a lone surrogate.
        Assert.True(TextRules.HasControlCharacters(new string(['a', '\ud800'])));
        Assert.True(TextRules.HasControlCharacters(new string(['\udc00', 'b'])));
        Assert.True(TextRules.HasControlCharacters(new string(['\ud800', '\ud800', '\udc00'])));
        Assert.False(TextRules.HasControlCharacters(new string(['\ud83d', '\ude80'])));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Tabs\tand\r\nline breaks")]
    [InlineData("Ünïcödé — “quotes” 🚀 日本語")]
    public void Ordinary_text_has_none(string text) => Assert.False(TextRules.HasControlCharacters(text));

    [Fact]
    public void Every_string_at_any_depth_is_checked_and_reported_by_its_path()
    {
        var document = new ProposalsDocument
        {
            Format = ProposalsDocument.FormatName,
            Proposals =
            [
                new ProposalRecord { Title = "ok", Speakers = [new SpeakerRecord("Ada")] },
                new ProposalRecord { Title = "bad\u0000", Topics = ["x", "y\u0001"], Speakers = [new SpeakerRecord("Ada", Affiliation: "\u001b")] },
            ],
        };

        var failures = MessageShape.Check(new ImportProposals(Guid.NewGuid(), document), out var shapeBroken);

        Assert.False(shapeBroken);
        Assert.Equal(
            ["Document.Proposals[1].Speakers[0].Affiliation", "Document.Proposals[1].Title", "Document.Proposals[1].Topics[1]"],
            failures.Select(f => f.PropertyName).Order(StringComparer.Ordinal));
        Assert.Equal("Title must not contain control characters (such as NUL or escape codes).",
            failures.Single(f => f.PropertyName.EndsWith("Title", StringComparison.Ordinal)).ErrorMessage);
    }

    [Fact]
    public void Null_list_elements_and_missing_nested_objects_break_the_shape_but_null_strings_are_left_to_validators()
    {
        var command = new CreateProposal(Guid.NewGuid(), null!, "A", null, [null!], [null!, new CoSpeakerInput("N", null!, null)], false);

        var failures = MessageShape.Check(command, out var shapeBroken);

        Assert.True(shapeBroken);
        Assert.Equal(["CoSpeakers[0]", "Topics[0]"], failures.Select(f => f.PropertyName).Order(StringComparer.Ordinal));

        var update = new UpdateTrack(Guid.NewGuid(), 1, null!);
        Assert.Equal("Settings", Assert.Single(MessageShape.Check(update, out var broken)).PropertyName);
        Assert.True(broken);
    }

    [Fact]
    public void A_nullable_list_may_be_missing()
    {
        var settings = new TrackSettings("T", null, 30, DateTime.Now, DateTime.Now, DateTime.Now, 3, null, 3, BlindMode.None);
        Assert.Empty(MessageShape.Check(new UpdateTrack(Guid.NewGuid(), 1, settings), out _));
    }

    /// <summary>The proposal's field rules (the real validator adds the track's rules, which need the database).</summary>
    private static InlineValidator<CreateProposal> FieldRules()
    {
        var validator = new InlineValidator<CreateProposal>();
        validator.Include(new ProposalFieldsValidator());
        return validator;
    }

    [Fact]
    public async Task With_a_broken_shape_the_validators_do_not_run_so_they_cannot_crash_on_it()
    {
        var behaviour = new ValidationBehaviour<CreateProposal, Guid>([FieldRules()]);
        var command = new CreateProposal(Guid.NewGuid(), "Title", "Abstract", null, null, [null!], false);

        var refused = await Assert.ThrowsAsync<ValidationException>(async () =>
            await behaviour.Handle(command, (_, _) => ValueTask.FromResult(Guid.Empty), TestContext.Current.CancellationToken));

        Assert.Equal("CoSpeakers[0]", Assert.Single(refused.Errors).PropertyName);
        Assert.DoesNotContain("Validation failed", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_co_speaker_without_an_email_gets_the_validators_message_not_a_crash()
    {
        var behaviour = new ValidationBehaviour<CreateProposal, Guid>([FieldRules()]);
        var command = new CreateProposal(Guid.NewGuid(), "Title", "Abstract", null, null, [new CoSpeakerInput("No Mail", null!, null)], false);

        var refused = await Assert.ThrowsAsync<ValidationException>(async () =>
            await behaviour.Handle(command, (_, _) => ValueTask.FromResult(Guid.Empty), TestContext.Current.CancellationToken));

        var failure = Assert.Single(refused.Errors);
        Assert.Equal("CoSpeakers[0].Email", failure.PropertyName);
        Assert.Equal("Give the co-speaker's e-mail address.", failure.ErrorMessage);
    }
}
