using Clauses.Core.Common;
using Clauses.Core.Eligibility;
using Clauses.Core.Sizing;

namespace Clauses.Core.Hours;

/// <summary>The first reason an hour record cannot be accepted (<see cref="None"/> when it is valid).
/// New members are only ever appended, so stored or logged numbers keep their meaning.</summary>
public enum HourRecordProblem
{
    None,
    NegativeHours,
    TooManyHours,
    BadPeriodStart,
    OutsideExecution,
    BeforeValidation,
    NotEligible,
    OffScopeLot,
    UnknownModality,
    ConversionWithoutAmount,
    AmountWithoutConversion,
    TooPrecise,

    /// <summary>The period kind is not a <see cref="Hours.PeriodKind"/> code.</summary>
    UnknownPeriodKind,

    /// <summary>The counting method is not a <see cref="Hours.CountingMethod"/> code.</summary>
    UnknownCountingMethod,

    /// <summary>An amount is converted for a modality other than SIAE subcontracting or co-contracting.</summary>
    ConversionOutsideSiae,

    /// <summary>The invoiced amount is negative.</summary>
    NegativeAmount,
}

/// <summary>Everything <see cref="HourRecordRules.Check"/> needs about one hour record, already resolved by the caller.</summary>
/// <param name="Hours">Hours declared (or converted) for the period.</param>
/// <param name="PeriodKind">A <see cref="Hours.PeriodKind"/> code.</param>
/// <param name="PeriodStart">First day of the period.</param>
/// <param name="Modality">A <see cref="Hours.Modality"/> code.</param>
/// <param name="CountingMethod">A <see cref="Hours.CountingMethod"/> code.</param>
/// <param name="InvoicedAmountHt">Invoiced amount, only with <see cref="Hours.CountingMethod.ConversionMontant"/>.</param>
/// <param name="ExecutionStart">First day of the contract's execution (null = open).</param>
/// <param name="ExecutionEnd">Last day of the contract's execution (null = open).</param>
/// <param name="LotCarriesClause">The record's lot carries the clause.</param>
/// <param name="InPoolingAgreement">The clause belongs to a declared pooling (globalisation) agreement.</param>
/// <param name="ValidatedOn">Date of the participant's eligibility validation (null = none).</param>
/// <param name="EligibleAtStart">Outcome of <see cref="EligibilityRules.Evaluate"/> for this participant and clause.</param>
public readonly record struct HourRecordFacts(
    decimal Hours, string PeriodKind, DateOnly PeriodStart, string Modality, string CountingMethod, decimal? InvoicedAmountHt,
    DateOnly? ExecutionStart, DateOnly? ExecutionEnd,
    bool LotCarriesClause, bool InPoolingAgreement,
    DateOnly? ValidatedOn, bool EligibleAtStart);

/// <summary>Row checks of an hour record, fast enough for million-row imports: <see cref="Check"/> allocates nothing;
/// <see cref="Message"/> builds the French text only for the rows in error.</summary>
public static class HourRecordRules
{
    private const char U = FrenchNumbers.UnitSpace;

