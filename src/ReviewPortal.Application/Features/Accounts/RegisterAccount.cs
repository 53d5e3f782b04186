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
/// </summary>
[AllowAnonymous]
public sealed record RegisterAccount(string Email, string Password, string DisplayName, string? Affiliation = null)
    : ICommand<Guid>;

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
    TimeProvider clock) : ICommandHandler<RegisterAccount, Guid>
{
    public async ValueTask<Guid> Handle(RegisterAccount command, CancellationToken cancellationToken)
    {
        var email = command.Email.Trim();
        var (userId, errors) = await identity.CreateUserAsync(email, command.Password, cancellationToken);
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
        return userId.Value;
    }
}
