using Mediator;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;

namespace ReviewPortal.UnitTests.Behaviours;

/// <summary>Needs a signed-in user (the default for every message).</summary>
public sealed record SignedInCommand(string Title = "A talk", int DurationMinutes = 30) : ICommand<string>;

public sealed record SignedInQuery : IQuery<string>;

[AllowAnonymous]
public sealed record AnonymousQuery : IQuery<string>;

[Authorize(Roles = Roles.Admin)]
public record AdminCommand : ICommand<string>;

/// <summary>Inherits the admin requirement of its base.</summary>
public sealed record DerivedAdminCommand : AdminCommand;

[Authorize(Roles = " Admin , Auditor ")]
public sealed record AdminOrAuditorQuery : IQuery<string>;

[Authorize(Roles = Roles.Admin)]
[Authorize(Roles = "Auditor")]
public sealed record AdminAndAuditorCommand : ICommand<string>;

[SystemCommand]
public sealed record SystemOnlyCommand : ICommand<string>;
