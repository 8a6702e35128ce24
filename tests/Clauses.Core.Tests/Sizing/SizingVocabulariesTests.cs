using Clauses.Core.Common;
using Clauses.Core.Eligibility;
using Clauses.Core.Sizing;
using Clauses.Core.Tests.Common;

namespace Clauses.Core.Tests.Sizing;

public class SizingVocabulariesTests
{
    [Fact]
    public void Sizing_modes_are_the_database_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(SizingMode.Terms,
            ("heures_fixes", "Nombre d'heures fixé"),
            ("pourcentage_heures", "Pourcentage des heures travaillées"));

    [Fact]
    public void Rounding_modes_are_the_database_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(RoundingMode.Terms,
            ("demi_superieur", "À l'heure la plus proche (une demi-heure arrondie à l'heure supérieure)"),
            ("superieur", "À l'heure supérieure"),
            ("inferieur", "À l'heure inférieure"));

    [Fact]
    public void Labour_share_sources_are_the_database_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(LabourShareSource.Terms,
            ("table_sourcee", "Table de référence (valeur sourcée)"),
            ("table_a_valider", "Table de référence (valeur par défaut à valider)"),
            ("organisation", "Valeur propre à l'organisation"),
            ("saisie", "Saisie par l'acheteur"));

    [Fact]
    public void Presets_are_the_database_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(SizingPreset.Terms,
            ("anru_npnru", "ANRU – NPNRU (travaux et ingénierie)"),
            ("anru_gup", "ANRU – gestion urbaine de proximité (GUP)"),
            ("outre_mer_l2691_1", "Outre-mer – emploi des jeunes (article L2691-1)"));

    [Theory]
    [InlineData("anru_npnru", "0.05", "residant_qpv")]
    [InlineData("anru_gup", "0.10", "residant_qpv")]
    [InlineData("outre_mer_l2691_1", "0.30", null)]
    public void Presets_carry_their_minimum_rate_and_public(string code, string minRate, string? requiredPublic)
    {
        var preset = SizingPreset.Terms.Find(code)!;
        Assert.Equal(decimal.Parse(minRate, System.Globalization.CultureInfo.InvariantCulture), preset.MinRate);
        Assert.Equal(requiredPublic, preset.RequiredPublic);
    }

    [Fact]
    public void Preset_publics_are_known_eligibility_criteria()
    {
        foreach (var preset in SizingPreset.Terms.All.Where(p => p.RequiredPublic is not null))
        {
            Assert.True(Criterion.Terms.IsKnown(preset.RequiredPublic));
        }
    }

    [Theory]
    [InlineData("anru_npnru", "5\u00A0% des heures travaillées")]
    [InlineData("anru_gup", "10\u00A0% des heures travaillées")]
    [InlineData("outre_mer_l2691_1", "30\u00A0% des heures")]
    public void Preset_explanations_state_the_minimum_in_french(string code, string expected) =>
        Assert.Contains(expected, SizingPreset.Terms.Find(code)!.Explanation, StringComparison.Ordinal);

    [Fact]
    public void Overseas_preset_explains_that_the_youth_unemployment_condition_is_declared()
    {
        var explanation = SizingPreset.Terms.Find(SizingPreset.OutreMer)!.Explanation;
        Assert.Contains("1,5 fois", explanation, StringComparison.Ordinal);
        Assert.Contains("moins de 25 ans", explanation, StringComparison.Ordinal);
        Assert.Contains("L2691-1", explanation, StringComparison.Ordinal);
    }

    public static TheoryData<string> Names => ["SizingMode", "RoundingMode", "LabourShareSource", "SizingPreset"];

    private static IReadOnlyList<ITerm> TermsOf(string name) => name switch
    {
        "SizingMode" => [.. SizingMode.Terms.All],
        "RoundingMode" => [.. RoundingMode.Terms.All],
        "LabourShareSource" => [.. LabourShareSource.Terms.All],
        "SizingPreset" => [.. SizingPreset.Terms.All],
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Codes_are_plain_ascii_and_labels_are_capitalised_and_unique(string name)
    {
        var terms = TermsOf(name);
        Assert.NotEmpty(terms);
        foreach (var term in terms)
        {
            Assert.Matches(@"\A[a-z0-9_]+\z", term.Code);
            Assert.True(char.IsUpper(term.Label[0]), term.Label);
            Assert.Equal(term.Label.Trim(), term.Label);
        }

        Assert.Equal(terms.Count, terms.Select(t => t.Label).Distinct(StringComparer.Ordinal).Count());
    }
}
