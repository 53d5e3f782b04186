using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Exceptions;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Security;
using ReviewPortal.Application.Features.People;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Application.Features.Tracks;

/// <summary>A site admin adds a track to a conference and names its chair (an existing account).</summary>
[Authorize(Roles = Roles.Admin)]
public sealed record CreateTrack(Guid ConferenceId, string Slug, string ChairEmail, TrackSettings Settings) : ICommand<Guid>;

public sealed class CreateTrackValidator : AbstractValidator<CreateTrack>
{
    public CreateTrackValidator(IApplicationDbContext db)
    {
        RuleFor(x => x.ConferenceId).NotEmpty().WithMessage("Choose a conference.");
        RuleFor(x => x.Slug).Cascade(CascadeMode.Stop).NotEmpty().WithName("The slug").MaximumLength(100).Matches("^[a-z0-9]+(-[a-z0-9]+)*$")
            .WithMessage("Use lower-case letters, digits and single hyphens, e.g. ebpf-networking.")
            .MustAsync(async (command, slug, ct) => !await db.Tracks.AnyAsync(t => t.ConferenceId == command.ConferenceId && t.Slug == slug, ct))
            .WithMessage("This conference already has a track with this slug.");
        RuleFor(x => x.ChairEmail).Cascade(CascadeMode.Stop).NotEmpty().EmailAddress().WithName("The chair's e-mail address")
            .MustAsync(async (email, ct) => await db.People.WithEmail(email).AnyAsync(ct))
            .WithMessage("No account has this e-mail address; the chair must register first.");
        RuleFor(x => x.Settings).NotNull().SetValidator(new TrackSettingsValidator());
    }
}

public sealed class CreateTrackHandler(IApplicationDbContext db) : ICommandHandler<CreateTrack, Guid>
{
    public async ValueTask<Guid> Handle(CreateTrack command, CancellationToken cancellationToken)
    {
        var conference = await db.Conferences.SingleOrDefaultAsync(c => c.Id == command.ConferenceId, cancellationToken)
            ?? throw NotFoundException.For("Conference", command.ConferenceId);
        var chair = await db.People.WithEmail(command.ChairEmail).SingleAsync(cancellationToken);

        var track = new Track { Conference = conference, ConferenceId = conference.Id, Slug = command.Slug };
        command.Settings.ApplyTo(track);
        track.Committee.Add(new CommitteeMember { TrackId = track.Id, PersonId = chair.Id, Role = CommitteeRole.Chair, Affiliation = chair.Affiliation });
        db.Tracks.Add(track);
        return track.Id;
    }
}
