using Clauses.Core.Relevance;

namespace Clauses.Core.Tests.Relevance;

public class LoiClimatTests
{
    private static readonly DateOnly EntryIntoForce = LoiClimat.DefaultEntryIntoForce;

    // Services bought by a commune, launched after entry into force, above the 2026 local threshold (216 000 €).
    private static readonly LoiClimatInput Base = new(300_000m, "services", "commune", "marche", new DateOnly(2026, 9, 1), false);

    private static LoiClimatResult Evaluate(LoiClimatInput input) => LoiClimat.Evaluate(input, EuThresholds.Default, EntryIntoForce);

    [Fact]
    public void Default_entry_into_force_is_22_august_2026() =>
        Assert.Equal(new DateOnly(2026, 8, 22), LoiClimat.DefaultEntryIntoForce);

    [Fact]
    public void Launch_on_21_august_2026_is_before_the_obligation()
    {
        var result = Evaluate(Base with { LaunchDate = new DateOnly(2026, 8, 21) });
        Assert.False(result.Applies);
        Assert.Null(result.Threshold);
        Assert.Equal("Consultation lancée le 21 août 2026, avant l'entrée en vigueur de l'obligation de la loi Climat et résilience le 22 août 2026 : l'obligation ne s'applique pas.", result.Explanation);
    }

    [Fact]
    public void Launch_on_22_august_2026_is_under_the_obligation()
    {
        var result = Evaluate(Base with { LaunchDate = new DateOnly(2026, 8, 22) });
        Assert.True(result.Applies);
        Assert.Equal(216_000m, result.Threshold);
    }

    [Fact]
    public void Amount_one_cent_below_the_threshold_is_not_under_the_obligation()
    {
        var result = Evaluate(Base with { EstimatedAmountHt = 215_999.99m });
        Assert.False(result.Applies);
        Assert.Equal(216_000m, result.Threshold);
        Assert.Equal("Montant estimé de 215\u202F999,99\u00A0€, inférieur au seuil européen de 216\u202F000,00\u00A0€ (fournitures et services des collectivités et autres acheteurs) "
            + "en vigueur le 1er septembre 2026 : l'obligation de la loi Climat et résilience ne s'applique pas.", result.Explanation);
    }

    [Fact]
    public void Amount_at_the_threshold_is_under_the_obligation()
    {
        var result = Evaluate(Base with { EstimatedAmountHt = 216_000m });
        Assert.True(result.Applies);
        Assert.Equal("Montant estimé de 216\u202F000,00\u00A0€, supérieur ou égal au seuil européen de 216\u202F000,00\u00A0€ (fournitures et services des collectivités et autres acheteurs) "
            + "en vigueur le 1er septembre 2026 : une condition d'exécution à caractère social ou relative à l'emploi est requise, sauf exception motivée (loi Climat et résilience, art. 35).",
            result.Explanation);
    }

