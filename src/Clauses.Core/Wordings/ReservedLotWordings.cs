using Clauses.Core.Clauses;

namespace Clauses.Core.Wordings;

/// <summary>
/// Reserved lots (L2113-12, L2113-13, L2113-13-1, L2113-15/16), wording for the RC and, in substance, the contract
/// notice: R2113-7 requires the reservation to be stated in the notice or, failing one, in the consultation documents.
/// <para>A joint reservation L2113-12 + L2113-13 (allowed by L2113-14) is not shipped: an organisation needing it
/// publishes its own wording. The supporting documents listed are examples ("notamment"): the exact documents that
/// prove each status are left to the buyer.</para>
/// </summary>
internal static class ReservedLotWordings
{
    private const string L2113_12 = """
        # Lot réservé aux entreprises adaptées et aux établissements et services d'aide par le travail

        En application de l'article L. 2113-12 du code de la commande publique, le lot n° {{lot_numero}}
        « {{lot_intitule}} » du marché n° {{marche_reference}} « {{marche_objet}} » est réservé aux entreprises adaptées
        mentionnées à l'article L. 5213-13 du code du travail, aux établissements et services d'aide par le travail
        mentionnés à l'article L. 344-2 du code de l'action sociale et des familles, ainsi qu'à des structures
        équivalentes, lorsqu'ils emploient une proportion minimale de travailleurs handicapés qui, en raison de la
        nature ou de la gravité de leurs déficiences, ne peuvent exercer une activité professionnelle dans des
        conditions normales.

        Conformément à l'article R. 2113-7 du même code, cette proportion minimale est fixée à 50 %. La présente
        réservation est mentionnée dans l'avis d'appel à la concurrence ou, à défaut, dans les documents de la
        consultation.

        # Justification de la qualité du candidat

        Le candidat, et en cas de groupement chacun de ses membres, justifie à l'appui de sa candidature qu'il relève de
        l'une des catégories mentionnées ci-dessus et qu'il emploie la proportion minimale de travailleurs handicapés
        requise, notamment par :
        - tout document établissant sa qualité d'entreprise adaptée, d'établissement ou service d'aide par le travail
        ou de structure équivalente ;
        - une déclaration sur l'honneur indiquant la proportion de travailleurs handicapés qu'il emploie.

        Les candidatures qui ne satisfont pas à ces conditions sont écartées.
        """;

    private const string L2113_13 = """
        # Lot réservé aux structures d'insertion par l'activité économique

        En application de l'article L. 2113-13 du code de la commande publique, le lot n° {{lot_numero}}
        « {{lot_intitule}} » du marché n° {{marche_reference}} « {{marche_objet}} » est réservé aux structures
        d'insertion par l'activité économique mentionnées à l'article L. 5132-4 du code du travail, notamment les
        entreprises d'insertion, les entreprises de travail temporaire d'insertion, les associations intermédiaires et
        les ateliers et chantiers d'insertion, ainsi qu'à des structures équivalentes, lorsqu'elles emploient une
        proportion minimale de travailleurs défavorisés.

        Conformément à l'article R. 2113-7 du même code, cette proportion minimale est fixée à 50 %. La présente
        réservation est mentionnée dans l'avis d'appel à la concurrence ou, à défaut, dans les documents de la
        consultation.

        # Justification de la qualité du candidat

        Le candidat, et en cas de groupement chacun de ses membres, justifie à l'appui de sa candidature qu'il relève de
        l'une des catégories mentionnées ci-dessus et qu'il emploie la proportion minimale de travailleurs défavorisés
        requise, notamment par :
        - la convention en cours de validité qu'il a conclue avec l'État au titre de l'insertion par l'activité
        économique ou, pour une structure équivalente, tout document de même portée ;
        - une déclaration sur l'honneur indiquant la proportion de travailleurs défavorisés qu'il emploie.

        Les candidatures qui ne satisfont pas à ces conditions sont écartées.
        """;

