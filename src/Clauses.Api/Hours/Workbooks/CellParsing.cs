using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Clauses.Api.Hours.Workbooks;

/// <summary>Parsing of cell values written the French way: dates and periods, decimal numbers, SIRET.</summary>
internal static partial class CellParsing
{
    private static readonly DateOnly Epoch1900 = new(1899, 12, 30);
    private static readonly DateOnly Epoch1904 = new(1904, 1, 1);

    private static readonly Dictionary<string, int> Months = new(StringComparer.Ordinal)
    {
        ["janvier"] = 1, ["janv"] = 1, ["jan"] = 1,
        ["fevrier"] = 2, ["fevr"] = 2, ["fev"] = 2,
        ["mars"] = 3, ["mar"] = 3,
        ["avril"] = 4, ["avr"] = 4,
        ["mai"] = 5,
        ["juin"] = 6,
        ["juillet"] = 7, ["juil"] = 7,
        ["aout"] = 8,
        ["septembre"] = 9, ["sept"] = 9, ["sep"] = 9,
        ["octobre"] = 10, ["oct"] = 10,
        ["novembre"] = 11, ["nov"] = 11,
        ["decembre"] = 12, ["dec"] = 12,
    };

    [GeneratedRegex(@"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")]
    private static partial Regex DayMonthYear();

    [GeneratedRegex(@"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ][\d:.]*z?)?$")]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(\d{1,2})[/.-](\d{4})$")]
    private static partial Regex MonthYear();

    [GeneratedRegex(@"^(\d{4})[/-](\d{1,2})$")]
    private static partial Regex YearMonth();

    [GeneratedRegex(@"^([a-z]+)\.?[\s/-]*(\d{4}|\d{2})$")]
    private static partial Regex MonthNameYear();

    [GeneratedRegex(@"^(?:(\d{4})\s*-?\s*[ws]\s*(\d{1,2})|(?:s|w|sem|semaine)\s*(\d{1,2})\s*[\s/-]\s*(\d{4}))$")]
    private static partial Regex Week();

    [GeneratedRegex(@"^(?:(\d{4})\s*-?\s*[tq]\s*([1-4])|[tq]\s*([1-4])\s*[\s/-]\s*(\d{4})|([1-4])\s*(?:er|e|eme|nd|nd)?\s*trimestre\s*(\d{4}))$")]
    private static partial Regex Quarter();

    [GeneratedRegex(@"(?:^|[\s–—-])([Pp]-\d+)\s*$")]
    private static partial Regex TrailingReference();

    public static DateOnly? FromSerial(double serial, bool date1904)
    {
        if (double.IsNaN(serial) || serial < 1 || serial >= 2_958_466) return null;
        var days = (int)Math.Floor(serial);
        if (date1904) return Epoch1904.AddDays(days);
        if (days == 60) return new DateOnly(1900, 2, 28); // Excel's fictitious 29/02/1900
        return days < 60 ? new DateOnly(1899, 12, 31).AddDays(days) : Epoch1900.AddDays(days);
    }

    public static double ToSerial(DateOnly date) => date.DayNumber - Epoch1900.DayNumber;

    public static ImportPeriod Normalise(DateOnly date, string kind) => kind switch
    {
        ImportPeriod.Week => new ImportPeriod(date.AddDays(-(((int)date.DayOfWeek + 6) % 7)), ImportPeriod.Week),
        ImportPeriod.Quarter => new ImportPeriod(new DateOnly(date.Year, (((date.Month - 1) / 3) * 3) + 1, 1), ImportPeriod.Quarter),
        _ => new ImportPeriod(new DateOnly(date.Year, date.Month, 1), ImportPeriod.Month),
    };

