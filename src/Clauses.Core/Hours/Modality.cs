using Clauses.Core.Common;

namespace Clauses.Core.Hours;

/// <summary>How the contractor fulfils the clause (DOMAIN §5). Codes match the database CHECK constraint.</summary>
public static class Modality
{
    public const string EmbaucheDirecte = "embauche_directe";
    public const string InterimEtti = "interim_etti";
    public const string InterimEtt = "interim_ett";
    public const string MiseADispositionAi = "mise_a_disposition_ai";
    public const string Geiq = "geiq";
    public const string EntrepriseAdaptee = "entreprise_adaptee";
    public const string SousTraitanceSiae = "sous_traitance_siae";
    public const string CotraitanceSiae = "cotraitance_siae";
    public const string Formation = "formation";

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(EmbaucheDirecte, "Embauche directe (CDI, CDD, alternance, contrat aidé)"),
        new(InterimEtti, "Intérim d'insertion (ETTI)"),
        new(InterimEtt, "Intérim classique (ETT)"),
        new(MiseADispositionAi, "Mise à disposition par une association intermédiaire (AI)"),
        new(Geiq, "Mise à disposition par un GEIQ"),
        new(EntrepriseAdaptee, "Mise à disposition par une entreprise adaptée (EA)"),
        new(SousTraitanceSiae, "Sous-traitance à une SIAE (ou EA, ESAT)"),
        new(CotraitanceSiae, "Cotraitance avec une SIAE (ou EA, ESAT)"),
        new(Formation, "Formation qualifiante"),
    ]);
}
