using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ReviewPortal.Application.Features.ApiTokens;

/// <summary>
/// The text of a personal API token: <c>rp_</c> and 32 random bytes in base64url (43 characters). The prefix
/// lets people and secret scanners recognise a leaked token. 256 random bits need no slow hash or salt:
/// SHA-256 of the text is what is stored and looked up.
/// </summary>
public static class ApiTokenSecret
{
    public const string Prefix = "rp_";
    private const int SecretBytes = 32;
    private static readonly int TokenLength = Prefix.Length + Base64Url.GetEncodedLength(SecretBytes);

    public static string New() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Cheap shape check, so garbage never reaches the database.</summary>
    public static bool HasValidShape(string token) =>
        token.Length == TokenLength
        && token.StartsWith(Prefix, StringComparison.Ordinal)
        && Base64Url.IsValid(token.AsSpan(Prefix.Length));
}
