using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;

namespace ReviewPortal.Application.Features.Accounts;

/// <summary>Confirms an account's e-mail address with the token from the confirmation mail.</summary>
[AllowAnonymous]
public sealed record ConfirmEmail(Guid UserId, string Token) : ICommand<bool>;

public sealed class ConfirmEmailValidator : AbstractValidator<ConfirmEmail>
{
    public ConfirmEmailValidator()
    {
        RuleFor(x => x.UserId).NotEmpty();
        RuleFor(x => x.Token).NotEmpty();
    }
}

public sealed class ConfirmEmailHandler(IIdentityService identity) : ICommandHandler<ConfirmEmail, bool>
{
    public async ValueTask<bool> Handle(ConfirmEmail command, CancellationToken cancellationToken) =>
        await identity.ConfirmEmailAsync(command.UserId, command.Token);
}
