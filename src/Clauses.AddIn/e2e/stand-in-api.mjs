// A tiny stand-in for Clauses.Api, for running the E2E before (or without) the real server:
// serves the built task panes under /addin/ and answers the API contract with canned data.
//   node e2e/stand-in-api.mjs [port]      (default 5180)
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildXlsx } from "./xlsx.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const webRoot = resolve(here, "..", "..", "Clauses.Api", "wwwroot");
const ORG = "0b7c5d2e-0000-4000-8000-000000000001";
const ORG_COMMUNE = "0b7c5d2e-0000-4000-8000-000000000002";
const ORG_BAILLEUR = "0b7c5d2e-0000-4000-8000-000000000003";
const CONTRACT = "c0000000-0000-4000-8000-000000000001";
const LOTS = [
  { id: "10000000-0000-4000-8000-000000000001", number: 1, title: "Gros œuvre – maçonnerie", trade: "maconnerie", cpvCode: "45262500-6", amountHt: 1200000, relevanceOutcome: "pertinent", version: 1 },
  { id: "10000000-0000-4000-8000-000000000002", number: 2, title: "Peinture intérieure", trade: "peinture_interieure", cpvCode: "45442100-8", amountHt: 180000, relevanceOutcome: null, version: 1 },
];
const t = (code, label) => ({ code, label });
const REFERENCE = {
  instruments: [
    { code: "clause_execution", label: "Clause d'exécution (heures d'insertion)", legalBasis: "L2112-2", explanation: "Le titulaire réserve un volume d'heures de travail à des personnes éloignées de l'emploi." },
    { code: "critere_attribution", label: "Critère d'attribution relatif à l'insertion", legalBasis: "L2152-7 / R2152-7", explanation: "Les offres sont notées sur la qualité de leur démarche d'insertion." },
    { code: "reserve_l2113_13", label: "Marché réservé aux structures d'insertion (SIAE)", legalBasis: "L2113-13 / R2113-7", explanation: "Seules les SIAE et structures équivalentes peuvent répondre." },
    { code: "clause_alternative", label: "Clause alternative (immersion, découverte des métiers, formation)", legalBasis: "pratique (fiche 31)", explanation: "Quand l'embauche est impossible : stages, visites, formation." },
  ],
  relevanceReasons: [t("prestation_intellectuelle", "Prestation intellectuelle très qualifiée"), t("duree_trop_courte", "Durée d'exécution trop courte"), t("autre", "Autre")],
  loiClimatExceptions: [t("urgence", "Urgence impérieuse"), t("absence_offre", "Risque d'absence d'offre")],
  modalities: [
    t("embauche_directe", "Embauche directe (CDI, CDD, alternance, contrat aidé)"), t("interim_etti", "Intérim d'insertion (ETTI)"), t("interim_ett", "Intérim classique (ETT)"),
    t("mise_a_disposition_ai", "Mise à disposition par une association intermédiaire (AI)"), t("sous_traitance_siae", "Sous-traitance à une SIAE (ou EA, ESAT)"), t("formation", "Formation qualifiante"),
  ],
  criteria: [t("deld", "Demandeur d'emploi de longue durée (12 mois ou plus)"), t("rsa", "Bénéficiaire du RSA"), t("rqth", "Travailleur handicapé (RQTH)"), t("residant_qpv", "Résident d'un QPV")],
  presets: [
    { code: "anru_npnru", label: "ANRU NPNRU (travaux)", minRate: 0.05, explanation: "Au moins 5 % des heures travaillées pour des habitants des QPV." },
    { code: "anru_gup", label: "ANRU GUP", minRate: 0.1, explanation: "Au moins 10 % des heures travaillées." },
    { code: "outre_mer", label: "Outre-mer (L2691-1)", minRate: 0.3, explanation: "Au moins 30 % des heures par des jeunes de moins de 25 ans." },
  ],
  sizingModes: [t("heures_fixes", "Nombre d'heures fixe"), t("pourcentage_heures", "% des heures travaillées")],
  roundingModes: [t("demi_superieur", "À l'heure la plus proche (demi supérieur)"), t("superieur", "À l'heure supérieure")],
  reportingFrequencies: [t("mensuelle", "Mensuelle"), t("trimestrielle", "Trimestrielle")],
};
const SHARES = [
  { trade: "maconnerie", label: "Maçonnerie", share: 0.5, source: "table_sourcee", reference: "Guide des clauses sociales (seed 004), fiche 12" },
  { trade: "peinture_interieure", label: "Peinture intérieure", share: 0.7, source: "table_sourcee", reference: "Guide des clauses sociales (seed 004), fiche 12" },
  { trade: "couverture", label: "Couverture – étanchéité", share: 0.45, source: "table_a_valider", reference: null },
];
const clauses = new Map();
const relevance = new Map();