    // L2113-13-1 was created by ordonnance n° 2022-1336 du 19 octobre 2022; the 50 % share comes from R2113-7 as
    // amended by décret n° 2022-1683. The document proving the prison activity is left generic on purpose.
    private const string L2113_13_1 = """
        # Lot réservé aux opérateurs économiques employant des personnes détenues

        En application de l'article L. 2113-13-1 du code de la commande publique, le lot n° {{lot_numero}}
        « {{lot_intitule}} » du marché n° {{marche_reference}} « {{marche_objet}} » est réservé aux opérateurs
        économiques qui exécutent les prestations au moyen d'activités de production réalisées en détention et qui
        emploient une proportion minimale de personnes détenues.

        Conformément à l'article R. 2113-7 du même code, cette proportion minimale est fixée à 50 %. La présente
        réservation est mentionnée dans l'avis d'appel à la concurrence ou, à défaut, dans les documents de la
        consultation.

        Conformément à l'article L. 2113-14 du même code, cette réservation n'est pas cumulable avec les réservations
        prévues aux articles L. 2113-12 et L. 2113-13 : le lot ne peut être attribué qu'à un opérateur remplissant les
        conditions de l'article L. 2113-13-1.

        # Justification de la qualité du candidat

        Le candidat, et en cas de groupement chacun de ses membres, justifie à l'appui de sa candidature qu'il exerce
        une activité de production en détention permettant l'exécution des prestations et qu'il emploie la proportion
        minimale de personnes détenues requise, notamment par :
        - tout document établissant l'exercice de cette activité au sein d'un établissement pénitentiaire ;
        - une déclaration sur l'honneur indiquant la proportion de personnes détenues employées pour l'exécution des
        prestations.

        Les candidatures qui ne satisfont pas à ces conditions sont écartées.
        """;

    // L2113-16: contract term of at most three years. The "no same contract in the previous three years" condition
    // of directive 2014/24 art. 77 is not stated here: its exact place in the code is still to be verified.
    private const string L2113_15 = """
        # Lot réservé aux entreprises de l'économie sociale et solidaire

        Le lot n° {{lot_numero}} « {{lot_intitule}} » du marché n° {{marche_reference}} « {{marche_objet}} » porte
        exclusivement sur des services sociaux et autres services spécifiques figurant dans la liste de l'avis annexé
        au code de la commande publique.

        En application des articles L. 2113-15 et L. 2113-16 du code de la commande publique, ce lot est réservé aux
        entreprises de l'économie sociale et solidaire au sens de l'article 1er de la loi n° 2014-856 du 31 juillet
        2014 relative à l'économie sociale et solidaire, ainsi qu'à des structures équivalentes, lorsqu'elles ont pour
        objectif d'assumer une mission de service public liée à la prestation des services concernés, dans les
        conditions prévues par ces articles.

        Conformément à l'article L. 2113-16 du même code, la durée du marché, reconductions comprises, ne peut excéder
        trois ans.

        # Justification de la qualité du candidat

        Le candidat, et en cas de groupement chacun de ses membres, justifie à l'appui de sa candidature, notamment par
        ses statuts et tout document utile, qu'il relève de l'économie sociale et solidaire ou d'une structure
        équivalente, et présente la mission de service public liée aux services concernés qu'il a pour objectif
        d'assumer.

        Les candidatures qui ne satisfont pas à ces conditions sont écartées.
        """;

    public static IReadOnlyList<Wording> All { get; } =
    [
        new("lot_reserve_l2113_12", Instrument.ReserveL2113_12, 1,
            "Lot réservé aux entreprises adaptées et aux ESAT",
            "Articles L. 2113-12 et R. 2113-7 du code de la commande publique", L2113_12),
        new("lot_reserve_l2113_13", Instrument.ReserveL2113_13, 1,
            "Lot réservé aux structures d'insertion par l'activité économique (SIAE)",
            "Articles L. 2113-13 et R. 2113-7 du code de la commande publique ; article L. 5132-4 du code du travail", L2113_13),
        new("lot_reserve_l2113_13_1", Instrument.ReserveL2113_13_1, 1,
            "Lot réservé aux opérateurs employant des personnes détenues",
            "Articles L. 2113-13-1, L. 2113-14 et R. 2113-7 du code de la commande publique", L2113_13_1),
        new("lot_reserve_l2113_15", Instrument.ReserveL2113_15, 1,
            "Lot de services sociaux réservé aux entreprises de l'économie sociale et solidaire",
            "Articles L. 2113-15 et L. 2113-16 du code de la commande publique ; article 1er de la loi n° 2014-856 du 31 juillet 2014",
            L2113_15),
    ];
}
