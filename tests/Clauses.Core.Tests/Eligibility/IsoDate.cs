using System.Globalization;

namespace Clauses.Core.Tests.Eligibility;

/// <summary>Dates written as "yyyy-MM-dd" in test data (InlineData cannot hold a DateOnly).</summary>
internal static class IsoDate
{
    public static DateOnly Parse(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
