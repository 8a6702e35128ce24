using Clauses.Core.Common;

namespace Clauses.Core.Spar;

/// <summary>The base a SPAR indicator is counted over (DOMAIN §7: "every ratio states its base").
/// Codes are stable wire values; labels are the French words shown after "base :".</summary>
public static class IndicatorBase
{
    public const string Personnes = "personnes";
    public const string Heures = "heures";
    public const string Contrats = "contrats";
    public const string Euros = "euros";

    // Labels are written in lower case on purpose: they are shown inside a sentence ("base : personnes").
    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(Personnes, "personnes"),
        new(Heures, "heures"),
        new(Contrats, "marchés"),
        new(Euros, "euros HT"),
    ]);

    /// <summary>True for the base the small-cell rule applies to (counts about people).</summary>
    public static bool IsAboutPeople(string? code) => string.Equals(code, Personnes, StringComparison.Ordinal);
}
