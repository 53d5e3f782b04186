using ReviewPortal.Domain.Committee;

namespace ReviewPortal.Application.Features.Conflicts;

/// <summary>
/// The aliases a new database starts with (seeded by migration; admins edit them): renamed companies and acquisitions
/// whose old name still appears in people's affiliations. Each is documented in docs/visibility.md with its source.
/// </summary>
public static class OrganisationAliasSeed
{
    public static IReadOnlyList<OrganisationAlias> Rows { get; } =
    [
        // Facebook, Inc. renamed itself Meta Platforms, Inc. in October 2021 ("Meta Platforms" and "Meta Inc." normalise to "meta").
        Row("0193a6e0-0000-7000-8000-000000000001", "Facebook", "Meta"),
        // NVIDIA completed its acquisition of Mellanox Technologies in April 2020.
        Row("0193a6e0-0000-7000-8000-000000000002", "Mellanox", "NVIDIA"),
        // Twitter, Inc. was merged into X Corp. in 2023.
        Row("0193a6e0-0000-7000-8000-000000000003", "Twitter", "X Corp."),
        // Google's parent since 2015; people at either write either.
        Row("0193a6e0-0000-7000-8000-000000000004", "Alphabet", "Google"),
        // Cisco completed its acquisition of Isovalent (Cilium) in April 2024.
        Row("0193a6e0-0000-7000-8000-000000000005", "Isovalent", "Cisco"),
        // Microsoft acquired GitHub in 2018 and LinkedIn in 2016.
        Row("0193a6e0-0000-7000-8000-000000000006", "GitHub", "Microsoft"),
        Row("0193a6e0-0000-7000-8000-000000000007", "LinkedIn", "Microsoft"),
        // Amazon Web Services is Amazon's; "AWS" is how its people write it.
        Row("0193a6e0-0000-7000-8000-000000000008", "Amazon Web Services", "Amazon"),
        Row("0193a6e0-0000-7000-8000-000000000009", "AWS", "Amazon"),
        // Oracle acquired Sun Microsystems in 2010.
        Row("0193a6e0-0000-7000-8000-00000000000a", "Sun Microsystems", "Oracle"),
    ];

    private static OrganisationAlias Row(string id, string alias, string canonical) => new()
    {
        Id = Guid.Parse(id),
        Alias = OrganisationNames.Normalise(alias),
        Canonical = OrganisationNames.Normalise(canonical),
        DisplayAlias = alias,
        DisplayCanonical = canonical,
    };
}
