using System.Collections.Frozen;
using System.Collections.ObjectModel;
using Clauses.Core.Clauses;

namespace Clauses.Core.Relevance;

/// <summary>Plain-French explanations of each instrument for the buyer's relevance wizard.</summary>
public static class InstrumentGuide
{
    // Sources: legal-rules §1.1–1.4 and DOMAIN §2 (articles cited in each text); seed 004 fiche 31 for the alternative clause.
    private static readonly FrozenDictionary<string, string> Explanations = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Instrument.ClauseExecution] =
            "La clause d'exécution oblige le titulaire à réserver une partie des heures travaillées sur le marché à des personnes "
            + "éloignées de l'emploi (article L2112-2 du code de la commande publique). Elle convient dès que la prestation mobilise "
            + "une part significative de main-d'œuvre sur une durée suffisante. Le titulaire réalise le volume d'heures fixé par "
            + "l'embauche directe, l'intérim d'insertion, la mise à disposition, la sous-traitance ou la cotraitance avec une SIAE, "
            + "ou la formation, et en rend compte au facilitateur ; la clause ne joue aucun rôle dans le choix du titulaire.",
        [Instrument.CritereAttribution] =
            "Le critère d'attribution note les offres selon leurs performances en matière d'insertion professionnelle des publics "
            + "en difficulté (articles L2152-7 et R2152-7). Il convient lorsque le marché peut être exécuté, au moins en partie, par des "
            + "personnes en insertion ; une pondération de 15\u00A0% a été jugée régulière (CE, 25 mars 2013, n° 364950) et, en procédure "
            + "formalisée, le critère doit être pondéré (R2152-12). Le candidat décrit dans son offre les moyens qu'il s'engage à mettre en œuvre.",
        [Instrument.ReserveL2113_12] =
            "Le marché ou le lot est réservé aux entreprises adaptées (EA), aux établissements et services d'aide par le travail (ESAT) "
            + "et aux structures équivalentes qui emploient au moins 50\u00A0% de travailleurs handicapés (articles L2113-12 et R2113-7). "
            + "Il convient aux prestations que ces structures savent assurer (espaces verts, nettoyage, blanchisserie, numérisation…). "
            + "La réservation est annoncée dans l'avis d'appel à la concurrence ou, à défaut, dans les documents de la consultation ; "
            + "elle peut être combinée avec la réservation aux SIAE (L2113-14).",
        [Instrument.ReserveL2113_13] =
            "Le marché ou le lot est réservé aux structures d'insertion par l'activité économique (EI, ETTI, AI, ACI) et aux structures "
            + "équivalentes qui emploient au moins 50\u00A0% de travailleurs défavorisés (articles L2113-13 et R2113-7). Il convient lorsque "
            + "des SIAE du territoire savent exécuter la prestation (propreté, espaces verts, second œuvre, collecte…). La réservation est "
            + "annoncée dans l'avis ou, à défaut, dans les documents de la consultation ; elle peut être combinée avec la réservation aux "
            + "EA et ESAT (L2113-14).",
        [Instrument.ReserveL2113_13_1] =
            "Le marché ou le lot est réservé aux opérateurs qui l'exécutent grâce aux activités de production en détention et qui "
            + "emploient au moins 50\u00A0% de personnes détenues (articles L2113-13-1 et R2113-7). Il convient aux travaux de production ou "
            + "de sous-traitance réalisables en atelier pénitentiaire. Cette réservation ne peut pas être combinée avec une autre (L2113-14).",
        [Instrument.ReserveL2113_15] =
            "Le marché ou le lot est réservé aux entreprises de l'économie sociale et solidaire (article 1er de la loi n° 2014-856) "
            + "qui assument une mission de service public liée à la prestation (articles L2113-15 et L2113-16). Il n'est possible que si "
            + "le marché porte exclusivement sur des services sociaux et autres services spécifiques, et pour trois ans au plus.",
        [Instrument.MarcheInsertion] =
            "L'insertion et la qualification professionnelle sont l'objet même du marché : l'acheteur achète des parcours d'insertion "
            + "dont une activité (propreté urbaine, espaces verts, petits travaux…) est le support (article R2123-1 3°, services sociaux "
            + "et autres services spécifiques). Il convient aux acheteurs compétents en matière d'insertion et peut être passé en procédure "
            + "adaptée quel que soit le montant. Le titulaire, souvent un atelier et chantier d'insertion, est choisi sur sa capacité à "
            + "accompagner, encadrer et former ; le marché entier constitue l'action d'insertion, sans calcul d'heures.",
        [Instrument.ClauseAlternative] =
            "Lorsque l'embauche n'est pas réaliste (prestation courte ou très spécialisée), la clause demande d'autres actions : "
            + "périodes de mise en situation en milieu professionnel (PMSMP), découverte des métiers, accueil de stagiaires ou formation "
            + "(pratique recommandée, fiche 31). Elle reste une condition d'exécution au sens de l'article L2112-2 et doit être quantifiée "
            + "(nombre d'actions ou d'heures). Le titulaire organise ces actions avec le facilitateur et justifie leur réalisation.",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every instrument in <see cref="Instrument.Terms"/> order, with its label, legal basis and explanation.</summary>
    public static IReadOnlyList<(string Code, string Label, string LegalBasis, string Explanation)> All { get; } =
        new ReadOnlyCollection<(string Code, string Label, string LegalBasis, string Explanation)>(
            [.. Instrument.Terms.All.Select(t => (t.Code, t.Label, t.LegalBasis, Explanations[t.Code]))]);

    /// <summary>The explanation of a known instrument code.</summary>
    /// <exception cref="ArgumentException">The code is unknown.</exception>
    public static string Explain(string instrument) =>
        instrument is not null && Explanations.TryGetValue(instrument, out var text)
            ? text
            : throw new ArgumentException($"Unknown instrument '{instrument}'.", nameof(instrument));
}
