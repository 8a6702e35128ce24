// The hours sheet of a contract and month: its columns, the rows written from the server's
// records, the rows read back (with the local parsing errors), the checks and sends in batches
// of at most 2 000 rows, and the marks placed on faulty cells.

import type { ApiClient } from "../shared/api.js";
import { formatHours } from "../shared/format.js";
import { hoursApi, type BatchResult, type BatchRow, type HourField, type HourRecord, type ParticipantSummary, type RowStatus, type Term } from "../shared/hours-api.js";
import { cellLot, cellNumber, cellPeriod, cellSiret, cellText, hoursSheetName, hoursTableName, isBlank, modalityCode, participantLabel, participantReference, periodCellText } from "./cells.js";
import type { CellMark, ListSpec, SheetSpec, TableRead } from "./excel-host.js";

export const BATCH_ROWS = 2000;

export interface Column {
  key: HourField | "errors";
  header: string;
  format: string;
}

/** The sheet's columns, in order (French headers). */
export const COLUMNS: Column[] = [
  { key: "lotNumber", header: "Lot", format: "0" },
  { key: "participantReference", header: "Participant", format: "@" },
  { key: "employerSiret", header: "SIRET employeur", format: "@" },
  { key: "modality", header: "Modalité", format: "@" },
  { key: "period", header: "Période", format: "@" },
  { key: "hours", header: "Heures", format: "0.00" },
  { key: "invoicedAmountHt", header: "Montant facturé HT (€)", format: "#,##0.00" },
  { key: "evidenceReference", header: "Justificatif", format: "@" },
  { key: "errors", header: "Erreurs", format: "@" },
];

export const HEADERS = COLUMNS.map((c) => c.header);

/** The column header where an API field's error is shown. */
export function headerOf(field: string | null | undefined): string | null {
  return COLUMNS.find((c) => c.key === field)?.header ?? null;
}

export interface SheetData {
  lots: { number: number; title: string }[];
  participants: ParticipantSummary[];
  modalities: Term[];
}

const decimal = (value: number | string | null | undefined): number | string => {
  if (value === null || value === undefined || value === "") return "";
  const n = Number(value);
  return Number.isFinite(n) ? n : String(value);
};

/** One sheet row per server record (the Erreurs column left blank). */
export function recordRows(records: HourRecord[], data: SheetData): (string | number)[][] {
  const labels = new Map(data.modalities.map((m) => [m.code, m.label]));
  const names = new Map(data.participants.map((p) => [p.reference, p.displayName]));
  return records.map((r) => [
    r.lotNumber,
    participantLabel(r.participantReference, r.participantName ?? names.get(r.participantReference) ?? null),
    r.employerSiret ?? "",
    labels.get(r.modality) ?? r.modality,
    periodCellText(r.period),
    decimal(r.hours),
    decimal(r.invoicedAmountHt),
    r.evidenceReference ?? "",
    "",
  ]);
}

/** What excel-host needs to create (or rewrite) the sheet of `period`. */
export function sheetSpec(period: string, records: HourRecord[], data: SheetData): SheetSpec {
  const lists: ListSpec[] = [
    { column: 0, title: "Lots", values: [...data.lots].sort((a, b) => a.number - b.number).map((l) => l.number) },
    { column: 1, title: "Participants", values: data.participants.map((p) => participantLabel(p.reference, p.displayName)) },
    { column: 3, title: "Modalités", values: data.modalities.map((m) => m.label) },
  ];
  return {
    sheetName: hoursSheetName(period),
    tableName: hoursTableName(period),
    headers: HEADERS,
    rows: recordRows(records, data),
    numberFormats: COLUMNS.map((c) => c.format),
    lists,
  };
}

export interface ParsedSheet {
  /** Rows that can be sent. */
  rows: BatchRow[];
  /** Rows that cannot be sent as typed, with the faulty cells. */
  local: CellMark[];
  /** Sheet rows with a local error (not sent). */
  localRows: Set<number>;
  /** Non-blank rows read. */
  read: number;
}

/** Turns the table read from Excel into batch rows; cells that cannot be read become local marks.
 *  Blank rows (the Erreurs column aside) are skipped. Columns are found by their header. */