    /// <summary>Lower case, accents removed, space variants turned into single spaces, trimmed.</summary>
    public static string Simplify(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var space = false;
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsWhiteSpace(ch) || WorkbookText.IsSpace(ch)) { space = sb.Length > 0; continue; }
            if (space) { sb.Append(' '); space = false; }
            sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.ToString();
    }

    private static int Int(Group g) => int.Parse(g.ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture);

    private static DateOnly? SafeDate(int year, int month, int day) =>
        year is >= 1900 and <= 2200 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;

    /// <summary>A day written as text: 15/03/2025, 15-03-2025, 2025-03-15 (optionally with a time).</summary>
    public static DateOnly? ParseDate(string text)
    {
        var s = Simplify(text);
        var m = DayMonthYear().Match(s);
        if (m.Success) return SafeDate(Int(m.Groups[3]), Int(m.Groups[2]), Int(m.Groups[1]));
        m = IsoDate().Match(s);
        if (m.Success) return SafeDate(Int(m.Groups[1]), Int(m.Groups[2]), Int(m.Groups[3]));
        return null;
    }

    /// <summary>A period written as text; plain days take the column's kind, months, weeks and quarters their own.</summary>
    public static ImportPeriod? ParsePeriod(string text, string columnKind)
    {
        var day = ParseDate(text);
        if (day is { } d) return Normalise(d, columnKind);
        var s = Simplify(text);
        var m = MonthYear().Match(s);
        if (m.Success) return Month(Int(m.Groups[2]), Int(m.Groups[1]));
        m = YearMonth().Match(s);
        if (m.Success) return Month(Int(m.Groups[1]), Int(m.Groups[2]));
        m = MonthNameYear().Match(s);
        if (m.Success && Months.TryGetValue(m.Groups[1].Value, out var month))
        {
            var year = Int(m.Groups[2]);
            return Month(year < 100 ? 2000 + year : year, month);
        }
        m = Week().Match(s);
        if (m.Success)
        {
            var (year, week) = m.Groups[1].Success ? (Int(m.Groups[1]), Int(m.Groups[2])) : (Int(m.Groups[4]), Int(m.Groups[3]));
            if (year is < 1900 or > 2200 || week < 1 || week > ISOWeek.GetWeeksInYear(year)) return null;
            return new ImportPeriod(DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday)), ImportPeriod.Week);
        }
        m = Quarter().Match(s);
        if (m.Success)
        {
            var (year, quarter) = m.Groups[1].Success ? (Int(m.Groups[1]), Int(m.Groups[2]))
                : m.Groups[3].Success ? (Int(m.Groups[4]), Int(m.Groups[3]))
                : (Int(m.Groups[6]), Int(m.Groups[5]));
            if (year is < 1900 or > 2200) return null;
            return new ImportPeriod(new DateOnly(year, ((quarter - 1) * 3) + 1, 1), ImportPeriod.Quarter);
        }
        return null;
    }

    private static ImportPeriod? Month(int year, int month) =>
        SafeDate(year, month, 1) is { } d ? new ImportPeriod(d, ImportPeriod.Month) : null;

    /// <summary>"35,5", "1 234,50" (space, NBSP or narrow NBSP), "1.234,50", "35.5"; an optional trailing unit is removed by the caller.</summary>
    public static bool TryParseFrenchDecimal(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0;
        Span<char> buffer = stackalloc char[64];
        var n = 0;
        int commas = 0, dots = 0, lastComma = -1, lastDot = -1;
        foreach (var ch in text.Trim())
        {
            if (WorkbookText.IsSpace(ch) || ch == '\'') continue;
            if (n == buffer.Length) return false;
            if (ch == ',') { commas++; lastComma = n; }
            else if (ch == '.') { dots++; lastDot = n; }
            buffer[n++] = ch;
        }
        if (n == 0) return false;
        var span = buffer[..n];
        int decimalAt;
        char thousands;
        if (commas > 0 && dots > 0)
        {
            decimalAt = Math.Max(lastComma, lastDot);
            thousands = lastComma > lastDot ? '.' : ',';
            if ((thousands == ',' ? commas : dots) == 0 || (thousands == ',' ? dots : commas) != 1) return false;
        }
        else if (commas > 1 || dots > 1)
        {
            return false;
        }
        else
        {
            decimalAt = commas == 1 ? lastComma : lastDot;
            thousands = '\0';
        }
        var m = 0;
        for (var i = 0; i < span.Length; i++)
        {
            var ch = span[i];
            if (ch == thousands) continue;
            span[m++] = i == decimalAt ? '.' : ch;
        }
        return decimal.TryParse(span[..m], NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
            out value);
    }

    /// <summary>14 digits once spaces are removed.</summary>
    public static string? ParseSiret(string text)
    {
        Span<char> digits = stackalloc char[14];
        var n = 0;
        foreach (var ch in text)
        {
            if (WorkbookText.IsSpace(ch) || char.IsWhiteSpace(ch)) continue;
            if (!char.IsAsciiDigit(ch) || n == 14) return null;
            digits[n++] = ch;
        }
        return n == 14 ? new string(digits) : null;
    }

    /// <summary>The participant reference: a trailing "P-000123" (after "–" or "-"), otherwise the whole cell.</summary>
    public static string ParticipantReference(string text)
    {
        var trimmed = text.Trim();
        var m = TrailingReference().Match(trimmed);
        return m.Success ? string.Concat("P", m.Groups[1].ValueSpan[1..]) : trimmed;
    }
}
