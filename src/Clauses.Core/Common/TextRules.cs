using System.Diagnostics.CodeAnalysis;

namespace Clauses.Core.Common;

/// <summary>Rules shared by required or optional free-text fields.</summary>
public static class TextRules
{
    /// <summary>Adds an error when <paramref name="value"/> is missing or blank, or longer than <paramref name="maxLength"/>.
    /// Returns true when the value is present (so further checks may run).</summary>
    public static bool Required(ValidationErrors errors, string field, [NotNullWhen(true)] string? value, int maxLength, string requiredMessage, string tooLongMessage)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(field, requiredMessage);
            return false;
        }

        if (value.Length > maxLength)
        {
            errors.Add(field, tooLongMessage);
        }

        return true;
    }

    /// <summary>Adds an error when the code is missing or not in <paramref name="vocabulary"/>; the message lists the allowed codes.
    /// <paramref name="what"/> names the field with its article, in lower case, e.g. "la catégorie d'achat".</summary>
    public static void KnownCode<T>(ValidationErrors errors, string field, string? code, Vocabulary<T> vocabulary, string what)
        where T : ITerm
    {
        ArgumentNullException.ThrowIfNull(errors);
        ArgumentNullException.ThrowIfNull(vocabulary);
        ArgumentException.ThrowIfNullOrEmpty(what);
        if (string.IsNullOrEmpty(code))
        {
            errors.Add(field, $"{char.ToUpperInvariant(what[0])}{what[1..]} est obligatoire. Valeurs admises : {vocabulary.CodesText}.");
        }
        else if (!vocabulary.IsKnown(code))
        {
            errors.Add(field, $"Valeur inconnue pour {what} : « {code} ». Valeurs admises : {vocabulary.CodesText}.");
        }
    }
}
