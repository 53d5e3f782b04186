using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Application.Features.People;

/// <summary>The signed-in person edits their profile (the e-mail comes from the account and is not edited here).</summary>
public sealed record UpdateMyProfile(string DisplayName, string? Affiliation, string? Bio) : ICommand;

public sealed class UpdateMyProfileValidator : AbstractValidator<UpdateMyProfile>
{
    public UpdateMyProfileValidator()
    {
        RuleFor(x => x.DisplayName).NotEmpty().WithMessage("Give your name.").MaximumLength(100).WithName("Your name");
        RuleFor(x => x.Affiliation).MaximumLength(200).WithName("Your affiliation");
        RuleFor(x => x.Bio).MaximumLength(2_000).WithName("Your bio");
    }
}

public sealed class UpdateMyProfileHandler(IApplicationDbContext db, ICurrentUser currentUser) : ICommandHandler<UpdateMyProfile>
{
    public async ValueTask<Unit> Handle(UpdateMyProfile command, CancellationToken cancellationToken)
    {
        var id = currentUser.Id!.Value;
        var person = await db.People.SingleAsync(p => p.Id == id, cancellationToken);
        person.DisplayName = command.DisplayName.Trim();
        person.Affiliation = string.IsNullOrWhiteSpace(command.Affiliation) ? null : command.Affiliation.Trim();
        person.Bio = string.IsNullOrWhiteSpace(command.Bio) ? null : command.Bio.Trim();
        return Unit.Value;
    }
}
