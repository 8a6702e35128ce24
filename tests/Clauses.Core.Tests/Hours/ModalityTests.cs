using Clauses.Core.Hours;
using Clauses.Core.Tests.Common;

namespace Clauses.Core.Tests.Hours;

public class ModalityTests
{
    [Fact]
    public void Modalities_are_the_database_codes_with_french_labels() =>
        VocabularyAssert.HasExactly(Modality.Terms,
            ("embauche_directe", "Embauche directe (CDI, CDD, alternance, contrat aidé)"),
            ("interim_etti", "Intérim d'insertion (ETTI)"),
            ("interim_ett", "Intérim classique (ETT)"),
            ("mise_a_disposition_ai", "Mise à disposition par une association intermédiaire (AI)"),
            ("geiq", "Mise à disposition par un GEIQ"),
            ("entreprise_adaptee", "Mise à disposition par une entreprise adaptée (EA)"),
            ("sous_traitance_siae", "Sous-traitance à une SIAE (ou EA, ESAT)"),
            ("cotraitance_siae", "Cotraitance avec une SIAE (ou EA, ESAT)"),
            ("formation", "Formation qualifiante"));
}
