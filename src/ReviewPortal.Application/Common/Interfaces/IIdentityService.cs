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

    /// <summary>Puts the account in a site role (creating the role if needed); false if it already was.</summary>
    Task<bool> AddToRoleAsync(Guid userId, string role);
}
