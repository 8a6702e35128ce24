using System.Globalization;
using System.Text;

namespace Clauses.Api.Hours.Workbooks;

/// <summary>Text helpers shared by the template, the reader and the annotator.</summary>
internal static class WorkbookText
{
    /// <summary>Lower case, accents removed, only letters and digits kept ("Réf. participant" → "refparticipant").</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (ch == 'œ' || ch == 'Œ') { sb.Append("oe"); continue; }
            if (ch == 'æ' || ch == 'Æ') { sb.Append("ae"); continue; }
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(ch)) sb.Append(char.ToLowerInvariant(ch));
        }
        return sb.ToString();
    }

    /// <summary>Column letters for a 0-based column index (0 → "A", 27 → "AB").</summary>
    public static string ColumnLetters(int index)
    {
        Span<char> buffer = stackalloc char[4];
        var pos = buffer.Length;
        var n = index + 1;
        while (n > 0)
        {
            var rem = (n - 1) % 26;
            buffer[--pos] = (char)('A' + rem);
            n = (n - 1) / 26;
        }
        return new string(buffer[pos..]);
    }

    /// <summary>Parses a cell reference ("AB12") into a 0-based column and a 1-based row; -1/0 when absent.</summary>
    public static bool TryParseReference(ReadOnlySpan<char> reference, out int column, out int row)
    {
        column = -1;
        row = 0;
        var i = 0;
        var col = 0;
        while (i < reference.Length && char.IsAsciiLetter(reference[i]))
        {
            col = (col * 26) + (char.ToUpperInvariant(reference[i]) - 'A' + 1);
            if (col > 16384) return false;
            i++;
        }
        if (i == 0) return false;
        var r = 0;
        var digits = 0;
        while (i < reference.Length && char.IsAsciiDigit(reference[i]))
        {
            r = (r * 10) + (reference[i] - '0');
            if (r > 1_048_576) return false;
            i++;
            digits++;
        }
        if (i != reference.Length) return false;
        column = col - 1;
        row = digits > 0 ? r : 0;
        return true;
    }

    /// <summary>French thousands with a plain space: 200000 → "200 000".</summary>
    public static string Thousands(long value) =>
        value.ToString("#,0", CultureInfo.InvariantCulture).Replace(',', ' ');

    /// <summary>Whether the character is a space variant used as a thousands separator (space, NBSP, narrow NBSP, thin space).</summary>
    public static bool IsSpace(char c) => c is ' ' or '\u00A0' or '\u202F' or '\u2009' or '\u2007';
}
