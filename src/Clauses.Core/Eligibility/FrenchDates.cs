using System.Globalization;

namespace Clauses.Core.Eligibility;

/// <summary>Dates in French messages ("07/04/2025", "lundi"), identical on every machine.</summary>
internal static class FrenchDates
{
    private static readonly string[] DayNames = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];

    /// <summary>E.g. 2025-04-07 → "07/04/2025".</summary>
    internal static string Format(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>French name of the day of the week, in lower case ("lundi").</summary>
    internal static string DayName(DateOnly date) => DayNames[(int)date.DayOfWeek];
}
