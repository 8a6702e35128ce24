using Clauses.Core.Hours;

namespace Clauses.Core.Tests.Hours;

public class HourRecordRulesTests
{
    private const string Nbsp = "\u00A0";

    /// <summary>A valid monthly record: March 2025, direct hire, contract executed in 2025, validated in January.</summary>
    private static readonly HourRecordFacts Valid = new(
        Hours: 35m, PeriodKind: "mois", PeriodStart: new DateOnly(2025, 3, 1), Modality: "embauche_directe", CountingMethod: "heures_attestees",
        InvoicedAmountHt: null, ExecutionStart: new DateOnly(2025, 1, 1), ExecutionEnd: new DateOnly(2025, 12, 31),
        LotCarriesClause: true, InPoolingAgreement: false, ValidatedOn: new DateOnly(2025, 1, 15), EligibleAtStart: true);

    private static readonly HourRecordFacts Week = Valid with { PeriodKind = "semaine", PeriodStart = new DateOnly(2025, 3, 3) };
    private static readonly HourRecordFacts Quarter = Valid with { PeriodKind = "trimestre", PeriodStart = new DateOnly(2025, 4, 1) };

    private static HourRecordProblem Check(HourRecordFacts f) => HourRecordRules.Check(in f);

    private static string Message(HourRecordFacts f) => HourRecordRules.Message(HourRecordRules.Check(in f), in f);

    [Fact]
    public void A_valid_record_has_no_problem()
    {
        Assert.Equal(HourRecordProblem.None, Check(Valid));
        Assert.Equal(HourRecordProblem.None, Check(Week));
        Assert.Equal(HourRecordProblem.None, Check(Quarter));
        Assert.Equal("", Message(Valid));
        Assert.Equal("", HourRecordRules.Field(HourRecordProblem.None));
    }

    // --- hours ---

    [Fact]
    public void Negative_hours_are_rejected_but_zero_is_accepted()
    {
        Assert.Equal(HourRecordProblem.NegativeHours, Check(Valid with { Hours = -0.01m }));
        Assert.Equal(HourRecordProblem.None, Check(Valid with { Hours = 0m }));
        Assert.Equal("Le nombre d'heures ne peut pas être négatif (-0,01" + Nbsp + "h).", Message(Valid with { Hours = -0.01m }));
    }

    [Fact]
    public void Forty_eight_hours_in_a_week_are_accepted_and_48_01_rejected()
    {
        Assert.Equal(HourRecordProblem.None, Check(Week with { Hours = 48m }));
        Assert.Equal(HourRecordProblem.TooManyHours, Check(Week with { Hours = 48.01m }));
    }

    [Fact]
    public void Sixty_hours_in_a_week_cite_the_labour_code() =>
        Assert.Equal($"60{Nbsp}h en une semaine dépasse la durée maximale de 48{Nbsp}h (Code du travail, art. L3121-20).", Message(Week with { Hours = 60m }));

    [Fact]
    public void Two_hundred_and_eight_hours_in_a_month_are_accepted_and_208_01_rejected()
    {
        Assert.Equal(HourRecordProblem.None, Check(Valid with { Hours = 208m }));
        Assert.Equal(HourRecordProblem.TooManyHours, Check(Valid with { Hours = 208.01m }));
        Assert.Equal($"208,01{Nbsp}h en un mois dépasse la durée maximale de 208{Nbsp}h (48{Nbsp}h × 52 semaines ÷ 12{Nbsp}; Code du travail, art. L3121-20).",
            Message(Valid with { Hours = 208.01m }));
    }

    [Fact]
    public void Six_hundred_and_twenty_four_hours_in_a_quarter_are_accepted_and_624_01_rejected()
    {
        Assert.Equal(HourRecordProblem.None, Check(Quarter with { Hours = 624m }));
        Assert.Equal(HourRecordProblem.TooManyHours, Check(Quarter with { Hours = 624.01m }));
        Assert.Equal($"1{'\u202F'}000{Nbsp}h en un trimestre dépasse la durée maximale de 624{Nbsp}h (48{Nbsp}h × 52 semaines ÷ 4{Nbsp}; Code du travail, art. L3121-20).",
            Message(Quarter with { Hours = 1000m }));
    }

