using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Validation;

namespace ReviewPortal.Application.Common.Behaviours;

/// <summary>
/// Checks every message's shape and text (<see cref="MessageShape"/>: no control characters, no null elements), then runs
/// every FluentValidation validator of the message once; any failure stops the message with all its field errors together.
/// </summary>
public sealed class ValidationBehaviour<TMessage, TResponse>(IEnumerable<IValidator<TMessage>> validators)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    public async ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        var failures = MessageShape.Check(message, out var shapeBroken);

        // Validators may assume nested objects and list elements exist; with a null among them, the shape failures are the answer.
        if (!shapeBroken)
        {
            foreach (var validator in validators)
            {
                // A context per validator: FluentValidation accumulates failures on the context it is given.
                var result = await validator.ValidateAsync(new ValidationContext<TMessage>(message), cancellationToken);
                failures.AddRange(result.Errors);
            }
        }

        if (failures.Count > 0)
            throw Refusal.Of(failures);

        return await next(message, cancellationToken);
    }
}
