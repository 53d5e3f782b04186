using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Application.Features.Accounts;

/// <summary>Ends one of the signed-in person's sessions (e.g. a browser left signed in elsewhere); its cookie stops working.</summary>
public sealed record EndSession(Guid SessionId) : ICommand;

public sealed class EndSessionValidator : AbstractValidator<EndSession>
{
    public EndSessionValidator() => RuleFor(x => x.SessionId).NotEmpty();
}

public sealed class EndSessionHandler(IUserSessions sessions, ICurrentUser currentUser) : ICommandHandler<EndSession>
{
    public async ValueTask<Unit> Handle(EndSession command, CancellationToken cancellationToken)
    {
        // Someone else's session id is "not found", like one that never existed.
        if (!await sessions.EndAsync(currentUser.Id!.Value, command.SessionId, cancellationToken))
            throw NotFoundException.For("Session", command.SessionId);
        return Unit.Value;
    }
}