    [Fact]
    public void More_than_two_decimals_are_rejected_not_rounded()
    {
        Assert.Equal(HourRecordProblem.TooPrecise, Check(Valid with { Hours = 7.125m }));
        Assert.Equal(HourRecordProblem.None, Check(Valid with { Hours = 7.120m }));
        Assert.Equal(HourRecordProblem.None, Check(Valid with { Hours = 7.25m }));
        Assert.Equal("Le nombre d'heures ne peut pas avoir plus de deux décimales (7,125).", Message(Valid with { Hours = 7.125m }));
    }

    // --- period ---

    [Fact]
    public void A_week_starts_on_monday_not_sunday()
    {
        var sunday = Week with { PeriodStart = new DateOnly(2025, 3, 2) };
        Assert.Equal(HourRecordProblem.BadPeriodStart, Check(sunday));
        Assert.Equal("Une période hebdomadaire commence un lundi : le 02/03/2025 est un dimanche.", Message(sunday));
    }

    [Fact]
    public void A_month_starts_on_the_first()
    {
        var second = Valid with { PeriodStart = new DateOnly(2025, 3, 2) };
        Assert.Equal(HourRecordProblem.BadPeriodStart, Check(second));
        Assert.Equal("Une période mensuelle commence le 1er du mois, pas le 02/03/2025.", Message(second));
    }

    [Theory]
    [InlineData(1, HourRecordProblem.None)]
    [InlineData(4, HourRecordProblem.None)]
    [InlineData(7, HourRecordProblem.None)]
    [InlineData(10, HourRecordProblem.None)]
    [InlineData(2, HourRecordProblem.BadPeriodStart)]
    [InlineData(3, HourRecordProblem.BadPeriodStart)]
    [InlineData(5, HourRecordProblem.BadPeriodStart)]
    [InlineData(12, HourRecordProblem.BadPeriodStart)]
    public void A_quarter_starts_on_1_january_april_july_or_october(int month, HourRecordProblem expected) =>
        Assert.Equal(expected, Check(Quarter with { PeriodStart = new DateOnly(2025, month, 1), ExecutionStart = null, ExecutionEnd = null }));

    [Fact]
    public void A_bad_quarter_start_names_the_allowed_days() =>
        Assert.Equal("Une période trimestrielle commence le 1er janvier, le 1er avril, le 1er juillet ou le 1er octobre, pas le 01/05/2025.",
            Message(Quarter with { PeriodStart = new DateOnly(2025, 5, 1) }));

    [Fact]
    public void An_unknown_period_kind_is_reported_before_the_hours_bound()
    {
        var f = Valid with { PeriodKind = "annee", Hours = 1_000m };
        Assert.Equal(HourRecordProblem.UnknownPeriodKind, Check(f));
        Assert.Equal("Valeur inconnue pour le type de période : « annee ». Valeurs admises : semaine, mois, trimestre.", Message(f));
    }

    // --- execution period (a period overlapping it by one day is accepted) ---

    [Theory]
    [InlineData("2025-02-28", null, HourRecordProblem.None)]            // starts on the month's last day
    [InlineData("2025-03-01", null, HourRecordProblem.OutsideExecution)] // starts the day after
    [InlineData(null, "2025-02-01", HourRecordProblem.None)]             // ends on the month's first day
    [InlineData(null, "2025-01-31", HourRecordProblem.OutsideExecution)] // ends the day before
    [InlineData(null, null, HourRecordProblem.None)]
    public void February_2025_against_the_execution_period(string? start, string? end, HourRecordProblem expected) =>
        Assert.Equal(expected, Check(Valid with
        {
            PeriodStart = new DateOnly(2025, 2, 1), ValidatedOn = new DateOnly(2024, 12, 1),
            ExecutionStart = start is null ? null : Eligibility.IsoDate.Parse(start),
            ExecutionEnd = end is null ? null : Eligibility.IsoDate.Parse(end),
        }));

    [Fact]
    public void February_of_a_leap_year_ends_on_the_29th()
    {
        var feb2024 = Valid with { PeriodStart = new DateOnly(2024, 2, 1), ValidatedOn = new DateOnly(2023, 12, 1) };
        Assert.Equal(HourRecordProblem.None, Check(feb2024 with { ExecutionStart = new DateOnly(2024, 2, 29) }));
        Assert.Equal(HourRecordProblem.OutsideExecution, Check(feb2024 with { ExecutionStart = new DateOnly(2024, 3, 1) }));
        Assert.Equal(HourRecordProblem.None, Check(feb2024 with { ValidatedOn = new DateOnly(2024, 2, 29), ExecutionStart = null }));
        Assert.Equal(HourRecordProblem.BeforeValidation, Check(feb2024 with { ValidatedOn = new DateOnly(2024, 3, 1), ExecutionStart = null }));
    }

