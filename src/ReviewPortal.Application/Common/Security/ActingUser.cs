namespace ReviewPortal.Application.Common.Security;

/// <summary>
/// Server-side work that acts as a person rather than as the system: the demo's later stages run the chair's, the
/// members' and the speakers' own use cases at start-up, so they pass the same validation, policy and audit as a
/// request would. Outside an HTTP request the current user is the acting person while a scope from <see cref="As"/> is
/// open; inside a request it is always the signed-in caller, whatever is set here.
/// </summary>
public static class ActingUser
{
    public sealed record Actor(Guid Id, IReadOnlyList<string> Roles);

    private static readonly AsyncLocal<Actor?> Slot = new();

    public static Actor? Current => Slot.Value;

    /// <summary>Acts as <paramref name="personId"/> (with the site roles given) until the result is disposed.</summary>
    public static IDisposable As(Guid personId, params string[] roles)
    {
        var previous = Slot.Value;
        Slot.Value = new Actor(personId, roles);
        return new Restore(previous);
    }

    private sealed class Restore(Actor? previous) : IDisposable
    {
        public void Dispose() => Slot.Value = previous;
    }
}
