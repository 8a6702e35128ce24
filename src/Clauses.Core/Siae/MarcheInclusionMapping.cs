using System.Collections.Frozen;
using System.Globalization;
using Clauses.Core.Common;

namespace Clauses.Core.Siae;

/// <summary>
/// How Le Marché de l'inclusion's vocabularies fold onto ours
/// (gip-inclusion/le-marche: lemarche/siaes/constants.py for kinds, lemarche/fixtures/django/0c_sectors.json and
/// 0b_sectorgroups.json for sector slugs and their groups).
/// </summary>
public static class MarcheInclusionMapping
{
    /// <summary>
    /// Their kind codes are ours (EI, AI, ACI, ETTI, EITI, GEIQ, EA, EATT, ESAT). ACIPHC (ACI "premières heures en chantier",
    /// an old kind) is an ACI. SEP (products and services made in prison) and OPCS are not SIAE kinds of this directory:
    /// no mapping, so the import rejects those records.
    /// </summary>
    private static readonly FrozenDictionary<string, string> Kinds = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["EI"] = SiaeKind.Ei,
        ["AI"] = SiaeKind.Ai,
        ["ACI"] = SiaeKind.Aci,
        ["ACIPHC"] = SiaeKind.Aci,
        ["ETTI"] = SiaeKind.Etti,
        ["EITI"] = SiaeKind.Eiti,
        ["GEIQ"] = SiaeKind.Geiq,
        ["EA"] = SiaeKind.Ea,
        ["EATT"] = SiaeKind.Eatt,
        ["ESAT"] = SiaeKind.Esat,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Our kind code for theirs (case and surrounding spaces ignored), or null when it has none.</summary>
    public static string? MapKind(string? kind) =>
        kind is not null && Kinds.TryGetValue(kind.Trim().ToUpperInvariant(), out var ours) ? ours : null;