    [Fact]
    public void A_week_is_outside_when_it_ends_the_day_before_the_execution()
    {
        Assert.Equal(HourRecordProblem.None, Check(Week with { ExecutionStart = new DateOnly(2025, 3, 9) }));
        Assert.Equal(HourRecordProblem.OutsideExecution, Check(Week with { ExecutionStart = new DateOnly(2025, 3, 10) }));
        Assert.Equal(HourRecordProblem.None, Check(Week with { ExecutionEnd = new DateOnly(2025, 3, 3) }));
        Assert.Equal(HourRecordProblem.OutsideExecution, Check(Week with { ExecutionEnd = new DateOnly(2025, 3, 2) }));
    }

    [Fact]
    public void The_outside_execution_message_gives_both_periods()
    {
        Assert.Equal("La période du 01/03/2025 au 31/03/2025 est en dehors de la période d'exécution du marché (du 01/04/2025 au 31/12/2025).",
            Message(Valid with { ExecutionStart = new DateOnly(2025, 4, 1) }));
        Assert.Equal("La période du 01/03/2025 au 31/03/2025 est en dehors de la période d'exécution du marché (à partir du 01/04/2025).",
            Message(Valid with { ExecutionStart = new DateOnly(2025, 4, 1), ExecutionEnd = null }));
        Assert.Equal("La période du 01/03/2025 au 31/03/2025 est en dehors de la période d'exécution du marché (jusqu'au 28/02/2025).",
            Message(Valid with { ExecutionStart = null, ExecutionEnd = new DateOnly(2025, 2, 28) }));
    }

    // --- participant ---

    [Fact]
    public void A_period_ending_on_the_validation_day_counts_and_one_ending_the_day_before_does_not()
    {
        Assert.Equal(HourRecordProblem.None, Check(Valid with { ValidatedOn = new DateOnly(2025, 3, 31) }));
        var before = Valid with { ValidatedOn = new DateOnly(2025, 4, 1) };
        Assert.Equal(HourRecordProblem.BeforeValidation, Check(before));
        Assert.Equal("La période se termine le 31/03/2025, avant la validation d'éligibilité du participant (01/04/2025) : les heures antérieures à la validation ne comptent pas.", Message(before));
    }

    [Fact]
    public void Without_a_validation_hours_do_not_count()
    {
        var none = Valid with { ValidatedOn = null };
        Assert.Equal(HourRecordProblem.BeforeValidation, Check(none));
        Assert.Equal("Le participant n'a pas de validation d'éligibilité : ses heures ne comptent pas.", Message(none));
    }

    [Fact]
    public void A_person_not_eligible_at_start_is_rejected()
    {
        var f = Valid with { EligibleAtStart = false };
        Assert.Equal(HourRecordProblem.NotEligible, Check(f));
        Assert.Equal("Le participant n'était pas éligible à la date de début de son parcours sur ce marché : ses heures ne comptent pas pour la clause.", Message(f));
    }

    // --- lot (R21) ---

    [Fact]
    public void Hours_on_a_lot_without_the_clause_count_only_under_a_pooling_agreement()
    {
        Assert.Equal(HourRecordProblem.OffScopeLot, Check(Valid with { LotCarriesClause = false }));
        Assert.Equal(HourRecordProblem.None, Check(Valid with { LotCarriesClause = false, InPoolingAgreement = true }));
        Assert.Equal(HourRecordProblem.None, Check(Valid with { InPoolingAgreement = true }));
        Assert.Equal("Ce lot ne porte pas la clause et la clause ne relève d'aucune convention de globalisation : ces heures ne comptent pas.",
            Message(Valid with { LotCarriesClause = false }));
    }

    // --- modality and counting method (R20, R22) ---

    [Theory]
    [InlineData("EMBAUCHE_DIRECTE")]
    [InlineData("cdi")]
    [InlineData("")]
    public void An_unknown_modality_is_rejected(string modality) =>
        Assert.Equal(HourRecordProblem.UnknownModality, Check(Valid with { Modality = modality }));

    [Fact]
    public void The_unknown_modality_message_lists_the_allowed_codes() =>
        Assert.Equal("Valeur inconnue pour la modalité : « cdi ». Valeurs admises : embauche_directe, interim_etti, interim_ett, mise_a_disposition_ai, geiq, entreprise_adaptee, sous_traitance_siae, cotraitance_siae, formation.",
            Message(Valid with { Modality = "cdi" }));

