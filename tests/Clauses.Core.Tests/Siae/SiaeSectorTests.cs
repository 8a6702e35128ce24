using Clauses.Core.Siae;
using Clauses.Core.Tests.Common;

namespace Clauses.Core.Tests.Siae;

public class SiaeSectorTests
{
    [Fact]
    public void Sectors_are_the_snake_case_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(SiaeSector.Terms,
            ("batiment", "Bâtiment et travaux publics"),
            ("nettoyage", "Propreté et nettoyage"),
            ("espaces_verts", "Espaces verts et naturels"),
            ("restauration", "Restauration et traiteur"),
            ("logistique", "Logistique, manutention et conditionnement"),
            ("recyclage", "Collecte des déchets, recyclage et réemploi"),
            ("services_bureau", "Services administratifs et de bureau"),
            ("blanchisserie", "Blanchisserie et entretien du linge"),
            ("transport", "Transport de personnes et de marchandises"),
            ("numerique", "Numérique et informatique"),
            ("textile", "Textile et confection"),
            ("agriculture", "Agriculture, maraîchage et agro-alimentaire"),
            ("autre", "Autre activité"));

    [Fact]
    public void Labels_are_capitalised_and_distinct()
    {
        Assert.All(SiaeSector.Terms.All, t => Assert.True(char.IsUpper(t.Label[0]), t.Label));
        Assert.Equal(SiaeSector.Terms.All.Count, SiaeSector.Terms.All.Select(t => t.Label).Distinct().Count());
    }
}
