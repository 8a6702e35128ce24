using Clauses.Core.Common;

namespace Clauses.Core.Siae;

/// <summary>
/// Broad activity sectors of the SIAE directory, the level at which buyers search and reserved tenders are
/// matched. Le Marché de l'inclusion's ~170 fine-grained sector slugs fold onto these (see <see cref="MarcheInclusionMapping"/>).
/// Lower-case snake_case codes, stored as is in siae.sectors and tenders.sectors.
/// </summary>
public static class SiaeSector
{
    public const string Batiment = "batiment";
    public const string Nettoyage = "nettoyage";
    public const string EspacesVerts = "espaces_verts";
    public const string Restauration = "restauration";
    public const string Logistique = "logistique";
    public const string Recyclage = "recyclage";
    public const string ServicesBureau = "services_bureau";
    public const string Blanchisserie = "blanchisserie";
    public const string Transport = "transport";
    public const string Numerique = "numerique";
    public const string Textile = "textile";
    public const string Agriculture = "agriculture";
    public const string Autre = "autre";

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(Batiment, "Bâtiment et travaux publics"),
        new(Nettoyage, "Propreté et nettoyage"),
        new(EspacesVerts, "Espaces verts et naturels"),
        new(Restauration, "Restauration et traiteur"),
        new(Logistique, "Logistique, manutention et conditionnement"),
        new(Recyclage, "Collecte des déchets, recyclage et réemploi"),
        new(ServicesBureau, "Services administratifs et de bureau"),
        new(Blanchisserie, "Blanchisserie et entretien du linge"),
        new(Transport, "Transport de personnes et de marchandises"),
        new(Numerique, "Numérique et informatique"),
        new(Textile, "Textile et confection"),
        new(Agriculture, "Agriculture, maraîchage et agro-alimentaire"),
        new(Autre, "Autre activité"),
    ]);
}
