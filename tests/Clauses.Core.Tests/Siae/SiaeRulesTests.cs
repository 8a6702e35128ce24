using Clauses.Core.Siae;

namespace Clauses.Core.Tests.Siae;

public class SiaeRulesTests
{
    private static SiaeInput Valid() => new(
        "80123456700015", "Tremplin Bâtiment Insertion", "Tremplin", "EI", ["batiment", "nettoyage"], ["69", "2A", "974"],
        "Vénissieux", "69200", 50, "contact@tremplin.fr", "04 78 12 34 56", "https://tremplin.fr/");

    [Fact]
    public void A_complete_record_is_valid() => Assert.True(SiaeRules.Validate(Valid()).IsValid);

    [Fact]
    public void Only_siret_name_kind_and_one_departement_are_required()
    {
        var errors = SiaeRules.Validate(new SiaeInput("80123456700015", "ACI du Val", null, "ACI", null, ["71"]));
        Assert.True(errors.IsValid, string.Join(", ", errors.Fields));
    }

    [Fact]
    public void A_siret_with_spaces_is_normalised_before_the_check() =>
        Assert.True(SiaeRules.Validate(Valid() with { Siret = "801 234 567 00015" }).IsValid);

    [Theory]
    [InlineData("80123456700016")]      // Luhn key wrong
    [InlineData("8012345670001")]       // 13 digits
    [InlineData("8012345670001A")]
    public void A_bad_siret_is_reported_in_french(string siret)
    {
        var errors = SiaeRules.Validate(Valid() with { Siret = siret });
        var message = Assert.Single(errors.For("siret"));
        Assert.Contains("n'est pas valide", message, StringComparison.Ordinal);
        Assert.Contains("Luhn", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("  ")]
    public void A_missing_siret_is_required(string? siret) =>
        Assert.Equal("Le SIRET est obligatoire (14 chiffres).", Assert.Single(SiaeRules.Validate(Valid() with { Siret = siret }).For("siret")));

    [Fact]
    public void The_name_is_required_and_at_most_200_characters()
    {
        Assert.Equal("La raison sociale est obligatoire.", Assert.Single(SiaeRules.Validate(Valid() with { Name = " " }).For("name")));
        Assert.True(SiaeRules.Validate(Valid() with { Name = new string('a', 200) }).IsValid);
        Assert.Contains("200 caractères", Assert.Single(SiaeRules.Validate(Valid() with { Name = new string('a', 201) }).For("name")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SEP")]
    [InlineData("ei")]
    [InlineData("OPCS")]
    public void An_unknown_kind_lists_the_allowed_ones(string kind)
    {
        var message = Assert.Single(SiaeRules.Validate(Valid() with { Kind = kind }).For("kind"));
        Assert.Contains($"« {kind} »", message, StringComparison.Ordinal);
        Assert.Contains("EI, ETTI, AI, ACI, EITI, GEIQ, EA, EATT, ESAT", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_kind_is_required() =>
        Assert.StartsWith("Le type de structure est obligatoire", Assert.Single(SiaeRules.Validate(Valid() with { Kind = null }).For("kind")), StringComparison.Ordinal);

    [Fact]
    public void Every_unknown_sector_is_named()
    {
        var messages = SiaeRules.Validate(Valid() with { Sectors = ["batiment", "btp", "Nettoyage"] }).For("sectors");
        Assert.Equal(2, messages.Count);
        Assert.Contains(messages, m => m.Contains("« btp »", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("« Nettoyage »", StringComparison.Ordinal));
    }

    [Fact]
    public void At_least_one_valid_departement_is_needed()
    {
        Assert.Contains("au moins un département", Assert.Single(SiaeRules.Validate(Valid() with { Departements = [] }).For("departements")), StringComparison.Ordinal);
        Assert.Single(SiaeRules.Validate(Valid() with { Departements = null }).For("departements"));
        var bad = SiaeRules.Validate(Valid() with { Departements = ["69", "20", "2a", "977"] }).For("departements");
        Assert.Equal(3, bad.Count);
        Assert.Contains(bad, m => m.Contains("« 20 »", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(-1, false)]
    [InlineData(0, true)]
    [InlineData(1000, true)]
    [InlineData(1001, false)]
    public void The_radius_is_0_to_1000_km(int radius, bool valid)
    {
        var errors = SiaeRules.Validate(Valid() with { RadiusKm = radius });
        Assert.Equal(valid, errors.IsValid);
        if (!valid) Assert.Contains("entre 0 et 1000 km", Assert.Single(errors.For("radiusKm")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("contact@structure.fr", true)]
    [InlineData("prenom.nom+siae@asso.example.org", true)]
    [InlineData("contact@structure", false)]
    [InlineData("contact structure@x.fr", false)]
    [InlineData("@structure.fr", false)]
    public void The_contact_email_is_checked(string email, bool valid) =>
        Assert.Equal(valid, SiaeRules.Validate(Valid() with { ContactEmail = email }).For("contactEmail").Count == 0);

    [Theory]
    [InlineData("04 78 12 34 56", true)]
    [InlineData("0478123456", true)]
    [InlineData("04.78.12.34.56", true)]
    [InlineData("+33 4 78 12 34 56", true)]
    [InlineData("+33 (0)4 78 12 34 56", true)]
    [InlineData("+262 262 12 34 56", true)]
    [InlineData("04 78 12 34", false)]
    [InlineData("00 78 12 34 56", false)]
    [InlineData("appeler le standard", false)]
    public void The_phone_is_a_french_or_international_number(string phone, bool valid) =>
        Assert.Equal(valid, SiaeRules.Validate(Valid() with { ContactPhone = phone }).For("contactPhone").Count == 0);

    [Theory]
    [InlineData("https://www.structure.fr", true)]
    [InlineData("http://structure.fr/contact", true)]
    [InlineData("www.structure.fr", false)]
    [InlineData("ftp://structure.fr", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("https://localhost", false)]
    public void The_website_is_an_http_address(string website, bool valid) =>
        Assert.Equal(valid, SiaeRules.Validate(Valid() with { Website = website }).For("website").Count == 0);

    [Theory]
    [InlineData("6920", false)]
    [InlineData("69 200", false)]
    [InlineData("97400", true)]
    public void The_postcode_has_five_digits(string postcode, bool valid) =>
        Assert.Equal(valid, SiaeRules.Validate(Valid() with { Postcode = postcode }).For("postcode").Count == 0);

    [Fact]
    public void Errors_are_keyed_by_camel_case_fields_and_essential_ones_are_marked()
    {
        var errors = SiaeRules.Validate(new SiaeInput("1", "", new string('b', 201), "X", ["x"], ["0"], new string('c', 101), "1", 2000, "x", "x", "x"));
        Assert.Equal(
            ["siret", "name", "brand", "kind", "sectors", "departements", "city", "postcode", "radiusKm", "contactEmail", "contactPhone", "website"],
            errors.Fields);
        Assert.Equal(["siret", "name", "kind", "departements"], errors.Fields.Where(SiaeRules.EssentialFields.Contains));
    }
}
