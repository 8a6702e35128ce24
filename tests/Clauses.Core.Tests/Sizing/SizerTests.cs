using System.Globalization;
using Clauses.Core.Hours;
using Clauses.Core.Sizing;

namespace Clauses.Core.Tests.Sizing;

public class SizerTests
{
    // mefsud77 worked example, with two modalities and a sourced labour share: no warning, no error.
    private static readonly SizingInput Base = new(
        1_000_000m, 0.50m, LabourShareSource.TableSourcee, 0.05m, 30m,
        SizingMode.HeuresFixes, RoundingMode.DemiSuperieur, null,
        [Modality.EmbaucheDirecte, Modality.SousTraitanceSiae]);

    private static readonly SizingInput Percent = Base with
    {
        SizingMode = SizingMode.PourcentageHeures, AmountHt = null, LabourShare = null, LabourShareSource = "", HourlyCost = null,
    };

    private static decimal D(string s) => decimal.Parse(s, CultureInfo.InvariantCulture);

    private static List<string> Warnings(SizingInput input) => [.. Sizer.Compute(input).Warnings.Select(w => w.Code)];

    private static IDictionary<string, string[]> Errors(SizingInput input) => Sizer.Compute(input).Errors.ToDictionary();

    // worked examples

    [Fact]
    public void Worked_example_mefsud77_gives_833_hours()
    {
        var result = Sizer.Compute(Base);
        Assert.Equal(833m, result.TargetHours);
        Assert.Equal(25_000m / 30m, result.ExactHours);
        Assert.True(result.Errors.IsValid);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Worked_example_mefsud77_explains_the_formula_in_french() =>
        Assert.Equal("1\u202F000\u202F000,00\u00A0€ × 50\u00A0% × 5\u00A0% ÷ 30,00\u00A0€/h = 833,33\u00A0h → 833\u00A0h", Sizer.Compute(Base).Formula);

    [Fact]
    public void Worked_example_mde_ales_gives_3500_hours()
    {
        var result = Sizer.Compute(Base with { AmountHt = 1_500_000m, LabourShare = 0.70m, InsertionRate = 0.10m });
        Assert.Equal(3500m, result.TargetHours);
        Assert.Equal(3500m, result.ExactHours);
        Assert.Equal("1\u202F500\u202F000,00\u00A0€ × 70\u00A0% × 10\u00A0% ÷ 30,00\u00A0€/h = 3\u202F500,00\u00A0h → 3\u202F500\u00A0h", result.Formula);
    }

    [Fact]
    public void Five_million_at_45_percent_7_percent_and_35_euros_gives_exactly_4500_hours_without_float_error()
    {
        var result = Sizer.Compute(Base with { AmountHt = 5_000_000m, LabourShare = 0.45m, InsertionRate = 0.07m, HourlyCost = 35m });
        Assert.Equal(4500m, result.ExactHours);
        Assert.Equal(4500m, result.TargetHours);
        // The same computation in binary floating point is not exact (legal-rules R1): the rounding mode "superieur" would give 4 501.
        Assert.NotEqual(4500.0, 5_000_000.0 * 0.45 * 0.07 / 35.0);
        Assert.Equal(4500m, Sizer.Compute(Base with { AmountHt = 5_000_000m, LabourShare = 0.45m, InsertionRate = 0.07m, HourlyCost = 35m, RoundingMode = RoundingMode.Superieur }).TargetHours);
    }

    [Fact]
    public void Percentages_with_decimals_are_shown_with_a_decimal_comma() =>
        Assert.StartsWith("100\u202F000,00\u00A0€ × 33,33\u00A0% × 7,5\u00A0% ÷ 27,50\u00A0€/h = ",
            Sizer.Compute(Base with { AmountHt = 100_000m, LabourShare = 0.3333m, InsertionRate = 0.075m, HourlyCost = 27.5m }).Formula, StringComparison.Ordinal);

    // rounding

    [Theory]
    [InlineData("demi_superieur", "833")]
    [InlineData("superieur", "834")]
    [InlineData("inferieur", "833")]
    public void Sizing_rounds_833_33_hours_per_the_rounding_mode(string mode, string expected) =>
        Assert.Equal(D(expected), Sizer.Compute(Base with { RoundingMode = mode }).TargetHours);

    [Theory]
    [InlineData("demi_superieur", "833")]
    [InlineData("superieur", "833")]
    [InlineData("inferieur", "832")]
    public void Sizing_rounds_half_up_to_the_hour(string mode, string expected)
    {
        // 999 000 × 50 % × 5 % ÷ 30 = 832,5 h exactly.
        var result = Sizer.Compute(Base with { AmountHt = 999_000m, RoundingMode = mode });
        Assert.Equal(832.5m, result.ExactHours);
        Assert.Equal(D(expected), result.TargetHours);
    }

    [Fact]
    public void Unknown_rounding_mode_keeps_the_exact_hours_but_gives_no_target()
    {
        var result = Sizer.Compute(Base with { RoundingMode = "arrondi" });
        Assert.Equal(25_000m / 30m, result.ExactHours);
        Assert.Null(result.TargetHours);
        Assert.Equal(["Valeur inconnue pour le mode d'arrondi : « arrondi ». Valeurs admises : demi_superieur, superieur, inferieur."], result.Errors.For("roundingMode"));
        Assert.Equal("1\u202F000\u202F000,00\u00A0€ × 50\u00A0% × 5\u00A0% ÷ 30,00\u00A0€/h = 833,33\u00A0h", result.Formula);
    }

    // % mode (R2)

    [Fact]
    public void Percent_mode_without_declared_total_states_the_rate_and_has_no_hours_yet()
    {
        var result = Sizer.Compute(Percent);
        Assert.Null(result.ExactHours);
        Assert.Null(result.TargetHours);
        Assert.Equal("5\u00A0% des heures travaillées sur le lot", result.Formula);
        Assert.True(result.Errors.IsValid);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Percent_mode_computes_the_target_from_the_declared_total()
    {
        var result = Sizer.Compute(Percent with { DeclaredTotalHours = 12_345m });
        Assert.Equal(617.25m, result.ExactHours);
        Assert.Equal(617m, result.TargetHours);
        Assert.Equal("5\u00A0% des heures travaillées sur le lot : 12\u202F345,00\u00A0h déclarées × 5\u00A0% = 617,25\u00A0h → 617\u00A0h", result.Formula);
    }

    [Fact]
    public void Percent_mode_follows_the_rounding_mode() =>
        Assert.Equal(618m, Sizer.Compute(Percent with { DeclaredTotalHours = 12_345m, RoundingMode = RoundingMode.Superieur }).TargetHours);

    [Fact]
    public void Percent_mode_ignores_the_amount_labour_share_and_hourly_cost() =>
        Assert.Equal(617m, Sizer.Compute(Base with { SizingMode = SizingMode.PourcentageHeures, DeclaredTotalHours = 12_345m }).TargetHours);

    [Fact]
    public void Percent_mode_without_rate_has_no_volume()
    {
        var result = Sizer.Compute(Percent with { InsertionRate = null, DeclaredTotalHours = 12_345m });
        Assert.Null(result.TargetHours);
        Assert.Equal(Sizer.GenericPercentFormula, result.Formula);
        Assert.Equal(["volume_absent"], result.Warnings.Select(w => w.Code));
    }

    [Fact]
    public void Percent_mode_small_declared_total_warns_below_150_hours() =>
        Assert.Equal(["volume_inferieur_150h"], Warnings(Percent with { DeclaredTotalHours = 2_000m }));

    // warnings

    [Theory]
    [InlineData("0.05")]
    [InlineData("0.10")]
    [InlineData("0.20")]
    public void Rate_from_5_to_20_percent_is_not_flagged(string rate) =>
        Assert.DoesNotContain("taux_hors_plage", Warnings(Base with { InsertionRate = D(rate) }));

    [Theory]
    [InlineData("0.0499")]
    [InlineData("0.01")]
    [InlineData("0.2001")]
    [InlineData("1")]
    public void Rate_below_5_or_above_20_percent_is_flagged(string rate) =>
        Assert.Contains("taux_hors_plage", Warnings(Base with { InsertionRate = D(rate) }));

    [Fact]
    public void Rate_out_of_range_warning_is_in_french() =>
        Assert.Equal("Le taux d'insertion sort de la plage habituellement pratiquée (de 5\u00A0% à 20\u00A0% des heures travaillées).",
            Sizer.Compute(Base with { InsertionRate = 0.04m }).Warnings.Single(w => w.Code == "taux_hors_plage").Message);

    [Theory]
    [InlineData("anru_npnru", "0.0499")]
    [InlineData("anru_gup", "0.0999")]
    [InlineData("anru_gup", "0.05")]
    [InlineData("outre_mer_l2691_1", "0.2999")]
    [InlineData("outre_mer_l2691_1", "0.10")]
    public void Rate_below_the_preset_minimum_is_flagged(string preset, string rate) =>
        Assert.Contains("taux_inferieur_preset", Warnings(Base with { Preset = preset, InsertionRate = D(rate) }));

    [Theory]
    [InlineData("anru_npnru", "0.05")]
    [InlineData("anru_gup", "0.10")]
    [InlineData("outre_mer_l2691_1", "0.30")]
    [InlineData("outre_mer_l2691_1", "0.35")]
    public void Rate_at_or_above_the_preset_minimum_is_not_flagged(string preset, string rate) =>
        Assert.DoesNotContain("taux_inferieur_preset", Warnings(Base with { Preset = preset, InsertionRate = D(rate) }));

    [Fact]
    public void Preset_warning_names_the_minimum_and_the_preset() =>
        Assert.Equal("Le taux d'insertion est inférieur au minimum de 10\u00A0% fixé par le préréglage « ANRU – gestion urbaine de proximité (GUP) ».",
            Sizer.Compute(Base with { Preset = SizingPreset.AnruGup, InsertionRate = 0.08m }).Warnings.Single(w => w.Code == "taux_inferieur_preset").Message);

    [Theory]
    [InlineData("0.30")]
    [InlineData("0.35")]
    public void Overseas_preset_rates_above_20_percent_are_expected_not_out_of_range(string rate) =>
        Assert.DoesNotContain("taux_hors_plage", Warnings(Base with { Preset = SizingPreset.OutreMer, InsertionRate = D(rate) }));

    [Fact]
    public void Anru_preset_keeps_the_20_percent_upper_bound() =>
        Assert.Contains("taux_hors_plage", Warnings(Base with { Preset = SizingPreset.AnruGup, InsertionRate = 0.25m }));

    [Fact]
    public void Labour_share_to_be_validated_is_flagged() =>
        Assert.Equal(["part_mo_a_valider"], Warnings(Base with { LabourShareSource = LabourShareSource.TableAValider }));

    [Theory]
    [InlineData("table_sourcee")]
    [InlineData("organisation")]
    [InlineData("saisie")]
    public void Labour_share_from_other_sources_is_not_flagged(string source) =>
        Assert.Empty(Warnings(Base with { LabourShareSource = source }));

    [Fact]
    public void Labour_share_below_50_percent_is_flagged_for_information() =>
        Assert.Contains("part_mo_inferieure_50", Warnings(Base with { LabourShare = 0.4999m, AmountHt = 2_000_000m }));

    [Theory]
    [InlineData("0.50")]
    [InlineData("0.70")]
    public void Labour_share_of_50_percent_or_more_is_not_flagged(string share) =>
        Assert.DoesNotContain("part_mo_inferieure_50", Warnings(Base with { LabourShare = D(share) }));

    [Fact]
    public void Target_of_149_hours_warns_that_no_clause_is_advised()
    {
        // 178 800 × 50 % × 5 % ÷ 30 = 149 h.
        var result = Sizer.Compute(Base with { AmountHt = 178_800m });
        Assert.Equal(149m, result.TargetHours);
        Assert.Equal(["volume_inferieur_150h"], result.Warnings.Select(w => w.Code));
        Assert.Equal("Le volume d'insertion est inférieur à 150\u00A0heures : en dessous de ce seuil, une clause n'est généralement pas conseillée.", result.Warnings[0].Message);
    }

    [Fact]
    public void Target_of_150_hours_is_not_flagged()
    {
        var result = Sizer.Compute(Base with { AmountHt = 180_000m });
        Assert.Equal(150m, result.TargetHours);
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("demi_superieur", false)]
    [InlineData("inferieur", true)]
    public void The_150_hours_warning_looks_at_the_rounded_target(string mode, bool warned)
    {
        // 179 400 × 50 % × 5 % ÷ 30 = 149,5 h.
        var warnings = Warnings(Base with { AmountHt = 179_400m, RoundingMode = mode });
        Assert.Equal(warned, warnings.Contains("volume_inferieur_150h"));
    }

    [Fact]
    public void Zero_amount_gives_zero_hours_and_warns_below_150_hours()
    {
        var result = Sizer.Compute(Base with { AmountHt = 0m });
        Assert.Equal(0m, result.TargetHours);
        Assert.True(result.Errors.IsValid);
        Assert.Equal(["volume_inferieur_150h"], result.Warnings.Select(w => w.Code));
    }

    [Fact]
    public void Single_allowed_modality_is_flagged() =>
        Assert.Equal(["modalite_unique"], Warnings(Base with { AllowedModalities = [Modality.EmbaucheDirecte] }));

    [Fact]
    public void The_same_modality_twice_still_counts_as_one() =>
        Assert.Equal(["modalite_unique"], Warnings(Base with { AllowedModalities = [Modality.Formation, Modality.Formation] }));

    [Fact]
    public void Two_modalities_are_not_flagged() =>
        Assert.Empty(Warnings(Base with { AllowedModalities = [Modality.Formation, Modality.InterimEtti] }));

    [Fact]
    public void No_allowed_modality_is_flagged() =>
        Assert.Equal(["aucune_modalite"], Warnings(Base with { AllowedModalities = [] }));

    [Fact]
    public void Missing_modality_list_counts_as_none() =>
        Assert.Equal(["aucune_modalite"], Warnings(Base with { AllowedModalities = null! }));

    [Fact]
    public void Missing_rate_means_no_quantified_volume()
    {
        var result = Sizer.Compute(Base with { InsertionRate = null });
        Assert.Null(result.ExactHours);
        Assert.Null(result.TargetHours);
        Assert.Equal(["volume_absent"], result.Warnings.Select(w => w.Code));
        Assert.True(result.Errors.IsValid);
        Assert.Equal("Montant HT × part de main-d'œuvre × taux d'insertion ÷ coût horaire chargé", result.Formula);
    }

    [Fact]
    public void Complete_inputs_have_a_quantified_volume() =>
        Assert.DoesNotContain("volume_absent", Warnings(Base));

    [Fact]
    public void Warnings_come_in_a_stable_order() =>
        Assert.Equal(["taux_hors_plage", "taux_inferieur_preset", "part_mo_a_valider", "part_mo_inferieure_50", "volume_inferieur_150h", "modalite_unique"],
            Warnings(Base with
            {
                AmountHt = 10_000m, LabourShare = 0.3m, LabourShareSource = LabourShareSource.TableAValider, InsertionRate = 0.04m,
                Preset = SizingPreset.AnruNpnru, AllowedModalities = [Modality.Geiq],
            }));

    [Fact]
    public void Every_warning_message_is_french_text()
    {
        var result = Sizer.Compute(Base with
        {
            AmountHt = 10_000m, LabourShare = 0.3m, LabourShareSource = LabourShareSource.TableAValider, InsertionRate = 0.04m,
            Preset = SizingPreset.AnruNpnru, AllowedModalities = [],
        });
        Assert.Equal(6, result.Warnings.Count);
        foreach (var warning in result.Warnings)
        {
            Assert.True(char.IsUpper(warning.Message[0]));
            Assert.EndsWith(".", warning.Message, StringComparison.Ordinal);
        }
    }

    // errors

    [Theory]
    [InlineData("amountHt", "Le montant HT est obligatoire pour calculer le nombre d'heures.")]
    [InlineData("labourShare", "La part de main-d'œuvre est obligatoire pour calculer le nombre d'heures.")]
    [InlineData("hourlyCost", "Le coût horaire chargé est obligatoire pour calculer le nombre d'heures.")]
    public void Fixed_hours_mode_requires_amount_labour_share_and_hourly_cost(string field, string message)
    {
        var input = field switch
        {
            "amountHt" => Base with { AmountHt = null },
            "labourShare" => Base with { LabourShare = null },
            _ => Base with { HourlyCost = null },
        };
        var result = Sizer.Compute(input);
        Assert.Equal([field], result.Errors.Fields);
        Assert.Equal([message], result.Errors.For(field));
        Assert.Null(result.TargetHours);
        Assert.Contains("volume_absent", result.Warnings.Select(w => w.Code));
    }

    [Fact]
    public void Percent_mode_does_not_require_amount_labour_share_or_hourly_cost() =>
        Assert.True(Sizer.Compute(Percent).Errors.IsValid);

    [Theory]
    [InlineData("-0.01")]
    [InlineData("100000000000")]
    [InlineData("0.001")]
    public void Negative_too_large_or_too_precise_amount_is_rejected(string amount)
    {
        var result = Sizer.Compute(Base with { AmountHt = D(amount) });
        Assert.Equal(["amountHt"], result.Errors.Fields);
        Assert.Null(result.ExactHours);
    }

    [Fact]
    public void Negative_amount_message_is_the_shared_amount_message() =>
        Assert.Equal(["Le montant HT doit être positif ou nul."], Errors(Base with { AmountHt = -1m })["amountHt"]);

    [Fact]
    public void Largest_numeric_amount_is_accepted() =>
        Assert.True(Sizer.Compute(Base with { AmountHt = 99_999_999_999.99m }).Errors.IsValid);

    [Theory]
    [InlineData("0")]
    [InlineData("-0.5")]
    [InlineData("1.0001")]
    public void Labour_share_outside_0_exclusive_to_1_is_rejected(string share) =>
        Assert.Equal(["La part de main-d'œuvre doit être supérieure à 0\u00A0% et au plus égale à 100\u00A0%."], Errors(Base with { LabourShare = D(share) })["labourShare"]);

    [Theory]
    [InlineData("1")]
    [InlineData("0.0001")]
    public void Labour_share_at_the_bounds_is_accepted(string share) =>
        Assert.True(Sizer.Compute(Base with { LabourShare = D(share) }).Errors.IsValid);

    [Fact]
    public void Labour_share_finer_than_a_hundredth_of_a_percent_is_rejected() =>
        Assert.Equal(["La part de main-d'œuvre ne peut pas être plus précise que 0,01\u00A0%."], Errors(Base with { LabourShare = 0.33333m })["labourShare"]);

    [Theory]
    [InlineData("0")]
    [InlineData("-0.05")]
    [InlineData("1.01")]
    public void Rate_outside_0_exclusive_to_1_is_rejected(string rate)
    {
        var result = Sizer.Compute(Base with { InsertionRate = D(rate) });
        Assert.Equal(["Le taux d'insertion doit être supérieur à 0\u00A0% et au plus égal à 100\u00A0%."], result.Errors.For("insertionRate"));
        Assert.Equal(["insertionRate"], result.Errors.Fields);
        Assert.Null(result.TargetHours);
    }

    [Fact]
    public void Rate_finer_than_a_hundredth_of_a_percent_is_rejected() =>
        Assert.Equal(["Le taux d'insertion ne peut pas être plus précis que 0,01\u00A0%."], Errors(Base with { InsertionRate = 0.05001m })["insertionRate"]);

    [Theory]
    [InlineData("0")]
    [InlineData("-30")]
    [InlineData("1000.01")]
    public void Hourly_cost_outside_0_exclusive_to_1000_is_rejected(string cost) =>
        Assert.Equal(["Le coût horaire chargé doit être supérieur à 0 et au plus égal à 1\u202F000,00\u00A0€ de l'heure."], Errors(Base with { HourlyCost = D(cost) })["hourlyCost"]);

    [Theory]
    [InlineData("1000")]
    [InlineData("0.01")]
    public void Hourly_cost_at_the_bounds_is_accepted(string cost) =>
        Assert.True(Sizer.Compute(Base with { HourlyCost = D(cost) }).Errors.IsValid);

    [Fact]
    public void Hourly_cost_with_more_than_two_decimals_is_rejected() =>
        Assert.Equal(["Le coût horaire chargé ne peut pas avoir plus de deux décimales."], Errors(Base with { HourlyCost = 30.001m })["hourlyCost"]);

    [Theory]
    [InlineData(null, "Le mode de dimensionnement est obligatoire. Valeurs admises : heures_fixes, pourcentage_heures.")]
    [InlineData("", "Le mode de dimensionnement est obligatoire. Valeurs admises : heures_fixes, pourcentage_heures.")]
    [InlineData("heures", "Valeur inconnue pour le mode de dimensionnement : « heures ». Valeurs admises : heures_fixes, pourcentage_heures.")]
    public void Missing_or_unknown_sizing_mode_is_rejected(string? mode, string message)
    {
        var result = Sizer.Compute(Base with { SizingMode = mode! });
        Assert.Equal([message], result.Errors.For("sizingMode"));
        Assert.Null(result.TargetHours);
        Assert.Equal(string.Empty, result.Formula);
        Assert.Contains("volume_absent", result.Warnings.Select(w => w.Code));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Missing_rounding_mode_is_rejected(string? mode) =>
        Assert.Equal(["Le mode d'arrondi est obligatoire. Valeurs admises : demi_superieur, superieur, inferieur."], Errors(Base with { RoundingMode = mode! })["roundingMode"]);

    [Theory]
    [InlineData("anru")]
    [InlineData("")]
    [InlineData("ANRU_NPNRU")]
    public void Unknown_preset_is_rejected(string preset) =>
        Assert.Equal([$"Valeur inconnue pour le préréglage : « {preset} ». Valeurs admises : anru_npnru, anru_gup, outre_mer_l2691_1."], Errors(Base with { Preset = preset })["preset"]);

    [Fact]
    public void Unknown_labour_share_source_is_rejected() =>
        Assert.Equal(["Valeur inconnue pour la source de la part de main-d'œuvre : « manuel ». Valeurs admises : table_sourcee, table_a_valider, organisation, saisie."],
            Errors(Base with { LabourShareSource = "manuel" })["labourShareSource"]);

    [Fact]
    public void Labour_share_without_its_source_is_rejected() =>
        Assert.Equal(["labourShareSource"], Errors(Base with { LabourShareSource = "" }).Keys);

    [Fact]
    public void Unknown_modality_is_rejected_and_the_known_ones_still_count()
    {
        var result = Sizer.Compute(Base with { AllowedModalities = [Modality.Formation, "benevolat"] });
        Assert.Equal(["Modalité de réalisation inconnue : « benevolat ». Valeurs admises : embauche_directe, interim_etti, interim_ett, mise_a_disposition_ai, geiq, entreprise_adaptee, sous_traitance_siae, cotraitance_siae, formation."],
            result.Errors.For("allowedModalities"));
        Assert.Equal(["modalite_unique"], result.Warnings.Select(w => w.Code));
        Assert.Equal(833m, result.TargetHours);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("100000000")]
    public void Negative_or_too_large_declared_total_is_rejected(string total)
    {
        var result = Sizer.Compute(Percent with { DeclaredTotalHours = D(total) });
        Assert.Equal(["Le total des heures travaillées déclaré doit être compris entre 0 et 99\u202F999\u202F999,99\u00A0h."], result.Errors.For("declaredTotalHours"));
        Assert.Null(result.TargetHours);
    }

    [Fact]
    public void Target_beyond_what_the_database_stores_is_rejected()
    {
        var result = Sizer.Compute(Base with { AmountHt = 99_999_999_999.99m, LabourShare = 1m, InsertionRate = 1m, HourlyCost = 0.01m });
        Assert.Equal(["amountHt"], result.Errors.Fields);
        Assert.StartsWith("Le volume d'heures calculé dépasse le maximum enregistrable", result.Errors.For("amountHt")[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Inputs_are_valid_in_every_known_combination_of_codes()
    {
        foreach (var mode in SizingMode.Terms.Codes)
        {
            foreach (var rounding in RoundingMode.Terms.Codes)
            {
                foreach (var preset in SizingPreset.Terms.Codes.Append(null))
                {
                    Assert.True(Sizer.Compute(Base with { SizingMode = mode, RoundingMode = rounding, Preset = preset, DeclaredTotalHours = 1000m }).Errors.IsValid);
                }
            }
        }
    }

    [Fact]
    public void Compute_allocates_little()
    {
        Sizer.Compute(Base);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Sizer.Compute(Base);
        }

        var perCall = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        Assert.True(perCall < 2_000, $"{perCall} bytes per call");
    }
}
