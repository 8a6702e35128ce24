using Clauses.Core.Common;

namespace Clauses.Core.Sizing;

/// <summary>How computed hours are rounded to the whole hour. Codes match the database CHECK constraint (clauses.rounding_mode).</summary>
// R1 (legal-rules §7): round to an integer with a configurable mode, default half-up to the hour.
public static class RoundingMode
{
    public const string DemiSuperieur = "demi_superieur";
    public const string Superieur = "superieur";
    public const string Inferieur = "inferieur";

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(DemiSuperieur, "À l'heure la plus proche (une demi-heure arrondie à l'heure supérieure)"),
        new(Superieur, "À l'heure supérieure"),
        new(Inferieur, "À l'heure inférieure"),
    ]);

    /// <summary>Rounds <paramref name="value"/> to the whole hour: half-up (x,5 → x+1, <see cref="MidpointRounding.AwayFromZero"/>),
    /// ceiling or floor.</summary>
    /// <exception cref="ArgumentException">The mode is not a known code.</exception>
    public static decimal Apply(decimal value, string mode) => mode switch
    {
        DemiSuperieur => decimal.Round(value, 0, MidpointRounding.AwayFromZero),
        Superieur => decimal.Ceiling(value),
        Inferieur => decimal.Floor(value),
        _ => throw new ArgumentException($"Unknown rounding mode '{mode}'.", nameof(mode)),
    };
}
