using ReviewPortal.Application.Common.Interfaces;

namespace ReviewPortal.UnitTests.Support;

/// <summary>Who sends the message in a test: nobody, a signed-in person with some site roles, or the system.</summary>
internal sealed class FakeCurrentUser : ICurrentUser
{
    private readonly HashSet<string> roles;

    private FakeCurrentUser(Guid? id, bool isSystem, IEnumerable<string> roles)
    {
        Id = id;
        IsSystem = isSystem;
        this.roles = new HashSet<string>(roles, StringComparer.Ordinal);
    }

    public Guid? Id { get; }

    public bool IsSystem { get; }

    public static FakeCurrentUser Anonymous() => new(null, isSystem: false, []);

    public static FakeCurrentUser SignedIn(params string[] roles) => new(Guid.CreateVersion7(), isSystem: false, roles);

    public static FakeCurrentUser System() => new(null, isSystem: true, []);

    public bool IsInRole(string role) => roles.Contains(role);
}
