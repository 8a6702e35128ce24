using Clauses.Core.Spar;

namespace Clauses.Core.Tests.Spar;

public class SparMonitoringAndFormatTests
{
    public static TheoryData<string> MonitoringCodes => [.. Indicator.Monitoring.Codes];

    [Theory]
    [MemberData(nameof(MonitoringCodes))]
    public void Every_monitoring_indicator_has_a_label_a_one_sentence_definition_stating_its_base_a_unit_and_a_source(string code)
    {
        var term = Indicator.Monitoring.Find(code)!;
        Assert.True(IndicatorBase.Terms.IsKnown(term.Base), term.Base);
        Assert.True(IndicatorUnit.Terms.IsKnown(term.Unit), term.Unit);
        Assert.True(char.IsUpper(term.Label[0]), term.Label);
        Assert.EndsWith($" (base : {IndicatorBase.Terms.Label(term.Base)}).", term.Definition, StringComparison.Ordinal);
        Assert.Equal(1, term.Definition.Count(c => c == '.'));
        Assert.False(string.IsNullOrWhiteSpace(term.Source));
    }

    [Fact]
    public void Monitoring_codes_never_collide_with_target_codes_so_no_target_can_be_set_on_them() =>
        Assert.Empty(Indicator.Monitoring.Codes.Intersect(Indicator.Terms.Codes));

    [Theory]
    [InlineData(127459, "127\u202F459\u00A0h")]
    [InlineData(12.5, "12,5\u00A0h")]
    [InlineData(0.25, "0,25\u00A0h")]
    [InlineData(0, "0\u00A0h")]
    public void Hours_are_written_the_French_way(decimal hours, string expected) => Assert.Equal(expected, SparFormat.Hours(hours));

    [Theory]
    [InlineData(31.75, "31,8\u00A0%")]
    [InlineData(31.74, "31,7\u00A0%")]
    [InlineData(100, "100,0\u00A0%")]
    public void Points_round_half_away_from_zero_to_one_decimal(decimal points, string expected) => Assert.Equal(expected, SparFormat.Points(points));

    [Theory]
    [InlineData(1_200_000.49, "1\u202F200\u202F000\u00A0€")]
    [InlineData(0.5, "1\u00A0€")]
    public void Euros_are_rounded_to_the_euro(decimal euros, string expected) => Assert.Equal(expected, SparFormat.Euros(euros));

    [Fact]
    public void Counts_group_thousands() => Assert.Equal("500\u202F000", SparFormat.Count(500_000));
}
