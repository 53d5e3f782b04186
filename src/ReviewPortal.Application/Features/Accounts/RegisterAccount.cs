using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Mail;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.People;
using ReviewPortal.Domain.People;

namespace ReviewPortal.Application.Features.Accounts;

/// <summary>
/// Creates an unconfirmed account and its profile, and queues the confirmation mail in the same transaction.
/// Proposals that already name this e-mail as a co-speaker become visible to the new account.
/// An address that already has an account gets the same answer (no "already taken": that would tell anyone who
/// has an account); its owner is mailed instead, with a way to sign in, reset the password or confirm.
/// </summary>
[AllowAnonymous]
public sealed record RegisterAccount(string Email, string Password, string DisplayName, string? Affiliation = null)
    : ICommand;

public sealed class RegisterAccountValidator : AbstractValidator<RegisterAccount>
{
    public RegisterAccountValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithName("Your e-mail address").MaximumLength(256).EmailAddress();
        RuleFor(x => x.DisplayName).NotEmpty().WithName("Your name").MaximumLength(100);
        RuleFor(x => x.Affiliation).MaximumLength(200).WithName("Your affiliation");
        RuleFor(x => x.Password).NotEmpty().WithName("The password").MinimumLength(10).MaximumLength(128);
    }
}

public sealed class RegisterAccountHandler(
    IApplicationDbContext db,
    IIdentityService identity,
    IEmailOutbox outbox,
    ILinkBuilder links,
    TimeProvider clock) : ICommandHandler<RegisterAccount>
{
    public async ValueTask<Unit> Handle(RegisterAccount command, CancellationToken cancellationToken)
    {
        var email = command.Email.Trim();
        var (userId, taken, errors) = await identity.CreateUserAsync(email, command.Password, cancellationToken);
        if (taken)
        {
            await TellOwnerAsync(email, cancellationToken);
            return Unit.Value;
        }

        if (userId is null)
            throw new ValidationException(errors.Select(e => new FluentValidation.Results.ValidationFailure(e.Field, e.Message)));

        db.People.Add(new Person
        {
            Id = userId.Value,
            DisplayName = command.DisplayName.Trim(),
            Email = email,
            Affiliation = string.IsNullOrWhiteSpace(command.Affiliation) ? null : command.Affiliation.Trim(),
            CreatedUtc = clock.GetUtcNow(),
        });

        // Co-speakers invited before they had an account see their proposals once they register.
        var invited = await db.SubmissionSpeakers.InvitedAs(email).ToListAsync(cancellationToken);
        foreach (var speaker in invited)
            speaker.PersonId = userId;

        var token = await identity.GenerateEmailConfirmationTokenAsync(userId.Value);
        await outbox.EnqueueAsync("account.confirm-email", email, command.DisplayName,
            new { command.DisplayName, Link = links.ConfirmEmail(userId.Value, token) }, cancellationToken);
        return Unit.Value;
    }

    private async Task TellOwnerAsync(string email, CancellationToken cancellationToken)
    {
        var account = await identity.FindByEmailAsync(email)
            ?? throw new InvalidOperationException("The address was taken a moment ago and is not now.");
        var owner = await db.People.AsNoTracking().Where(p => p.Id == account.UserId).Select(p => p.DisplayName).SingleOrDefaultAsync(cancellationToken);
        var confirmLink = account.EmailConfirmed
            ? null
            : links.ConfirmEmail(account.UserId, await identity.GenerateEmailConfirmationTokenAsync(account.UserId));
        await outbox.EnqueueAsync("account.register-attempt", email, owner, new
        {
            DisplayName = owner ?? email,
            Email = email,
            Confirmed = account.EmailConfirmed,
            SignInLink = links.SignIn(),
            ForgotPasswordLink = links.ForgotPassword(),
            ConfirmLink = confirmLink,
        }, cancellationToken);
    }
}
