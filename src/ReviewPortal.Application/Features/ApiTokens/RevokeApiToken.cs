using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Domain.People;

namespace ReviewPortal.Application.Features.ApiTokens;

/// <summary>
/// The signed-in person revokes one of their API tokens; it is refused from the next request on. Allowed with a
/// token too (a script may revoke itself). Someone else's token is 404, so ids cannot be probed.
/// </summary>
public sealed record RevokeApiToken(Guid Id) : ICommand;

public sealed class RevokeApiTokenValidator : AbstractValidator<RevokeApiToken>
{
    public RevokeApiTokenValidator() => RuleFor(x => x.Id).NotEmpty();
}

public sealed class RevokeApiTokenHandler(IApplicationDbContext db, ICurrentUser currentUser, AuditTrail audit) : ICommandHandler<RevokeApiToken>
{
    public async ValueTask<Unit> Handle(RevokeApiToken command, CancellationToken cancellationToken)
    {
        var owner = currentUser.Id!.Value;
        var token = await db.ApiTokens.SingleOrDefaultAsync(t => t.Id == command.Id && t.PersonId == owner, cancellationToken)
            ?? throw NotFoundException.For("API token", command.Id);
        db.ApiTokens.Remove(token);
        audit.Record("api-token.revoked", nameof(ApiToken), token.Id, new { token.Name });
        return Unit.Value;
    }
}
