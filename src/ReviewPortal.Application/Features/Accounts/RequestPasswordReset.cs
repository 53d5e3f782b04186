using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Application.Common.Security;

namespace ReviewPortal.Application.Features.Accounts;

/// <summary>
/// Mails a password-reset link if a confirmed account has this address. The answer is the same either way,
/// so the form cannot be used to find out who has an account.
/// </summary>
[AllowAnonymous]
public sealed record RequestPasswordReset(string Email) : ICommand;

public sealed class RequestPasswordResetValidator : AbstractValidator<RequestPasswordReset>
{
    public RequestPasswordResetValidator() => RuleFor(x => x.Email).NotEmpty().WithName("Your e-mail address").MaximumLength(256).EmailAddress();
}

public sealed class RequestPasswordResetHandler(IIdentityService identity, IEmailOutbox outbox, ILinkBuilder links)
    : ICommandHandler<RequestPasswordReset>
{
    public async ValueTask<Unit> Handle(RequestPasswordReset command, CancellationToken cancellationToken)
    {
        var email = command.Email.Trim();
        var account = await identity.FindByEmailAsync(email);
        if (account is not { EmailConfirmed: true })
            return Unit.Value;

        var token = await identity.GeneratePasswordResetTokenAsync(account.Value.UserId);
        await outbox.EnqueueAsync("account.reset-password", email, null,
            new { Email = email, Link = links.ResetPassword(email, token) }, cancellationToken);
        return Unit.Value;
    }
}
