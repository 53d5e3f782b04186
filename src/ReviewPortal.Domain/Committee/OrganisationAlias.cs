namespace ReviewPortal.Domain.Committee;

/// <summary>
/// "Facebook" is "Meta": a name (normalised) and the organisation it stands for (normalised). Admins edit the table;
/// conflict detection maps every affiliation through it before comparing.
/// </summary>
public class OrganisationAlias
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    /// <summary>Normalised key of the alias, e.g. "facebook".</summary>
    public string Alias { get; set; } = "";
    /// <summary>Normalised key of the organisation it means, e.g. "meta".</summary>
    public string Canonical { get; set; } = "";
    /// <summary>As the admin typed it, for display.</summary>
    public string DisplayAlias { get; set; } = "";
    public string DisplayCanonical { get; set; } = "";
}
