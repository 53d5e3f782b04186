namespace ReviewPortal.Domain.People;

/// <summary>
/// The domain's view of an account holder: the profile speakers and reviewers are known by.
/// Its id is the Identity user's id; Identity itself stays in Infrastructure.
/// </summary>
public class Person
{
    public Guid Id { get; set; }
    public string DisplayName { get; set; } = "";
    public string Email { get; set; } = "";
    public string? Affiliation { get; set; }
    public string? Bio { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
}