    [Theory]
    [InlineData("5403999.99", false)]
    [InlineData("5404000", true)]
    public void Works_use_the_works_threshold(string amount, bool applies)
    {
        var result = Evaluate(Base with { Category = "travaux", EstimatedAmountHt = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(applies, result.Applies);
        Assert.Equal(5_404_000m, result.Threshold);
    }

    [Fact]
    public void Same_amount_applies_to_services_but_not_to_works()
    {
        Assert.True(Evaluate(Base with { EstimatedAmountHt = 5_000_000m, Category = "services" }).Applies);
        Assert.True(Evaluate(Base with { EstimatedAmountHt = 5_000_000m, Category = "fournitures" }).Applies);
        Assert.False(Evaluate(Base with { EstimatedAmountHt = 5_000_000m, Category = "travaux" }).Applies);
    }

    [Theory]
    [InlineData("etat", true, 140_000)]
    [InlineData("commune", false, 216_000)]
    [InlineData("metropole", false, 216_000)]
    [InlineData("hopital", false, 216_000)]
    [InlineData("bailleur_social", false, 216_000)]
    public void State_buyers_use_the_lower_supplies_and_services_threshold(string kind, bool applies, int threshold)
    {
        var result = Evaluate(Base with { EstimatedAmountHt = 150_000m, OrganisationKind = kind, Category = "fournitures" });
        Assert.Equal(applies, result.Applies);
        Assert.Equal(threshold, result.Threshold);
    }

    [Fact]
    public void State_works_use_the_works_threshold() =>
        Assert.False(Evaluate(Base with { EstimatedAmountHt = 150_000m, OrganisationKind = "etat", Category = "travaux" }).Applies);

    [Fact]
    public void Defence_and_security_contracts_are_excluded()
    {
        var result = Evaluate(Base with { EstimatedAmountHt = 100_000_000m, DefenceOrSecurity = true });
        Assert.False(result.Applies);
        Assert.Null(result.Threshold);
        Assert.Equal("Les marchés de défense ou de sécurité sont exclus de l'obligation de la loi Climat et résilience.", result.Explanation);
    }

    [Fact]
    public void Subsidies_are_never_under_the_obligation()
    {
        var result = Evaluate(Base with { EstimatedAmountHt = 100_000_000m, ContractKind = "subvention" });
        Assert.False(result.Applies);
        Assert.Null(result.Threshold);
        Assert.StartsWith("Une subvention n'est pas un contrat de la commande publique", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Framework_agreements_are_evaluated_like_marches() =>
        Assert.True(Evaluate(Base with { ContractKind = "accord_cadre" }).Applies);

    [Theory]
    [InlineData("services", "5403999.99", false)]
    [InlineData("services", "5404000", true)]
    [InlineData("travaux", "5404000", true)]
    public void Concessions_use_the_works_threshold_whatever_the_category(string category, string amount, bool applies)
    {
        var result = Evaluate(Base with { ContractKind = "concession", Category = category, EstimatedAmountHt = decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(applies, result.Applies);
        Assert.Equal(5_404_000m, result.Threshold);
        Assert.Contains("(concessions)", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_launch_date_cannot_be_evaluated()
    {
        var result = Evaluate(Base with { LaunchDate = null });
        Assert.False(result.Applies);
        Assert.Null(result.Threshold);
        Assert.Contains("date de lancement inconnue", result.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Threshold_table_switches_on_1_january_2026()
    {
        // With an earlier entry into force (a decree may bring it forward), 220 000 € of services is below the 2025
        // local threshold (221 000 €) and above the 2026 one (216 000 €).
        var early = new DateOnly(2025, 1, 1);
        var in2025 = LoiClimat.Evaluate(Base with { EstimatedAmountHt = 220_000m, LaunchDate = new DateOnly(2025, 12, 31) }, EuThresholds.Default, early);
        var in2026 = LoiClimat.Evaluate(Base with { EstimatedAmountHt = 220_000m, LaunchDate = new DateOnly(2026, 1, 1) }, EuThresholds.Default, early);
        Assert.False(in2025.Applies);
        Assert.Equal(221_000m, in2025.Threshold);
        Assert.True(in2026.Applies);
        Assert.Equal(216_000m, in2026.Threshold);
        Assert.Contains("en vigueur le 1er janvier 2026", in2026.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void Configured_entry_into_force_is_used() =>
        Assert.True(LoiClimat.Evaluate(Base with { LaunchDate = new DateOnly(2026, 3, 1) }, EuThresholds.Default, new DateOnly(2026, 3, 1)).Applies);

    [Fact]
    public void Launch_date_outside_the_threshold_table_cannot_be_evaluated()
    {
        var result = LoiClimat.Evaluate(Base, [], EntryIntoForce);
        Assert.False(result.Applies);
        Assert.Equal("Obligation non évaluée : aucun seuil européen connu au 1er septembre 2026.", result.Explanation);
    }

    [Fact]
    public void Unknown_category_is_explained_not_thrown()
    {
        var result = Evaluate(Base with { Category = "prestations" });
        Assert.False(result.Applies);
        Assert.Equal("Obligation non évaluée : catégorie d'achat inconnue « prestations ».", result.Explanation);
    }

    [Fact]
    public void Unknown_contract_kind_is_explained_not_thrown()
    {
        var result = Evaluate(Base with { ContractKind = "dsp" });
        Assert.False(result.Applies);
        Assert.Equal("Obligation non évaluée : type de contrat inconnu « dsp ».", result.Explanation);
    }
}
