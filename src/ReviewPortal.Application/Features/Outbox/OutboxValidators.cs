using FluentValidation;

namespace ReviewPortal.Application.Features.Outbox;

public sealed class DeliverOutboxMessageValidator : AbstractValidator<DeliverOutboxMessage>
{
    public DeliverOutboxMessageValidator()
    {
        RuleFor(x => x.OutboxMessageId).NotEmpty();
        RuleFor(x => x.AttemptTimeout).GreaterThan(TimeSpan.Zero).When(x => x.AttemptTimeout is not null);
    }
}

public sealed class RequeueUndeliveredMailValidator : AbstractValidator<RequeueUndeliveredMail>
{
    public RequeueUndeliveredMailValidator()
    {
        RuleFor(x => x.OlderThan).GreaterThan(TimeSpan.Zero);
        RuleFor(x => x.AttemptTimeout).GreaterThan(TimeSpan.Zero);
    }
}
