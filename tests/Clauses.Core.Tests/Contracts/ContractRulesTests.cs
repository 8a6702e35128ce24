using Clauses.Core.Contracts;

namespace Clauses.Core.Tests.Contracts;

public class ContractRulesTests
{
    private static readonly ContractInput Valid = new(
        Reference: "2025-TRAV/012",
        Title: "Réhabilitation du groupe scolaire Jean Macé",
        Kind: "marche",
        Category: "travaux",
        Status: "en_preparation",
        CpvCode: "45442100-8",
        AmountHt: 1_250_000m,
        StartsOn: new DateOnly(2025, 9, 1),
        EndsOn: new DateOnly(2027, 8, 31),
        NotifiedOn: new DateOnly(2025, 7, 15));

    private static IDictionary<string, string[]> Errors(ContractInput c) => ContractRules.Validate(c).ToDictionary();

    private static void AssertOnlyError(ContractInput c, string field)
    {
        var errors = Errors(c);
        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void Complete_contract_is_valid() => Assert.True(ContractRules.Validate(Valid).IsValid);

    [Fact]
    public void Contract_with_only_required_fields_is_valid() =>
        Assert.True(ContractRules.Validate(Valid with { CpvCode = null, StartsOn = null, EndsOn = null, NotifiedOn = null }).IsValid);

    // reference

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Missing_reference_is_rejected(string? reference)
    {
        AssertOnlyError(Valid with { Reference = reference! }, "reference");
        Assert.Equal(["La référence est obligatoire."], Errors(Valid with { Reference = reference! })["reference"]);
    }

    [Fact]
    public void Reference_of_50_characters_is_accepted() =>
        Assert.True(ContractRules.Validate(Valid with { Reference = new string('A', 50) }).IsValid);

    [Fact]
    public void Reference_of_51_characters_is_rejected() =>
        Assert.Equal(["La référence ne doit pas dépasser 50 caractères."], Errors(Valid with { Reference = new string('A', 51) })["reference"]);

    [Theory]
    [InlineData("2025-001")]
    [InlineData("MAPA_2025/12.3")]
    [InlineData("Lot A 12")]
    [InlineData("Réf-Été")]
    public void Reference_with_letters_digits_and_allowed_symbols_is_accepted(string reference) =>
        Assert.True(ContractRules.Validate(Valid with { Reference = reference }).IsValid);

    [Theory]
    [InlineData("2025#001")]
    [InlineData("2025,001")]
    [InlineData("<script>")]
    [InlineData("2025\t001")]
    [InlineData("2025\n001")]
    [InlineData("REF'1")]
    public void Reference_with_other_characters_is_rejected(string reference) =>
        Assert.Equal(["La référence ne peut contenir que des lettres, des chiffres, des espaces et les caractères - _ / ."],
            Errors(Valid with { Reference = reference })["reference"]);

    // title

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(null)]
    public void Missing_title_is_rejected(string? title) =>
        Assert.Equal(["L'objet du marché est obligatoire."], Errors(Valid with { Title = title! })["title"]);

    [Fact]
    public void Title_of_300_characters_is_accepted() =>
        Assert.True(ContractRules.Validate(Valid with { Title = new string('é', 300) }).IsValid);

    [Fact]
    public void Title_of_301_characters_is_rejected() =>
        Assert.Equal(["L'objet du marché ne doit pas dépasser 300 caractères."], Errors(Valid with { Title = new string('é', 301) })["title"]);

    // kind, category, status

    [Theory]
    [InlineData("marche")]
    [InlineData("accord_cadre")]
    [InlineData("concession")]
    [InlineData("subvention")]
    public void Every_contract_kind_is_accepted(string kind) =>
        Assert.True(ContractRules.Validate(Valid with { Kind = kind }).IsValid);

    [Fact]
    public void Unknown_kind_is_rejected_with_the_allowed_values() =>
        Assert.Equal(["Valeur inconnue pour le type de contrat : « marché ». Valeurs admises : marche, accord_cadre, concession, subvention."],
            Errors(Valid with { Kind = "marché" })["kind"]);

    [Fact]
    public void Missing_kind_is_rejected_with_the_allowed_values() =>
        Assert.Equal(["Le type de contrat est obligatoire. Valeurs admises : marche, accord_cadre, concession, subvention."],
            Errors(Valid with { Kind = null! })["kind"]);

    [Theory]
    [InlineData("travaux")]
    [InlineData("services")]
    [InlineData("fournitures")]
    public void Every_purchase_category_is_accepted(string category) =>
        Assert.True(ContractRules.Validate(Valid with { Category = category }).IsValid);

    [Fact]
    public void Unknown_category_is_rejected_with_the_allowed_values() =>
        Assert.Equal(["Valeur inconnue pour la catégorie d'achat : « Travaux ». Valeurs admises : travaux, services, fournitures."],
            Errors(Valid with { Category = "Travaux" })["category"]);

