using System.Globalization;

namespace Clauses.Core.Common;

/// <summary>Formats euro amounts the French way, identically on every machine.</summary>
public static class Euros
{
    private static readonly NumberFormatInfo French = CreateFormat();

    /// <summary>
    /// E.g. 1250000m → "1 250 000,00 €": fr-FR digits, narrow no-break space (U+202F) between groups,
    /// decimal comma, no-break space (U+00A0) before the euro sign. Separators are pinned so that
    /// a different ICU version cannot change the output.
    /// </summary>
    public static string Format(decimal amount) => amount.ToString("N2", French) + "\u00A0€";

    private static NumberFormatInfo CreateFormat()
    {
        var format = (NumberFormatInfo)new CultureInfo("fr-FR").NumberFormat.Clone();
        format.NumberGroupSeparator = "\u202F";
        format.NumberDecimalSeparator = ",";
        format.NumberGroupSizes = [3];
        format.NegativeSign = "-";
        format.NumberNegativePattern = 1;
        return NumberFormatInfo.ReadOnly(format);
    }
}