    /// <summary>
    /// Every sector slug of Le Marché (154 sectors and their 20 group slugs), by group: Espaces verts → espaces_verts,
    /// Linge → blanchisserie, Agro-alimentaire → agriculture, Propreté → nettoyage, BTP → batiment,
    /// Administratif → services_bureau, Informatique → numerique, Livraisons/Transports → transport,
    /// Collecte des déchets and Recyclage → recyclage, Restauration → restauration; médico-social, réparation, sécurité,
    /// communication, industrie, culture, conseil, services à la personne and ameublement → autre — with the exceptions
    /// written below (textiles, couture and confection → textile; manutention, logistique, déménagement, livraison
    /// de fruits et légumes → logistique; entretien des jardins, plantes → espaces_verts; aide ménagère → nettoyage;
    /// petits travaux → batiment; apiculture, confiturerie, fromagerie, producteurs → agriculture; impressions → services_bureau).
    /// </summary>
    private static readonly FrozenDictionary<string, string> Sectors = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Sectors (0c_sectors.json).
        ["travaux-forestiers-bucheronnage"] = SiaeSector.EspacesVerts,
        ["entretien-des-parkings-4"] = SiaeSector.EspacesVerts,
        ["nettoyage-specifique-chantiers-parkings-6"] = SiaeSector.Nettoyage,
        ["location-et-entretien-de-plantes"] = SiaeSector.EspacesVerts,
        ["garage-mecanique-automobile-10"] = SiaeSector.Autre,
        ["nettoyage-de-vehicules-12"] = SiaeSector.Nettoyage,
        ["reparation-de-velos-14"] = SiaeSector.Autre,
        ["nettoyage-de-locaux-16"] = SiaeSector.Nettoyage,
        ["entretien-et-maintenance-de-lespace-urbain-17"] = SiaeSector.EspacesVerts,
        ["signaletique"] = SiaeSector.Autre,
        ["couture-reprisage-retouches"] = SiaeSector.Textile,
        ["metallurgie"] = SiaeSector.Autre,
        ["blanchisserie"] = SiaeSector.Blanchisserie,
        ["pressing-et-nettoyage-a-sec"] = SiaeSector.Blanchisserie,
        ["repassage"] = SiaeSector.Blanchisserie,
        ["activites-a-caractere-touristique"] = SiaeSector.Autre,
        ["cordonnerie"] = SiaeSector.Autre,
        ["organisation-devenements"] = SiaeSector.Autre,
        ["elevage-de-viandes-et-volailles"] = SiaeSector.Agriculture,
        ["plasturgie"] = SiaeSector.Autre,
        ["produits-dentretien-et-desinfectants-29"] = SiaeSector.Nettoyage,
        ["textiles-30"] = SiaeSector.Textile,
        ["creation-et-entretien-des-espaces-verts"] = SiaeSector.EspacesVerts,
        ["articles-protection-covid-19"] = SiaeSector.Nettoyage,
        ["confiturerie"] = SiaeSector.Agriculture,
        ["livraison-de-fruits-et-legumes-34"] = SiaeSector.Logistique,
        ["apiculture"] = SiaeSector.Agriculture,
        ["conciergerie-dentreprise"] = SiaeSector.ServicesBureau,
        ["fromagerie"] = SiaeSector.Agriculture,
        ["traiteur"] = SiaeSector.Restauration,
        ["communication-agence-de-com-39"] = SiaeSector.Autre,
        ["production-audiovisuelle"] = SiaeSector.Autre,
        ["travail-de-la-pierre"] = SiaeSector.Autre,
        ["tous-travaux-et-petits-bricolages-42"] = SiaeSector.Batiment,
        ["objet-promotionnel"] = SiaeSector.Autre,
        ["autre-medico-social"] = SiaeSector.Autre,
        ["demenagement-45"] = SiaeSector.Logistique,
        ["equipements-et-mobiliers"] = SiaeSector.Autre,
        ["gestion-du-parc-informatique-maintenance-installation-47"] = SiaeSector.Numerique,
        ["reconditionnement-informatique"] = SiaeSector.Recyclage,
        ["transports-de-personnes"] = SiaeSector.Transport,
        ["entretien-machines-materiels-50"] = SiaeSector.Autre,
        ["sous-traitance-industrielle-agro-alimentaire-51"] = SiaeSector.Agriculture,
        ["mailing-archivage-secretariat-52"] = SiaeSector.ServicesBureau,
        ["sous-traitance-industrielle-generale-53"] = SiaeSector.Autre,
        ["travail-du-bois"] = SiaeSector.Autre,
        ["mediation-urbaine-sociale-55"] = SiaeSector.Autre,
        ["culture-et-jeux-56"] = SiaeSector.Autre,
        ["sport"] = SiaeSector.Autre,
        ["location-de-materiels-evenementiel-58"] = SiaeSector.Autre,
        ["location-de-vehicules-velos-59"] = SiaeSector.Transport,
        ["location-vente-de-materiels-industriels-chantiers-60"] = SiaeSector.Batiment,
        ["location-de-mobiliers-61"] = SiaeSector.Autre,
        ["collecte-des-dechets-vegetaux"] = SiaeSector.Recyclage,
        ["agriculture"] = SiaeSector.Agriculture,
        ["ouvrages-metalliques"] = SiaeSector.Batiment,
        ["industrie-chimique-et-plastique"] = SiaeSector.Autre,
        ["services-dartisanat"] = SiaeSector.Autre,
        ["amenagement-interieur"] = SiaeSector.Autre,
        ["accueil-hotline"] = SiaeSector.ServicesBureau,
        ["traitements-thermiques-et-traitements-de-surface"] = SiaeSector.Batiment,
        ["creation-de-sites-internets-webmastering-70"] = SiaeSector.Numerique,
        ["paniers-plateaux-repas"] = SiaeSector.Restauration,
        ["travaux-de-chantiers-74"] = SiaeSector.Batiment,
        ["assemblage-mecanique-mecano-soudure"] = SiaeSector.Autre,
        ["manutention"] = SiaeSector.Logistique,
        ["logistique-conditionnement"] = SiaeSector.Logistique,
        ["coursiers-livraison-de-plis-colis"] = SiaeSector.Transport,
        ["maraichage"] = SiaeSector.Agriculture,
        ["materiaux-de-construction-83"] = SiaeSector.Batiment,
        ["poste-de-garde-accueil"] = SiaeSector.Autre,
        ["autre"] = SiaeSector.EspacesVerts,
        ["collecte-des-dechets-delements-dameublement-dae-et-petits-objets"] = SiaeSector.Recyclage,
        ["collecte-des-dechets-papiers-et-fournitures-dentreprises"] = SiaeSector.Recyclage,
        ["collecte-des-dechets-dechets-dequipements-electriques-et-electroniques-deee"] = SiaeSector.Recyclage,
        ["collecte-des-dechets-textiles"] = SiaeSector.Recyclage,
        ["recyclage-delements-dameublement-dae-et-petits-objets"] = SiaeSector.Recyclage,
        ["recyclage-dequipements-electriques-et-electroniques-deee"] = SiaeSector.Recyclage,
        ["recyclage-textiles"] = SiaeSector.Recyclage,
        ["recyclage-papiers-et-fournitures-dentreprises"] = SiaeSector.Recyclage,
        ["hotellerie"] = SiaeSector.Autre,
        ["animation-et-sorties"] = SiaeSector.Autre,
        ["ventes-de-livres-et-ouvrages"] = SiaeSector.Autre,
        ["restauration-de-livres"] = SiaeSector.Autre,
        ["autre-90"] = SiaeSector.Autre,
        ["peche-pisciculture"] = SiaeSector.Agriculture,
        ["horticulture"] = SiaeSector.Agriculture,
        ["peinture-revetement-des-murs"] = SiaeSector.Batiment,
        ["carrelage-revetement-des-sols"] = SiaeSector.Batiment,
        ["electricite"] = SiaeSector.Batiment,
        ["plomberie"] = SiaeSector.Batiment,
        ["menuiserie"] = SiaeSector.Batiment,
        ["papeterie-et-fournitures-administratives"] = SiaeSector.ServicesBureau,
        ["gestion-de-projets-daffaires"] = SiaeSector.ServicesBureau,
        ["conception-de-logiciels"] = SiaeSector.Numerique,
        ["tests-de-logiciels"] = SiaeSector.Numerique,
        ["numerisation-ged"] = SiaeSector.Numerique,
        ["boulangerie-patisserie-confiseries-118"] = SiaeSector.Restauration,
        ["restaurants-cantines"] = SiaeSector.Restauration,
        ["artisanat-dart"] = SiaeSector.Autre,
        ["impressions"] = SiaeSector.ServicesBureau,
        ["transport-de-marchandises"] = SiaeSector.Transport,
        ["conseils-formation"] = SiaeSector.Autre,
        ["traductions"] = SiaeSector.Autre,
        ["ressources-humaines"] = SiaeSector.Autre,
        ["collecte-dencombrants"] = SiaeSector.Recyclage,
        ["collecte-des-dechets-de-chantiers-128"] = SiaeSector.Recyclage,
        ["vente-de-vehicules-velos-doccasions"] = SiaeSector.Recyclage,
        ["collecte-du-verre"] = SiaeSector.Recyclage,
        ["recyclage-du-verre"] = SiaeSector.Recyclage,
        ["autre-4"] = SiaeSector.Autre,
        ["autre-10"] = SiaeSector.Blanchisserie,
        ["autre-46"] = SiaeSector.Autre,
        ["autre-54"] = SiaeSector.Agriculture,
        ["autre-56"] = SiaeSector.Nettoyage,
        ["autre-57"] = SiaeSector.Batiment,
        ["autre-59"] = SiaeSector.ServicesBureau,
        ["autre-61"] = SiaeSector.Numerique,
        ["autre-63"] = SiaeSector.Restauration,
        ["autre-65"] = SiaeSector.Autre,
        ["autre-67"] = SiaeSector.Autre,
        ["autre-68"] = SiaeSector.Autre,
        ["autre-71"] = SiaeSector.Transport,
        ["autre-80"] = SiaeSector.Recyclage,
        ["autre-85"] = SiaeSector.Recyclage,
        ["autre-115"] = SiaeSector.Autre,
        ["aide-menagere"] = SiaeSector.Nettoyage,
        ["soins-et-accompagnement"] = SiaeSector.Autre,
        ["petits-travaux"] = SiaeSector.Batiment,
        ["autre-141"] = SiaeSector.Autre,
        ["management-de-donnees-et-gestion-de-projets-154"] = SiaeSector.Numerique,
        ["support-administration"] = SiaeSector.Numerique,
        ["producteurs-fournisseurs"] = SiaeSector.Agriculture,
        ["production-et-transformation"] = SiaeSector.Agriculture,
        ["surveillance-scolaire"] = SiaeSector.Autre,
        ["diagnostics-solutions-energetiques-159"] = SiaeSector.Batiment,
        ["location-vente-de-materiels-de-restauration"] = SiaeSector.Restauration,
        ["entretien-des-jardins"] = SiaeSector.EspacesVerts,
        ["collecte-des-dechets-industriels"] = SiaeSector.Recyclage,
        ["entretien-restauration-amenagement-des-espaces-naturels"] = SiaeSector.EspacesVerts,
        ["genie-ecologique"] = SiaeSector.EspacesVerts,
        ["maintenance-de-flottes-de-vehicules-velos-a-assistance-electrique-voitures"] = SiaeSector.Autre,
        ["confection-a-facon"] = SiaeSector.Textile,
        ["collecte-5-flux-papier-metal-verre-et-bois-et-fournitures-dentreprise"] = SiaeSector.Recyclage,
        ["collecte-et-traitement-des-dechets-dangereux"] = SiaeSector.Recyclage,
        ["recyclage-5-flux-et-fournitures-dentreprise"] = SiaeSector.Recyclage,
        ["mediation-dans-les-transports-publics"] = SiaeSector.Autre,
        ["sylviculture"] = SiaeSector.Agriculture,
        ["nettoyage-urbain"] = SiaeSector.Nettoyage,
        ["nettoyage-industriel"] = SiaeSector.Nettoyage,
        ["deconstruction-curage-demolition"] = SiaeSector.Batiment,
        ["restauration-collective"] = SiaeSector.Restauration,
        ["collecte-et-traitement-des-bio-dechets"] = SiaeSector.Recyclage,
        ["activite-culturelle-theatrale-et-spectacle"] = SiaeSector.Autre,
        // Sector groups (0b_sectorgroups.json), should a record carry a group slug.
        ["espaces-verts-exterieurs-2"] = SiaeSector.EspacesVerts,
        ["medico-social"] = SiaeSector.Autre,
        ["reparations-depannages-8"] = SiaeSector.Autre,
        ["entretien-du-linge"] = SiaeSector.Blanchisserie,
        ["securite-preventions"] = SiaeSector.Autre,
        ["agro-alimentaire"] = SiaeSector.Agriculture,
        ["hygiene-et-proprete-64"] = SiaeSector.Nettoyage,
        ["batiments-et-travaux-publics-65"] = SiaeSector.Batiment,
        ["assistance-generale-et-administrative-67"] = SiaeSector.ServicesBureau,
        ["prestations-informatiques"] = SiaeSector.Numerique,
        ["ameublement-deco-textile-artisanat-73"] = SiaeSector.Textile,
        ["communication-marketing"] = SiaeSector.Autre,
        ["sous-traitance-industrielle"] = SiaeSector.Autre,
        ["demenagements-livraisons-transports-79"] = SiaeSector.Transport,
        ["collecte-traitement-des-dechets"] = SiaeSector.Recyclage,
        ["recyclage-economie-circulaire"] = SiaeSector.Recyclage,
        ["culture-divertissement-et-tourisme"] = SiaeSector.Autre,
        ["prestations-intellectuelles"] = SiaeSector.Autre,
        ["services-a-la-personne"] = SiaeSector.Autre,
        ["restauration"] = SiaeSector.Restauration,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Our sector for one of their slugs. Their slugs sometimes carry a numeric suffix ("nettoyage-de-locaux-16")
    /// that may differ between their environments, so a slug unknown as is is retried without it; anything else is "autre".</summary>
    public static string MapSector(string? slug)
    {
        if (string.IsNullOrWhiteSpace(slug))
        {
            return SiaeSector.Autre;
        }

        var s = slug.Trim().ToLowerInvariant();
        if (Sectors.TryGetValue(s, out var ours))
        {
            return ours;
        }

        return Stems.TryGetValue(Stem(s), out var byStem) ? byStem : SiaeSector.Autre;
    }

