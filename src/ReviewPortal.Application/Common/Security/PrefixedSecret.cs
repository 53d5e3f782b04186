using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace ReviewPortal.Application.Common.Security;

/// <summary>
/// A secret handed to a person (an API token, an invitation link): a recognisable prefix and 32 random bytes in
/// base64url. The prefix lets people and secret scanners tell what leaked. 256 random bits need no slow hash or
/// salt: SHA-256 of the text is what is stored and looked up, so the database alone cannot use it.
/// </summary>
public sealed class PrefixedSecret(string prefix)
{
    private const int SecretBytes = 32;
    private readonly int _length = prefix.Length + Base64Url.GetEncodedLength(SecretBytes);

    public string Prefix { get; } = prefix;

    public string New() => Prefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));

    public static byte[] Hash(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    public static string HashHex(string token) => Convert.ToHexStringLower(Hash(token));

    /// <summary>Cheap shape check, so garbage never reaches the database.</summary>
    public bool HasValidShape(string? token) =>
        token is not null
        && token.Length == _length
        && token.StartsWith(Prefix, StringComparison.Ordinal)
        && Base64Url.IsValid(token.AsSpan(Prefix.Length));
}
