using Clauses.Core.Clauses;

namespace Clauses.Core.Wordings;

/// <summary>
/// The execution clause (heures d'insertion), CCAP wording. Version 2 adds the Loi Climat art. 35 mention and a
/// detailed monitoring article (supporting documents, final report, personal data); version 1 stays readable for the
/// documents drafted with it.
/// <para>The CCAP article number is given by the buyer's document, hence titles without a number. The CCAG article on
/// the insertion clause differs from one 2021 CCAG to another (16.1 in the CCAG-TIC), hence the generic reference.</para>
/// </summary>
internal static class ExecutionWordings
{
    public const string Code = "execution_heures";

    private const string Title = "Clause sociale d'insertion (condition d'exécution)";

    private const string LegalBasis =
        "Article L. 2112-2 du code de la commande publique ; CCAG 2021, stipulations relatives à la clause d'insertion sociale";

    // Shared opening and closing parts are repeated in each version on purpose: a published version never changes,
    // even if a later version rewords a shared paragraph.
    private const string V1 = """
        # Clause sociale d'insertion – lot n° {{lot_numero}} « {{lot_intitule}} »

        # Objet de la clause

        Conformément à l'article L. 2112-2 du code de la commande publique, l'acheteur, {{acheteur}}, assortit l'exécution
        du marché n° {{marche_reference}} « {{marche_objet}} » d'une condition d'exécution à caractère social, qui vise à
        favoriser l'accès ou le retour à l'emploi de personnes rencontrant des difficultés sociales ou professionnelles
        particulières.

        Le titulaire du lot n° {{lot_numero}} « {{lot_intitule}} » s'engage à réaliser, à l'occasion de l'exécution de ce
        lot, une action d'insertion professionnelle consistant à réserver une partie des heures de travail nécessaires à
        son exécution à des personnes relevant des publics éligibles définis ci-après. Cette action d'insertion n'est pas
        un critère de sélection des offres ; elle constitue une obligation contractuelle du titulaire, dont le coût est
        réputé inclus dans les prix du marché.

        Le présent article précise le périmètre de l'action d'insertion, le facilitateur, les publics éligibles et le
        volume horaire d'insertion à la charge du titulaire. Il complète les stipulations du cahier des clauses
        administratives générales (CCAG) applicable relatives à la clause d'insertion sociale.

        # Volume d'heures d'insertion

        {{#mode}}
        L'engagement d'insertion du titulaire est exprimé sous la forme d'{{mode}}.
        {{/mode}}

        {{^mode_pourcentage}}
        Le titulaire s'engage à réaliser au minimum {{heures}} de travail d'insertion au titre de l'exécution du lot.
        {{#taux}}
        Ce volume correspond à {{taux}} du nombre d'heures de main-d'œuvre estimé pour l'exécution du
        lot{{#montant_ht}}, dont le montant prévisionnel est de {{montant_ht}}{{/montant_ht}}.
        {{/taux}}
        {{/mode_pourcentage}}
        {{#mode_pourcentage}}
        Le titulaire s'engage à réserver à l'insertion {{taux}} des heures de travail effectivement réalisées pour
        l'exécution du lot. Le volume d'heures d'insertion dû est arrêté à l'achèvement des prestations, en appliquant ce
        pourcentage au nombre total d'heures travaillées déclaré par le titulaire{{#heures}} ; il est estimé, à titre
        indicatif, à {{heures}}{{/heures}}.
        {{/mode_pourcentage}}

        # Publics éligibles

        Sont éligibles à la présente clause : {{publics}}.

        L'éligibilité de chaque personne est vérifiée et validée par le facilitateur avant sa prise de poste sur le
        marché. Seules les heures effectuées par des personnes dont l'éligibilité a été validée sont prises en compte.

        # Modalités de mise en œuvre

        {{#modalites}}
        Le titulaire choisit librement la ou les modalités de mise en œuvre de son engagement, seules ou combinées,
        parmi les suivantes : {{modalites}}.
        {{/modalites}}
        {{^modalites}}
        Le titulaire choisit librement la ou les modalités de mise en œuvre de son engagement, seules ou combinées,
        notamment l'embauche directe, la mise à disposition de salariés par une structure d'insertion par l'activité
        économique, une entreprise de travail temporaire ou un groupement d'employeurs pour l'insertion et la
        qualification, la sous-traitance ou la cotraitance avec une structure d'insertion par l'activité économique, une
        entreprise adaptée ou un établissement et service d'aide par le travail, ou la formation qualifiante.
        {{/modalites}}

        Le titulaire informe le facilitateur des modalités retenues avant le démarrage des prestations. Le recours à la
        sous-traitance ou à la cotraitance reste soumis aux règles du code de la commande publique qui leur sont
        applicables.

        # Facilitateur

        {{#facilitateur}}
        Le facilitateur chargé de l'accompagnement de la présente clause est : {{facilitateur}}.
        {{/facilitateur}}
        {{^facilitateur}}
        Le facilitateur chargé de l'accompagnement de la présente clause est désigné par l'acheteur ; ses coordonnées
        sont communiquées au titulaire au plus tard à la notification du marché.
        {{/facilitateur}}

        Le facilitateur informe le titulaire sur les modalités de mise en œuvre de la clause, l'aide à identifier les
        postes et à présenter des candidats, valide l'éligibilité des personnes avant leur prise de poste et assure le
        suivi de l'exécution de la clause ainsi que des parcours des personnes concernées. Le titulaire prend contact
        avec le facilitateur dès la notification du marché et, en tout état de cause, avant le démarrage des prestations.

        # Suivi de l'exécution

        Le titulaire transmet au facilitateur, {{#frequence}}{{frequence}}{{/frequence}}{{^frequence}}selon la périodicité
        convenue avec lui{{/frequence}}, un état des heures d'insertion réalisées, accompagné des justificatifs permettant
        d'en vérifier la réalité. Il facilite le contrôle de l'exécution de la clause par le facilitateur et par
        l'acheteur.

        {{#penalite_heure}}
        # Pénalités

        Lorsque le nombre d'heures d'insertion validées par le facilitateur est inférieur au volume dû, le titulaire
        encourt, après avoir été invité à présenter ses observations, une pénalité de {{penalite_heure}} par heure
        d'insertion non réalisée. Le nombre d'heures non réalisées est égal à la différence entre le volume dû et le
        nombre d'heures validées. Cette pénalité n'est pas appliquée lorsque le titulaire établit que le défaut
        d'exécution ne lui est pas imputable.
        {{#plafond_penalite}}
        Le montant total des pénalités dues au titre de la présente clause est plafonné à {{plafond_penalite}}.
        {{/plafond_penalite}}
        {{/penalite_heure}}

        {{#preset_mention}}
        # Dispositions particulières

        {{preset_mention}}
        {{/preset_mention}}
        """;