    [Fact]
    public void Empty_category_is_reported_as_missing() =>
        Assert.Equal(["La catégorie d'achat est obligatoire. Valeurs admises : travaux, services, fournitures."],
            Errors(Valid with { Category = "" })["category"]);

    [Theory]
    [InlineData("en_preparation")]
    [InlineData("en_consultation")]
    [InlineData("attribue")]
    [InlineData("en_execution")]
    [InlineData("termine")]
    [InlineData("abandonne")]
    public void Every_status_is_accepted(string status) =>
        Assert.True(ContractRules.Validate(Valid with { Status = status }).IsValid);

    [Fact]
    public void Unknown_status_is_rejected_with_the_allowed_values() =>
        Assert.Equal(["Valeur inconnue pour le statut : « clos ». Valeurs admises : en_preparation, en_consultation, attribue, en_execution, termine, abandonne."],
            Errors(Valid with { Status = "clos" })["status"]);

    // CPV

    [Fact]
    public void Absent_cpv_code_is_accepted() =>
        Assert.True(ContractRules.Validate(Valid with { CpvCode = null }).IsValid);

    [Theory]
    [InlineData("")]
    [InlineData("45442100")]
    [InlineData("17000000-0")]
    public void Invalid_cpv_code_is_rejected(string cpv)
    {
        AssertOnlyError(Valid with { CpvCode = cpv }, "cpvCode");
        Assert.Contains("Le code CPV", Errors(Valid with { CpvCode = cpv })["cpvCode"][0], StringComparison.Ordinal);
    }

    // amount

    [Theory]
    [InlineData("0")]
    [InlineData("0.01")]
    [InlineData("99999999999.99")]
    public void Amount_at_the_bounds_is_accepted(string amount) =>
        Assert.True(ContractRules.Validate(Valid with { AmountHt = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) }).IsValid);

    [Fact]
    public void Negative_amount_is_rejected() =>
        Assert.Equal(["Le montant HT doit être positif ou nul."], Errors(Valid with { AmountHt = -0.01m })["amountHt"]);

    [Fact]
    public void Amount_above_numeric_14_2_is_rejected() =>
        AssertOnlyError(Valid with { AmountHt = 100_000_000_000m }, "amountHt");

    [Fact]
    public void Amount_with_three_decimals_is_rejected() =>
        Assert.Equal(["Le montant HT ne peut pas avoir plus de deux décimales."], Errors(Valid with { AmountHt = 1000.005m })["amountHt"]);

    // dates

    [Fact]
    public void End_on_the_start_day_is_accepted() =>
        Assert.True(ContractRules.Validate(Valid with { StartsOn = new DateOnly(2025, 9, 1), EndsOn = new DateOnly(2025, 9, 1) }).IsValid);

    [Fact]
    public void End_before_start_is_rejected() =>
        Assert.Equal(["La date de fin doit être postérieure ou égale à la date de début."],
            Errors(Valid with { StartsOn = new DateOnly(2025, 9, 1), EndsOn = new DateOnly(2025, 8, 31) })["endsOn"]);

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void End_or_start_alone_is_accepted(bool withStart, bool withEnd) =>
        Assert.True(ContractRules.Validate(Valid with
        {
            StartsOn = withStart ? new DateOnly(2030, 1, 1) : null,
            EndsOn = withEnd ? new DateOnly(2020, 1, 1) : null,
            NotifiedOn = null,
        }).IsValid);

    [Fact]
    public void Notification_on_the_start_day_is_accepted() =>
        Assert.True(ContractRules.Validate(Valid with { NotifiedOn = new DateOnly(2025, 9, 1), StartsOn = new DateOnly(2025, 9, 1) }).IsValid);

    [Fact]
    public void Notification_after_start_is_rejected() =>
        Assert.Equal(["La date de notification doit être antérieure ou égale à la date de début."],
            Errors(Valid with { NotifiedOn = new DateOnly(2025, 9, 2), StartsOn = new DateOnly(2025, 9, 1) })["notifiedOn"]);

    [Fact]
    public void Notification_without_start_is_accepted() =>
        Assert.True(ContractRules.Validate(Valid with { NotifiedOn = new DateOnly(2030, 1, 1), StartsOn = null, EndsOn = null }).IsValid);

    // accumulation

    [Fact]
    public void All_errors_are_reported_at_once_under_camel_case_field_names()
    {
        var bad = new ContractInput("", "", "x", "x", "x", "1", -1.001m,
            new DateOnly(2025, 9, 1), new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 1));

        var errors = Errors(bad);

        Assert.Equal(
            ["amountHt", "category", "cpvCode", "endsOn", "kind", "notifiedOn", "reference", "status", "title"],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(2, errors["amountHt"].Length);
    }
}
