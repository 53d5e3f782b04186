using ReviewPortal.Domain.Committee;
using ReviewPortal.Domain.Conferences;

namespace ReviewPortal.Infrastructure.Seed;

/// <summary>
/// The LPC 2023 committee's profiles for the demo: expertise from their public kernel work (topics from the track's
/// list, free keywords), affiliations as the source lists them (Facebook and Meta both appear, as they did in 2023,
/// so the alias table is exercised) with a past one where it is public, and their organisations' e-mail domains.
/// kernel.org is not an organisation domain (personal addresses; <c>EmailDomains</c> ignores it).
/// </summary>
internal sealed record DemoProfiles(
    string Name, int? Since, IReadOnlyList<AffiliationPeriod> Past, IReadOnlyList<string> Domains, IReadOnlyList<string> Topics, IReadOnlyList<string> Keywords)
{
    private static readonly string[] MetaDomains = ["fb.com", "meta.com"];

    private static readonly DemoProfiles[] All =
    [
        new("Alexei Starovoitov", 2017, [new() { Organisation = "PLUMgrid", FromYear = 2013, ToYear = 2015 }], MetaDomains,
            ["verifier", "runtime & tooling"], ["verifier", "JIT", "BPF core", "BPF instruction set", "kfuncs"]),
        new("Daniel Borkmann", 2017, [], ["isovalent.com"],
            ["networking", "XDP/AF_XDP", "security"], ["BPF core", "tc", "XDP", "Cilium datapath", "tcx", "netkit"]),
        new("Andrii Nakryiko", 2018, [], MetaDomains,
            ["BTF & CO-RE", "runtime & tooling", "tracing"], ["libbpf", "BTF", "CO-RE", "bpftool", "BPF skeletons"]),
        new("Martin Lau", 2017, [], MetaDomains,
            ["networking", "TCP"], ["struct_ops", "BPF networking", "cgroup", "sockets", "bpf_sk_storage"]),
        new("Jakub Kicinski", 2019, [new() { Organisation = "Netronome", FromYear = 2014, ToYear = 2019 }], MetaDomains,
            ["networking", "XDP/AF_XDP"], ["netdev", "drivers", "net core", "netlink", "page pool"]),
        new("Eric Dumazet", 2012, [], ["google.com"],
            ["TCP", "networking"], ["TCP", "net core performance", "pacing", "congestion control"]),
        new("Paolo Abeni", 2015, [], ["redhat.com"],
            ["TCP", "networking"], ["MPTCP", "UDP", "GRO", "net core"]),
        new("David S. Miller", 2015, [], ["redhat.com"],
            ["networking"], ["networking maintainer", "net core", "netdev"]),
    ];

    public static DemoProfiles? Of(string name) => All.FirstOrDefault(p => p.Name == name);

    public void ApplyTo(CommitteeMember seat, string? currentOrganisation)
    {
        seat.Affiliations = string.IsNullOrWhiteSpace(currentOrganisation)
            ? [.. Past]
            : [new AffiliationPeriod { Organisation = currentOrganisation, FromYear = Since }, .. Past];
        seat.EmailDomains = [.. Domains];
        seat.ExpertiseTopics = [.. Topics];
        seat.ExpertiseKeywords = [.. Keywords];
    }
}