function contract() {
  const analysed = LOTS.filter((l) => l.relevanceOutcome).length;
  return { id: CONTRACT, organisationId: ORG, reference: "2025-TRV-014", title: "Réhabilitation du groupe scolaire Jean Macé", kind: "marche", category: "travaux", status: "en_preparation", amountHt: 1380000, lotCount: LOTS.length, analysedLotCount: analysed, analysed: analysed === LOTS.length, version: 1 };
}

function size(b) {
  const errors = {};
  for (const [k, m] of [["amountHt", "Le montant HT est obligatoire."], ["labourShare", "La part de main-d'œuvre est obligatoire."], ["insertionRate", "Le taux d'insertion est obligatoire."], ["hourlyCost", "Le coût horaire est obligatoire."]]) {
    if (typeof b[k] !== "number") errors[k] = [m];
  }
  const warnings = [];
  if (typeof b.insertionRate === "number" && (b.insertionRate < 0.05 || b.insertionRate > 0.2)) warnings.push({ code: "taux_hors_plage", message: "Le taux d'insertion est habituellement compris entre 5 % et 20 %." });
  if ((b.allowedModalities ?? []).length < 2) warnings.push({ code: "modalite_unique", message: "Autorisez plusieurs modalités de réalisation." });
  if (b.labourShareSource === "table_a_valider") warnings.push({ code: "part_a_valider", message: "La part de main-d'œuvre est une valeur par défaut à valider." });
  if (Object.keys(errors).length > 0) return { exactHours: null, targetHours: null, formula: null, warnings, errors };
  const exact = (b.amountHt * b.labourShare * b.insertionRate) / b.hourlyCost;
  const target = Math.floor(exact + 0.5);
  const fr = (n) => n.toLocaleString("fr-FR");
  return { exactHours: Math.round(exact * 100) / 100, targetHours: target, formula: `${fr(b.amountHt)} € × ${fr(b.labourShare * 100)} % × ${fr(b.insertionRate * 100)} % ÷ ${fr(b.hourlyCost)} €/h = ${fr(target)} h`, warnings, errors: {} };
}

function render(clause) {
  const lot = LOTS.find((l) => l.id === clause.lotId);
  const tag = `clauses:${clause.id}:${clause.version}`;
  const title = `Clause sociale – lot ${lot.number}`;
  const text = `Le titulaire réserve ${clause.targetHours} heures de travail à des personnes éloignées de l'emploi.`;
  const para = `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
  const pkg = (body) => `<pkg:package xmlns:pkg="http://schemas.microsoft.com/office/2006/xmlPackage"><pkg:part pkg:name="/_rels/.rels" pkg:contentType="application/vnd.openxmlformats-package.relationships+xml"><pkg:xmlData><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships></pkg:xmlData></pkg:part><pkg:part pkg:name="/word/document.xml" pkg:contentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"><pkg:xmlData><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document></pkg:xmlData></pkg:part></pkg:package>`;
  return { clauseId: clause.id, tag, title, version: clause.version, text, ooxml: pkg(`<w:sdt><w:sdtPr><w:alias w:val="${title}"/><w:tag w:val="${tag}"/><w:richText/></w:sdtPr><w:sdtContent>${para}</w:sdtContent></w:sdt>`), contentOoxml: pkg(para) };
}


// ---- Users, several organisations, and a contract with monthly hours (Excel pane, import page) ----