    /// <summary>The first problem of the record, in this order: hours (negative, period kind, maximum, precision), period
    /// (start, execution), participant (validation, eligibility), lot, modality, counting method and amount.</summary>
    public static HourRecordProblem Check(in HourRecordFacts facts)
    {
        var hours = facts.Hours;
        if (hours < 0m)
        {
            return HourRecordProblem.NegativeHours;
        }

        // Resolve the period once, without throwing: an unknown kind is a problem, not an exception.
        decimal max;
        DateOnly end;
        var start = facts.PeriodStart;
        switch (facts.PeriodKind)
        {
            case PeriodKind.Semaine: max = PeriodKind.WeeklyMaxHours; end = start.AddDays(6); break;
            case PeriodKind.Mois: max = PeriodKind.MonthlyMaxHours; end = start.AddMonths(1).AddDays(-1); break;
            case PeriodKind.Trimestre: max = PeriodKind.QuarterlyMaxHours; end = start.AddMonths(3).AddDays(-1); break;
            default: return HourRecordProblem.UnknownPeriodKind;
        }

        // Code du travail L3121-20 (DOMAIN §5): more than 48 h a week (208 h a month, 624 h a quarter) is invalid.
        if (hours > max)
        {
            return HourRecordProblem.TooManyHours;
        }

        // DESIGN (hours as numeric(10,2)): at most two decimals, never silently rounded.
        if (decimal.Round(hours, 2) != hours)
        {
            return HourRecordProblem.TooPrecise;
        }

        // R26 (legal-rules §7): statements per period: a week starts on Monday, a month on the 1st, a quarter on 1 Jan/Apr/Jul/Oct.
        if (!PeriodKind.IsValidStart(start, facts.PeriodKind))
        {
            return HourRecordProblem.BadPeriodStart;
        }

        // DOMAIN §5: a period entirely outside the contract's execution period is invalid (a partial overlap is accepted).
        if ((facts.ExecutionStart is { } executionStart && end < executionStart) || (facts.ExecutionEnd is { } executionEnd && start > executionEnd))
        {
            return HourRecordProblem.OutsideExecution;
        }

        // R16 (legal-rules §7): hours before the validation date do not count (a period ending before it, or no validation).
        if (facts.ValidatedOn is not { } validatedOn || end < validatedOn)
        {
            return HourRecordProblem.BeforeValidation;
        }

        // R16 (legal-rules §7): the person must be eligible at their start date on the contract.
        if (!facts.EligibleAtStart)
        {
            return HourRecordProblem.NotEligible;
        }

        // R21 (legal-rules §7): only hours on the lot carrying the clause count, unless the clause is in a pooling agreement.
        if (!facts.LotCarriesClause && !facts.InPoolingAgreement)
        {
            return HourRecordProblem.OffScopeLot;
        }

        // R20 (legal-rules §7): each record carries one known modality.
        if (!Modality.Terms.IsKnown(facts.Modality))
        {
            return HourRecordProblem.UnknownModality;
        }

        // R22 (legal-rules §7): attested hours, or conversion of the invoiced amount for SIAE subcontracting/co-contracting only.
        switch (facts.CountingMethod)
        {
            case CountingMethod.HeuresAttestees:
                return facts.InvoicedAmountHt is null ? HourRecordProblem.None : HourRecordProblem.AmountWithoutConversion;
            case CountingMethod.ConversionMontant:
                if (!CountingMethod.AllowsConversion(facts.Modality))
                {
                    return HourRecordProblem.ConversionOutsideSiae;
                }

                return facts.InvoicedAmountHt switch
                {
                    null => HourRecordProblem.ConversionWithoutAmount,
                    < 0m => HourRecordProblem.NegativeAmount,
                    _ => HourRecordProblem.None,
                };
            default:
                return HourRecordProblem.UnknownCountingMethod;
        }
    }

    /// <summary>The JSON field (camelCase) a problem belongs to; empty for <see cref="HourRecordProblem.None"/>.</summary>
    public static string Field(HourRecordProblem problem) => problem switch
    {
        HourRecordProblem.None => "",
        HourRecordProblem.NegativeHours or HourRecordProblem.TooManyHours or HourRecordProblem.TooPrecise => "hours",
        HourRecordProblem.UnknownPeriodKind => "periodKind",
        HourRecordProblem.BadPeriodStart or HourRecordProblem.OutsideExecution => "period",
        HourRecordProblem.BeforeValidation or HourRecordProblem.NotEligible => "participant",
        HourRecordProblem.OffScopeLot => "lot",
        HourRecordProblem.UnknownModality => "modality",
        HourRecordProblem.UnknownCountingMethod or HourRecordProblem.ConversionOutsideSiae => "countingMethod",
        HourRecordProblem.ConversionWithoutAmount or HourRecordProblem.AmountWithoutConversion or HourRecordProblem.NegativeAmount => "invoicedAmountHt",
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
    };

