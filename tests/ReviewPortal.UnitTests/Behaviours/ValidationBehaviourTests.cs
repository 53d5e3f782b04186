using FluentValidation;
using ReviewPortal.Application.Common.Behaviours;

namespace ReviewPortal.UnitTests.Behaviours;

public sealed class ValidationBehaviourTests
{
    private const string Handled = "handled";

    private readonly List<SignedInCommand> handled = [];

    private static InlineValidator<SignedInCommand> TitleRequired()
    {
        var validator = new InlineValidator<SignedInCommand>();
        validator.RuleFor(c => c.Title).NotEmpty().WithMessage("Give the talk a title.");
        return validator;
    }

    private static InlineValidator<SignedInCommand> DurationBetween5And60()
    {
        var validator = new InlineValidator<SignedInCommand>();
        validator.RuleFor(c => c.DurationMinutes).InclusiveBetween(5, 60);
        return validator;
    }

    private ValueTask<string> Send(SignedInCommand command, params IValidator<SignedInCommand>[] validators)
    {
        var behaviour = new ValidationBehaviour<SignedInCommand, string>(validators);
        return behaviour.Handle(
            command,
            (message, _) =>
            {
                handled.Add(message);
                return ValueTask.FromResult(Handled);
            },
            TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_valid_message_reaches_its_handler_unchanged()
    {
        var command = new SignedInCommand("BPF CO-RE", 30);

        var result = await Send(command, TitleRequired(), DurationBetween5And60());

        Assert.Equal(Handled, result);
        Assert.Same(command, Assert.Single(handled));
    }

    [Fact]
    public async Task A_message_without_validators_reaches_its_handler()
    {
        var result = await Send(new SignedInCommand(""));

        Assert.Equal(Handled, result);
        Assert.Single(handled);
    }

    [Fact]
    public async Task An_invalid_message_is_refused_with_the_field_and_its_message_and_the_handler_never_runs()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(
            async () => await Send(new SignedInCommand(Title: ""), TitleRequired()));

        var failure = Assert.Single(error.Errors);
        Assert.Equal(nameof(SignedInCommand.Title), failure.PropertyName);
        Assert.Equal("Give the talk a title.", failure.ErrorMessage);
        Assert.Empty(handled);
    }

    [Fact]
    public async Task Failures_from_every_validator_are_reported_together()
    {
        var error = await Assert.ThrowsAsync<ValidationException>(
            async () => await Send(new SignedInCommand(Title: "", DurationMinutes: 240), TitleRequired(), DurationBetween5And60()));

        var fields = error.Errors.Select(f => f.PropertyName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal([nameof(SignedInCommand.DurationMinutes), nameof(SignedInCommand.Title)], fields);
        Assert.Empty(handled);
    }

    [Fact]
    public async Task One_failing_validator_is_enough_to_stop_the_message()
    {
        await Assert.ThrowsAsync<ValidationException>(
            async () => await Send(new SignedInCommand(Title: "BPF CO-RE", DurationMinutes: 0), TitleRequired(), DurationBetween5And60()));

        Assert.Empty(handled);
    }

    [Fact]
    public async Task Asynchronous_rules_are_run()
    {
        var titleIsFree = new InlineValidator<SignedInCommand>();
        titleIsFree.RuleFor(c => c.Title)
            .MustAsync(async (title, ct) =>
            {
                await Task.Yield();
                return title != "Taken title";
            })
            .WithMessage("A proposal with this title exists.");

        var error = await Assert.ThrowsAsync<ValidationException>(
            async () => await Send(new SignedInCommand("Taken title"), titleIsFree));

        Assert.Equal(nameof(SignedInCommand.Title), Assert.Single(error.Errors).PropertyName);
        Assert.Empty(handled);

        Assert.Equal(Handled, await Send(new SignedInCommand("A free title"), titleIsFree));
    }
}
