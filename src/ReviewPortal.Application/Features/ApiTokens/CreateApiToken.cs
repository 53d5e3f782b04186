using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.People;

namespace ReviewPortal.Application.Features.ApiTokens;

/// <summary>
/// The signed-in person creates a named personal API token. Only with the sign-in session, not with another
/// token: a leaked token must not be able to mint successors that outlive its revocation (ADR 0009).
/// </summary>
public sealed record CreateApiToken(string Name, int ExpiresInDays = CreateApiToken.DefaultExpiresInDays) : ICommand<CreatedApiToken>
{
    public const int DefaultExpiresInDays = 90;
    public const int MaxExpiresInDays = 365;
    public const int MaxNameLength = 100;
}

/// <summary>The token text is returned here once and never again (only its hash is stored).</summary>
public sealed record CreatedApiToken(Guid Id, string Token);

public sealed class CreateApiTokenValidator : AbstractValidator<CreateApiToken>
{
    public CreateApiTokenValidator()
    {
        RuleFor(x => x.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Give the token a name, so you can tell it from others later.")
            .Must(n => n.Trim().Length > 0).WithMessage("Give the token a name, so you can tell it from others later.")
            .MaximumLength(CreateApiToken.MaxNameLength).WithMessage($"The name can be at most {CreateApiToken.MaxNameLength} characters long.")
            .Must(n => !n.Any(char.IsControl)).WithMessage("The name must not contain control characters (such as line breaks).");
        RuleFor(x => x.ExpiresInDays).InclusiveBetween(1, CreateApiToken.MaxExpiresInDays)
            .WithMessage($"A token expires after 1 to {CreateApiToken.MaxExpiresInDays} days.");
    }
}

public sealed class CreateApiTokenHandler(IApplicationDbContext db, ICurrentUser currentUser, TimeProvider clock, AuditTrail audit)
    : ICommandHandler<CreateApiToken, CreatedApiToken>
{
    public ValueTask<CreatedApiToken> Handle(CreateApiToken command, CancellationToken cancellationToken)
    {
        if (currentUser.ViaApiToken)
            throw new ForbiddenAccessException("API tokens can be created only while signed in (on the profile page, or with the sign-in cookie), not with another API token.");

        var now = clock.GetUtcNow();
        var text = ApiTokenSecret.New();
        var token = new ApiToken
        {
            PersonId = currentUser.Id!.Value,
            Name = command.Name.Trim(),
            SecretHash = ApiTokenSecret.Hash(text),
            CreatedUtc = now,
            ExpiresUtc = now.AddDays(command.ExpiresInDays),
        };
        db.ApiTokens.Add(token);
        audit.Record("api-token.created", nameof(ApiToken), token.Id, new { token.Name, token.ExpiresUtc });
        return ValueTask.FromResult(new CreatedApiToken(token.Id, text));
    }
}
