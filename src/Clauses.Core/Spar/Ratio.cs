using Clauses.Core.Sizing;

namespace Clauses.Core.Spar;

/// <summary>
/// A share with the counts it comes from and the base it is counted over (DOMAIN §7: "every ratio states its base").
/// Serialise <see cref="Base"/>, <see cref="Value"/>, <see cref="Display"/> and <see cref="IsSuppressed"/> to the dashboard;
/// for a base of persons, show the counts only through <see cref="NumeratorDisplay"/> and <see cref="DenominatorDisplay"/>.
/// </summary>
/// <param name="Numerator">What is counted, ≥ 0.</param>
/// <param name="Denominator">What it is counted over, ≥ 0 (0 gives no value).</param>
/// <param name="Base">An <see cref="IndicatorBase"/> code.</param>
public readonly record struct Ratio(long Numerator, long Denominator, string Base)
{
    /// <summary>Shown instead of a percentage that cannot be computed (denominator 0).</summary>
    public const string NotApplicable = "—";

    /// <exception cref="ArgumentOutOfRangeException">The numerator is negative.</exception>
    public long Numerator { get; init; } = Numerator >= 0
        ? Numerator
        : throw new ArgumentOutOfRangeException(nameof(Numerator), Numerator, "Le numérateur ne peut pas être négatif.");

    /// <exception cref="ArgumentOutOfRangeException">The denominator is negative.</exception>
    public long Denominator { get; init; } = Denominator >= 0
        ? Denominator
        : throw new ArgumentOutOfRangeException(nameof(Denominator), Denominator, "Le dénominateur ne peut pas être négatif.");

    /// <exception cref="ArgumentException">The base is not an <see cref="IndicatorBase"/> code.</exception>
    public string Base { get; init; } = IndicatorBase.Terms.IsKnown(Base)
        ? Base
        : throw new ArgumentException($"Base inconnue « {Base} ». Valeurs admises : {IndicatorBase.Terms.CodesText}.", nameof(Base));

    /// <summary>True when the small-cell rule hides the share: a base of persons with a numerator or a denominator from 1 to 4.</summary>
    // DOMAIN §7: small-cell rule for anything about people — counts below 5 are shown as "< 5".
    public bool IsSuppressed => IndicatorBase.IsAboutPeople(Base) && (SmallCell.IsSmall(Numerator) || SmallCell.IsSmall(Denominator));

    /// <summary>Numerator ÷ denominator rounded to 4 decimals, half away from zero (0.3182 = 31.82 %);
    /// null when the denominator is 0 or the share is suppressed. May exceed 1.</summary>
    public decimal? Value => Denominator == 0 || IsSuppressed
        ? null
        : decimal.Round((decimal)Numerator / Denominator, 4, MidpointRounding.AwayFromZero);

    /// <summary>The share in French with one decimal ("31,8 %", "0,0 %", "100,0 %"), rounded once from the exact quotient;
    /// "&lt; 5" when suppressed; "—" when the denominator is 0.</summary>
    public string Display => IsSuppressed
        ? SmallCell.Suppressed
        : Denominator == 0 ? NotApplicable : FormatPercent((decimal)Numerator / Denominator);

    /// <summary>The numerator for display: "&lt; 5" rule for a base of persons, French digits otherwise.</summary>
    public string NumeratorDisplay => FormatCount(Numerator);

    /// <summary>The denominator for display: "&lt; 5" rule for a base of persons, French digits otherwise.</summary>
    public string DenominatorDisplay => FormatCount(Denominator);

    /// <summary>A share (0.318181…) as a French percentage with one decimal, half away from zero: "31,8 %"
    /// (narrow no-break space between thousands, no-break space before %, as in <see cref="Common.Euros"/>).</summary>
    public static string FormatPercent(decimal share) =>
        decimal.Round(share * 100m, 1, MidpointRounding.AwayFromZero).ToString("#,##0.0", FrenchNumbers.Format)
        + FrenchNumbers.UnitSpace + "%";

    private string FormatCount(long count) =>
        IndicatorBase.IsAboutPeople(Base) ? SmallCell.Format(count) : count.ToString("#,##0", FrenchNumbers.Format);
}

/// <summary>The small-cell rule for counts of people (DOMAIN §7): 1 to 4 persons are shown as "&lt; 5"; 0 is shown as "0".</summary>
public static class SmallCell
{
    /// <summary>The smallest count of persons that is shown as such.</summary>
    public const int Threshold = 5;

    /// <summary>What is shown instead of a count from 1 to 4.</summary>
    public const string Suppressed = "< 5";

    /// <summary>True for a count from 1 to 4 (0 is not a small cell: it reveals nobody).</summary>
    public static bool IsSmall(long persons) => persons is > 0 and < Threshold;

    /// <summary>"&lt; 5" for 1 to 4, the number in French otherwise ("0", "5", "1 234" with a narrow no-break space).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The count is negative.</exception>
    public static string Format(long persons)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(persons);
        return IsSmall(persons) ? Suppressed : persons.ToString("#,##0", FrenchNumbers.Format);
    }
}
