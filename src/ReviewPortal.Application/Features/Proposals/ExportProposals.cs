using System.Globalization;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using ReviewPortal.Application.Common.Interfaces;
using ReviewPortal.Application.Common.Text;
using ReviewPortal.Domain.Submissions;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>The chair exports every submitted proposal of a track, as the JSON exchange format or as CSV.</summary>
public sealed record ExportProposals(Guid TrackId) : IQuery<ProposalsDocument>;

/// <summary>The same export as CSV text (RFC 4180, cells that look like formulas written as text: <see cref="CsvFiles"/>).</summary>
public sealed record ExportProposalsCsv(Guid TrackId) : IQuery<string>;

public sealed class ExportProposalsValidator : AbstractValidator<ExportProposals>
{
    public ExportProposalsValidator() => RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
}

public sealed class ExportProposalsCsvValidator : AbstractValidator<ExportProposalsCsv>
{
    public ExportProposalsCsvValidator() => RuleFor(x => x.TrackId).NotEmpty().WithMessage("Choose a track.");
}

public sealed class ExportProposalsHandler(IApplicationDbContext db, TrackAccess access, ProposalAccess proposalAccess, TimeProvider clock)
    : IQueryHandler<ExportProposals, ProposalsDocument>, IQueryHandler<ExportProposalsCsv, string>
{
    public async ValueTask<ProposalsDocument> Handle(ExportProposals query, CancellationToken cancellationToken) =>
        await BuildAsync(query.TrackId, cancellationToken);

    public async ValueTask<string> Handle(ExportProposalsCsv query, CancellationToken cancellationToken)
    {
        var document = await BuildAsync(query.TrackId, cancellationToken);
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = CsvFiles.CreateWriter(writer, leaveOpen: true))
        {
            csv.WriteHeader(["id", "key", "title", "status", "kind", "duration_minutes", "topics", "speakers", "submitted_utc", "abstract", "notes"]);
            foreach (var p in document.Proposals)
            {
                await csv.WriteRecordAsync(
                [
                    p.Id?.ToString() ?? "",
                    p.Key ?? "",
                    p.Title,
                    p.Status,
                    p.Kind,
                    p.DurationMinutes?.ToString(CultureInfo.InvariantCulture) ?? "",
                    string.Join("; ", p.Topics),
                    string.Join("; ", p.Speakers.Select(s =>
                        s.Name + (s.Email is null ? "" : $" <{s.Email}>") + (s.Affiliation is null ? "" : $" ({s.Affiliation})"))),
                    p.SubmittedUtc?.ToString("O", CultureInfo.InvariantCulture) ?? "",
                    p.Abstract,
                    p.Notes ?? "",
                ], cancellationToken);
            }

            await csv.FlushAsync(cancellationToken);
        }

        return writer.ToString();
    }

    private async Task<ProposalsDocument> BuildAsync(Guid trackId, CancellationToken cancellationToken)
    {
        var track = await access.GetTrackForChairAsync(trackId, cancellationToken);
        var proposals = await db.Submissions.AsNoTracking()
            .Include(s => s.Speakers)
            .Where(s => s.TrackId == track.Id && s.Status != SubmissionStatus.Draft)
            .OrderBy(s => s.SubmittedUtc).ThenBy(s => s.Title)
            .ToListAsync(cancellationToken);
        var views = await proposalAccess.GetViewsForTrackAsync(track.Id, cancellationToken);
        return new ProposalsDocument
        {
            Format = ProposalsDocument.FormatName,
            Conference = track.Conference.Name,
            Track = track.Name,
            ExportedUtc = clock.GetUtcNow(),
            Proposals = proposals.Select(s => views.TryGetValue(s.Id, out var view) && view.Abstract
                ? Record(s, view.Speakers, view.StatusShown(s.Status))
                // A proposal the chair is conflicted on: its title only (the policy), marked so it is not mistaken for an empty one.
                : new ProposalRecord { Key = ProposalRecord.ExportKey(s.Id, s.ImportKey), Id = s.Id, Title = s.Title, Status = ConflictStatus, DurationMinutes = null })
                .ToList(),
        };
    }

    /// <summary>The status an export writes for a proposal the reader is conflicted on.</summary>
    public const string ConflictStatus = "conflict";

    /// <param name="speakers">The policy's <c>Speakers</c>: blind review leaves them out of whatever a reviewer could download.</param>
    /// <param name="status">The state as the policy lets the reader see it (<c>StatusShown</c>).</param>
    private static ProposalRecord Record(Submission s, bool speakers, SubmissionStatus status) => new()
            {
                Key = ProposalRecord.ExportKey(s.Id, s.ImportKey),
                Id = s.Id,
                Title = s.Title,
                Abstract = s.Abstract,
                Notes = s.Notes,
                Topics = s.Topics,
                Kind = s.Kind == SubmissionKind.Organisational ? "organisational" : "talk",
                DurationMinutes = s.DurationMinutes,
                Status = status.ToString().ToLowerInvariant(),
                SubmittedUtc = s.SubmittedUtc,
                Speakers = speakers ? s.Speakers.OrderBy(x => x.Order).Select(x => new SpeakerRecord(x.Name, x.Email, x.Affiliation)).ToList() : [],
            };
}
