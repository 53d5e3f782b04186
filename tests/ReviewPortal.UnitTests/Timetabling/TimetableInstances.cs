using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ReviewPortal.Planning.Timetabling;

namespace ReviewPortal.UnitTests.Timetabling;

// Shared by the unit tests and the bench (linked into bench/ReviewPortal.Bench): the LPC 2023 eBPF & Networking track
// read from the project's data file, and the synthetic 216-talk instance with a fixed seed.

/// <summary>The LPC track as a timetable problem: 38 talks and the pinned opening, on the real grid (HELPERS/ISSUE10).</summary>
public static class LpcTimetable
{
    public const string DataFile = "src/ReviewPortal.Infrastructure/Seed/lpc2023-ebpf-networking.json";
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static TimetableProblem Build()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(FindDataFile()));
        var talks = json.RootElement.GetProperty("talks").EnumerateArray()
            .Where(t => t.GetProperty("start").ValueKind == JsonValueKind.String)
            .Select(t => (
                Title: t.GetProperty("title").GetString()!,
                Kind: t.GetProperty("kind").GetString()!,
                Start: DateTime.Parse(t.GetProperty("start").GetString()!, CultureInfo.InvariantCulture),
                Minutes: t.GetProperty("durationMinutes").GetInt32(),
                Abstract: t.TryGetProperty("abstractExcerpt", out var a) ? a.GetString() ?? "" : "",
                Speakers: t.GetProperty("speakers").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToList()))
            .ToList();

        var blocks = new List<BlockSpec>();
        foreach (var day in talks.Where(t => t.Kind != "opening").GroupBy(t => DateOnly.FromDateTime(t.Start)).OrderBy(g => g.Key))
        {
            var first = TimeOnly.FromDateTime(day.Min(t => t.Start));
            foreach (var (from, to) in new[] { (first, new TimeOnly(11, 0)), (new TimeOnly(11, 30), new TimeOnly(13, 0)), (new TimeOnly(14, 30), new TimeOnly(16, 0)), (new TimeOnly(16, 30), new TimeOnly(18, 30)) })
            {
                var label = $"{day.Key.ToString("ddd d MMM", CultureInfo.InvariantCulture)} {from:HH\\:mm}–{to:HH\\:mm}";
                blocks.Add(new BlockSpec(Minute(day.Key.ToDateTime(from)), Minute(day.Key.ToDateTime(to)), [0], label));
            }
        }

        var speakers = talks.SelectMany(t => t.Speakers).Distinct().Select(n => new SpeakerSpec(IdOf(n), n, [])).ToList();
        return new TimetableProblem
        {
            SlotMinutes = 30,
            Rooms = [new RoomSpec("Track room", 150)],
            Blocks = blocks,
            Speakers = speakers,
            Talks = [.. talks.Select(t => new TalkSpec(IdOf(t.Title), t.Title, t.Minutes, [.. t.Speakers.Select(IdOf)],
                TopicsOf(t.Kind, t.Title, t.Abstract),
                Pinned: t.Kind == "opening" ? new Placement(0, Minute(t.Start)) : null))],
        };
    }

    /// <summary>Minutes since the Unix epoch in UTC of a New York wall-clock time (the application's convention).</summary>
    public static int Minute(DateTime local) =>
        (int)(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), NewYork)).ToUnixTimeSeconds() / 60);

    public static Guid IdOf(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16));

    /// <summary>The same keyword rules as DemoSeeder.TopicsOf, so the tests see the demo's topics.</summary>
    public static List<string> TopicsOf(string kind, string title, string @abstract)
    {
        if (kind == "opening")
            return [];
        var text = $"{title} {@abstract}".ToLowerInvariant();
        var topics = new List<string>();
        void When(string topic, params string[] words)
        {
            if (words.Any(w => text.Contains(w, StringComparison.Ordinal)))
                topics.Add(topic);
        }

        When("verifier", "verifier");
        When("BTF & CO-RE", "btf", "co-re");
        When("tracing", "trace", "tracing", "kprobe", "uprobe", "profil", "unwind");
        When("security", "lsm", "security", "threat", "authoriz", "integrity", "tpm");
        When("XDP/AF_XDP", "xdp");
        When("TCP", "tcp", "syn ", "connect()", "transport");
        When("scheduling", "schedul");
        When("networking", "network", "nic", "netns", "ethernet", "socket");
        if (topics.Count == 0)
            topics.Add("runtime & tooling");
        return topics;
    }

    public static string FindDataFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, DataFile);
            if (File.Exists(path))
                return path;
        }

        throw new FileNotFoundException($"{DataFile} not found above {AppContext.BaseDirectory}.");
    }
}

/// <summary>
/// 216 talks, 18 slots of 30 minutes (3 days × 2 blocks × 3 slots), 20 rooms of random capacity; speakers drawn at
/// random so that some give two or three talks; 12 topics, one or two per talk; a tenth of the speakers away for one
/// block. Fixed seed: the same instance every run.
/// </summary>
public static class SyntheticTimetable
{
    public static TimetableProblem Build(int talks = 216, int rooms = 20, int seed = 216)
    {
        var random = new Random(seed);
        var blocks = new List<BlockSpec>();
        var roomIndices = Enumerable.Range(0, rooms).ToList();
        for (var day = 0; day < 3; day++)
        {
            foreach (var start in new[] { 9 * 60, 14 * 60 })
            {
                var from = day * 24 * 60 + start;
                blocks.Add(new BlockSpec(from, from + 90, roomIndices, $"Day {day + 1} {start / 60:00}:00–{start / 60 + 1:00}:30"));
            }
        }

        var speakerCount = talks * 6 / 5;
        var speakers = Enumerable.Range(0, speakerCount).Select(s =>
        {
            var busy = new List<BusyInterval>();
            if (random.NextDouble() < 0.1)
            {
                var b = blocks[random.Next(blocks.Count)];
                busy.Add(new BusyInterval(b.Start, b.End, $"unavailable {b.Label}"));
            }

            return new SpeakerSpec(Id(seed, 1, s), $"Speaker {s + 1}", busy);
        }).ToList();

        var topics = Enumerable.Range(1, 12).Select(t => $"topic {t}").ToArray();
        var specs = new List<TalkSpec>();
        for (var t = 0; t < talks; t++)
        {
            // A few speakers are popular picks (skewed draw), so some give several talks.
            var first = random.NextDouble() < 0.2 ? random.Next(speakerCount / 10) : random.Next(speakerCount);
            var names = new List<Guid> { speakers[first].Id };
            if (random.NextDouble() < 0.3)
            {
                var second = random.Next(speakerCount);
                if (second != first)
                    names.Add(speakers[second].Id);
            }

            var own = new List<string> { topics[random.Next(topics.Length)] };
            if (random.NextDouble() < 0.3)
                own.Add(topics[random.Next(topics.Length)]);
            specs.Add(new TalkSpec(Id(seed, 2, t), $"Talk {t + 1}", 30, names, [.. own.Distinct()], Math.Round(random.NextDouble(), 2)));
        }

        return new TimetableProblem
        {
            SlotMinutes = 30,
            Rooms = [.. Enumerable.Range(0, rooms).Select(r => new RoomSpec($"Room {r + 1}", 50 + 25 * random.Next(20)))],
            Blocks = blocks,
            Speakers = speakers,
            Talks = specs,
        };
    }

    private static Guid Id(int seed, int kind, int n)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, seed);
        BitConverter.TryWriteBytes(bytes[4..], kind);
        BitConverter.TryWriteBytes(bytes[8..], n);
        return new Guid(bytes);
    }
}
