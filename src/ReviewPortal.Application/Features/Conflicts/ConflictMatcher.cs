using ReviewPortal.Domain.Committee;

namespace ReviewPortal.Application.Features.Conflicts;

/// <summary>One committee member (or a candidate not yet on it) as detection sees them.</summary>
public sealed record MemberProfile(
    Guid PersonId,
    string Name,
    string Email,
    IReadOnlyList<AffiliationPeriod> Affiliations,
    IReadOnlyList<string> EmailDomains);

/// <summary>One speaker row of a proposal.</summary>
public sealed record SpeakerFacts(string Name, string? Email, string? Affiliation, Guid? PersonId, string? PersonEmail);

/// <summary>One proposal with its speakers and the account that created it.</summary>
public sealed record ProposalSpeakers(Guid ProposalId, string Title, Guid? CreatedById, IReadOnlyList<SpeakerFacts> Speakers);

/// <summary>A conflict the rules find (one per proposal, person and kind).</summary>
public sealed record DetectedConflict(Guid ProposalId, Guid PersonId, ConflictKind Kind, string Reason);

/// <summary>
/// The detection rules, pure and in memory: members are indexed once by organisation key and e-mail domain, then each
/// speaker looks up who shares theirs, so the work is proportional to speakers × matches, not proposals × members.
/// </summary>
public sealed class ConflictMatcher
{
    public const int MaxReasonLength = 1_000;

    private readonly IReadOnlyDictionary<string, (string Canonical, string Display)> aliases;
    private readonly int currentYear;
    private readonly int lookbackYears;
    private readonly Dictionary<Guid, MemberProfile> byPerson = [];
    private readonly Dictionary<string, List<MemberProfile>> byEmail = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<(MemberProfile Member, AffiliationPeriod Period)>> byOrganisation = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<MemberProfile>> byDomain = new(StringComparer.Ordinal);

    /// <summary>
    /// The (speaker, member) pairs the index lookups produced so far, over every <see cref="Detect"/>: the work, which grows
    /// with the matches, not with proposals × members (counted so tests and the log can show it without timing).
    /// </summary>
    public long PairsExamined { get; private set; }

    /// <param name="aliases">Normalised alias → (normalised canonical, canonical as displayed).</param>
    public ConflictMatcher(IEnumerable<MemberProfile> members, IReadOnlyDictionary<string, (string Canonical, string Display)> aliases,
        int currentYear, int lookbackYears)
    {
        this.aliases = aliases;
        this.currentYear = currentYear;
        this.lookbackYears = Math.Max(0, lookbackYears);
        foreach (var member in members)
        {
            byPerson.TryAdd(member.PersonId, member);
            if (!string.IsNullOrWhiteSpace(member.Email))
                Add(byEmail, member.Email.Trim(), member);
            foreach (var period in member.Affiliations)
            {
                if (!period.CountsFor(currentYear, this.lookbackYears))
                    continue;
                var key = KeyOf(period.Organisation);
                if (key.Length > 0)
                    Add(byOrganisation, key, (member, period));
            }
            foreach (var domain in DomainsOf(member).Distinct())
                Add(byDomain, domain, member);
        }
    }

    /// <summary>The organisation key after normalisation and the alias table.</summary>
    public string KeyOf(string? organisation)
    {
        var key = OrganisationNames.Normalise(organisation);
        return aliases.TryGetValue(key, out var alias) ? alias.Canonical : key;
    }

