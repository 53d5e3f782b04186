using ReviewPortal.Application.Features.Conflicts;

namespace ReviewPortal.UnitTests.Conflicts;

/// <summary>Affiliations people type meet when they name the same organisation.</summary>
public sealed class OrganisationNamesTests
{
    [Theory]
    [InlineData("Meta Platforms, Inc.", "meta")]
    [InlineData("Meta Inc", "meta")]
    [InlineData("  META  ", "meta")]
    [InlineData("Facebook, Inc.", "facebook")]
    [InlineData("Red Hat, Inc.", "red hat")]
    [InlineData("Isovalent Inc.", "isovalent")]
    [InlineData("Mellanox Technologies Ltd.", "mellanox")]
    [InlineData("Huawei Technologies Co., Ltd.", "huawei")]
    [InlineData("SUSE LLC", "suse")]
    [InlineData("Siemens AG", "siemens")]
    [InlineData("Société Générale S.A.", "societe generale")]
    [InlineData("Cisco Systems", "cisco")]
    [InlineData("Meta (Facebook)", "meta")]
    [InlineData("The Linux Foundation", "linux foundation")]
    [InlineData("AT&T", "at and t")]
    [InlineData("AT & T Corp.", "at and t")]
    [InlineData("Technologies", "technologies")]
    [InlineData("Intel Corporation", "intel")]
    [InlineData("Oracle\tCorp", "oracle")]
    [InlineData("", "")]
    [InlineData(null, "")]
    [InlineData("...", "")]
    public void A_name_becomes_its_comparison_key(string? name, string key) => Assert.Equal(key, OrganisationNames.Normalise(name));

    [Theory]
    [InlineData("gmail.com", true)]
    [InlineData("googlemail.com", true)]
    [InlineData("gmx.de", true)]
    [InlineData("gmx.net", true)]
    [InlineData("proton.me", true)]
    [InlineData("kernel.org", true)]
    [InlineData("lpc-demo.example", true)]
    [InlineData("example.org", true)]
    [InlineData("google.com", false)]
    [InlineData("meta.com", false)]
    [InlineData("isovalent.com", false)]
    [InlineData("redhat.com", false)]
    public void Webmail_and_personal_domains_say_nothing_about_an_employer(string domain, bool ignored) =>
        Assert.Equal(ignored, EmailDomains.IsIgnored(domain));

    [Theory]
    [InlineData("Jakub@Meta.COM", "meta.com")]
    [InlineData("@redhat.com", "redhat.com")]
    [InlineData(" google.com. ", "google.com")]
    [InlineData(null, "")]
    public void The_domain_of_an_address_or_a_typed_domain(string? input, string domain) => Assert.Equal(domain, EmailDomains.Of(input));
}
