namespace ReviewPortal.Domain.People;

/// <summary>
/// A personal API token: a named credential that acts as its owner on the API. Only the SHA-256 of the
/// secret is stored; the secret itself is shown once, when the token is created.
/// </summary>
public class ApiToken
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid PersonId { get; set; }
    public string Name { get; set; } = "";
    /// <summary>SHA-256 of the whole token text (prefix included); the only way to find the token.</summary>
    public byte[] SecretHash { get; set; } = [];
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset ExpiresUtc { get; set; }
    /// <summary>Updated at most once a minute, so using a token does not write on every request.</summary>
    public DateTimeOffset? LastUsedUtc { get; set; }
}