    public IEnumerable<DetectedConflict> Detect(ProposalSpeakers proposal)
    {
        var speakerOf = new Dictionary<Guid, MemberProfile>();
        var organisation = new Dictionary<Guid, List<string>>();
        var domain = new Dictionary<Guid, List<string>>();
        var memberLines = new Dictionary<(Guid, ConflictKind), string>();

        if (proposal.CreatedById is { } creator && byPerson.TryGetValue(creator, out var author))
        {
            PairsExamined++;
            speakerOf[author.PersonId] = author;
        }

        foreach (var speaker in proposal.Speakers)
        {
            if (speaker.PersonId is { } pid && byPerson.TryGetValue(pid, out var linked))
            {
                PairsExamined++;
                speakerOf[linked.PersonId] = linked;
            }
            foreach (var address in new[] { speaker.Email, speaker.PersonEmail })
                if (!string.IsNullOrWhiteSpace(address) && byEmail.TryGetValue(address.Trim(), out var sameAddress))
                    foreach (var m in sameAddress)
                    {
                        PairsExamined++;
                        speakerOf[m.PersonId] = m;
                    }

            var key = KeyOf(speaker.Affiliation);
            if (key.Length > 0 && byOrganisation.TryGetValue(key, out var colleagues))
            {
                foreach (var (member, period) in colleagues)
                {
                    PairsExamined++;
                    if (IsSameSpeaker(member, speaker))
                        continue; // their own affiliation, not a colleague's
                    memberLines.TryAdd((member.PersonId, ConflictKind.Organisation), DescribeMemberOrganisation(member, period));
                    AddLine(organisation, member.PersonId, $"speaker {speaker.Name}: {speaker.Affiliation!.Trim()}{Gloss(speaker.Affiliation, period.Organisation)}");
                }
            }

            var speakerDomains = new[] { speaker.Email, speaker.PersonEmail }
                .Select(EmailDomains.Of).Where(d => d.Length > 0 && !EmailDomains.IsIgnored(d)).Distinct();
            foreach (var d in speakerDomains)
            {
                foreach (var parent in EmailDomains.SelfAndParents(d))
                {
                    if (!byDomain.TryGetValue(parent, out var sameDomain))
                        continue;
                    foreach (var member in sameDomain)
                    {
                        PairsExamined++;
                        if (IsSameSpeaker(member, speaker))
                            continue;
                        memberLines.TryAdd((member.PersonId, ConflictKind.EmailDomain), $"{member.Name} has the e-mail domain {parent}");
                        AddLine(domain, member.PersonId, $"speaker {speaker.Name}: {d}");
                    }
                }
            }
        }

        foreach (var member in speakerOf.Values)
            yield return new DetectedConflict(proposal.ProposalId, member.PersonId, ConflictKind.Speaker,
                Clip($"{member.Name} is a speaker of this proposal"));
        foreach (var (personId, lines) in organisation)
            yield return new DetectedConflict(proposal.ProposalId, personId, ConflictKind.Organisation,
                Clip($"{memberLines[(personId, ConflictKind.Organisation)]}; {string.Join("; ", lines.Distinct())}"));
        foreach (var (personId, lines) in domain)
            yield return new DetectedConflict(proposal.ProposalId, personId, ConflictKind.EmailDomain,
                Clip($"{memberLines[(personId, ConflictKind.EmailDomain)]}; {string.Join("; ", lines.Distinct())}"));
    }

    /// <summary>The member's own speaker row (matched by account or address) is not a colleague's.</summary>
    private static bool IsSameSpeaker(MemberProfile member, SpeakerFacts speaker) =>
        speaker.PersonId == member.PersonId
        || (!string.IsNullOrWhiteSpace(speaker.Email) && string.Equals(speaker.Email.Trim(), member.Email.Trim(), StringComparison.OrdinalIgnoreCase));

    private string DescribeMemberOrganisation(MemberProfile member, AffiliationPeriod period) =>
        period.IsCurrent
            ? $"{member.Name} works at {period.Organisation.Trim()}{CanonicalGloss(period.Organisation)}"
            : $"{member.Name} worked at {period.Organisation.Trim()}{CanonicalGloss(period.Organisation)} until {period.ToYear}";

    /// <summary>" (Meta)" when the alias table made the name another company's; nothing when it is the same name.</summary>
    private string CanonicalGloss(string organisation)
    {
        var key = OrganisationNames.Normalise(organisation);
        return aliases.TryGetValue(key, out var alias) && alias.Canonical != key ? $" (now {alias.Display})" : "";
    }

    /// <summary>The speaker's affiliation, glossed with the canonical name when it matched only through the alias table.</summary>
    private string Gloss(string speakerOrganisation, string memberOrganisation)
    {
        if (OrganisationNames.Normalise(speakerOrganisation) == OrganisationNames.Normalise(memberOrganisation))
            return "";
        return CanonicalGloss(speakerOrganisation);
    }

    private static IEnumerable<string> DomainsOf(MemberProfile member)
    {
        foreach (var d in member.EmailDomains.Append(member.Email).Select(EmailDomains.Of))
            if (d.Length > 0 && !EmailDomains.IsIgnored(d))
                yield return d;
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> index, TKey key, TValue value) where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
            index[key] = list = [];
        list.Add(value);
    }

    private static void AddLine(Dictionary<Guid, List<string>> lines, Guid personId, string line) => Add(lines, personId, line);

    private static string Clip(string reason) => reason.Length <= MaxReasonLength ? reason : reason[..(MaxReasonLength - 1)] + "…";
}
