using Microsoft.AspNetCore.Identity;

namespace ReviewPortal.Infrastructure.Identity;

/// <summary>The Identity account. Profile data (name, affiliation) lives in the domain's Person with the same id.</summary>
public class ApplicationUser : IdentityUser<Guid>;
