using Clauses.Core.Spar;
using Clauses.Core.Tests.Common;

namespace Clauses.Core.Tests.Spar;

public class IndicatorVocabularyTests
{
    // Copied from src/Clauses.Api/Data/Migrations/0007_spar_audit_jobs.sql, spar_targets.indicator CHECK, in its order.
    private static readonly string[] DbIndicatorCodes =
    [
        "heures_insertion", "heures_marches_reserves", "participants",
        "part_femmes", "part_rsa", "taux_sorties_emploi", "contrats_analyses", "part_contrats_consideration_sociale",
        "marches_reserves_nombre", "marches_reserves_montant", "partenariats_siae",
    ];

    // Copied from the same migration, spar_targets.unit CHECK.
    private static readonly string[] DbUnitCodes = ["heures", "pourcentage", "nombre", "euros"];

    [Fact]
    public void Indicator_codes_are_exactly_those_of_the_database_check() =>
        Assert.Equal(DbIndicatorCodes, Indicator.Terms.Codes);

    [Fact]
    public void Unit_codes_are_exactly_those_of_the_database_check() =>
        Assert.Equal(DbUnitCodes, IndicatorUnit.Terms.Codes);

    [Fact]
    public void Bases_are_persons_hours_contracts_and_euros_with_their_French_words() =>
        VocabularyAssert.HasExactly(IndicatorBase.Terms,
            ("personnes", "personnes"), ("heures", "heures"), ("contrats", "marchés"), ("euros", "euros HT"));

    public static TheoryData<string> Codes => [.. DbIndicatorCodes];

    [Theory]
    [MemberData(nameof(Codes))]
    public void Every_indicator_has_a_label_a_one_sentence_definition_stating_its_base_a_unit_and_a_source(string code)
    {
        var term = Indicator.Terms.Find(code);
        Assert.NotNull(term);
        Assert.True(IndicatorBase.Terms.IsKnown(term.Base), term.Base);
        Assert.True(IndicatorUnit.Terms.IsKnown(term.Unit), term.Unit);
        Assert.True(char.IsUpper(term.Label[0]), term.Label);
        Assert.True(char.IsUpper(term.Definition[0]), term.Definition);
        Assert.EndsWith($" (base : {IndicatorBase.Terms.Label(term.Base)}).", term.Definition, StringComparison.Ordinal);
        Assert.Equal(1, term.Definition.Count(c => c == '.'));
        Assert.Contains("dans l'année", term.Definition, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(term.Source));
    }

    [Theory]
    [InlineData("heures_insertion", "heures", "heures")]
    [InlineData("heures_marches_reserves", "heures", "heures")]
    [InlineData("participants", "personnes", "nombre")]
    [InlineData("part_femmes", "personnes", "pourcentage")]
    [InlineData("part_rsa", "personnes", "pourcentage")]
    [InlineData("taux_sorties_emploi", "personnes", "pourcentage")]
    [InlineData("contrats_analyses", "contrats", "pourcentage")]
    [InlineData("part_contrats_consideration_sociale", "contrats", "pourcentage")]
    [InlineData("marches_reserves_nombre", "contrats", "nombre")]
    [InlineData("marches_reserves_montant", "euros", "euros")]
    [InlineData("partenariats_siae", "contrats", "nombre")]
    public void Each_indicator_has_its_base_and_unit(string code, string expectedBase, string expectedUnit)
    {
        var term = Indicator.Terms.Find(code)!;
        Assert.Equal(expectedBase, term.Base);
        Assert.Equal(expectedUnit, term.Unit);
    }

    [Fact]
    public void The_share_of_women_is_defined_over_distinct_persons() =>
        Assert.Equal(
            "Part des personnes distinctes ayant travaillé sur une clause dans l'année qui sont des femmes (base : personnes).",
            Indicator.Terms.Find(Indicator.PartFemmes)!.Definition);

