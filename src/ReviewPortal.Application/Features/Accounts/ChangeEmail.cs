using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;

namespace ReviewPortal.Application.Features.Accounts;

/// <summary>
/// The signed-in person asks to move their account to a new address (with their password, so a borrowed session
/// cannot take the account). Nothing changes yet: a confirmation link goes to the new address
/// (<see cref="ConfirmEmailChange"/>). An address that already has an account gets the same answer and no mail.
/// </summary>
public sealed record ChangeEmail(string NewEmail, string CurrentPassword) : ICommand;

public sealed class ChangeEmailValidator : AbstractValidator<ChangeEmail>
{
    public ChangeEmailValidator(IIdentityService identity, ICurrentUser currentUser)
    {
        RuleFor(x => x.NewEmail).NotEmpty().WithMessage("Enter the new e-mail address.")
            .MaximumLength(256).EmailAddress().WithMessage("This is not an e-mail address.");
        RuleFor(x => x.CurrentPassword).NotEmpty().WithMessage("Enter your password.")
            .MustAsync(async (password, _) => currentUser.Id is not { } id || await identity.CheckPasswordAsync(id, password))
            .WithMessage("Your password is not right.");
    }
}

public sealed class ChangeEmailHandler(IApplicationDbContext db, IIdentityService identity, IEmailOutbox outbox, ILinkBuilder links, ICurrentUser currentUser)
    : ICommandHandler<ChangeEmail>
{
    public async ValueTask<Unit> Handle(ChangeEmail command, CancellationToken cancellationToken)
    {
        var userId = currentUser.Id!.Value;
        var newEmail = command.NewEmail.Trim();
        var person = await db.People.AsNoTracking().SingleAsync(p => p.Id == userId, cancellationToken);
        if (string.Equals(person.Email, newEmail, StringComparison.OrdinalIgnoreCase))
            throw new ValidationException([new ValidationFailure(nameof(ChangeEmail.NewEmail), "This is already your address.")]);
        if (await identity.FindByEmailAsync(newEmail) is not null)
            return Unit.Value; // taken: the confirmation would fail anyway, and the answer must not say so

        var token = await identity.GenerateChangeEmailTokenAsync(userId, newEmail);
        await outbox.EnqueueAsync("account.change-email", newEmail, person.DisplayName, new
        {
            person.DisplayName,
            OldEmail = person.Email,
            NewEmail = newEmail,
            Link = links.ConfirmEmailChange(userId, newEmail, token),
        }, cancellationToken);
        return Unit.Value;
    }
}
