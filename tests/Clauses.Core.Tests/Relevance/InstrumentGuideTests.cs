using System.Text.RegularExpressions;
using Clauses.Core.Clauses;
using Clauses.Core.Relevance;

namespace Clauses.Core.Tests.Relevance;

public partial class InstrumentGuideTests
{
    public static TheoryData<string> Codes => [.. Instrument.Terms.Codes];

    [Fact]
    public void Guide_lists_every_instrument_in_order_with_its_label_and_legal_basis() =>
        Assert.Equal(
            Instrument.Terms.All.Select(t => (t.Code, t.Label, t.LegalBasis)),
            InstrumentGuide.All.Select(e => (e.Code, e.Label, e.LegalBasis)));

    [Theory]
    [MemberData(nameof(Codes))]
    public void Explanation_is_two_to_four_french_sentences(string code)
    {
        var text = InstrumentGuide.Explain(code);
        var sentences = SentenceEnd().Count(text);
        Assert.InRange(sentences, 2, 4);
        Assert.True(char.IsUpper(text[0]));
        Assert.EndsWith(".", text, StringComparison.Ordinal);
        Assert.Matches("[éèàçœ]", text);
    }

    [Theory]
    [InlineData("clause_execution", "L2112-2")]
    [InlineData("critere_attribution", "R2152-7")]
    [InlineData("reserve_l2113_12", "L2113-12")]
    [InlineData("reserve_l2113_13", "L2113-13 ")]
    [InlineData("reserve_l2113_13_1", "L2113-13-1")]
    [InlineData("reserve_l2113_15", "L2113-15")]
    [InlineData("marche_insertion", "R2123-1 3°")]
    [InlineData("clause_alternative", "fiche 31")]
    public void Explanation_cites_its_legal_basis(string code, string citation) =>
        Assert.Contains(citation, InstrumentGuide.Explain(code), StringComparison.Ordinal);

    [Theory]
    [MemberData(nameof(Codes))]
    public void Explain_and_All_agree(string code) =>
        Assert.Equal(InstrumentGuide.Explain(code), InstrumentGuide.All.Single(e => e.Code == code).Explanation);

    [Fact]
    public void Explanations_are_distinct() =>
        Assert.Equal(InstrumentGuide.All.Count, InstrumentGuide.All.Select(e => e.Explanation).Distinct(StringComparer.Ordinal).Count());

    [Theory]
    [InlineData("inconnu")]
    [InlineData("")]
    [InlineData("CLAUSE_EXECUTION")]
    public void Unknown_instrument_is_refused(string code) =>
        Assert.Throws<ArgumentException>(() => InstrumentGuide.Explain(code));

    [GeneratedRegex(@"[.!?](\s|$)")]
    private static partial Regex SentenceEnd();
}
