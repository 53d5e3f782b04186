using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.People;

namespace ReviewPortal.Application.Features.Accounts;

/// <summary>
/// Opening the link mailed to the new address moves the account there: sign-in name, account and profile address.
/// The old address is told. Proposals that name the new address as an invited co-speaker become the person's.
/// Anonymous, because the link may be opened in a browser that is not signed in.
/// </summary>
[AllowAnonymous]
public sealed record ConfirmEmailChange(Guid UserId, string NewEmail, string Token) : ICommand<bool>;

public sealed class ConfirmEmailChangeValidator : AbstractValidator<ConfirmEmailChange>
{
    public ConfirmEmailChangeValidator()
    {
        RuleFor(x => x.UserId).NotEmpty();
        RuleFor(x => x.NewEmail).NotEmpty().MaximumLength(256).EmailAddress();
        RuleFor(x => x.Token).NotEmpty();
    }
}

public sealed class ConfirmEmailChangeHandler(IApplicationDbContext db, IIdentityService identity, IEmailOutbox outbox)
    : ICommandHandler<ConfirmEmailChange, bool>
{
    public async ValueTask<bool> Handle(ConfirmEmailChange command, CancellationToken cancellationToken)
    {
        var person = await db.People.SingleOrDefaultAsync(p => p.Id == command.UserId, cancellationToken);
        if (person is null)
            return false;
        var newEmail = command.NewEmail.Trim();
        if (string.Equals(person.Email, newEmail, StringComparison.OrdinalIgnoreCase))
            return true; // the link opened twice: already done

        var errors = await identity.ChangeEmailAsync(command.UserId, newEmail, command.Token);
        if (errors.Count > 0)
            return false;

        var oldEmail = person.Email;
        person.Email = newEmail;
        foreach (var speaker in await db.SubmissionSpeakers.InvitedAs(newEmail).ToListAsync(cancellationToken))
            speaker.PersonId = person.Id;

        await outbox.EnqueueAsync("account.email-changed", oldEmail, person.DisplayName, new
        {
            person.DisplayName,
            OldEmail = oldEmail,
            NewEmail = newEmail,
        }, cancellationToken);
        return true;
    }
}
