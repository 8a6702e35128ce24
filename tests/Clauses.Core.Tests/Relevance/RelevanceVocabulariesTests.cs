using Clauses.Core.Common;
using Clauses.Core.Relevance;
using Clauses.Core.Tests.Common;

namespace Clauses.Core.Tests.Relevance;

public class RelevanceVocabulariesTests
{
    [Fact]
    public void Outcomes_are_the_database_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(RelevanceOutcome.Terms,
            ("pertinent", "Considération sociale pertinente"),
            ("non_pertinent", "Pas de considération sociale pertinente"));

    [Fact]
    public void Reasons_are_the_database_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(RelevanceReason.Terms,
            ("montant_faible", "Montant trop faible"),
            ("duree_courte", "Durée d'exécution trop courte"),
            ("main_oeuvre_faible", "Part de main-d'œuvre trop faible"),
            ("prestation_specialisee", "Prestation trop spécialisée"),
            ("urgence", "Urgence"),
            ("absence_offre_insertion", "Absence d'offre d'insertion sur le territoire"),
            ("autre", "Autre motif (à préciser en commentaire)"));

    [Fact]
    public void Loi_climat_exceptions_are_the_default_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(LoiClimatException.Terms,
            ("solution_immediatement_disponible", "Besoin satisfait par une solution immédiatement disponible"),
            ("lien_insuffisant_objet", "Lien insuffisant avec l'objet du marché"),
            ("restriction_concurrence", "Risque de restriction de la concurrence"),
            ("difficulte_execution", "Difficulté technique ou économique d'exécution"),
            ("defense_securite", "Marché de défense ou de sécurité"));

    public static TheoryData<string> Names => ["RelevanceOutcome", "RelevanceReason", "LoiClimatException"];

    private static IReadOnlyList<ITerm> TermsOf(string name) => name switch
    {
        "RelevanceOutcome" => [.. RelevanceOutcome.Terms.All],
        "RelevanceReason" => [.. RelevanceReason.Terms.All],
        "LoiClimatException" => [.. LoiClimatException.Terms.All],
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Names))]
    public void Codes_are_plain_ascii_and_labels_are_capitalised_and_unique(string name)
    {
        var terms = TermsOf(name);
        Assert.NotEmpty(terms);
        foreach (var term in terms)
        {
            Assert.Matches(@"\A[a-z0-9_]+\z", term.Code);
            Assert.True(char.IsUpper(term.Label[0]), term.Label);
            Assert.Equal(term.Label.Trim(), term.Label);
        }

        Assert.Equal(terms.Count, terms.Select(t => t.Label).Distinct(StringComparer.Ordinal).Count());
    }
}
