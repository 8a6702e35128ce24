using Clauses.Core.Common;

namespace Clauses.Core.Eligibility;

/// <summary>Eligibility criteria of the default list (DOMAIN §4, configurable per organisation and clause). Codes match the database.</summary>
public static class Criterion
{
    public const string Deld = "deld";
    public const string Detld = "detld";
    public const string Rsa = "rsa";
    public const string Ass = "ass";
    public const string Aah = "aah";
    public const string Ata = "ata";
    public const string Rqth = "rqth";
    public const string JeuneSansQualification = "jeune_sans_qualification";
    public const string Senior50 = "senior_50";
    public const string ParcoursIae = "parcours_iae";
    public const string PassIae = "pass_iae";
    public const string ResidantQpv = "residant_qpv";
    public const string Refugie = "refugie";
    public const string SortantAse = "sortant_ase";
    public const string MainJustice = "main_justice";
    public const string EpideE2c = "epide_e2c";
    public const string AvisPrescripteur = "avis_prescripteur";

    public static Vocabulary<Term> Terms { get; } = new Vocabulary<Term>(
    [
        new(Deld, "Demandeur d'emploi de longue durée (12 mois ou plus)"),
        new(Detld, "Demandeur d'emploi de très longue durée (24 mois ou plus)"),
        new(Rsa, "Bénéficiaire du RSA"),
        new(Ass, "Bénéficiaire de l'allocation de solidarité spécifique (ASS)"),
        new(Aah, "Bénéficiaire de l'allocation aux adultes handicapés (AAH)"),
        new(Ata, "Bénéficiaire de l'allocation temporaire d'attente (ATA)"),
        new(Rqth, "Travailleur handicapé (RQTH)"),
        new(JeuneSansQualification, "Jeune de moins de 26 ans sans qualification ou sorti du système scolaire depuis 6 mois"),
        new(Senior50, "Senior de 50 ans ou plus"),
        new(ParcoursIae, "Personne en parcours d'insertion par l'activité économique (IAE)"),
        new(PassIae, "Titulaire d'un PASS IAE en cours de validité"),
        new(ResidantQpv, "Résident d'un quartier prioritaire de la politique de la ville (QPV)"),
        new(Refugie, "Réfugié ou bénéficiaire de la protection internationale"),
        new(SortantAse, "Jeune sortant de l'aide sociale à l'enfance (ASE)"),
        new(MainJustice, "Personne placée sous main de justice"),
        new(EpideE2c, "Jeune accompagné par un EPIDE ou une école de la deuxième chance (E2C)"),
        new(AvisPrescripteur, "Validation sur avis motivé d'un prescripteur"),
    ]);
}
