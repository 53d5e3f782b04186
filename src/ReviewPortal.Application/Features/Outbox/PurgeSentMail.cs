using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;

namespace ReviewPortal.Application.Features.Outbox;

/// <summary>
/// Retention for the outbox: deletes mail sent more than <paramref name="KeepFor"/> ago. Unsent mail is
/// never deleted here, whatever its age (it still needs an operator's attention).
/// </summary>
[SystemCommand]
public sealed record PurgeSentMail(TimeSpan KeepFor) : ICommand<int>;

public sealed class PurgeSentMailValidator : AbstractValidator<PurgeSentMail>
{
    public PurgeSentMailValidator() =>
        RuleFor(x => x.KeepFor).GreaterThanOrEqualTo(TimeSpan.FromDays(1)).WithMessage("Keep sent mail for at least one day.");
}

public sealed class PurgeSentMailHandler(IApplicationDbContext db, TimeProvider clock) : ICommandHandler<PurgeSentMail, int>
{
    public async ValueTask<int> Handle(PurgeSentMail command, CancellationToken cancellationToken)
    {
        var cutoff = clock.GetUtcNow() - command.KeepFor;
        return await db.OutboxMessages.Where(m => m.SentUtc != null && m.SentUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