    /// <summary>The French message of a problem, with the record's numbers and dates; empty for <see cref="HourRecordProblem.None"/>.
    /// Meant for the problem <see cref="Check"/> returned for the same facts (built only for rows in error).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The problem is not a member of the enumeration.</exception>
    public static string Message(HourRecordProblem problem, in HourRecordFacts facts)
    {
        var f = facts;
        return problem switch
        {
            HourRecordProblem.None => "",
            HourRecordProblem.NegativeHours =>
                $"Le nombre d'heures ne peut pas être négatif ({FormatHours(f.Hours)}{U}h).",
            HourRecordProblem.UnknownPeriodKind => UnknownCode(f.PeriodKind, PeriodKind.Terms, "le type de période"),
            HourRecordProblem.TooManyHours =>
                $"{FormatHours(f.Hours)}{U}h {In(f.PeriodKind)} dépasse la durée maximale de {FormatHours(PeriodKind.MaxHours(f.PeriodKind))}{U}h ({Basis(f.PeriodKind)}Code du travail, art. L3121-20).",
            HourRecordProblem.TooPrecise =>
                $"Le nombre d'heures ne peut pas avoir plus de deux décimales ({FormatHours(f.Hours)}).",
            HourRecordProblem.BadPeriodStart => f.PeriodKind switch
            {
                PeriodKind.Semaine => $"Une période hebdomadaire commence un lundi : le {FrenchDates.Format(f.PeriodStart)} est un {FrenchDates.DayName(f.PeriodStart)}.",
                PeriodKind.Mois => $"Une période mensuelle commence le 1er du mois, pas le {FrenchDates.Format(f.PeriodStart)}.",
                _ => $"Une période trimestrielle commence le 1er janvier, le 1er avril, le 1er juillet ou le 1er octobre, pas le {FrenchDates.Format(f.PeriodStart)}.",
            },
            HourRecordProblem.OutsideExecution =>
                $"La période du {FrenchDates.Format(f.PeriodStart)} au {FrenchDates.Format(PeriodKind.End(f.PeriodStart, f.PeriodKind))} est en dehors de la période d'exécution du marché ({Execution(f)}).",
            HourRecordProblem.BeforeValidation => f.ValidatedOn is { } validatedOn
                ? $"La période se termine le {FrenchDates.Format(PeriodKind.End(f.PeriodStart, f.PeriodKind))}, avant la validation d'éligibilité du participant ({FrenchDates.Format(validatedOn)}) : les heures antérieures à la validation ne comptent pas."
                : "Le participant n'a pas de validation d'éligibilité : ses heures ne comptent pas.",
            HourRecordProblem.NotEligible =>
                "Le participant n'était pas éligible à la date de début de son parcours sur ce marché : ses heures ne comptent pas pour la clause.",
            HourRecordProblem.OffScopeLot =>
                "Ce lot ne porte pas la clause et la clause ne relève d'aucune convention de globalisation : ces heures ne comptent pas.",
            HourRecordProblem.UnknownModality => UnknownCode(f.Modality, Modality.Terms, "la modalité"),
            HourRecordProblem.UnknownCountingMethod => UnknownCode(f.CountingMethod, CountingMethod.Terms, "la méthode de décompte"),
            HourRecordProblem.ConversionOutsideSiae =>
                $"La conversion d'un montant en heures n'est possible qu'en sous-traitance ou cotraitance avec une SIAE, pas pour la modalité « {f.Modality} ».",
            HourRecordProblem.ConversionWithoutAmount =>
                "Le montant facturé HT est obligatoire pour convertir un montant en heures.",
            HourRecordProblem.AmountWithoutConversion =>
                "Un montant facturé HT n'est attendu qu'avec la conversion du montant en heures : pour des heures attestées, laissez-le vide.",
            HourRecordProblem.NegativeAmount =>
                $"Le montant facturé HT doit être positif ou nul ({Euros.Format(f.InvoicedAmountHt ?? 0m)}).",
            _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, null),
        };
    }

    private static string FormatHours(decimal hours) => hours.ToString("#,##0.##########", FrenchNumbers.Format);

    private static string In(string kind) => kind switch
    {
        PeriodKind.Semaine => "en une semaine",
        PeriodKind.Mois => "en un mois",
        _ => "en un trimestre",
    };

    private static string Basis(string kind) => kind switch
    {
        PeriodKind.Mois => $"48{U}h × 52 semaines ÷ 12{U}; ",
        PeriodKind.Trimestre => $"48{U}h × 52 semaines ÷ 4{U}; ",
        _ => "",
    };

    private static string Execution(in HourRecordFacts f) => (f.ExecutionStart, f.ExecutionEnd) switch
    {
        ({ } s, { } e) => $"du {FrenchDates.Format(s)} au {FrenchDates.Format(e)}",
        ({ } s, null) => $"à partir du {FrenchDates.Format(s)}",
        (null, { } e) => $"jusqu'au {FrenchDates.Format(e)}",
        _ => "sans limite",
    };

    private static string UnknownCode<T>(string? code, Vocabulary<T> vocabulary, string what)
        where T : ITerm
    {
        // Same wording as TextRules.KnownCode, without a ValidationErrors per row.
        var errors = new ValidationErrors();
        TextRules.KnownCode(errors, "x", code, vocabulary, what);
        return errors.IsValid ? "" : errors.For("x")[0];
    }
}
