using FluentValidation;
using Mediator;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Application.Features.Accounts;

/// <summary>Ends every session of the signed-in person except the one sending this; returns how many ended.</summary>
public sealed record EndOtherSessions : ICommand<int>;

public sealed class EndOtherSessionsValidator : AbstractValidator<EndOtherSessions>;

public sealed class EndOtherSessionsHandler(IUserSessions sessions, ICurrentUser currentUser) : ICommandHandler<EndOtherSessions, int>
{
    public async ValueTask<int> Handle(EndOtherSessions command, CancellationToken cancellationToken) =>
        await sessions.EndAllAsync(currentUser.Id!.Value, keep: sessions.CurrentSessionId, cancellationToken);
}
