using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ReviewPortal.Infrastructure.Identity;

/// <summary>
/// Identity's sign-in, changed so its answer does not tell who has an account:
/// an unknown address costs one password hash, like a wrong password (Identity answers it at once), and
/// "not allowed" (e-mail not confirmed) is answered only after the right password (Identity checks it first,
/// so any password revealed that the address is registered). Lockout is still checked first: a locked account
/// must not let anyone test passwords.
/// </summary>
public sealed class EnumerationSafeSignInManager(
    UserManager<ApplicationUser> users,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ApplicationUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ApplicationUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ApplicationUser> confirmation)
    : SignInManager<ApplicationUser>(users, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    private static readonly ApplicationUser Nobody = new();
    private string? _dummyHash;

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        if (user is not null)
            return await PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure);

        // Hashed with the configured hasher and its current settings, so the check costs what a real one does.
        _dummyHash ??= UserManager.PasswordHasher.HashPassword(Nobody, "no account has this password " + Guid.NewGuid());
        UserManager.PasswordHasher.VerifyHashedPassword(Nobody, _dummyHash, password);
        return SignInResult.Failed;
    }

    public override async Task<SignInResult> CheckPasswordSignInAsync(ApplicationUser user, string password, bool lockoutOnFailure)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (UserManager.SupportsUserLockout && await UserManager.IsLockedOutAsync(user))
            return await LockedOut(user);

        if (!await UserManager.CheckPasswordAsync(user, password))
        {
            if (UserManager.SupportsUserLockout && lockoutOnFailure)
            {
                await UserManager.AccessFailedAsync(user);
                if (await UserManager.IsLockedOutAsync(user))
                    return await LockedOut(user);
            }

            return SignInResult.Failed;
        }

        if (!await CanSignInAsync(user))
            return SignInResult.NotAllowed;
        if (UserManager.SupportsUserLockout)
            await ResetLockout(user);
        return SignInResult.Success;
    }
}
