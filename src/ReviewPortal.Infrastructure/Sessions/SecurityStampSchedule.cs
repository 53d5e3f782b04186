using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ReviewPortal.Infrastructure.Sessions;

/// <summary>
/// Identity checks the security stamp of a cookie at most every <see cref="SecurityStampValidatorOptions.ValidationInterval"/>
/// (30 minutes), but to find out that it is not due yet it builds the validator, and with it SignInManager, UserManager,
/// the user store (a database context) and every token provider, on every signed-in request. This asks the same
/// question first, the same way (ticket issued, the validator's clock, "more than the interval ago") and calls
/// Identity's validator only when the check is due, so the outcome is Identity's own.
/// </summary>
internal static class SecurityStampSchedule
{
    public static void ValidateOnlyWhenDue(CookieAuthenticationOptions cookie, SecurityStampValidatorOptions stamps)
    {
        var validate = cookie.Events.OnValidatePrincipal;
        // Only Identity's own validator is known to do nothing between its intervals; anything else runs as it is.
        if (validate != (Func<CookieValidatePrincipalContext, Task>)SecurityStampValidator.ValidatePrincipalAsync)
            return;
        cookie.Events.OnValidatePrincipal = context => IsDue(context, stamps) ? validate(context) : Task.CompletedTask;
    }

    // SecurityStampValidator<TUser>.ValidateAsync: validate when there is no issue time or more than the interval has passed.
    private static bool IsDue(CookieValidatePrincipalContext context, SecurityStampValidatorOptions stamps) =>
        context.Properties.IssuedUtc is not { } issued
        || (stamps.TimeProvider ?? TimeProvider.System).GetUtcNow() - issued > stamps.ValidationInterval;
}
