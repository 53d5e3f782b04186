using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using System.Text;
using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.Infrastructure.Identity;

/// <summary>Account operations on ASP.NET Core Identity. Tokens are Base64Url-encoded so they survive a link.</summary>
internal sealed class IdentityService(UserManager<ApplicationUser> users, RoleManager<IdentityRole<Guid>> roles) : IIdentityService
{
    public async Task<(Guid? UserId, bool EmailTaken, IReadOnlyList<(string Field, string Message)> Errors)> CreateUserAsync(
        string email, string password, CancellationToken cancellationToken)
    {
        // UserManager checks and hashes the password before it looks for a duplicate: a taken address costs the same hash.
        var user = new ApplicationUser { Id = Guid.CreateVersion7(), UserName = email, Email = email };
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded)
            return (user.Id, false, []);
        var taken = result.Errors.Any(e => e.Code is "DuplicateEmail" or "DuplicateUserName");
        return (null, taken, ToFieldErrors(result).Where(e => !taken || e.Field != "Email").ToList());
    }

    public async Task<string> GenerateEmailConfirmationTokenAsync(Guid userId)
    {
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException($"No account {userId}.");
        return Encode(await users.GenerateEmailConfirmationTokenAsync(user));
    }

    public async Task<bool> ConfirmEmailAsync(Guid userId, string token)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || Decode(token) is not { } decoded)
            return false;
        return (await users.ConfirmEmailAsync(user, decoded)).Succeeded;
    }

    public async Task<(Guid UserId, bool EmailConfirmed)?> FindByEmailAsync(string email)
    {
        var user = await users.FindByEmailAsync(email);
        return user is null ? null : (user.Id, user.EmailConfirmed);
    }

    public async Task<string> GeneratePasswordResetTokenAsync(Guid userId)
    {
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException($"No account {userId}.");
        return Encode(await users.GeneratePasswordResetTokenAsync(user));
    }

    public async Task<IReadOnlyList<(string Field, string Message)>> ResetPasswordAsync(Guid userId, string token, string newPassword)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || Decode(token) is not { } decoded)
            return [("Token", "This reset link is invalid or has expired. Ask for a new one.")];
        var result = await users.ResetPasswordAsync(user, decoded, newPassword);
        if (result.Succeeded)
        {
            // A successful reset also ends a lockout: the owner has proved control of the mailbox.
            await users.SetLockoutEndDateAsync(user, null);
            await users.ResetAccessFailedCountAsync(user);
        }

        return ToFieldErrors(result);
    }

    public async Task<IReadOnlyList<(string Field, string Message)>> ChangePasswordAsync(Guid userId, string currentPassword, string newPassword)
    {
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException($"No account {userId}.");
        var result = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        return result.Errors
            .Select(e => e.Code == "PasswordMismatch" ? ("CurrentPassword", "Your current password is not right.") : (FieldOf(e.Code), e.Description))
            .ToList();
    }

    public async Task<bool> CheckPasswordAsync(Guid userId, string password)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        return user is not null && await users.CheckPasswordAsync(user, password);
    }

    public async Task<string> GenerateChangeEmailTokenAsync(Guid userId, string newEmail)
    {
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException($"No account {userId}.");
        return Encode(await users.GenerateChangeEmailTokenAsync(user, newEmail));
    }

    public async Task<IReadOnlyList<(string Field, string Message)>> ChangeEmailAsync(Guid userId, string newEmail, string token)
    {
        var user = await users.FindByIdAsync(userId.ToString());
        if (user is null || Decode(token) is not { } decoded)
            return [("Token", "This link is invalid or has expired.")];
        var result = await users.ChangeEmailAsync(user, newEmail, decoded);
        if (result.Succeeded)
            result = await users.SetUserNameAsync(user, newEmail); // the sign-in name is the address
        return result.Succeeded ? [] : ToFieldErrors(result);
    }

    public async Task<bool> AddToRoleAsync(Guid userId, string role)
    {
        if (!await roles.RoleExistsAsync(role))
            await roles.CreateAsync(new IdentityRole<Guid>(role) { Id = Guid.CreateVersion7() });
        var user = await users.FindByIdAsync(userId.ToString()) ?? throw new InvalidOperationException($"No account {userId}.");
        if (await users.IsInRoleAsync(user, role))
            return false;
        var result = await users.AddToRoleAsync(user, role);
        return result.Succeeded ? true : throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private static string? Decode(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static List<(string Field, string Message)> ToFieldErrors(IdentityResult result) =>
        result.Errors
            .Where(e => e.Code != "DuplicateUserName") // the user name is the e-mail: "e-mail taken" says it once
            .Select(e => (FieldOf(e.Code), e.Description)).ToList();

    private static string FieldOf(string code) => code switch
    {
        _ when code.StartsWith("Password", StringComparison.Ordinal) => "Password",
        "DuplicateUserName" or "DuplicateEmail" or "InvalidEmail" or "InvalidUserName" => "Email",
        "InvalidToken" => "Token",
        _ => "",
    };
}
