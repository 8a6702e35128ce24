using Clauses.Core.Clauses;

namespace Clauses.Core.Tests.Clauses;

public class ReportingFrequencyTests
{
    [Fact]
    public void Codes_match_the_database_check_constraint() =>
        Assert.Equal(["mensuelle", "trimestrielle", "semestrielle"], ReportingFrequency.Terms.Codes);

    [Theory]
    [InlineData("hebdomadaire")]
    [InlineData("Mensuelle")]
    public void Unknown_or_miscased_frequencies_are_rejected(string code) => Assert.False(ReportingFrequency.Terms.IsKnown(code));
}
