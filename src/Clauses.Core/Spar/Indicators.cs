using Clauses.Core.Common;
using Clauses.Core.Hours;

namespace Clauses.Core.Spar;

/// <summary>Scope thresholds for the share of contracts with a social consideration (R28), in euros HT.</summary>
public static class Thresholds
{
    /// <summary>DECP threshold from 2024: contracts of 40 000 € HT or more.</summary>
    public const decimal Decp = 40_000m;

    /// <summary>OECP census threshold (comparisons up to 2023): contracts of 90 000 € HT or more.</summary>
    public const decimal Oecp = 90_000m;
}

/// <summary>Where a clause's hours stand against the time elapsed. Codes are wire values; labels are shown in a sentence.</summary>
public static class BurnDownStatus
{
    public const string EnAvance = "en_avance";
    public const string DansLesTemps = "dans_les_temps";
    public const string EnRetard = "en_retard";

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(EnAvance, "en avance"),
        new(DansLesTemps, "dans les temps"),
        new(EnRetard, "en retard"),
    ]);
}

/// <summary>Hours expected by now on a linear schedule, against hours done.</summary>
/// <param name="Target">Hours required over the whole execution period.</param>
/// <param name="ElapsedShare">Days elapsed ÷ days of the period, today included, between 0 and 1, rounded to 4 decimals.</param>
/// <param name="Expected">Target × elapsed share, rounded to the hundredth of an hour.</param>
/// <param name="Done">Valid hours done so far.</param>
/// <param name="Gap">Done − expected: negative when behind.</param>
/// <param name="Status">A <see cref="BurnDownStatus"/> code.</param>
public sealed record BurnDownPoint(decimal Target, decimal ElapsedShare, decimal Expected, decimal Done, decimal Gap, string Status)
{
    /// <summary>The status in French: "en avance", "dans les temps", "en retard".</summary>
    public string StatusLabel => BurnDownStatus.Terms.Label(Status);
}

/// <summary>SPAR/SPASER indicators computed from aggregated counts (the API feeds them from SQL roll-ups). Pure functions.</summary>
public static class Indicators
{
    /// <summary>PNAD 2022-2025: 30 % of contracts with a social consideration by 2025.</summary>
    public const decimal NationalTarget = 0.30m;

    /// <summary>Burn-down tolerance: "dans les temps" while the gap is within ±5 % of the target hours
    /// (i.e. the share of hours done is within 5 points of the share of time elapsed).</summary>
    public const decimal BurnDownTolerance = 0.05m;

    /// <summary>Women among distinct persons who worked on a clause (base personnes; small-cell rule applies).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or women exceed persons.</exception>
    // Seed 004 fiche 31: "32 % de femmes"; Gironde 2016: 168 of 528 persons.
    public static Ratio WomenShare(long persons, long women) => PartOf(persons, women, nameof(persons), nameof(women), IndicatorBase.Personnes);

    /// <summary>RSA recipients among distinct persons who worked on a clause (base personnes; small-cell rule applies).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or RSA recipients exceed persons.</exception>
    // Seed 004 fiche 31: "35 % de BRSA sur l'ensemble des marchés".
    public static Ratio RsaShare(long persons, long rsa) => PartOf(persons, rsa, nameof(persons), nameof(rsa), IndicatorBase.Personnes);

    /// <summary>Exits to employment among the exits of the year (base personnes; small-cell rule applies).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or exits to employment exceed exits.</exception>
    // Seed 004 fiche 31: "32 % des sorties en emploi (pour 250 sorties, 81 contrats)"; R27.
    public static Ratio ExitsToEmployment(long exits, long toEmployment) =>
        PartOf(exits, toEmployment, nameof(exits), nameof(toEmployment), IndicatorBase.Personnes);

    /// <summary>Exits to durable employment from the year's exits counted per outcome code (SQL GROUP BY outcome).
    /// Without <paramref name="durableOutcomes"/>, the default definition of <see cref="ExitOutcome"/> applies (CDI, CDD ≥ 6 months),
    /// as in <see cref="ExitRules.DurableEmploymentRate(IEnumerable{string})"/>; every count is an exit, unknown codes included.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative.</exception>
    // R27 (legal-rules §7): configurable definition, PLIE-style default "emploi durable" = CDI or CDD ≥ 6 months.
    public static Ratio DurableEmployment(IReadOnlyDictionary<string, long> exitsByOutcome, IReadOnlyCollection<string>? durableOutcomes = null)
    {
        ArgumentNullException.ThrowIfNull(exitsByOutcome);
        Func<string, bool> isDurable = durableOutcomes is null
            ? ExitOutcome.IsDurableEmployment
            : o => durableOutcomes.Contains(o, StringComparer.Ordinal);
        long exits = 0;
        long durable = 0;
        foreach (var (outcome, count) in exitsByOutcome)
        {
            if (count < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(exitsByOutcome), count, $"Le nombre de sorties « {outcome} » ne peut pas être négatif.");
            }

            exits = checked(exits + count);
            if (isDurable(outcome))
            {
                durable = checked(durable + count);
            }
        }

