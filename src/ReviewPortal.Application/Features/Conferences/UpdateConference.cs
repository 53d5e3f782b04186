using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Common.Auditing;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Conferences;

/// <summary>
/// A site admin edits a conference's name, time zone and dates (the slug stays: it is in every link).
/// Deadlines are stored in UTC, so a new zone changes how they read, not when they fall; the change is audited.
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed record UpdateConference(Guid Id, string Name, string TimeZoneId, DateOnly StartDate, DateOnly EndDate) : ICommand;

/// <summary>The admin's edit form: a conference's current values.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record GetConference(Guid Id) : IQuery<ConferenceView>;

public sealed record ConferenceView(Guid Id, string Name, string Slug, string TimeZoneId, DateOnly StartDate, DateOnly EndDate);

public sealed class UpdateConferenceValidator : AbstractValidator<UpdateConference>
{
    public UpdateConferenceValidator()
    {
        RuleFor(x => x.Id).NotEmpty();
        RuleFor(x => x.Name).NotEmpty().MaximumLength(200).WithName("The conference's name");
        RuleFor(x => x.TimeZoneId).Must(Conference.IsValidTimeZone).WithMessage("Use an IANA time zone, e.g. America/New_York.");
        RuleFor(x => x.EndDate).GreaterThanOrEqualTo(x => x.StartDate).WithMessage("The conference ends on or after its first day.");
    }
}

public sealed class GetConferenceValidator : AbstractValidator<GetConference>
{
    public GetConferenceValidator() => RuleFor(x => x.Id).NotEmpty();
}

public sealed class UpdateConferenceHandler(IApplicationDbContext db, AuditTrail audit)
    : ICommandHandler<UpdateConference>, IQueryHandler<GetConference, ConferenceView>
{
    public async ValueTask<Unit> Handle(UpdateConference command, CancellationToken cancellationToken)
    {
        var conference = await db.Conferences.SingleOrDefaultAsync(c => c.Id == command.Id, cancellationToken)
            ?? throw NotFoundException.For("Conference", command.Id);
        var before = new { conference.Name, conference.TimeZoneId, conference.StartDate, conference.EndDate };
        conference.Name = command.Name.Trim();
        conference.TimeZoneId = command.TimeZoneId;
        conference.StartDate = command.StartDate;
        conference.EndDate = command.EndDate;
        var after = new { conference.Name, conference.TimeZoneId, conference.StartDate, conference.EndDate };
        audit.RecordChange("conference.updated", "Conference", conference.Id, before, after);

        return Unit.Value;
    }

    public async ValueTask<ConferenceView> Handle(GetConference query, CancellationToken cancellationToken) =>
        await db.Conferences.AsNoTracking().Where(c => c.Id == query.Id)
            .Select(c => new ConferenceView(c.Id, c.Name, c.Slug, c.TimeZoneId, c.StartDate, c.EndDate))
            .SingleOrDefaultAsync(cancellationToken)
        ?? throw NotFoundException.For("Conference", query.Id);
}
