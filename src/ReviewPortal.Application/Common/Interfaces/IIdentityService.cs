namespace ReviewPortal.Application.Common.Interfaces;

/// <summary>Account operations backed by ASP.NET Core Identity (in Infrastructure).</summary>
public interface IIdentityService
{
    /// <summary>
    /// Creates an unconfirmed account; returns its id, or field errors (e.g. "Password", "Email"). When the address
    /// already has an account, <c>EmailTaken</c> is true and nothing is created (the password is hashed either way,
    /// so both answers cost the same).
    /// </summary>
    Task<(Guid? UserId, bool EmailTaken, IReadOnlyList<(string Field, string Message)> Errors)> CreateUserAsync(
        string email, string password, CancellationToken cancellationToken);

    Task<string> GenerateEmailConfirmationTokenAsync(Guid userId);

    Task<bool> ConfirmEmailAsync(Guid userId, string token);

    Task<(Guid UserId, bool EmailConfirmed)?> FindByEmailAsync(string email);

    Task<string> GeneratePasswordResetTokenAsync(Guid userId);

    Task<IReadOnlyList<(string Field, string Message)>> ResetPasswordAsync(Guid userId, string token, string newPassword);

    /// <summary>Changes the password given the current one; a wrong current password is an error on "CurrentPassword".</summary>
    Task<IReadOnlyList<(string Field, string Message)>> ChangePasswordAsync(Guid userId, string currentPassword, string newPassword);

    Task<bool> CheckPasswordAsync(Guid userId, string password);

    /// <summary>A token that confirms this account's move to <paramref name="newEmail"/> (and only that address).</summary>
    Task<string> GenerateChangeEmailTokenAsync(Guid userId, string newEmail);

    /// <summary>Moves the account (sign-in name and address) to <paramref name="newEmail"/>, confirmed; field errors if not.</summary>
    Task<IReadOnlyList<(string Field, string Message)>> ChangeEmailAsync(Guid userId, string newEmail, string token);

    /// <summary>Puts the account in a site role (creating the role if needed); false if it already was.</summary>
    Task<bool> AddToRoleAsync(Guid userId, string role);
}