    [Theory]
    [InlineData("part_femmes", "fiche 31")]
    [InlineData("taux_sorties_emploi", "250 sorties, 81 contrats")]
    [InlineData("heures_marches_reserves", "fiche 32")]
    [InlineData("marches_reserves_nombre", "fiche 32")]
    [InlineData("part_contrats_consideration_sociale", "PNAD 2022-2025 : 30 %")]
    [InlineData("part_contrats_consideration_sociale", "L2111-3")]
    public void Sources_name_the_seed_fiche_or_the_national_reference(string code, string expected) =>
        Assert.Contains(expected, Indicator.Terms.Find(code)!.Source, StringComparison.Ordinal);

    [Fact]
    public void The_social_consideration_definition_names_both_scope_thresholds()
    {
        var definition = Indicator.Terms.Find(Indicator.PartContratsConsiderationSociale)!.Definition;
        Assert.Contains("40 000 € HT", definition, StringComparison.Ordinal);
        Assert.Contains("90 000 € HT", definition, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_are_unique() =>
        Assert.Equal(Indicator.Terms.All.Count, Indicator.Terms.All.Select(t => t.Label).Distinct(StringComparer.Ordinal).Count());

    [Fact]
    public void Burn_down_statuses_have_their_French_words() =>
        VocabularyAssert.HasExactly(BurnDownStatus.Terms,
            ("en_avance", "en avance"), ("dans_les_temps", "dans les temps"), ("en_retard", "en retard"));

    [Fact]
    public void A_target_in_the_indicator_unit_is_valid()
    {
        Assert.True(Indicator.ValidateTarget("part_femmes", 2025, 35m, "pourcentage").IsValid);
        Assert.True(Indicator.ValidateTarget("part_femmes", 2015, 100m, "pourcentage").IsValid);
        Assert.True(Indicator.ValidateTarget("heures_insertion", 2100, 1_000_000m, "heures").IsValid);
        Assert.True(Indicator.ValidateTarget("marches_reserves_montant", 2026, 0m, "euros").IsValid);
    }

    [Fact]
    public void A_target_must_use_the_indicator_unit() =>
        Assert.Equal(["L'unité de l'indicateur « Part de femmes » est « pourcentage » (reçu : « nombre »)."],
            Indicator.ValidateTarget("part_femmes", 2025, 35m, "nombre").For("unit"));

    [Fact]
    public void A_percentage_target_cannot_exceed_100() =>
        Assert.Equal(["Un pourcentage cible ne peut pas dépasser 100."],
            Indicator.ValidateTarget("part_femmes", 2025, 100.01m, "pourcentage").For("targetValue"));

    [Theory]
    [InlineData(2014)]
    [InlineData(2101)]
    public void The_year_is_between_2015_and_2100(int year) =>
        Assert.Equal([$"L'année doit être comprise entre 2015 et 2100 (reçu : {year})."],
            Indicator.ValidateTarget("participants", year, 500m, "nombre").For("year"));

    [Fact]
    public void A_target_is_not_negative_and_has_at_most_two_decimals()
    {
        Assert.Equal(["La valeur cible ne peut pas être négative."], Indicator.ValidateTarget("participants", 2025, -1m, "nombre").For("targetValue"));
        Assert.Equal(["La valeur cible ne peut pas avoir plus de 2 décimales."], Indicator.ValidateTarget("heures_insertion", 2025, 1.005m, "heures").For("targetValue"));
    }

    [Fact]
    public void Unknown_or_missing_fields_are_reported()
    {
        var errors = Indicator.ValidateTarget("femmes", null, null, "Heures");
        Assert.Equal(["indicator", "year", "targetValue", "unit"], errors.Fields);
        Assert.StartsWith("Valeur inconnue pour l'indicateur : « femmes ». Valeurs admises : heures_insertion, ", errors.For("indicator")[0], StringComparison.Ordinal);
        Assert.StartsWith("Valeur inconnue pour l'unité : « Heures ».", errors.For("unit")[0], StringComparison.Ordinal);
        Assert.Equal("L'année est obligatoire.", errors.For("year")[0]);
    }
}
