using System.Globalization;

namespace Clauses.Core.Sizing;

/// <summary>French number formatting for hours and percentages, pinned like <see cref="Common.Euros"/>
/// (narrow no-break space between groups, decimal comma) so that an ICU version cannot change the output.</summary>
internal static class FrenchNumbers
{
    /// <summary>No-break space before a unit ("%", "h").</summary>
    internal const char UnitSpace = '\u00A0';

    internal static readonly NumberFormatInfo Format = Create();

    private static NumberFormatInfo Create()
    {
        var format = (NumberFormatInfo)CultureInfo.GetCultureInfo("fr-FR").NumberFormat.Clone();
        format.NumberGroupSeparator = "\u202F";
        format.NumberDecimalSeparator = ",";
        format.NumberGroupSizes = [3];
        format.NegativeSign = "-";
        format.NumberNegativePattern = 1;
        return NumberFormatInfo.ReadOnly(format);
    }
}
