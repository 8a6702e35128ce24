namespace Clauses.Core.Common;

/// <summary>SIRET: SIREN (9 digits) + NIC (5 digits) identifying one establishment.</summary>
public static class Siret
{
    public const int Length = 14;

    /// <summary>Removes every whitespace character, e.g. "443 061 841 00047" → "44306184100047".</summary>
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Identifiers.RemoveWhitespace(value);
    }

    /// <summary>
    /// Exactly 14 ASCII digits with a valid Luhn checksum, or, for La Poste (SIREN 356000000), digits summing to a
    /// multiple of 5. Whitespace is not tolerated (call <see cref="Normalize"/> first).
    /// </summary>
    public static bool IsValid(string? value)
    {
        if (value is null || !Identifiers.IsAsciiDigits(value, Length))
        {
            return false;
        }

        if (Luhn.IsValid(value))
        {
            return true;
        }

        // INSEE: La Poste establishments (SIREN 356000000) are checked by "sum of the 14 digits is a multiple of 5".
        return value.StartsWith(Siren.LaPoste, StringComparison.Ordinal) && value.Sum(c => c - '0') % 5 == 0;
    }

    /// <summary>The SIREN part (first 9 digits) of a valid SIRET.</summary>
    /// <exception cref="ArgumentException">The SIRET is not valid.</exception>
    public static string SirenOf(string siret) =>
        IsValid(siret) ? siret[..Siren.Length] : throw new ArgumentException("Invalid SIRET.", nameof(siret));
}
