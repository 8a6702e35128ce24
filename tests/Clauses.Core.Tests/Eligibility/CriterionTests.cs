using Clauses.Core.Eligibility;
using Clauses.Core.Tests.Common;

namespace Clauses.Core.Tests.Eligibility;

public class CriterionTests
{
    [Fact]
    public void Criteria_are_the_database_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(Criterion.Terms,
            ("deld", "Demandeur d'emploi de longue durée (12 mois ou plus)"),
            ("detld", "Demandeur d'emploi de très longue durée (24 mois ou plus)"),
            ("rsa", "Bénéficiaire du RSA"),
            ("ass", "Bénéficiaire de l'allocation de solidarité spécifique (ASS)"),
            ("aah", "Bénéficiaire de l'allocation aux adultes handicapés (AAH)"),
            ("ata", "Bénéficiaire de l'allocation temporaire d'attente (ATA)"),
            ("rqth", "Travailleur handicapé (RQTH)"),
            ("jeune_sans_qualification", "Jeune de moins de 26 ans sans qualification ou sorti du système scolaire depuis 6 mois"),
            ("senior_50", "Senior de 50 ans ou plus"),
            ("parcours_iae", "Personne en parcours d'insertion par l'activité économique (IAE)"),
            ("pass_iae", "Titulaire d'un PASS IAE en cours de validité"),
            ("residant_qpv", "Résident d'un quartier prioritaire de la politique de la ville (QPV)"),
            ("refugie", "Réfugié ou bénéficiaire de la protection internationale"),
            ("sortant_ase", "Jeune sortant de l'aide sociale à l'enfance (ASE)"),
            ("main_justice", "Personne placée sous main de justice"),
            ("epide_e2c", "Jeune accompagné par un EPIDE ou une école de la deuxième chance (E2C)"),
            ("avis_prescripteur", "Validation sur avis motivé d'un prescripteur"));
}
