using System.Text;

namespace Clauses.Core.Common;

/// <summary>Helpers shared by the SIREN and SIRET rules.</summary>
internal static class Identifiers
{
    public static bool IsAsciiDigits(string value, int length)
    {
        if (value.Length != length)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    public static string RemoveWhitespace(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (!char.IsWhiteSpace(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
