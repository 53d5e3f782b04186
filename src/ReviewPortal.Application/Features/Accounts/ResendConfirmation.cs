using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Application.Common.Security;

namespace ReviewPortal.Application.Features.Accounts;

/// <summary>
/// Mails a new confirmation link if an unconfirmed account has this address. The answer is the same for any
/// address (unknown, unconfirmed or confirmed), so the form does not tell who has an account.
/// </summary>
[AllowAnonymous]
public sealed record ResendConfirmation(string Email) : ICommand;

public sealed class ResendConfirmationValidator : AbstractValidator<ResendConfirmation>
{
    public ResendConfirmationValidator() => RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your e-mail address.").MaximumLength(256).EmailAddress();
}

public sealed class ResendConfirmationHandler(IApplicationDbContext db, IIdentityService identity, IEmailOutbox outbox, ILinkBuilder links)
    : ICommandHandler<ResendConfirmation>
{
    public async ValueTask<Unit> Handle(ResendConfirmation command, CancellationToken cancellationToken)
    {
        var email = command.Email.Trim();
        if (await identity.FindByEmailAsync(email) is not { EmailConfirmed: false } account)
            return Unit.Value;

        var name = await db.People.AsNoTracking().Where(p => p.Id == account.UserId).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken);
        var token = await identity.GenerateEmailConfirmationTokenAsync(account.UserId);
        await outbox.EnqueueAsync("account.confirm-email", email, name,
            new { DisplayName = name ?? email, Link = links.ConfirmEmail(account.UserId, token) }, cancellationToken);
        return Unit.Value;
    }
}