export function parseTable(table: TableRead, modalities: Term[]): ParsedSheet {
  const missing = COLUMNS.filter((c) => c.key !== "errors" && !table.headers.includes(c.header)).map((c) => c.header);
  if (missing.length > 0) {
    throw new SheetLayoutError(`Colonne${missing.length > 1 ? "s" : ""} introuvable${missing.length > 1 ? "s" : ""} dans le tableau : ${missing.join(", ")}. Actualisez la feuille pour la recréer.`);
  }
  const index = Object.fromEntries(COLUMNS.map((c) => [c.key, table.headers.indexOf(c.header)])) as Record<Column["key"], number>;
  const rows: BatchRow[] = [];
  const local: CellMark[] = [];
  const localRows = new Set<number>();
  let read = 0;
  for (const { row, values } of table.rows) {
    const cell = (key: Column["key"]) => values[index[key]];
    if (COLUMNS.every((c) => c.key === "errors" || isBlank(cell(c.key)))) continue;
    read++;
    const errors: CellMark[] = [];
    const take = <T>(key: HourField, result: { ok: true; value: T } | { ok: false; message: string }): T | null => {
      if (result.ok) return result.value;
      errors.push({ row, column: headerOf(key), message: result.message });
      return null;
    };
    const lotNumber = take("lotNumber", cellLot(cell("lotNumber")));
    const participantCell = cell("participantReference");
    const reference = participantReference(participantCell);
    if (!isBlank(participantCell) && !reference) {
      errors.push({ row, column: "Participant", message: "Choisissez un participant dans la liste (référence P-… attendue)." });
    }
    const modality = take("modality", modalityCode(cell("modality"), modalities));
    const period = take("period", cellPeriod(cell("period")));
    const hours = take("hours", cellNumber(cell("hours")));
    const invoiced = take("invoicedAmountHt", cellNumber(cell("invoicedAmountHt")));
    if (errors.length > 0) {
      local.push(...errors);
      localRows.add(row);
      continue;
    }
    rows.push({
      row,
      lotNumber,
      participantReference: reference,
      employerSiret: cellSiret(cell("employerSiret")),
      modality,
      period,
      periodKind: "mois",
      hours,
      invoicedAmountHt: invoiced,
      evidenceReference: cellText(cell("evidenceReference")),
    });
  }
  return { rows, local, localRows, read };
}

export class SheetLayoutError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SheetLayoutError";
  }
}

/** Sends `rows` in batches of at most BATCH_ROWS and adds up the answers. */
export async function sendInBatches(
  api: ApiClient,
  contractId: string,
  dryRun: boolean,
  rows: BatchRow[],
  onProgress?: (done: number, total: number) => void,
): Promise<BatchResult> {
  const total: BatchResult = { accepted: 0, replaced: 0, unchanged: 0, rejected: 0, rows: [] };
  for (let start = 0; start < rows.length; start += BATCH_ROWS) {
    const batch = rows.slice(start, start + BATCH_ROWS);
    const answer = await hoursApi.batch(api, contractId, dryRun, batch);
    total.accepted += answer.accepted ?? 0;
    total.replaced += answer.replaced ?? 0;
    total.unchanged += answer.unchanged ?? 0;
    total.rejected += answer.rejected ?? 0;
    total.rows.push(...(answer.rows ?? []));
    onProgress?.(start + batch.length, rows.length);
  }
  return total;
}

/** The marks of a batch answer: each error on its field's column (or on the row). */
export function marksOf(result: BatchResult): CellMark[] {
  const marks: CellMark[] = [];
  for (const row of result.rows) {
    if (row.status !== "rejected" && row.errors.length === 0) continue;
    if (row.errors.length === 0) marks.push({ row: row.row, column: null, message: "Ligne refusée par le serveur." });
    for (const error of row.errors) marks.push({ row: row.row, column: headerOf(error.field), message: error.message });
  }
  return marks;
}

export interface CheckOutcome {
  read: number;
  /** Rows with at least one error (local or from the server). */
  faultyRows: number;
  /** Number of errors (cells or rows). */
  errors: number;
  counts: Record<RowStatus, number>;
  marks: CellMark[];
}

/** Local and server findings together; rows rejected locally count as rejected. */
export function outcomeOf(parsed: ParsedSheet, result: BatchResult): CheckOutcome {
  const marks = [...parsed.local, ...marksOf(result)];
  return {
    read: parsed.read,
    faultyRows: new Set(marks.map((m) => m.row)).size,
    errors: marks.length,
    counts: { accepted: result.accepted, replaced: result.replaced, unchanged: result.unchanged, rejected: result.rejected + parsed.localRows.size },
    marks,
  };
}

const fr = (n: number) => n.toLocaleString("fr-FR").replace(/[\u00a0\u202f]/g, " ");

/** "1 245 lignes vérifiées, 3 erreurs". */
export function checkSummary(outcome: CheckOutcome): string {
  const lines = `${fr(outcome.read)} ${outcome.read > 1 ? "lignes vérifiées" : "ligne vérifiée"}`;
  const errors = outcome.errors === 0 ? "aucune erreur" : `${fr(outcome.errors)} ${outcome.errors > 1 ? "erreurs" : "erreur"}`;
  return `${lines}, ${errors}`;
}

/** "Envoyé : 3 acceptées, 1 remplacée, 1 240 inchangées, 1 refusée". */
export function sendSummary(outcome: CheckOutcome): string {
  const part = (n: number, one: string, many: string) => `${fr(n)} ${n > 1 ? many : one}`;
  const c = outcome.counts;
  return `${part(c.accepted, "acceptée", "acceptées")}, ${part(c.replaced, "remplacée", "remplacées")}, ${part(c.unchanged, "inchangée", "inchangées")}, ${part(c.rejected, "refusée", "refusées")}`;
}

/** Total hours of server records ("1 234,5 heures"). */
export function totalHours(records: HourRecord[]): string {
  return formatHours(records.reduce((sum, r) => sum + (Number(r.hours) || 0), 0));
}