    // The Loi Climat paragraph: art. 35 of loi n° 2021-1104 makes a social or employment execution condition mandatory
    // above the EU thresholds, from a date set by decree and at the latest 22 August 2026 (legal-rules.md §1.6, R12).
    // The exceptions of the new article are still to be verified, so the text states the obligation only.
    private const string V2 = """
        # Clause sociale d'insertion – lot n° {{lot_numero}} « {{lot_intitule}} »

        # Objet de la clause

        Conformément à l'article L. 2112-2 du code de la commande publique, l'acheteur, {{acheteur}}, assortit l'exécution
        du marché n° {{marche_reference}} « {{marche_objet}} » d'une condition d'exécution à caractère social, qui vise à
        favoriser l'accès ou le retour à l'emploi de personnes rencontrant des difficultés sociales ou professionnelles
        particulières.

        La présente clause concourt également au respect de l'obligation, issue de l'article 35 de la loi n° 2021-1104
        du 22 août 2021 portant lutte contre le dérèglement climatique et renforcement de la résilience face à ses
        effets, de prendre en compte des considérations relatives au domaine social ou à l'emploi dans les conditions
        d'exécution des marchés dont la valeur estimée est égale ou supérieure aux seuils de procédure formalisée.

        Le titulaire du lot n° {{lot_numero}} « {{lot_intitule}} » s'engage à réaliser, à l'occasion de l'exécution de ce
        lot, une action d'insertion professionnelle consistant à réserver une partie des heures de travail nécessaires à
        son exécution à des personnes relevant des publics éligibles définis ci-après. Cette action d'insertion n'est pas
        un critère de sélection des offres ; elle constitue une obligation contractuelle du titulaire, dont le coût est
        réputé inclus dans les prix du marché.

        Le présent article précise le périmètre de l'action d'insertion, le facilitateur, les publics éligibles et le
        volume horaire d'insertion à la charge du titulaire. Il complète les stipulations du cahier des clauses
        administratives générales (CCAG) applicable relatives à la clause d'insertion sociale.

        # Volume d'heures d'insertion

        {{#mode}}
        L'engagement d'insertion du titulaire est exprimé sous la forme d'{{mode}}.
        {{/mode}}

        {{^mode_pourcentage}}
        Le titulaire s'engage à réaliser au minimum {{heures}} de travail d'insertion au titre de l'exécution du lot.
        {{#taux}}
        Ce volume correspond à {{taux}} du nombre d'heures de main-d'œuvre estimé pour l'exécution du
        lot{{#montant_ht}}, dont le montant prévisionnel est de {{montant_ht}}{{/montant_ht}}.
        {{/taux}}
        {{/mode_pourcentage}}
        {{#mode_pourcentage}}
        Le titulaire s'engage à réserver à l'insertion {{taux}} des heures de travail effectivement réalisées pour
        l'exécution du lot. Le volume d'heures d'insertion dû est arrêté à l'achèvement des prestations, en appliquant ce
        pourcentage au nombre total d'heures travaillées déclaré par le titulaire{{#heures}} ; il est estimé, à titre
        indicatif, à {{heures}}{{/heures}}.
        {{/mode_pourcentage}}

        Les heures réalisées au-delà de ce volume sont retracées dans le bilan de l'action d'insertion ; elles n'ouvrent
        droit à aucun supplément de prix.

        # Publics éligibles

        Sont éligibles à la présente clause : {{publics}}.

        L'éligibilité de chaque personne est vérifiée et validée par le facilitateur avant sa prise de poste sur le
        marché. Seules les heures effectuées par des personnes dont l'éligibilité a été validée, et à compter de la date
        de cette validation, sont prises en compte.

        # Modalités de mise en œuvre

        {{#modalites}}
        Le titulaire choisit librement la ou les modalités de mise en œuvre de son engagement, seules ou combinées,
        parmi les suivantes : {{modalites}}.
        {{/modalites}}
        {{^modalites}}
        Le titulaire choisit librement la ou les modalités de mise en œuvre de son engagement, seules ou combinées,
        notamment l'embauche directe, la mise à disposition de salariés par une structure d'insertion par l'activité
        économique, une entreprise de travail temporaire ou un groupement d'employeurs pour l'insertion et la
        qualification, la sous-traitance ou la cotraitance avec une structure d'insertion par l'activité économique, une
        entreprise adaptée ou un établissement et service d'aide par le travail, ou la formation qualifiante.
        {{/modalites}}

        Le titulaire informe le facilitateur des modalités retenues avant le démarrage des prestations. Le recours à la
        sous-traitance ou à la cotraitance reste soumis aux règles du code de la commande publique qui leur sont
        applicables.

        # Facilitateur

        {{#facilitateur}}
        Le facilitateur chargé de l'accompagnement de la présente clause est : {{facilitateur}}.
        {{/facilitateur}}
        {{^facilitateur}}
        Le facilitateur chargé de l'accompagnement de la présente clause est désigné par l'acheteur ; ses coordonnées
        sont communiquées au titulaire au plus tard à la notification du marché.
        {{/facilitateur}}

        Le facilitateur informe le titulaire sur les modalités de mise en œuvre de la clause, l'aide à identifier les
        postes et à présenter des candidats, valide l'éligibilité des personnes avant leur prise de poste et assure le
        suivi de l'exécution de la clause ainsi que des parcours des personnes concernées. Le titulaire prend contact
        avec le facilitateur dès la notification du marché et, en tout état de cause, avant le démarrage des prestations.

        # Suivi de l'exécution et bilan

        Le titulaire transmet au facilitateur, {{#frequence}}{{frequence}}{{/frequence}}{{^frequence}}selon la périodicité
        convenue avec lui{{/frequence}}, un état des heures d'insertion réalisées sur le lot, établi par personne et par
        modalité de mise en œuvre. Cet état est accompagné des justificatifs permettant d'en vérifier la réalité,
        notamment :
        - les contrats de travail ou de mission des personnes concernées ;
        - les relevés d'heures ou bulletins de paie correspondant aux périodes déclarées ;
        - les attestations des structures ayant mis du personnel à disposition ;
        - les contrats et factures de sous-traitance ou de cotraitance conclus avec des structures d'insertion par
        l'activité économique, des entreprises adaptées ou des établissements et services d'aide par le travail ;
        - les attestations de présence aux actions de formation.

        Chaque état est validé par le facilitateur, qui peut demander tout complément. Un état validé n'est plus modifié :
        une correction fait l'objet d'un nouvel état.

        À l'achèvement des prestations, le titulaire remet au facilitateur un bilan de l'action d'insertion indiquant le
        nombre d'heures réalisées, le nombre de personnes concernées, les modalités mises en œuvre et la situation des
        personnes à l'issue de leur contrat.
        {{#mode_pourcentage}}
        Ce bilan indique également le nombre total d'heures travaillées pour l'exécution du lot, à partir duquel le
        volume d'heures d'insertion dû est arrêté.
        {{/mode_pourcentage}}

        Les données personnelles des personnes concernées sont traitées dans le respect du règlement (UE) 2016/679 du
        27 avril 2016 (règlement général sur la protection des données) ; elles ne sont communiquées à l'acheteur que
        dans la mesure nécessaire au suivi de la clause.

        {{#penalite_heure}}
        # Pénalités

        Lorsque le nombre d'heures d'insertion validées par le facilitateur est inférieur au volume dû, le titulaire
        encourt, après avoir été invité à présenter ses observations, une pénalité de {{penalite_heure}} par heure
        d'insertion non réalisée. Le nombre d'heures non réalisées est égal à la différence entre le volume dû et le
        nombre d'heures validées. Cette pénalité n'est pas appliquée lorsque le titulaire établit que le défaut
        d'exécution ne lui est pas imputable.
        {{#plafond_penalite}}
        Le montant total des pénalités dues au titre de la présente clause est plafonné à {{plafond_penalite}}.
        {{/plafond_penalite}}
        {{/penalite_heure}}

        {{#preset_mention}}
        # Dispositions particulières

        {{preset_mention}}
        {{/preset_mention}}
        """;

    public static IReadOnlyList<Wording> All { get; } =
    [
        new(Code, Instrument.ClauseExecution, 1, Title, LegalBasis, V1),
        new(Code, Instrument.ClauseExecution, 2, Title,
            LegalBasis + " ; article 35 de la loi n° 2021-1104 du 22 août 2021 (loi Climat et résilience)", V2),
    ];
}