const membership = (organisationId, organisationName, roles) => ({ organisationId, organisationName, organisationKind: "acheteur_public", roles });
const USERS = {
  "marie.dupont@metropole-demo.fr": { email: "marie.dupont@metropole-demo.fr", displayName: "Marie Dupont", roles: "acheteur", memberships: [membership(ORG, "Métropole de démonstration", ["acheteur"])] },
  "sophie.bernard@plie-demo.fr": {
    email: "sophie.bernard@plie-demo.fr",
    displayName: "Sophie Bernard",
    roles: "facilitateur",
    memberships: [membership(ORG, "Métropole de démonstration", ["facilitateur"]), membership(ORG_COMMUNE, "Ville de démonstration", ["facilitateur"]), membership(ORG_BAILLEUR, "Bailleur de démonstration", ["facilitateur"])],
  },
};

const HOURS_CONTRACT = { id: "c0000000-0000-4000-8000-000000000002", organisationId: ORG, reference: "2024-TRV-007", title: "Construction du pôle d'échanges multimodal", kind: "marche", category: "travaux", status: "en_execution", amountHt: 8400000, lotCount: 2, analysedLotCount: 2, analysed: true, version: 3 };
const HOURS_LOTS = [
  { id: "20000000-0000-4000-8000-000000000001", number: 1, title: "Gros œuvre", trade: "maconnerie", cpvCode: null, amountHt: 5200000, relevanceOutcome: "pertinent", version: 1 },
  { id: "20000000-0000-4000-8000-000000000002", number: 2, title: "Second œuvre", trade: "peinture_interieure", cpvCode: null, amountHt: 3200000, relevanceOutcome: "pertinent", version: 1 },
];
const COMMUNE_CONTRACT = { id: "c0000000-0000-4000-8000-000000000003", organisationId: ORG_COMMUNE, reference: "2025-SRV-002", title: "Entretien des espaces verts", kind: "marche", category: "services", status: "en_preparation", amountHt: 420000, lotCount: 0, analysedLotCount: 0, analysed: false, version: 1 };
const allContracts = () => [contract(), HOURS_CONTRACT, COMMUNE_CONTRACT];

