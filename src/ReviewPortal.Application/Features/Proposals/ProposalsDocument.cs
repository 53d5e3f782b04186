using System.Security.Cryptography;
using System.Text;

namespace ReviewPortal.Application.Features.Proposals;

/// <summary>
/// The JSON exchange format of a track's proposals ("reviewportal.proposals/v1"): what the chair exports,
/// and what <see cref="ImportProposals"/> reads (the demo seed goes through it too).
/// </summary>
public sealed record ProposalsDocument
{
    public const string FormatName = "reviewportal.proposals/v1";

    /// <summary>Must be <see cref="FormatName"/>; a file without it is refused rather than guessed at.</summary>
    public string? Format { get; init; }
    public string? Conference { get; init; }
    public string? Track { get; init; }
    public DateTimeOffset? ExportedUtc { get; init; }
    public IReadOnlyList<ProposalRecord> Proposals { get; init; } = [];
}

/// <param name="Key">Stable identity across exports and imports; when absent, derived from the title and first speaker.</param>
public sealed record ProposalRecord
{
    public string? Key { get; init; }
    public Guid? Id { get; init; }
    public string Title { get; init; } = "";
    public string Abstract { get; init; } = "";
    public string? Notes { get; init; }
    public IReadOnlyList<string> Topics { get; init; } = [];
    /// <summary>"talk" or "organisational".</summary>
    public string Kind { get; init; } = "talk";
    public int? DurationMinutes { get; init; }
    public string Status { get; init; } = "submitted";
    public DateTimeOffset? SubmittedUtc { get; init; }
    public IReadOnlyList<SpeakerRecord> Speakers { get; init; } = [];

    /// <summary>The key an export gives a proposal: its import key if it came in by import, else one made from its id.</summary>
    public static string ExportKey(Guid submissionId, string? importKey) => importKey ?? $"p-{submissionId:N}";

    /// <summary>The key an import deduplicates on.</summary>
    public string EffectiveKey()
    {
        if (!string.IsNullOrWhiteSpace(Key))
            return Key.Trim();
        // Unit separator: cannot occur in a normalised title or name, so two fields never run into each other.
        var basis = Normalise(Title) + "\u001f" + Normalise(Speakers.Count > 0 ? Speakers[0].Name : null);
        return "t-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(basis)))[..24].ToLowerInvariant();
    }

    private static string Normalise(string? s) =>
        string.Join(' ', (s ?? "").ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

public sealed record SpeakerRecord(string Name, string? Email = null, string? Affiliation = null);
