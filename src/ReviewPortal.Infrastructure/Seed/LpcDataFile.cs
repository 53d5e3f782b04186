using System.Text.Json;
using System.Text.Json.Serialization;

namespace ReviewPortal.Infrastructure.Seed;

/// <summary>The shape of lpc2023-ebpf-networking.json (a copy of the shared reference data, embedded in this assembly).</summary>
internal sealed record LpcDataFile(LpcConference Conference, LpcTrack Track, IReadOnlyList<LpcTalk> Talks)
{
    public const string ResourceName = "ReviewPortal.Seed.lpc2023-ebpf-networking.json";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static LpcDataFile Load()
    {
        using var stream = typeof(LpcDataFile).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        return JsonSerializer.Deserialize<LpcDataFile>(stream, Options)
            ?? throw new InvalidOperationException("The LPC data file is empty.");
    }
}

internal sealed record LpcConference(string Name, string TimeZone, DateOnly StartDate, DateOnly EndDate);

internal sealed record LpcTrack(string Name, int SlotMinutes, string Description, IReadOnlyList<LpcCommitteeMember> Committee);

internal sealed record LpcCommitteeMember(string Name, string? Affiliation, string Role);

internal sealed record LpcTalk(
    string Title,
    IReadOnlyList<LpcSpeaker> Speakers,
    DateTime? Start,
    int DurationMinutes,
    string Kind,
    [property: JsonPropertyName("abstractExcerpt")] string? Abstract);

internal sealed record LpcSpeaker(string Name, string? Affiliation);
