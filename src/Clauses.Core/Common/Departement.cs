using System.Collections.Frozen;

namespace Clauses.Core.Common;

/// <summary>French département codes as INSEE writes them: "01".."95" (no "20"), "2A", "2B", "971".."976".</summary>
// INSEE, Code officiel géographique: Corsica is 2A/2B since 1976; overseas départements and Mayotte are 971–976.
public static class Departement
{
    private static readonly FrozenSet<string> Codes = Enumerable.Range(1, 95)
        .Where(n => n != 20)
        .Select(n => n.ToString("00", System.Globalization.CultureInfo.InvariantCulture))
        .Concat(["2A", "2B"])
        .Concat(Enumerable.Range(971, 6).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        .ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every valid code, sorted.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Codes.Order(StringComparer.Ordinal)];

    /// <summary>True for an exact code (upper-case 2A/2B, leading zero kept, no whitespace).</summary>
    public static bool IsValid(string? code) => code is not null && Codes.Contains(code);
}
