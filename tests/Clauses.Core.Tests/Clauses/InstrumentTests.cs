using Clauses.Core.Clauses;
using Clauses.Core.Tests.Common;

namespace Clauses.Core.Tests.Clauses;

public class InstrumentTests
{
    [Fact]
    public void Instruments_are_the_database_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(Instrument.Terms,
            ("clause_execution", "Clause d'exécution (heures d'insertion)"),
            ("critere_attribution", "Critère d'attribution relatif à l'insertion"),
            ("reserve_l2113_12", "Marché réservé aux entreprises adaptées et ESAT"),
            ("reserve_l2113_13", "Marché réservé aux structures d'insertion (SIAE)"),
            ("reserve_l2113_13_1", "Marché réservé au travail pénitentiaire"),
            ("reserve_l2113_15", "Marché de services sociaux réservé aux entreprises de l'ESS"),
            ("marche_insertion", "Marché d'insertion et de qualification professionnelle"),
            ("clause_alternative", "Clause alternative (immersion, découverte des métiers, formation)"));

    [Theory]
    [InlineData("clause_execution", "L2112-2")]
    [InlineData("critere_attribution", "L2152-7 / R2152-7")]
    [InlineData("reserve_l2113_12", "L2113-12")]
    [InlineData("reserve_l2113_13", "L2113-13 / R2113-7")]
    [InlineData("reserve_l2113_13_1", "L2113-13-1")]
    [InlineData("reserve_l2113_15", "L2113-15")]
    [InlineData("marche_insertion", "R2123-1 3°")]
    [InlineData("clause_alternative", "pratique (fiche 31)")]
    public void Each_instrument_states_its_legal_basis(string code, string legalBasis) =>
        Assert.Equal(legalBasis, Instrument.Terms.Find(code)!.LegalBasis);
}