    // The same table keyed by slug without its numeric suffix, keeping only stems that map to a single sector.
    private static readonly FrozenDictionary<string, string> Stems = Sectors
        .GroupBy(p => Stem(p.Key), StringComparer.Ordinal)
        .Where(g => g.Select(p => p.Value).Distinct(StringComparer.Ordinal).Count() == 1)
        .ToFrozenDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

    private static string Stem(string slug)
    {
        var dash = slug.LastIndexOf('-');
        return dash > 0 && int.TryParse(slug.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out _) ? slug[..dash] : slug;
    }

    /// <summary>Our sectors for a record's slugs: distinct, in our vocabulary's order; "autre" when none is given.</summary>
    public static IReadOnlyList<string> MapSectors(IEnumerable<string?>? slugs)
    {
        var mapped = (slugs ?? []).Select(MapSector).ToHashSet(StringComparer.Ordinal);
        if (mapped.Count == 0)
        {
            mapped.Add(SiaeSector.Autre);
        }

        return [.. SiaeSector.Terms.Codes.Where(mapped.Contains)];
    }

    /// <summary>
    /// The département of a French postcode: 2 first digits, 3 for overseas (97x), Corsica split 200–201 → 2A and
    /// 202–206 → 2B; null when none can be told (blank, malformed, or 98x: overseas collectivities, not départements).
    /// </summary>
    public static string? DepartementFromPostcode(string? postcode)
    {
        var p = postcode?.Trim();
        if (p is null || p.Length != 5 || !p.All(char.IsAsciiDigit))
        {
            return null;
        }

        var code = p switch
        {
            _ when p.StartsWith("97", StringComparison.Ordinal) => p[..3],
            _ when p.StartsWith("20", StringComparison.Ordinal) => p[2] is '0' or '1' ? "2A" : "2B",
            _ => p[..2],
        };
        return Departement.IsValid(code) ? code : null;
    }

    /// <summary>Their department field ("69", "2A", "974", sometimes "9" or "1" without the leading zero) as an INSEE code, or null.</summary>
    public static string? NormalizeDepartement(string? department)
    {
        var d = department?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(d))
        {
            return null;
        }

        if (d.Length == 1 && char.IsAsciiDigit(d[0]))
        {
            d = "0" + d;
        }

        return Departement.IsValid(d) ? d : null;
    }
}
