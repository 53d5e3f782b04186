using FluentValidation;
using FluentValidation.Results;
using Mediator;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;

namespace ReviewPortal.Application.Features.Accounts;

/// <summary>
/// Sets a new password with the token from the reset mail, and ends every session of the account: whoever knew
/// the old password (or held a cookie) is signed out everywhere.
/// </summary>
[AllowAnonymous]
public sealed record ResetPassword(string Email, string Token, string NewPassword, string ConfirmPassword) : ICommand;

public sealed class ResetPasswordValidator : AbstractValidator<ResetPassword>
{
    public ResetPasswordValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithName("Your e-mail address").EmailAddress();
        RuleFor(x => x.Token).NotEmpty().WithMessage("This reset link is incomplete; use the link from the mail as it is.");
        RuleFor(x => x.NewPassword).NotEmpty().WithName("The new password").MinimumLength(10).MaximumLength(128);
        RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword).WithMessage("The passwords do not match.");
    }
}

public sealed class ResetPasswordHandler(IIdentityService identity, IUserSessions sessions) : ICommandHandler<ResetPassword>
{
    public async ValueTask<Unit> Handle(ResetPassword command, CancellationToken cancellationToken)
    {
        var account = await identity.FindByEmailAsync(command.Email.Trim());
        // An unknown address gets the same answer as a bad token: nothing to learn from the form.
        var errors = account is null
            ? [("Token", "This reset link is invalid or has expired. Ask for a new one.")]
            : await identity.ResetPasswordAsync(account.Value.UserId, command.Token, command.NewPassword);
        if (errors.Count > 0)
            throw new ValidationException(errors.Select(e => new ValidationFailure(e.Field == "Password" ? "NewPassword" : e.Field, e.Message)));

        await sessions.EndAllAsync(account!.Value.UserId, keep: null, cancellationToken);
        return Unit.Value;
    }
}
