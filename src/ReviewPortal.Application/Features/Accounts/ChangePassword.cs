using FluentValidation;
using FluentValidation.Results;
using Mediator;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Application.Features.Accounts;

/// <summary>
/// The signed-in person changes their password (current one, new one twice). Every other session of the account
/// ends; the one making the change stays signed in (the page renews its cookie, whose security stamp changed).
/// </summary>
public sealed record ChangePassword(string CurrentPassword, string NewPassword, string ConfirmPassword) : ICommand<int>;

public sealed class ChangePasswordValidator : AbstractValidator<ChangePassword>
{
    public ChangePasswordValidator(IIdentityService identity, ICurrentUser currentUser)
    {
        // Checked here, not only by the handler, so a first submit shows every field's error at once.
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("Enter your current password.")
            .MustAsync(async (password, _) => currentUser.Id is not { } id || await identity.CheckPasswordAsync(id, password))
            .WithMessage("Your current password is not right.");
        RuleFor(x => x.NewPassword).NotEmpty().WithMessage("Choose a new password.")
            .MinimumLength(10).WithMessage("The new password needs at least 10 characters.")
            .MaximumLength(128);
        RuleFor(x => x.ConfirmPassword).Equal(x => x.NewPassword).WithMessage("The passwords do not match.");
    }
}

/// <returns>How many other sessions were ended.</returns>
public sealed class ChangePasswordHandler(IIdentityService identity, IUserSessions sessions, ICurrentUser currentUser)
    : ICommandHandler<ChangePassword, int>
{
    public async ValueTask<int> Handle(ChangePassword command, CancellationToken cancellationToken)
    {
        var userId = currentUser.Id!.Value;
        var errors = await identity.ChangePasswordAsync(userId, command.CurrentPassword, command.NewPassword);
        if (errors.Count > 0)
            throw new ValidationException(errors.Select(e => new ValidationFailure(e.Field == "Password" ? "NewPassword" : e.Field, e.Message)));
        return await sessions.EndAllAsync(userId, keep: sessions.CurrentSessionId, cancellationToken);
    }
}
