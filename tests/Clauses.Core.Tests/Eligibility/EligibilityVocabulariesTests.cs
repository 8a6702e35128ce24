using Clauses.Core.Common;
using Clauses.Core.Eligibility;
using Clauses.Core.Tests.Common;

namespace Clauses.Core.Tests.Eligibility;

public class EligibilityVocabulariesTests
{
    [Fact]
    public void Validation_bases_are_the_database_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(ValidationBasis.Terms,
            ("critere", "Critère de la liste de la clause"),
            ("avis_prescripteur", "Avis motivé d'un prescripteur"));

    [Fact]
    public void Prescriber_kinds_are_the_database_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(PrescriberKind.Terms,
            ("france_travail", "France Travail"),
            ("mission_locale", "Mission locale"),
            ("cap_emploi", "Cap emploi"),
            ("plie", "Plan local pour l'insertion et l'emploi (PLIE)"),
            ("referent_rsa", "Référent RSA du département"),
            ("mdph", "Maison départementale des personnes handicapées (MDPH)"),
            ("siae", "Structure d'insertion par l'activité économique (SIAE)"),
            ("autre", "Autre prescripteur"));

    public static TheoryData<string> Names => ["ValidationBasis", "PrescriberKind"];

    private static Vocabulary<Term> ByName(string name) => name == "ValidationBasis" ? ValidationBasis.Terms : PrescriberKind.Terms;

    [Theory]
    [MemberData(nameof(Names))]
    public void Codes_are_matched_exactly_and_unknown_codes_are_rejected(string name)
    {
        var v = ByName(name);
        foreach (var code in v.Codes)
        {
            Assert.False(v.IsKnown(code.ToUpperInvariant()));
            Assert.False(v.IsKnown(code + " "));
            Assert.Matches(@"\A[a-z0-9_]+\z", code);
        }

        Assert.False(v.IsKnown("inexistant"));
        Assert.False(v.IsKnown(null));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Labels_are_capitalised_unique_and_keep_their_accents(string name)
    {
        var labels = ByName(name).All.Select(t => t.Label).ToList();
        Assert.All(labels, l => Assert.True(char.IsUpper(l[0]), l));
        Assert.Equal(labels.Count, labels.Distinct(StringComparer.Ordinal).Count());
        Assert.All(labels, l => Assert.DoesNotContain("Critere", l, StringComparison.Ordinal));
        Assert.All(labels, l => Assert.DoesNotContain("Referent", l, StringComparison.Ordinal));
        Assert.All(labels, l => Assert.DoesNotContain("activite", l, StringComparison.Ordinal));
    }
}
