// A tiny stand-in for Clauses.Api, for running the E2E before (or without) the real server:
// serves the built task panes under /addin/ and answers the API contract with canned data.
//   node e2e/stand-in-api.mjs [port]      (default 5180)
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { dirname, extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const webRoot = resolve(here, "..", "..", "Clauses.Api", "wwwroot");
const ORG = "0b7c5d2e-0000-4000-8000-000000000001";
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

const routes = [
  ["GET", /^\/dev\/users$/, () => [200, [{ email: "marie.dupont@metropole-demo.fr", displayName: "Marie Dupont", roles: "acheteur" }, { email: "paul.martin@mmie-demo.fr", displayName: "Paul Martin", roles: "facilitateur" }]]],
  ["POST", /^\/dev\/token$/, () => [200, { accessToken: "stand-in-token", expiresAt: new Date(Date.now() + 3_600_000).toISOString() }]],
  ["GET", /^\/api\/me$/, () => [200, { id: "u1", displayName: "Marie Dupont", email: "marie.dupont@metropole-demo.fr", platformAdmin: false, memberships: [{ organisationId: ORG, organisationName: "Métropole de démonstration", organisationKind: "acheteur_public", roles: ["acheteur"] }] }]],
  ["GET", /^\/api\/contracts$/, () => [200, { items: [contract()], page: 1, pageSize: 20, total: 1 }]],
  ["GET", /^\/api\/contracts\/([^/]+)$/, () => [200, { contract: contract(), lots: LOTS }]],
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
    let raw = "";
    for await (const chunk of req) raw += chunk;
    for (const [method, pattern, handler] of routes) {
      const m = pattern.exec(url.pathname);
      if (method !== req.method || !m) continue;
      if (url.pathname.startsWith("/api/") && req.headers.authorization !== "Bearer stand-in-token") {
        return void res.writeHead(401, { "Content-Type": "application/problem+json" }).end(JSON.stringify({ title: "Non authentifié", status: 401 }));
      }
      const [status, body] = handler(m, raw ? JSON.parse(raw) : undefined);
      const headers = { "Content-Type": status >= 400 ? "application/problem+json" : "application/json; charset=utf-8" };
      if (body && typeof body.version === "number") headers.ETag = `"${body.version}"`;
      return void res.writeHead(status, headers).end(JSON.stringify(body));
    }
    res.writeHead(404, { "Content-Type": "application/problem+json" }).end(JSON.stringify({ title: "Introuvable", status: 404 }));
  });
  return new Promise((resolveStart) => server.listen(port, "127.0.0.1", () => resolveStart({ server, url: `http://127.0.0.1:${server.address().port}` })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { url } = await startStandInApi(Number(process.argv[2] ?? 5180));
  console.log(`Stand-in API on ${url} — open ${url}/addin/word/taskpane.html`);
}
