using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Conferences;

/// <summary>A site admin creates a conference: its name, URL slug, IANA time zone and dates.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record CreateConference(string Name, string Slug, string TimeZoneId, DateOnly StartDate, DateOnly EndDate) : ICommand<Guid>;

public sealed class CreateConferenceValidator : AbstractValidator<CreateConference>
{
    public CreateConferenceValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200).WithName("The conference's name");
        RuleFor(x => x.Slug).Cascade(CascadeMode.Stop).NotEmpty().WithName("The slug").MaximumLength(100).Matches("^[a-z0-9]+(-[a-z0-9]+)*$")
            .WithMessage("Use lower-case letters, digits and single hyphens, e.g. lpc2023.")
            .MustAsync(async (slug, ct) => !await db.Conferences.AnyAsync(c => c.Slug == slug, ct))
            .WithMessage("Another conference already uses this slug.");
        RuleFor(x => x.TimeZoneId).Must(Conference.IsValidTimeZone).WithMessage("Use an IANA time zone, e.g. America/New_York.");
        RuleFor(x => x.EndDate).GreaterThanOrEqualTo(x => x.StartDate).WithMessage("The conference ends on or after its first day.");
    }
}

public sealed class CreateConferenceHandler(IApplicationDbContext db) : ICommandHandler<CreateConference, Guid>
{
    public ValueTask<Guid> Handle(CreateConference command, CancellationToken cancellationToken)
    {
        var conference = new Conference
        {
            Name = command.Name.Trim(),
            Slug = command.Slug,
            TimeZoneId = command.TimeZoneId,
            StartDate = command.StartDate,
            EndDate = command.EndDate,
        };
        db.Conferences.Add(conference);
        return ValueTask.FromResult(conference.Id);
    }
}
