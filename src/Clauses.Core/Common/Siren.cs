namespace Clauses.Core.Common;

/// <summary>SIREN: the 9-digit INSEE number of a legal unit (company, association, public body).</summary>
public static class Siren
{
    public const int Length = 9;

    /// <summary>SIREN of La Poste, whose establishments follow a special SIRET checksum.</summary>
    public const string LaPoste = "356000000";

    /// <summary>Removes every whitespace character (spaces, no-break spaces, tabs), e.g. "443 061 841" → "443061841".</summary>
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Identifiers.RemoveWhitespace(value);
    }

    /// <summary>Exactly 9 ASCII digits with a valid Luhn checksum; whitespace is not tolerated (call <see cref="Normalize"/> first).</summary>
    // INSEE, répertoire SIRENE: the SIREN carries a Luhn check digit.
    public static bool IsValid(string? value) =>
        value is not null && Identifiers.IsAsciiDigits(value, Length) && Luhn.IsValid(value);
}
