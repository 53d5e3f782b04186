using ReviewPortal.Application.Common.Security;

namespace ReviewPortal.Application.Features.ApiTokens;

/// <summary>
/// The text of a personal API token: <c>rp_</c> and 32 random bytes in base64url (43 characters), see
/// <see cref="PrefixedSecret"/>. SHA-256 of the text is what is stored and looked up.
/// </summary>
public static class ApiTokenSecret
{
    private static readonly PrefixedSecret Secret = new("rp_");

    public static string Prefix => Secret.Prefix;

    public static string New() => Secret.New();

    public static byte[] Hash(string token) => PrefixedSecret.Hash(token);

    public static bool HasValidShape(string token) => Secret.HasValidShape(token);
}
