using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Clauses.Core.Contracts;

/// <summary>Common Procurement Vocabulary code, e.g. "45442100-8" (8 digits, hyphen, check digit).</summary>
public static partial class CpvCode
{
    // Regulation (EC) No 213/2008 (CPV 2008): the 45 divisions of the main vocabulary (17, 36 and 74 do not exist).
    private static readonly FrozenSet<string> Divisions = new[]
    {
        "03", "09", "14", "15", "16", "18", "19", "22", "24",
        "30", "31", "32", "33", "34", "35", "37", "38", "39",
        "41", "42", "43", "44", "45", "48",
        "50", "51", "55", "60", "63", "64", "65", "66",
        "70", "71", "72", "73", "75", "76", "77", "79",
        "80", "85", "90", "92", "98",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every CPV 2008 division, sorted.</summary>
    public static IReadOnlyList<string> AllDivisions { get; } = [.. Divisions.Order(StringComparer.Ordinal)];

    /// <summary>True for "dddddddd-d" (ASCII digits, nothing around) whose division is a CPV 2008 division.
    /// The check digit is not verified (its algorithm is not published with the regulation).</summary>
    public static bool IsValid(string? code) =>
        code is not null && Format().IsMatch(code) && Divisions.Contains(code[..2]);

    /// <summary>The division (first two digits, e.g. "45" for works) of a valid code, or null when the code is invalid.</summary>
    public static string? Division(string? code) => IsValid(code) ? code![..2] : null;

    [GeneratedRegex(@"\A[0-9]{8}-[0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex Format();
}