const NAMES = ["DUPONT Marie", "MARTIN Karim", "BERNARD Léa", "PETIT Youssef", "ROBERT Awa", "RICHARD Tom", "DURAND Inès", "MOREAU Hugo", "SIMON Chloé", "LAURENT Samir", "LEFEBVRE Jade", "MICHEL Noah"];
const PARTICIPANTS = NAMES.map((name, i) => ({ id: `p${i + 1}`, reference: `P-${String(101 + i).padStart(6, "0")}`, displayName: name, eligibleNow: true }));
const SIRETS = ["35600000000048", "44306184100047"];
const MODALITY_CODES = new Set(REFERENCE.modalities.map((m) => m.code));
const MONTHS_FR = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
const monthLabel = (period) => `${MONTHS_FR[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;
const monthsAgo = (period) => {
  const now = new Date();
  return (now.getFullYear() - Number(period.slice(0, 4))) * 12 + (now.getMonth() + 1 - Number(period.slice(5, 7)));
};

const records = new Map(); // period → Map(key → record)
const statements = new Map(); // period → statement
const recordKey = (r) => `${r.lotNumber}|${r.participantReference}|${r.modality}`;

/** Eight monthly records for each of the last 18 months; statements validated except the last two months. */
function monthOf(period) {
  if (!records.has(period)) {
    const map = new Map();
    const age = monthsAgo(period);
    if (age >= 1 && age <= 18) {
      for (let i = 0; i < 8; i++) {
        const p = PARTICIPANTS[i];
        const r = { lotNumber: 1 + (i % 2), participantId: p.id, participantReference: p.reference, participantName: p.displayName, employerSiret: SIRETS[i % 2], modality: i % 3 === 0 ? "interim_etti" : "embauche_directe", period, periodKind: "mois", hours: [151.67, 121.33, 104, 86.67][i % 4], invoicedAmountHt: null, evidenceReference: `BS-${period.slice(0, 7)}-${i + 1}` };
        map.set(recordKey(r), r);
      }
      statements.set(period, { period, version: 1, status: age > 2 ? "valide" : "brouillon", validatedAt: age > 2 ? `${period.slice(0, 8)}28T09:00:00Z` : null, validatedBy: age > 2 ? "Sophie Bernard" : null });
    }
    records.set(period, map);
  }
  return records.get(period);
}

function statementOf(period) {
  monthOf(period);
  const s = statements.get(period);
  if (!s) return null;
  const rows = [...records.get(period).values()];
  return { ...s, totalHours: rows.reduce((n, r) => n + Number(r.hours), 0), recordCount: rows.length };
}

function checkRow(row) {
  const errors = [];
  const add = (field, message) => errors.push({ field, message });
  if (!HOURS_LOTS.some((l) => l.number === row.lotNumber)) add("lotNumber", "Lot inconnu pour ce marché.");
  if (!PARTICIPANTS.some((p) => p.reference === row.participantReference)) add("participantReference", row.participantReference ? `Participant inconnu : ${row.participantReference}.` : "Le participant est obligatoire.");
  if (!/^\d{14}$/.test(row.employerSiret ?? "")) add("employerSiret", "Le SIRET de l'employeur doit compter 14 chiffres.");
  if (!MODALITY_CODES.has(row.modality)) add("modality", "Modalité inconnue.");
  if (!/^\d{4}-\d{2}-01$/.test(row.period ?? "")) add("period", "Le mois est obligatoire.");
  if (typeof row.hours !== "number") add("hours", "Le nombre d'heures est obligatoire.");
  else if (row.hours < 0) add("hours", "Le nombre d'heures ne peut pas être négatif.");
  else if (row.hours > 208) add("hours", "Plus de 208 heures dans le mois (48 h × 52 ÷ 12) : vérifiez la saisie.");
  if (errors.length === 0 && statements.get(row.period)?.status === "valide") add("period", `Le relevé de ${monthLabel(row.period)} est validé : ouvrez une correction pour modifier ses heures.`);
  return errors;
}

const jobs = new Map();

const HOURS_ROUTES = [
  ["GET", /^\/api\/participants$/, () => [200, { items: PARTICIPANTS, page: 1, pageSize: 5000, total: PARTICIPANTS.length }]],
  ["GET", /^\/api\/contracts\/([^/]+)\/hours$/, (m, body, ctx) => {
    const period = ctx.url.searchParams.get("period");
    const rows = m[1] === HOURS_CONTRACT.id ? [...monthOf(period).values()] : [];
    const s = m[1] === HOURS_CONTRACT.id ? statements.get(period) ?? null : null;
    return [200, { contractId: m[1], period, statement: s && { version: s.version, status: s.status, validatedAt: s.validatedAt, validatedBy: s.validatedBy }, rows }];
  }],
  ["POST", /^\/api\/contracts\/([^/]+)\/hours\/batch$/, (m, body) => {
    const result = { accepted: 0, replaced: 0, unchanged: 0, rejected: 0, rows: [] };
    for (const row of body.rows) {
      const errors = checkRow(row);
      let status = "rejected";
      if (errors.length === 0) {
        const month = monthOf(row.period);
        const before = month.get(recordKey(row));
        const p = PARTICIPANTS.find((x) => x.reference === row.participantReference);
        const next = { lotNumber: row.lotNumber, participantId: p.id, participantReference: p.reference, participantName: p.displayName, employerSiret: row.employerSiret, modality: row.modality, period: row.period, periodKind: "mois", hours: row.hours, invoicedAmountHt: row.invoicedAmountHt ?? null, evidenceReference: row.evidenceReference ?? null };
        const same = before && ["employerSiret", "hours", "invoicedAmountHt", "evidenceReference"].every((k) => String(before[k] ?? "") === String(next[k] ?? ""));
        status = !before ? "accepted" : same ? "unchanged" : "replaced";
        if (!body.dryRun && status !== "unchanged") {
          month.set(recordKey(next), next);
          if (!statements.has(row.period)) statements.set(row.period, { period: row.period, version: 1, status: "brouillon", validatedAt: null, validatedBy: null });
        }
      }
      result[status] += 1;
      result.rows.push({ row: row.row, status, errors });
    }
    return [200, result];
  }],
  ["GET", /^\/api\/contracts\/([^/]+)\/statements$/, () => [200, [...statements.keys()].sort().map(statementOf)]],
  ["POST", /^\/api\/contracts\/([^/]+)\/statements\/([^/]+)\/validate$/, (m) => {
    const period = decodeURIComponent(m[2]);
    const s = statements.get(period);
    if (!s) return [404, { title: "Aucun relevé pour ce mois.", status: 404 }];
    if (s.status === "valide") return [409, { title: "Le relevé est déjà validé.", status: 409 }];
    Object.assign(s, { status: "valide", validatedAt: new Date().toISOString(), validatedBy: "Sophie Bernard" });
    return [200, statementOf(period)];
  }],
  ["POST", /^\/api\/contracts\/([^/]+)\/statements\/([^/]+)\/corrections$/, (m) => {
    const period = decodeURIComponent(m[2]);
    const s = statements.get(period);
    if (!s || s.status !== "valide") return [409, { title: "Seul un relevé validé peut être corrigé.", status: 409 }];
    Object.assign(s, { version: s.version + 1, status: "brouillon", validatedAt: null, validatedBy: null });
    return [200, statementOf(period)];
  }],
  ["GET", /^\/api\/contracts\/([^/]+)\/workbook$/, (m, body, ctx) => {
    const period = ctx.url.searchParams.get("period") ?? "2025-03-01";
    const rows = m[1] === HOURS_CONTRACT.id ? [...monthOf(period).values()] : [];
    const labels = new Map(REFERENCE.modalities.map((x) => [x.code, x.label]));
    const mm = `${period.slice(5, 7)}/${period.slice(0, 4)}`;
    const xlsx = buildXlsx([
      { name: `Heures ${period.slice(5, 7)}-${period.slice(0, 4)}`, rows: [["Lot", "Participant", "SIRET employeur", "Modalité", "Période", "Heures", "Montant facturé HT (€)", "Justificatif", "Erreurs"], ...rows.map((r) => [r.lotNumber, `${r.participantName} – ${r.participantReference}`, r.employerSiret, labels.get(r.modality) ?? r.modality, mm, r.hours, r.invoicedAmountHt ?? "", r.evidenceReference ?? "", ""])] },
      { name: "Listes", rows: [["Lots", "Participants", "Modalités"], ...PARTICIPANTS.map((p, i) => [HOURS_LOTS[i]?.number ?? "", `${p.displayName} – ${p.reference}`, REFERENCE.modalities[i]?.label ?? ""])] },
    ]);
    return [200, xlsx, { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Content-Disposition": `attachment; filename="modele-heures-${period.slice(0, 7)}.xlsx"` }];
  }],
  ["POST", /^\/api\/contracts\/([^/]+)\/imports$/, (m, body, ctx) => {
    if (ctx.raw.length < 4 || ctx.raw[0] !== 0x50 || ctx.raw[1] !== 0x4b) return [400, { type: "https://clauses.example/problems/fichier-illisible", title: "Le fichier n'est pas un classeur .xlsx.", status: 400 }];
    const id = `job-${jobs.size + 1}`;
    const name = decodeURIComponent(ctx.req.headers["x-file-name"] ?? "classeur.xlsx");
    jobs.set(id, { id, kind: "import_heures", polls: 0, failing: /erreur/i.test(name), total: 8 });
    return [202, { jobId: id }, { Location: `/api/jobs/${id}` }];
  }],
  ["GET", /^\/api\/jobs\/([^/]+)$/, (m) => {
    const job = jobs.get(m[1]);
    if (!job) return [404, { title: "Tâche introuvable.", status: 404 }];
    job.polls += 1;
    const base = { id: job.id, kind: job.kind, total: job.total, result: null, problem: null, annotatedWorkbook: null };
    if (job.polls === 1) return [200, { ...base, status: "en_attente", progress: 0 }];
    if (job.polls === 2) return [200, { ...base, status: "en_cours", progress: 4 }];
    if (job.failing) {
      return [200, { ...base, status: "echoue", progress: job.total, problem: { type: "https://clauses.example/problems/import-invalide", title: "Le classeur contient des erreurs : rien n'a été enregistré.", status: 422, errors: [{ sheet: "Heures 03-2025", row: 4, column: "F", field: "hours", message: "Plus de 208 heures dans le mois (48 h × 52 ÷ 12) : vérifiez la saisie." }] }, annotatedWorkbook: `/api/jobs/${job.id}/annotated.xlsx` }];
    }
    return [200, { ...base, status: "termine", progress: job.total, result: { accepted: 0, replaced: 0, unchanged: job.total } }];
  }],
  ["GET", /^\/api\/jobs\/([^/]+)\/annotated\.xlsx$/, () => [200, buildXlsx([{ name: "Heures", rows: [["Erreurs"], ["Plus de 208 heures"]] }]), { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }]],
];

const routes = [
  ["GET", /^\/dev\/users$/, () => [200, Object.values(USERS).map((u) => ({ email: u.email, displayName: u.displayName, roles: u.roles }))]],
  ["POST", /^\/dev\/token$/, (m, body) => [200, { accessToken: `stand-in-token:${body?.email ?? "marie.dupont@metropole-demo.fr"}`, expiresAt: new Date(Date.now() + 3_600_000).toISOString() }]],
  ["GET", /^\/api\/me$/, (m, body, ctx) => {
    const u = ctx.user;
    return [200, { id: u.email, displayName: u.displayName, email: u.email, platformAdmin: false, memberships: u.memberships }];
  }],
  ["GET", /^\/api\/contracts$/, (m, body, ctx) => {
    const only = ctx.url.searchParams.get("organisationId");
    const readable = ctx.user.memberships.map((x) => x.organisationId).filter((id) => !only || id === only);
    const search = (ctx.url.searchParams.get("search") ?? "").toLowerCase();
    const items = allContracts().filter((c) => readable.includes(c.organisationId) && (!search || `${c.reference} ${c.title}`.toLowerCase().includes(search)));
    return [200, { items, page: 1, pageSize: 20, total: items.length }];
  }],
  ["GET", /^\/api\/contracts\/([^/]+)$/, (m) => {
    if (m[1] === HOURS_CONTRACT.id) return [200, { contract: HOURS_CONTRACT, lots: HOURS_LOTS }];
    if (m[1] === COMMUNE_CONTRACT.id) return [200, { contract: COMMUNE_CONTRACT, lots: [] }];
    return [200, { contract: contract(), lots: LOTS }];
  }],
  ...HOURS_ROUTES,
  ["GET", /^\/api\/reference$/, () => [200, REFERENCE]],
  ["GET", /^\/api\/labour-shares$/, () => [200, SHARES]],
  ["GET", /^\/api\/contracts\/[^/]+\/relevance$/, () => [200, { contractId: CONTRACT, analysed: false, analysedLotCount: contract().analysedLotCount, lotCount: LOTS.length, loiClimat: { applies: false, threshold: 5538000, explanation: "" }, lots: LOTS.map((l) => relevance.get(l.id) ?? { lotId: l.id, number: l.number, title: l.title, outcome: l.relevanceOutcome, instruments: l.relevanceOutcome ? ["clause_execution"] : [], reason: null, comment: null, loiClimatException: null, analysedBy: null, analysedAt: null, version: l.relevanceOutcome ? 1 : null }) }]],
  ["PUT", /^\/api\/lots\/([^/]+)\/relevance$/, (m, body) => {
    const lot = LOTS.find((l) => l.id === m[1]);
    lot.relevanceOutcome = body.outcome;
    const entry = { lotId: lot.id, number: lot.number, title: lot.title, ...body, analysedBy: "Marie Dupont", analysedAt: new Date().toISOString(), version: (relevance.get(lot.id)?.version ?? 1) + 1 };
    relevance.set(lot.id, entry);
    return [200, entry];
  }],
  ["POST", /^\/api\/sizing\/preview$/, (m, body) => [200, size(body)]],
  ["GET", /^\/api\/lots\/([^/]+)\/clauses$/, (m) => [200, [...clauses.values()].filter((c) => c.lotId === m[1])]],
  ["POST", /^\/api\/lots\/([^/]+)\/clauses$/, (m, body) => {
    const s = size(body);
    if (Object.keys(s.errors).length > 0) return [400, { title: "La clause est incomplète.", status: 400, errors: s.errors }];
    const lot = LOTS.find((l) => l.id === m[1]);
    const id = `cl-${clauses.size + 1}`;
    const clause = { ...body, id, lotId: lot.id, contractId: CONTRACT, lotNumber: lot.number, targetHours: s.targetHours, formula: s.formula, warnings: s.warnings, wordingCode: "execution_heures", wordingVersion: 1, version: 1 };
    clause.tag = `clauses:${id}:1`;
    clauses.set(id, clause);
    return [201, clause];
  }],
  ["PUT", /^\/api\/clauses\/([^/]+)$/, (m, body) => {
    const old = clauses.get(m[1]);
    const s = size(body);
    const clause = { ...old, ...body, targetHours: s.targetHours, formula: s.formula, warnings: s.warnings, version: old.version + 1 };
    clause.tag = `clauses:${clause.id}:${clause.version}`;
    clauses.set(clause.id, clause);
    return [200, clause];
  }],
  ["GET", /^\/api\/clauses\/([^/]+)\/render$/, (m) => (clauses.has(m[1]) ? [200, render(clauses.get(m[1]))] : [404, { title: "Clause introuvable.", status: 404 }])],
  ["POST", /^\/api\/contracts\/[^/]+\/document-check$/, (m, body) => {
    const result = { upToDate: [], outdated: [], unknown: [], missing: [] };
    const seen = new Set();
    for (const tag of body.tags) {
      const [, id, version] = tag.split(":");
      const c = clauses.get(id);
      if (!c) result.unknown.push(tag);
      else {
        seen.add(id);
        if (Number(version) === c.version) result.upToDate.push({ tag, clauseId: id, lotNumber: c.lotNumber, instrument: c.instrument });
        else result.outdated.push({ tag, currentTag: c.tag, clauseId: id, lotNumber: c.lotNumber, instrument: c.instrument, fromVersion: Number(version), toVersion: c.version });
      }
    }
    for (const c of clauses.values()) if (!seen.has(c.id)) result.missing.push({ clauseId: c.id, lotNumber: c.lotNumber, instrument: c.instrument, tag: c.tag });
    return [200, result];
  }],
];

const TYPES = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8", ".png": "image/png", ".map": "application/json" };

export function startStandInApi(port = 0) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://localhost");
    if (url.pathname.startsWith("/addin/")) {
      const file = normalize(join(webRoot, url.pathname));
      if (!file.startsWith(webRoot)) return void res.writeHead(403).end();
      try {
        const data = await readFile(file);
        res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" }).end(data);
      } catch {
        res.writeHead(404).end();
      }
      return;
    }
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const raw = Buffer.concat(chunks);
    const isJson = /json/.test(req.headers["content-type"] ?? "") || (raw.length > 0 && raw[0] === 0x7b);
    for (const [method, pattern, handler] of routes) {
      const m = pattern.exec(url.pathname);
      if (method !== req.method || !m) continue;
      const auth = req.headers.authorization ?? "";
      const user = USERS[auth.replace(/^Bearer stand-in-token:?/, "")] ?? USERS["marie.dupont@metropole-demo.fr"];
      if (url.pathname.startsWith("/api/") && !auth.startsWith("Bearer stand-in-token")) {
        return void res.writeHead(401, { "Content-Type": "application/problem+json" }).end(JSON.stringify({ title: "Non authentifié", status: 401 }));
      }
      const [status, body, extra] = handler(m, isJson && raw.length > 0 ? JSON.parse(raw.toString("utf8")) : undefined, { url, req, raw, user });
      if (Buffer.isBuffer(body)) return void res.writeHead(status, extra ?? {}).end(body);
      const headers = { "Content-Type": status >= 400 ? "application/problem+json" : "application/json; charset=utf-8", ...extra };
      if (body && typeof body.version === "number") headers.ETag = `"${body.version}"`;
      return void res.writeHead(status, headers).end(JSON.stringify(body));
    }
    res.writeHead(404, { "Content-Type": "application/problem+json" }).end(JSON.stringify({ title: "Introuvable", status: 404 }));
  });
  return new Promise((resolveStart) => server.listen(port, "127.0.0.1", () => resolveStart({ server, url: `http://127.0.0.1:${server.address().port}` })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startStandInApi(Number(process.argv[2] ?? 5180));
  console.log(`Stand-in API on ${url} — open ${url}/addin/word/taskpane.html, ${url}/addin/excel/taskpane.html or ${url}/addin/pages/import.html`);
}
