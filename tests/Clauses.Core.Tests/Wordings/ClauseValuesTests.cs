using System.Globalization;
using Clauses.Core.Wordings;
using static Clauses.Core.Tests.Wordings.WordingFixtures;

namespace Clauses.Core.Tests.Wordings;

public class ClauseValuesTests
{
    private static IReadOnlyDictionary<string, string?> Full_values => ClauseValues.From(Full);

    [Fact]
    public void Every_known_variable_gets_a_key_and_nothing_else() =>
        Assert.Equal(WordingTemplate.KnownVariables.Order(StringComparer.Ordinal), Full_values.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void Identity_values_are_copied_trimmed()
    {
        var values = ClauseValues.From(Full with { BuyerName = "  Ville de Montreuil ", FacilitatorContact = "   " });
        Assert.Equal("Ville de Montreuil", values["acheteur"]);
        Assert.Equal("2025-T-014", values["marche_reference"]);
        Assert.Equal("Réhabilitation du groupe scolaire Jules-Ferry", values["marche_objet"]);
        Assert.Equal("3", values["lot_numero"]);
        Assert.Equal("Peinture", values["lot_intitule"]);
        Assert.Null(values["facilitateur"]);
    }

    [Fact]
    public void The_amount_is_in_euros_excluding_tax() =>
        Assert.Equal($"1{Nnbsp}250{Nnbsp}000,00{Nbsp}€{Nbsp}HT", ClauseValues.From(Full with { AmountHt = 1_250_000m })["montant_ht"]);

    [Theory]
    [InlineData("833", "833\u00A0heures")]
    [InlineData("3500", "3\u202F500\u00A0heures")]
    [InlineData("1234567", "1\u202F234\u202F567\u00A0heures")]
    [InlineData("1", "1\u00A0heure")]
    [InlineData("0", "0\u00A0heure")]
    [InlineData("1.5", "1,5\u00A0heure")]
    [InlineData("2", "2\u00A0heures")]
    [InlineData("833.00", "833\u00A0heures")]
    [InlineData("833.25", "833,25\u00A0heures")]
    public void Hours_use_french_separators_and_agree_in_number(string hours, string expected) =>
        Assert.Equal(expected, ClauseValues.From(Full with { TargetHours = decimal.Parse(hours, CultureInfo.InvariantCulture) })["heures"]);

    [Theory]
    [InlineData("0.05", "5\u00A0%")]
    [InlineData("0.075", "7,5\u00A0%")]
    [InlineData("0.3", "30\u00A0%")]
    public void The_rate_is_a_fraction_shown_as_a_percentage(string rate, string expected) =>
        Assert.Equal(expected, ClauseValues.From(Full with { InsertionRate = decimal.Parse(rate, CultureInfo.InvariantCulture) })["taux"]);

    [Fact]
    public void The_award_weight_is_already_a_percentage() =>
        Assert.Equal("15\u00A0%", Full_values["ponderation"]);

    [Fact]
    public void Penalties_are_in_euros()
    {
        Assert.Equal($"45,00{Nbsp}€", Full_values["penalite_heure"]);
        Assert.Equal($"15{Nnbsp}000,00{Nbsp}€", Full_values["plafond_penalite"]);
    }

    [Theory]
    [InlineData("heures_fixes", "un volume fixe d'heures", null)]
    [InlineData("pourcentage_heures", "un pourcentage des heures travaillées", "oui")]
    [InlineData(null, null, null)]
    public void The_sizing_mode_is_a_phrase_and_a_flag(string? mode, string? phrase, string? flag)
    {
        var values = ClauseValues.From(Full with { SizingMode = mode });
        Assert.Equal(phrase, values["mode"]);
        Assert.Equal(flag, values["mode_pourcentage"]);
    }

    [Theory]
    [InlineData("mensuelle", "chaque mois")]
    [InlineData("trimestrielle", "chaque trimestre")]
    [InlineData("semestrielle", "chaque semestre")]
    [InlineData(null, null)]
    public void The_reporting_frequency_is_a_phrase(string? frequency, string? expected) =>
        Assert.Equal(expected, ClauseValues.From(Full with { ReportingFrequency = frequency })["frequence"]);

    [Fact]
    public void Publics_are_the_criterion_labels_in_vocabulary_order_joined_in_french() =>
        Assert.Equal("demandeur d'emploi de longue durée (12 mois ou plus), bénéficiaire du RSA et travailleur handicapé (RQTH)",
            Full_values["publics"]);

    [Fact]
    public void Without_criteria_publics_refer_to_the_ccag_list()
    {
        var publics = ClauseValues.From(Full with { EligibleCriteria = [] })["publics"];
        Assert.StartsWith("les publics éligibles définis à l'article", publics, StringComparison.Ordinal);
        Assert.Contains("(CCAG)", publics, StringComparison.Ordinal);
    }

    [Fact]
    public void Modalities_are_the_modality_labels_joined_in_french()
    {
        Assert.Equal("embauche directe (CDI, CDD, alternance, contrat aidé), intérim d'insertion (ETTI) et formation qualifiante",
            Full_values["modalites"]);
        Assert.Equal("mise à disposition par un GEIQ", ClauseValues.From(Full with { AllowedModalities = ["geiq"] })["modalites"]);
        Assert.Null(ClauseValues.From(Full with { AllowedModalities = [] })["modalites"]);
    }

    [Fact]
    public void Duplicated_codes_are_listed_once() =>
        Assert.Equal("bénéficiaire du RSA et travailleur handicapé (RQTH)",
            ClauseValues.From(Full with { EligibleCriteria = ["rqth", "rsa", "rqth"] })["publics"]);

    [Theory]
    [InlineData(new[] { "rsa" }, "bénéficiaire du RSA")]
    [InlineData(new[] { "rsa", "ass" }, "bénéficiaire du RSA et bénéficiaire de l'allocation de solidarité spécifique (ASS)")]
    [InlineData(new[] { "rsa", "ass", "senior_50" },
        "bénéficiaire du RSA, bénéficiaire de l'allocation de solidarité spécifique (ASS) et senior de 50 ans ou plus")]
    public void Lists_are_joined_with_commas_and_et_before_the_last_item(string[] criteria, string expected) =>
        Assert.Equal(expected, ClauseValues.From(Full with { EligibleCriteria = criteria })["publics"]);

    [Theory]
    [InlineData("anru_npnru", "nouveau programme national de renouvellement urbain (NPNRU)", "5\u00A0%")]
    [InlineData("anru_gup", "gestion urbaine de proximité", "10\u00A0%")]
    [InlineData("outre_mer_l2691_1", "articles L. 2691-1 et R. 2691-1 du code de la commande publique", "30\u00A0%")]
    public void Presets_have_their_mention(string preset, string piece, string share)
    {
        var mention = ClauseValues.From(Full with { Preset = preset })["preset_mention"];
        Assert.Contains(piece, mention, StringComparison.Ordinal);
        Assert.Contains(share, mention, StringComparison.Ordinal);
    }

    [Fact]
    public void No_preset_no_mention() => Assert.Null(Full_values["preset_mention"]);

    [Fact]
    public void Missing_numbers_give_no_value()
    {
        var values = ClauseValues.From(Full with
        {
            AmountHt = null, TargetHours = null, InsertionRate = null, PenaltyPerHour = null, PenaltyCap = null, AwardWeight = null, LotNumber = 0,
        });
        foreach (var name in new[] { "montant_ht", "heures", "taux", "penalite_heure", "plafond_penalite", "ponderation", "lot_numero" })
        {
            Assert.Null(values[name]);
        }
    }

    [Fact]
    public void Unknown_codes_are_refused()
    {
        Assert.Throws<ArgumentException>(() => ClauseValues.From(Full with { EligibleCriteria = ["chomeur"] }));
        Assert.Throws<ArgumentException>(() => ClauseValues.From(Full with { AllowedModalities = ["interim"] }));
        Assert.Throws<ArgumentException>(() => ClauseValues.From(Full with { SizingMode = "forfait" }));
        Assert.Throws<ArgumentException>(() => ClauseValues.From(Full with { ReportingFrequency = "annuelle" }));
        Assert.Throws<ArgumentException>(() => ClauseValues.From(Full with { Preset = "anru" }));
    }

    [Fact]
    public void Values_do_not_depend_on_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("en-US");
            var values = ClauseValues.From(Full with { TargetHours = 3500.5m });
            Assert.Equal("3\u202F500,5\u00A0heures", values["heures"]);
            Assert.Equal("5\u00A0%", values["taux"]);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
