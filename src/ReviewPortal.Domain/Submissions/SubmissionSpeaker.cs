using ReviewPortal.Domain.People;

namespace ReviewPortal.Domain.Submissions;

/// <summary>A speaker named on a proposal. Linked to a <see cref="Person"/> once someone with that e-mail has an account.</summary>
public class SubmissionSpeaker
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SubmissionId { get; set; }
    public int Order { get; set; }
    public string Name { get; set; } = "";
    public string? Email { get; set; }
    public string? Affiliation { get; set; }
    public Guid? PersonId { get; set; }
    public Person? Person { get; set; }
}
