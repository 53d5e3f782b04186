using ReviewPortal.Application.Common.Security;

namespace ReviewPortal.Application.Features.Committee;

/// <summary>
/// The secret in an invitation link: <c>inv_</c> and 32 random bytes (<see cref="PrefixedSecret"/>, like an API
/// token). The invitation stores SHA-256 of the text in hex.
/// </summary>
public static class InvitationToken
{
    private static readonly PrefixedSecret Secret = new("inv_");

    public static string Prefix => Secret.Prefix;

    public static string New() => Secret.New();

    public static string Hash(string token) => PrefixedSecret.HashHex(token);

    public static bool HasValidShape(string? token) => Secret.HasValidShape(token);
}