    [Fact]
    public void Every_known_modality_is_accepted_with_attested_hours() =>
        Assert.All(Modality.Terms.Codes, m => Assert.Equal(HourRecordProblem.None, Check(Valid with { Modality = m })));

    [Theory]
    [InlineData("sous_traitance_siae")]
    [InlineData("cotraitance_siae")]
    public void An_siae_conversion_needs_the_invoiced_amount(string modality)
    {
        var converted = Valid with { Modality = modality, CountingMethod = "conversion_montant", InvoicedAmountHt = 10_000m, Hours = 166.67m };
        Assert.Equal(HourRecordProblem.None, Check(converted));
        Assert.Equal(HourRecordProblem.None, Check(converted with { InvoicedAmountHt = 0m }));
        Assert.Equal(HourRecordProblem.ConversionWithoutAmount, Check(converted with { InvoicedAmountHt = null }));
        Assert.Equal(HourRecordProblem.NegativeAmount, Check(converted with { InvoicedAmountHt = -1m }));
        Assert.Equal("Le montant facturé HT est obligatoire pour convertir un montant en heures.", Message(converted with { InvoicedAmountHt = null }));
        Assert.Equal($"Le montant facturé HT doit être positif ou nul (-1,00{Nbsp}€).", Message(converted with { InvoicedAmountHt = -1m }));
    }

    [Fact]
    public void An_amount_with_attested_hours_is_rejected()
    {
        var f = Valid with { Modality = "sous_traitance_siae", InvoicedAmountHt = 500m };
        Assert.Equal(HourRecordProblem.AmountWithoutConversion, Check(f));
        Assert.Equal("Un montant facturé HT n'est attendu qu'avec la conversion du montant en heures : pour des heures attestées, laissez-le vide.", Message(f));
    }

    [Fact]
    public void A_conversion_outside_siae_subcontracting_is_rejected()
    {
        var f = Valid with { CountingMethod = "conversion_montant", InvoicedAmountHt = 500m };
        Assert.Equal(HourRecordProblem.ConversionOutsideSiae, Check(f));
        Assert.Equal("La conversion d'un montant en heures n'est possible qu'en sous-traitance ou cotraitance avec une SIAE, pas pour la modalité « embauche_directe ».", Message(f));
    }

    [Fact]
    public void An_unknown_counting_method_is_rejected()
    {
        var f = Valid with { CountingMethod = "forfait" };
        Assert.Equal(HourRecordProblem.UnknownCountingMethod, Check(f));
        Assert.Equal("Valeur inconnue pour la méthode de décompte : « forfait ». Valeurs admises : heures_attestees, conversion_montant.", Message(f));
    }

    // --- order, fields, messages ---

    [Fact]
    public void The_first_problem_in_rule_order_is_returned()
    {
        var all = Valid with
        {
            Hours = -1m, PeriodStart = new DateOnly(2025, 3, 2), ExecutionStart = new DateOnly(2026, 1, 1), ValidatedOn = null,
            EligibleAtStart = false, LotCarriesClause = false, Modality = "x", CountingMethod = "y",
        };
        Assert.Equal(HourRecordProblem.NegativeHours, Check(all));
        Assert.Equal(HourRecordProblem.BadPeriodStart, Check(all with { Hours = 1m }));
        Assert.Equal(HourRecordProblem.OutsideExecution, Check(all with { Hours = 1m, PeriodStart = new DateOnly(2025, 3, 1) }));
        Assert.Equal(HourRecordProblem.BeforeValidation, Check(all with { Hours = 1m, PeriodStart = new DateOnly(2025, 3, 1), ExecutionStart = null }));
        Assert.Equal(HourRecordProblem.NotEligible, Check(all with { Hours = 1m, PeriodStart = new DateOnly(2025, 3, 1), ExecutionStart = null, ValidatedOn = new DateOnly(2025, 1, 1) }));
        Assert.Equal(HourRecordProblem.TooManyHours, Check(all with { Hours = 300.001m }));
        Assert.Equal(HourRecordProblem.TooPrecise, Check(all with { Hours = 1.001m }));
    }