        return new Ratio(durable, exits, IndicatorBase.Personnes);
    }

    /// <summary>Contracts whose clause opportunity was analysed among all contracts (base contrats; target 100 %).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or analysed contracts exceed all contracts.</exception>
    // Seed 004 fiche 31 / DOMAIN §7: contracts analysed ÷ all contracts.
    public static Ratio ContractsAnalysed(long analysed, long all) => PartOf(all, analysed, nameof(all), nameof(analysed), IndicatorBase.Contrats);

    /// <summary>Contracts with at least one social consideration among contracts in scope, i.e. of an amount HT ≥
    /// <paramref name="threshold"/> (<see cref="Thresholds.Decp"/> or <see cref="Thresholds.Oecp"/>). Base contrats.
    /// Each item is one distinct contract (de-duplicate by uid before, R30).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The threshold or an amount is negative.</exception>
    // R28 (legal-rules §7): share = #contracts with ≥ 1 social consideration ÷ #contracts in scope (≥ threshold).
    public static Ratio SocialConsiderationShare(IEnumerable<(decimal AmountHt, bool HasSocialConsideration)> contracts, decimal threshold)
    {
        ArgumentNullException.ThrowIfNull(contracts);
        ArgumentOutOfRangeException.ThrowIfNegative(threshold);
        long inScope = 0;
        long withConsideration = 0;
        foreach (var (amountHt, hasSocialConsideration) in contracts)
        {
            if (amountHt < 0m)
            {
                throw new ArgumentOutOfRangeException(nameof(contracts), amountHt, "Le montant HT d'un marché ne peut pas être négatif.");
            }

            if (amountHt < threshold)
            {
                continue;
            }

            inScope++;
            if (hasSocialConsideration)
            {
                withConsideration++;
            }
        }

        return new Ratio(withConsideration, inScope, IndicatorBase.Contrats);
    }

    /// <summary>True when the share of contracts reaches the PNAD 30 % exactly or more, compared on the exact counts
    /// (numerator ÷ denominator ≥ 0.30, not the rounded value); false without contracts.</summary>
    /// <exception cref="ArgumentException">The ratio is not counted over contracts.</exception>
    // R28: compare with the PNAD 2025 target of 30 %.
    public static bool MeetsNationalTarget(Ratio share)
    {
        if (!string.Equals(share.Base, IndicatorBase.Contrats, StringComparison.Ordinal))
        {
            throw new ArgumentException($"La cible nationale de 30 % porte sur des marchés (base reçue : {share.Base ?? "aucune"}).", nameof(share));
        }

        return share.Denominator > 0 && (decimal)share.Numerator >= NationalTarget * share.Denominator;
    }

    /// <summary>Clause fulfilment rate: done ÷ required, rounded to 4 decimals (as <see cref="FulfilmentRules"/>); null when nothing is required. May exceed 1.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative.</exception>
    // R25 (legal-rules §7): taux_réalisation = heures_réalisées_valides ÷ H.
    public static decimal? FulfilmentRate(decimal done, decimal required)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(done);
        ArgumentOutOfRangeException.ThrowIfNegative(required);
        return required == 0m ? null : FulfilmentRules.Compute(required, done, null, null).Rate;
    }

    /// <summary>Burn-down of a clause: hours expected by <paramref name="today"/> on a straight line from 0 the day before
    /// <paramref name="start"/> to the target at the end of <paramref name="end"/> (both days included), against hours done.
    /// Before the start nothing is expected; after the end the whole target is. Status: "dans les temps" while |gap| ≤ 5 % of
    /// the target, "en avance" above, "en retard" below.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An amount is negative or the end is before the start.</exception>
    // DOMAIN §7: burn-down vs time elapsed.
    public static BurnDownPoint BurnDown(decimal target, decimal done, DateOnly start, DateOnly end, DateOnly today)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(target);
        ArgumentOutOfRangeException.ThrowIfNegative(done);
        ArgumentOutOfRangeException.ThrowIfLessThan(end, start);
        var periodDays = end.DayNumber - start.DayNumber + 1;
        var elapsedDays = Math.Clamp(today.DayNumber - start.DayNumber + 1, 0, periodDays);
        var expected = decimal.Round(target * elapsedDays / periodDays, 2, MidpointRounding.AwayFromZero);
        var elapsedShare = decimal.Round((decimal)elapsedDays / periodDays, 4, MidpointRounding.AwayFromZero);
        var gap = done - expected;
        var tolerance = target * BurnDownTolerance;
        var status = gap > tolerance ? BurnDownStatus.EnAvance
            : gap < -tolerance ? BurnDownStatus.EnRetard
            : BurnDownStatus.DansLesTemps;
        return new BurnDownPoint(target, elapsedShare, expected, done, gap, status);
    }

    /// <summary>Share of a director's target reached: actual ÷ target, rounded to 4 decimals; null for a target of 0. May exceed 1.
    /// Both values are in the indicator's unit (hours, number, euros, or percentage points).</summary>
    /// <exception cref="ArgumentOutOfRangeException">An argument is negative.</exception>
    // DOMAIN §7: targets entered by directors per organisation and year.
    public static decimal? TargetProgress(decimal target, decimal actual)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(target);
        ArgumentOutOfRangeException.ThrowIfNegative(actual);
        return target == 0m ? null : decimal.Round(actual / target, 4, MidpointRounding.AwayFromZero);
    }

    /// <summary>Share of a percentage target (in points, as stored in spar_targets: 30 for 30 %) reached by a ratio, from the exact counts;
    /// null for a target of 0, a ratio without denominator, or a suppressed ratio (it would reveal the hidden share).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The target is negative or above 100.</exception>
    public static decimal? TargetProgress(decimal targetPercent, Ratio actual)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(targetPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(targetPercent, 100m);
        if (targetPercent == 0m || actual.Denominator == 0 || actual.IsSuppressed)
        {
            return null;
        }

        return decimal.Round(actual.Numerator * 100m / actual.Denominator / targetPercent, 4, MidpointRounding.AwayFromZero);
    }

    private static Ratio PartOf(long whole, long part, string wholeName, string partName, string indicatorBase)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(whole, wholeName);
        ArgumentOutOfRangeException.ThrowIfNegative(part, partName);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(part, whole, partName);
        return new Ratio(part, whole, indicatorBase);
    }
}
