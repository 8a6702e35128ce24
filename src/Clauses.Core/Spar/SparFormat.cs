using Clauses.Core.Sizing;

namespace Clauses.Core.Spar;

/// <summary>How the dashboards write their numbers in French: narrow no-break space between thousands, decimal comma,
/// no-break space before the unit ("12 345,5 h", "31,8 %", "1 200 000 €").</summary>
public static class SparFormat
{
    /// <summary>Hours, to the hundredth when not whole: "127 459 h", "12,5 h".</summary>
    public static string Hours(decimal hours) => hours.ToString("#,##0.##", FrenchNumbers.Format) + FrenchNumbers.UnitSpace + "h";

    /// <summary>A count of contracts or clauses: "1 234".</summary>
    public static string Count(long count) => count.ToString("#,##0", FrenchNumbers.Format);

    /// <summary>Euros without cents: "1 200 000 €".</summary>
    public static string Euros(decimal euros) =>
        decimal.Round(euros, 0, MidpointRounding.AwayFromZero).ToString("#,##0", FrenchNumbers.Format) + FrenchNumbers.UnitSpace + "€";

    /// <summary>Percentage points with one decimal: 31.75 → "31,8 %".</summary>
    public static string Points(decimal points) =>
        decimal.Round(points, 1, MidpointRounding.AwayFromZero).ToString("#,##0.0", FrenchNumbers.Format) + FrenchNumbers.UnitSpace + "%";
}
