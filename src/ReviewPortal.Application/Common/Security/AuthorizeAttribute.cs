namespace ReviewPortal.Application.Common.Security;

/// <summary>
/// Every command and query needs a signed-in user unless marked <see cref="AllowAnonymousAttribute"/>.
/// <see cref="AuthorizeAttribute.Roles"/> adds a site-role requirement (comma separated, any of).
/// Per-track rights (chair, speaker of a proposal) are checked by the handler against the data.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = true)]
public sealed class AuthorizeAttribute : Attribute
{
    public string Roles { get; set; } = "";
}

[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class AllowAnonymousAttribute : Attribute;

/// <summary>Sent only by the system itself (background jobs, start-up seeding), never on behalf of a web request.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public sealed class SystemCommandAttribute : Attribute;