    public static TheoryData<HourRecordProblem, string> Fields => new()
    {
        { HourRecordProblem.NegativeHours, "hours" },
        { HourRecordProblem.TooManyHours, "hours" },
        { HourRecordProblem.TooPrecise, "hours" },
        { HourRecordProblem.BadPeriodStart, "period" },
        { HourRecordProblem.OutsideExecution, "period" },
        { HourRecordProblem.UnknownPeriodKind, "periodKind" },
        { HourRecordProblem.BeforeValidation, "participant" },
        { HourRecordProblem.NotEligible, "participant" },
        { HourRecordProblem.OffScopeLot, "lot" },
        { HourRecordProblem.UnknownModality, "modality" },
        { HourRecordProblem.UnknownCountingMethod, "countingMethod" },
        { HourRecordProblem.ConversionOutsideSiae, "countingMethod" },
        { HourRecordProblem.ConversionWithoutAmount, "invoicedAmountHt" },
        { HourRecordProblem.AmountWithoutConversion, "invoicedAmountHt" },
        { HourRecordProblem.NegativeAmount, "invoicedAmountHt" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void Each_problem_belongs_to_a_field(HourRecordProblem problem, string field) =>
        Assert.Equal(field, HourRecordRules.Field(problem));

    /// <summary>One record that triggers each problem.</summary>
    private static readonly Dictionary<HourRecordProblem, HourRecordFacts> Triggers = new()
    {
        [HourRecordProblem.NegativeHours] = Valid with { Hours = -1m },
        [HourRecordProblem.UnknownPeriodKind] = Valid with { PeriodKind = "annee" },
        [HourRecordProblem.TooManyHours] = Week with { Hours = 49m },
        [HourRecordProblem.TooPrecise] = Valid with { Hours = 0.001m },
        [HourRecordProblem.BadPeriodStart] = Week with { PeriodStart = new DateOnly(2025, 3, 8) },
        [HourRecordProblem.OutsideExecution] = Valid with { ExecutionEnd = new DateOnly(2025, 2, 1) },
        [HourRecordProblem.BeforeValidation] = Valid with { ValidatedOn = new DateOnly(2025, 6, 1) },
        [HourRecordProblem.NotEligible] = Valid with { EligibleAtStart = false },
        [HourRecordProblem.OffScopeLot] = Valid with { LotCarriesClause = false },
        [HourRecordProblem.UnknownModality] = Valid with { Modality = "?" },
        [HourRecordProblem.UnknownCountingMethod] = Valid with { CountingMethod = "?" },
        [HourRecordProblem.ConversionOutsideSiae] = Valid with { CountingMethod = "conversion_montant", InvoicedAmountHt = 1m },
        [HourRecordProblem.ConversionWithoutAmount] = Valid with { Modality = "cotraitance_siae", CountingMethod = "conversion_montant" },
        [HourRecordProblem.AmountWithoutConversion] = Valid with { InvoicedAmountHt = 1m },
        [HourRecordProblem.NegativeAmount] = Valid with { Modality = "cotraitance_siae", CountingMethod = "conversion_montant", InvoicedAmountHt = -1m },
    };

    [Fact]
    public void Every_problem_can_occur_and_has_a_field_and_a_french_message()
    {
        var problems = Enum.GetValues<HourRecordProblem>().Where(p => p != HourRecordProblem.None).ToList();
        Assert.Equal(problems.Count, Fields.Count);
        Assert.Equal(problems.Order(), Triggers.Keys.Order());
        foreach (var (problem, facts) in Triggers)
        {
            Assert.Equal(problem, Check(facts));
            Assert.NotEqual("", HourRecordRules.Field(problem));
            var message = Message(facts);
            Assert.False(string.IsNullOrWhiteSpace(message), problem.ToString());
            Assert.EndsWith(".", message, StringComparison.Ordinal);
            Assert.DoesNotContain("  ", message, StringComparison.Ordinal);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => HourRecordRules.Field((HourRecordProblem)999));
        Assert.Throws<ArgumentOutOfRangeException>(() => HourRecordRules.Message((HourRecordProblem)999, in Valid));
    }

    // --- cost: runs on every row of million-row imports ---

    [Fact]
    public void Checking_valid_records_allocates_nothing()
    {
        HourRecordFacts[] rows =
        [
            Valid, Week, Quarter,
            Valid with { Modality = "sous_traitance_siae", CountingMethod = "conversion_montant", InvoicedAmountHt = 10_000m, Hours = 166.67m },
            Valid with { LotCarriesClause = false, InPoolingAgreement = true, ExecutionStart = null, ExecutionEnd = null },
        ];
        var problems = 0;
        foreach (var row in rows)
        {
            problems += (int)HourRecordRules.Check(in row); // warm-up (JIT)
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1_000; i++)
        {
            problems += (int)HourRecordRules.Check(in rows[i % rows.Length]);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, problems);
        Assert.Equal(0, allocated);
    }
}
