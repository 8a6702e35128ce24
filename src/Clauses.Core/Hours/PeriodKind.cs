using Clauses.Core.Common;

namespace Clauses.Core.Hours;

/// <summary>Length of the period an hour record covers. Codes match hour_records.period_kind.</summary>
// DOMAIN §5 / R26 (legal-rules §7): month by default; week or quarter configurable.
public static class PeriodKind
{
    public const string Semaine = "semaine";
    public const string Mois = "mois";
    public const string Trimestre = "trimestre";

    /// <summary>Most hours in a week (Code du travail L3121-20).</summary>
    public const decimal WeeklyMaxHours = 48m;

    /// <summary>Most hours in a month: 48 × 52 ÷ 12 = 208.</summary>
    public const decimal MonthlyMaxHours = WeeklyMaxHours * 52m / 12m;

    /// <summary>Most hours in a quarter: 48 × 52 ÷ 4 = 624.</summary>
    public const decimal QuarterlyMaxHours = WeeklyMaxHours * 52m / 4m;

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(Semaine, "Semaine"),
        new(Mois, "Mois"),
        new(Trimestre, "Trimestre"),
    ]);

    /// <summary>Last day (inclusive) of the period starting on <paramref name="start"/>: start + 6 days, the day before
    /// the same date a month later, or three months later.</summary>
    /// <exception cref="ArgumentException">The kind is unknown.</exception>
    public static DateOnly End(DateOnly start, string kind) => kind switch
    {
        Semaine => start.AddDays(6),
        Mois => start.AddMonths(1).AddDays(-1),
        Trimestre => start.AddMonths(3).AddDays(-1),
        _ => throw UnknownKind(kind),
    };

    /// <summary>True when <paramref name="start"/> opens a period of the kind: a Monday (ISO week), the 1st of a month,
    /// or 1 January / 1 April / 1 July / 1 October. False for an unknown kind.</summary>
    // DESIGN (periods as the first day of the month) and the hour_records CHECK (isodow = 1; day 1; months 1, 4, 7, 10).
    public static bool IsValidStart(DateOnly start, string kind) => kind switch
    {
        Semaine => start.DayOfWeek == DayOfWeek.Monday,
        Mois => start.Day == 1,
        Trimestre => start.Day == 1 && start.Month % 3 == 1,
        _ => false,
    };

    /// <summary>Most hours one person can work in a period: 48 a week, 48 × 52 ÷ 12 = 208 a month, 3 × 208 = 624 a quarter.</summary>
    /// <exception cref="ArgumentException">The kind is unknown.</exception>
    // Code du travail L3121-20 (DOMAIN §5): at most 48 h in a week; a month is 48 × 52 ÷ 12 = 208 h, a quarter 624 h.
    public static decimal MaxHours(string kind) => kind switch
    {
        Semaine => WeeklyMaxHours,
        Mois => MonthlyMaxHours,
        Trimestre => QuarterlyMaxHours,
        _ => throw UnknownKind(kind),
    };

    private static ArgumentException UnknownKind(string kind) => new($"Unknown period kind '{kind}'.", nameof(kind));
}
