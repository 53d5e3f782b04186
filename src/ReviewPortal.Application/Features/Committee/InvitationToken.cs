using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>
/// The secret in an invitation link: <c>inv_</c> and 32 random bytes in base64url, made like an API token
/// (<see cref="ApiTokens.ApiTokenSecret"/>). 256 random bits need no slow hash: the invitation stores SHA-256 of the
/// text in hex, so the database alone cannot accept an invitation.
/// </summary>
public static class InvitationToken
{
    public const string Prefix = "inv_";
    private const int SecretBytes = 32;
    private static readonly int TokenLength = Prefix.Length + Base64Url.GetEncodedLength(SecretBytes);

    public static string New() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Cheap shape check, so garbage never reaches the database.</summary>
    public static bool HasValidShape(string? token) =>
        token is not null
        && token.Length == TokenLength
        && token.StartsWith(Prefix, StringComparison.Ordinal)
        && Base64Url.IsValid(token.AsSpan(Prefix.Length));
}
