using System.Reflection;
using Mediator;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;

namespace ReviewPortal.Application.Common.Behaviours;

/// <summary>
/// Signed-in by default, site roles from <see cref="AuthorizeAttribute"/>. Resource rights (chair of this
/// track, speaker of this proposal) are decided in the handler, which has the data.
/// </summary>
public sealed class AuthorizationBehaviour<TMessage, TResponse>(ICurrentUser currentUser)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : IMessage
{
    private static readonly bool SystemOnly = typeof(TMessage).GetCustomAttribute<SystemCommandAttribute>() is not null;

    private static readonly bool AllowsAnonymous = typeof(TMessage).GetCustomAttribute<AllowAnonymousAttribute>() is not null;

    private static readonly string[][] RequiredRoles = typeof(TMessage).GetCustomAttributes<AuthorizeAttribute>()
        .Select(a => a.Roles.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        .Where(r => r.Length > 0)
        .ToArray();

    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        // The system itself (jobs, seeding) acts with full rights; system-only messages refuse everyone else.
        if (currentUser.IsSystem)
            return next(message, cancellationToken);
        if (SystemOnly)
            throw new ForbiddenAccessException();

        if (!AllowsAnonymous)
        {
            if (!currentUser.IsAuthenticated)
                throw new UnauthenticatedException();
            foreach (var anyOf in RequiredRoles)
            {
                if (!anyOf.Any(currentUser.IsInRole))
                    throw new ForbiddenAccessException();
            }
        }

        return next(message, cancellationToken);
    }
}
