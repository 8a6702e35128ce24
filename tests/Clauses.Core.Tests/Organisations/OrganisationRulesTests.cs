using Clauses.Core.Organisations;

namespace Clauses.Core.Tests.Organisations;

public class OrganisationRulesTests
{
    private static readonly OrganisationInput Valid = new("Métropole de Lyon", "metropole", "20004697700019", "69");

    private static IDictionary<string, string[]> Errors(OrganisationInput o) => OrganisationRules.Validate(o).ToDictionary();

    [Fact]
    public void Complete_organisation_is_valid() => Assert.True(OrganisationRules.Validate(Valid).IsValid);

    [Fact]
    public void Organisation_without_siret_or_departement_is_valid() =>
        Assert.True(OrganisationRules.Validate(Valid with { Siret = null, Departement = null }).IsValid);

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Missing_name_is_rejected(string? name) =>
        Assert.Equal(["Le nom de l'organisation est obligatoire."], Errors(Valid with { Name = name! })["name"]);

    [Fact]
    public void Name_of_200_characters_is_accepted() =>
        Assert.True(OrganisationRules.Validate(Valid with { Name = new string('n', 200) }).IsValid);

    [Fact]
    public void Name_of_201_characters_is_rejected() =>
        Assert.Equal(["Le nom de l'organisation ne doit pas dépasser 200 caractères."], Errors(Valid with { Name = new string('n', 201) })["name"]);

    [Theory]
    [InlineData("metropole")]
    [InlineData("commune")]
    [InlineData("departement")]
    [InlineData("region")]
    [InlineData("bailleur_social")]
    [InlineData("hopital")]
    [InlineData("etat")]
    [InlineData("prive")]
    [InlineData("siae")]
    [InlineData("autre")]
    public void Every_organisation_kind_is_accepted(string kind) =>
        Assert.True(OrganisationRules.Validate(Valid with { Kind = kind }).IsValid);

    [Fact]
    public void Unknown_kind_is_rejected_with_the_allowed_values() =>
        Assert.Equal(
            ["Valeur inconnue pour le type d'organisation : « collectivite ». Valeurs admises : metropole, commune, departement, region, bailleur_social, hopital, etat, prive, siae, autre."],
            Errors(Valid with { Kind = "collectivite" })["kind"]);

    [Fact]
    public void Missing_kind_is_rejected() =>
        Assert.Equal(["kind"], Errors(Valid with { Kind = null! }).Keys);

    [Theory]
    [InlineData("20004697700018")] // bad checksum
    [InlineData("2000469770001")] // 13 digits
    [InlineData("200 046 977 00019")] // spaces: the caller must normalise first
    [InlineData("")]
    public void Invalid_siret_is_rejected(string siret) =>
        Assert.Equal(["Le SIRET doit comporter 14 chiffres et une clé de contrôle valide."], Errors(Valid with { Siret = siret })["siret"]);

    [Fact]
    public void La_poste_siret_is_accepted() =>
        Assert.True(OrganisationRules.Validate(Valid with { Siret = "35600000000048" }).IsValid);

    [Theory]
    [InlineData("01")]
    [InlineData("2A")]
    [InlineData("2B")]
    [InlineData("95")]
    [InlineData("971")]
    [InlineData("976")]
    public void Valid_departement_is_accepted(string departement) =>
        Assert.True(OrganisationRules.Validate(Valid with { Departement = departement }).IsValid);

    [Theory]
    [InlineData("20")]
    [InlineData("96")]
    [InlineData("977")]
    [InlineData("1")]
    [InlineData("2a")]
    [InlineData("")]
    public void Invalid_departement_is_rejected(string departement) =>
        Assert.Equal(["Le code département est invalide (01 à 95, 2A, 2B ou 971 à 976)."], Errors(Valid with { Departement = departement })["departement"]);
}
