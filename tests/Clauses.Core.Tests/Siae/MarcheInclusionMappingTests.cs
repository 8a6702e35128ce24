using Clauses.Core.Siae;

namespace Clauses.Core.Tests.Siae;

public class MarcheInclusionMappingTests
{
    [Theory]
    [InlineData("EI", "EI")]
    [InlineData("AI", "AI")]
    [InlineData("ACI", "ACI")]
    [InlineData("ACIPHC", "ACI")]
    [InlineData("ETTI", "ETTI")]
    [InlineData("EITI", "EITI")]
    [InlineData("GEIQ", "GEIQ")]
    [InlineData("EA", "EA")]
    [InlineData("EATT", "EATT")]
    [InlineData("ESAT", "ESAT")]
    [InlineData(" esat ", "ESAT")]
    public void Their_kinds_map_onto_ours(string theirs, string ours) => Assert.Equal(ours, MarcheInclusionMapping.MapKind(theirs));

    [Theory]
    [InlineData("SEP")]
    [InlineData("OPCS")]
    [InlineData("")]
    [InlineData(null)]
    public void Kinds_outside_the_directory_have_no_mapping(string? theirs) => Assert.Null(MarcheInclusionMapping.MapKind(theirs));

    [Fact]
    public void Every_mapped_kind_is_one_of_ours()
    {
        foreach (var code in SiaeKind.Terms.Codes) Assert.Equal(code, MarcheInclusionMapping.MapKind(code));
    }

    [Theory]
    [InlineData("nettoyage-de-locaux-16", "nettoyage")]
    [InlineData("creation-et-entretien-des-espaces-verts", "espaces_verts")]
    [InlineData("autre", "espaces_verts")]                 // their "Autre (Espaces verts)"
    [InlineData("peinture-revetement-des-murs", "batiment")]
    [InlineData("restaurants-cantines", "restauration")]
    [InlineData("traiteur", "restauration")]
    [InlineData("restauration-de-livres", "autre")]       // books, not food
    [InlineData("logistique-conditionnement", "logistique")]
    [InlineData("manutention", "logistique")]
    [InlineData("recyclage-textiles", "recyclage")]
    [InlineData("collecte-du-verre", "recyclage")]
    [InlineData("mailing-archivage-secretariat-52", "services_bureau")]
    [InlineData("blanchisserie", "blanchisserie")]
    [InlineData("repassage", "blanchisserie")]
    [InlineData("transports-de-personnes", "transport")]
    [InlineData("transport-de-marchandises", "transport")]
    [InlineData("creation-de-sites-internets-webmastering-70", "numerique")]
    [InlineData("confection-a-facon", "textile")]
    [InlineData("maraichage", "agriculture")]
    [InlineData("apiculture", "agriculture")]
    [InlineData("entretien-des-jardins", "espaces_verts")]
    [InlineData("aide-menagere", "nettoyage")]
    [InlineData("securite-preventions", "autre")]
    [InlineData("hygiene-et-proprete-64", "nettoyage")]  // a group slug
    public void Their_sector_slugs_fold_onto_our_sectors(string slug, string sector) =>
        Assert.Equal(sector, MarcheInclusionMapping.MapSector(slug));

    [Theory]
    [InlineData("nettoyage-de-locaux-99", "nettoyage")]   // another environment's numeric suffix
    [InlineData("nettoyage-de-locaux", "nettoyage")]
    [InlineData("NETTOYAGE-DE-LOCAUX-16", "nettoyage")]
    [InlineData("autre-999", "autre")]                     // "autre-N" stems are ambiguous: our "autre"
    [InlineData("astrophysique", "autre")]
    [InlineData("", "autre")]
    [InlineData(null, "autre")]
    public void Unknown_slugs_are_retried_without_suffix_then_fall_to_autre(string? slug, string sector) =>
        Assert.Equal(sector, MarcheInclusionMapping.MapSector(slug));

    [Fact]
    public void A_records_sectors_are_distinct_in_our_order_and_never_empty()
    {
        Assert.Equal(["batiment", "nettoyage", "autre"],
            MarcheInclusionMapping.MapSectors(["inconnu", "nettoyage-de-locaux-16", "electricite", "plomberie", "nettoyage-urbain"]));
        Assert.Equal(["autre"], MarcheInclusionMapping.MapSectors([]));
        Assert.Equal(["autre"], MarcheInclusionMapping.MapSectors(null));
    }

    [Theory]
    [InlineData("69007", "69")]
    [InlineData("01000", "01")]
    [InlineData("20000", "2A")]
    [InlineData("20167", "2A")]
    [InlineData("20200", "2B")]
    [InlineData("20600", "2B")]
    [InlineData("97400", "974")]
    [InlineData("97600", "976")]
    [InlineData("98800", null)]   // Nouvelle-Calédonie: not a département
    [InlineData("6900", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_postcode_tells_its_departement(string? postcode, string? departement) =>
        Assert.Equal(departement, MarcheInclusionMapping.DepartementFromPostcode(postcode));

    [Theory]
    [InlineData("69", "69")]
    [InlineData("9", "09")]
    [InlineData("2a", "2A")]
    [InlineData("974", "974")]
    [InlineData("20", null)]
    [InlineData("", null)]
    public void Their_department_is_normalised(string? theirs, string? ours) =>
        Assert.Equal(ours, MarcheInclusionMapping.NormalizeDepartement(theirs));

    [Fact]
    public void Every_mapped_sector_is_in_our_vocabulary()
    {
        // All 154 sector slugs and 20 group slugs of their fixtures land in our vocabulary.
        foreach (var slug in new[] { "travaux-forestiers-bucheronnage", "medico-social", "cordonnerie", "traductions", "sport" })
            Assert.True(SiaeSector.Terms.IsKnown(MarcheInclusionMapping.MapSector(slug)));
    }
}
