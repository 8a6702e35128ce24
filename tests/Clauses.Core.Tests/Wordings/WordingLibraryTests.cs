using System.Text.RegularExpressions;
using Clauses.Core.Clauses;
using Clauses.Core.Wordings;
using static Clauses.Core.Tests.Wordings.WordingFixtures;

namespace Clauses.Core.Tests.Wordings;

public class WordingLibraryTests
{
    public static TheoryData<string, int> EveryNationalWording()
    {
        var data = new TheoryData<string, int>();
        foreach (var wording in WordingLibrary.National)
        {
            data.Add(wording.Code, wording.Version);
        }

        return data;
    }

    [Fact]
    public void The_library_holds_the_expected_codes() =>
        Assert.Equal(
            ["clause_alternative", "critere_attribution_insertion", "execution_heures", "lot_reserve_l2113_12", "lot_reserve_l2113_13",
             "lot_reserve_l2113_13_1", "lot_reserve_l2113_15", "marche_insertion_qualification"],
            WordingLibrary.National.Select(w => w.Code).Distinct().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(EveryNationalWording))]
    public void Every_national_wording_is_a_valid_template(string code, int version)
    {
        var errors = WordingTemplate.Validate(WordingLibrary.Find(code, version)!.Body);
        Assert.True(errors.IsValid, string.Join("\n", errors.For("body")));
    }

    [Theory]
    [MemberData(nameof(EveryNationalWording))]
    public void Every_variable_used_is_known(string code, int version)
    {
        // Independent of the parser: every {{name}}, {{#name}}, {{^name}}, {{/name}} of the body.
        var used = Regex.Matches(WordingLibrary.Find(code, version)!.Body, @"\{\{[#^/]?([^}]*)\}\}").Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(used);
        Assert.All(used, name => Assert.Contains(name, WordingTemplate.KnownVariables));
    }

    [Theory]
    [MemberData(nameof(EveryNationalWording))]
    public void Every_national_wording_fits_the_database_columns(string code, int version)
    {
        var wording = WordingLibrary.Find(code, version)!;
        Assert.Matches("^[a-z0-9_]{1,60}$", wording.Code);
        Assert.True(Instrument.Terms.IsKnown(wording.Instrument), wording.Instrument);
        Assert.InRange(wording.Title.Trim().Length, 1, 200);
        Assert.InRange(wording.Body.Length, 1, 20_000);
        Assert.Contains("code", wording.LegalBasis, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EveryNationalWording))]
    public void Every_national_wording_renders_completely_with_full_facts(string code, int version)
    {
        var rendered = Render(code, Full, version);
        Assert.Equal("titre", rendered.Blocks[0].Kind);
        Assert.Contains(rendered.Blocks, b => b.Kind == "paragraphe");
        Assert.DoesNotContain("[à compléter", rendered.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", rendered.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("}}", rendered.PlainText, StringComparison.Ordinal);
        Assert.DoesNotContain("  ", rendered.PlainText, StringComparison.Ordinal);
        Assert.Contains("lot n° 3", rendered.PlainText, StringComparison.Ordinal);
        Assert.Contains("Peinture", rendered.PlainText, StringComparison.Ordinal);
        Assert.Matches(@"articles? [LR]\. \d{4}-\d+", rendered.PlainText);
        Assert.All(rendered.Blocks, b => Assert.Equal(b.Text.Trim(), b.Text));
    }

    [Theory]
    [MemberData(nameof(EveryNationalWording))]
    public void Every_national_wording_renders_with_bare_facts(string code, int version)
    {
        var bare = new ClauseFacts("Ville", "R-1", "Objet", 1, "Lot", null, null, null, null, [], [], null, null, null, null, null, null);
        var rendered = Render(code, bare, version);
        Assert.NotEmpty(rendered.Blocks);
        Assert.DoesNotContain("{{", rendered.PlainText, StringComparison.Ordinal);
    }

    [Fact]
    public void Versions_of_a_code_are_unique_and_numbered_from_one()
    {
        foreach (var group in WordingLibrary.National.GroupBy(w => w.Code))
        {
            Assert.Equal(Enumerable.Range(1, group.Count()), group.Select(w => w.Version));
            Assert.Single(group.Select(w => w.Instrument).Distinct());
        }
    }

    [Fact]
    public void Latest_returns_version_two_of_the_execution_clause_and_version_one_stays_readable()
    {
        var latest = WordingLibrary.Latest("execution_heures");
        var first = WordingLibrary.Find("execution_heures", 1);
        Assert.Equal(2, latest.Version);
        Assert.NotNull(first);
        Assert.Equal(1, first.Version);
        Assert.NotEqual(first.Body, latest.Body);
        Assert.Same(latest, WordingLibrary.Find("execution_heures", 2));
        Assert.Contains(first, WordingLibrary.National);
    }

    [Fact]
    public void Only_version_two_of_the_execution_clause_carries_the_loi_climat_mention_and_the_reporting_article()
    {
        var v1 = Render("execution_heures", Full, 1).PlainText;
        var v2 = Render("execution_heures", Full, 2).PlainText;
        Assert.DoesNotContain("loi n° 2021-1104", v1, StringComparison.Ordinal);
        Assert.Contains("article 35 de la loi n° 2021-1104 du 22 août 2021", v2, StringComparison.Ordinal);
        Assert.DoesNotContain("bilan de l'action d'insertion", v1, StringComparison.Ordinal);
        Assert.Contains("Suivi de l'exécution et bilan", v2, StringComparison.Ordinal);
        Assert.Contains("– les attestations de présence aux actions de formation.", v2, StringComparison.Ordinal);
        Assert.Contains("loi n° 2021-1104", WordingLibrary.Find("execution_heures", 2)!.LegalBasis, StringComparison.Ordinal);
    }

    [Fact]
    public void Latest_of_a_single_version_code_is_version_one() =>
        Assert.Equal(1, WordingLibrary.Latest("clause_alternative").Version);

    [Fact]
    public void Unknown_codes_and_versions()
    {
        Assert.Throws<KeyNotFoundException>(() => WordingLibrary.Latest("clause_inconnue"));
        Assert.Throws<KeyNotFoundException>(() => WordingLibrary.Latest("EXECUTION_HEURES"));
        Assert.Null(WordingLibrary.Find("execution_heures", 3));
        Assert.Null(WordingLibrary.Find("execution_heures", 0));
        Assert.Null(WordingLibrary.Find("clause_inconnue", 1));
    }

    [Fact]
    public void Every_instrument_has_a_default_wording_of_that_instrument()
    {
        foreach (var instrument in Instrument.Terms.Codes)
        {
            var wording = WordingLibrary.Latest(WordingLibrary.DefaultCodeFor(instrument));
            Assert.Equal(instrument, wording.Instrument);
        }
    }

    [Theory]
    [InlineData("clause_execution", "execution_heures")]
    [InlineData("critere_attribution", "critere_attribution_insertion")]
    [InlineData("reserve_l2113_12", "lot_reserve_l2113_12")]
    [InlineData("reserve_l2113_13", "lot_reserve_l2113_13")]
    [InlineData("reserve_l2113_13_1", "lot_reserve_l2113_13_1")]
    [InlineData("reserve_l2113_15", "lot_reserve_l2113_15")]
    [InlineData("marche_insertion", "marche_insertion_qualification")]
    [InlineData("clause_alternative", "clause_alternative")]
    public void Default_codes_per_instrument(string instrument, string code) =>
        Assert.Equal(code, WordingLibrary.DefaultCodeFor(instrument));

    [Fact]
    public void An_unknown_instrument_has_no_default()
    {
        Assert.Throws<ArgumentException>(() => WordingLibrary.DefaultCodeFor("clause_sociale"));
        Assert.Throws<ArgumentException>(() => WordingLibrary.DefaultCodeFor(null!));
    }
}
