// Canned API answers shared by the Word-pane tests.
import type { LabourShare, Lot, Reference } from "../src/word/word-api.js";

export const REFERENCE: Reference = {
  instruments: [
    { code: "clause_execution", label: "Clause d'exécution (heures d'insertion)", legalBasis: "L2112-2", explanation: "L'entreprise réserve des heures de travail à des personnes éloignées de l'emploi." },
    { code: "critere_attribution", label: "Critère d'attribution relatif à l'insertion", legalBasis: "L2152-7", explanation: "Les offres sont notées sur leur démarche d'insertion." },
    { code: "reserve_l2113_13", label: "Marché réservé aux SIAE", legalBasis: "L2113-13", explanation: "Seules les structures d'insertion peuvent répondre." },
    { code: "reserve_l2113_13_1", label: "Marché réservé au travail pénitentiaire", legalBasis: "L2113-13-1", explanation: "Réservé aux opérateurs du travail pénitentiaire." },
  ],
  relevanceReasons: [
    { code: "prestation_intellectuelle", label: "Prestation intellectuelle très qualifiée" },
    { code: "autre", label: "Autre" },
  ],
  loiClimatExceptions: [{ code: "urgence", label: "Urgence impérieuse" }],
  modalities: [
    { code: "embauche_directe", label: "Embauche directe" },
    { code: "interim_etti", label: "Intérim d'insertion (ETTI)" },
    { code: "interim_ett", label: "Intérim classique (ETT)" },
    { code: "mise_a_disposition_ai", label: "Mise à disposition (AI)" },
    { code: "sous_traitance_siae", label: "Sous-traitance à une SIAE" },
    { code: "formation", label: "Formation qualifiante" },
  ],
  criteria: [
    { code: "deld", label: "Demandeur d'emploi de longue durée" },
    { code: "rsa", label: "Bénéficiaire du RSA" },
  ],
  presets: [{ code: "anru_npnru", label: "ANRU NPNRU", minRate: 0.05, explanation: "5 % des heures travaillées pour des habitants des QPV." }],
  sizingModes: [
    { code: "heures_fixes", label: "Nombre d'heures fixe" },
    { code: "pourcentage_heures", label: "% des heures travaillées" },
  ],
  roundingModes: [{ code: "demi_superieur", label: "À l'heure la plus proche" }],
  reportingFrequencies: [{ code: "mensuelle", label: "Mensuelle" }],
};

export const SHARES: LabourShare[] = [
  { trade: "maconnerie", label: "Maçonnerie", share: 0.5, source: "table_sourcee", reference: "Guide clauses sociales, fiche 12" },
  { trade: "couverture", label: "Couverture – étanchéité", share: 0.45, source: "table_a_valider", reference: null },
];

export const LOT: Lot = { id: "lot-1", number: 1, title: "Maçonnerie", trade: "couverture", cpvCode: null, amountHt: 250000, relevanceOutcome: "pertinent", version: 2 };
