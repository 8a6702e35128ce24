// Pure conversions between what users type in the hours sheet and what the API expects, and the
// names of the sheet and its table. Excel gives back numbers as numbers or as text ("35,5"),
// dates as serial numbers (or text when the cell is formatted as text), so every reader here
// accepts all the shapes a cell can take.

import { parseFrenchNumber } from "../shared/parse.js";

export type CellResult<T> = { ok: true; value: T } | { ok: false; message: string };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = <T>(message: string): CellResult<T> => ({ ok: false, message });

/** A blank cell: null, undefined, "" or only spaces. */
export function isBlank(value: unknown): boolean {
  return value === null || value === undefined || (typeof value === "string" && value.trim() === "");
}

/** Trimmed text of a cell; null when blank. Numbers become their plain text (no grouping). */
export function cellText(value: unknown): string | null {
  if (isBlank(value)) return null;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : null;
  return String(value).trim();
}

/** A number typed as a number or as French text ("35,5", "1 234,50 €"); blank → null. */
export function cellNumber(value: unknown): CellResult<number | null> {
  if (isBlank(value)) return ok(null);
  if (typeof value === "number") return Number.isFinite(value) ? ok(value) : fail("Saisissez un nombre.");
  if (typeof value !== "string") return fail("Saisissez un nombre, par exemple 35 ou 35,5.");
  const parsed = parseFrenchNumber(value, "€");
  return parsed.ok ? ok(parsed.value) : fail("Saisissez un nombre, par exemple 35 ou 35,5.");
}

/** A lot number: 3, "3", "Lot 3", "3 – Gros œuvre". */
export function cellLot(value: unknown): CellResult<number | null> {
  if (isBlank(value)) return ok(null);
  if (typeof value === "number") return Number.isInteger(value) && value > 0 ? ok(value) : fail("Le numéro de lot doit être un entier positif.");
  const match = /^\s*(?:lot\s*n?°?\s*)?(\d+)(?:\s*(?:[–—-].*)?)$/i.exec(String(value));
  return match ? ok(Number(match[1])) : fail("Choisissez un lot dans la liste (numéro de lot attendu).");
}

/** The participant's reference: the "P-000123" at the end of "DUPONT Marie – P-000123". */
export function participantReference(value: unknown): string | null {
  const text = cellText(value);
  if (!text) return null;
  const match = /(P-\d+)\s*\)?\s*$/i.exec(text);
  return match ? match[1]!.toUpperCase() : null;
}

/** The Participant cell: "DUPONT Marie – P-000123", or the bare reference when the name is hidden. */
export function participantLabel(reference: string, displayName: string | null | undefined): string {
  return displayName ? `${displayName} – ${reference}` : reference;
}

/** A SIRET: 14 digits; spaces are dropped, a number typed without its leading zeros is padded. */
export function cellSiret(value: unknown): string | null {
  if (isBlank(value)) return null;
  if (typeof value === "number" && Number.isInteger(value)) return String(value).padStart(14, "0");
  return String(value).replace(/[\s\u00a0\u202f.]/g, "");
}

// ---- Periods --------------------------------------------------------------------------------

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];
const fold = (text: string) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
const FOLDED_MONTHS = MONTHS.map(fold);

/** "2025-03-01" from a year and a month (1–12). */
export function periodOf(year: number, month: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-01`;
}

/** Year and month of "2025-03-01". */
export function splitPeriod(period: string): { year: number; month: number } {
  const [year, month] = period.split("-").map(Number);
  return { year: year ?? 1970, month: month ?? 1 };
}

/** "2025-03-01" → "mars 2025". */
export function periodLabel(period: string): string {
  const { year, month } = splitPeriod(period);
  return `${MONTHS[month - 1] ?? "?"} ${year}`;
}

/** "2025-03-01" → "03/2025" (what the Période cells hold). */
export function periodCellText(period: string): string {
  const { year, month } = splitPeriod(period);
  return `${String(month).padStart(2, "0")}/${year}`;
}

/** "Heures 03-2025": the hours sheet of a month. */
export function hoursSheetName(period: string): string {
  const { year, month } = splitPeriod(period);
  return `Heures ${String(month).padStart(2, "0")}-${year}`;
}

/** "Heures_2025_03": the Excel table of a month (table names allow no spaces or dashes). */
export function hoursTableName(period: string): string {
  const { year, month } = splitPeriod(period);
  return `Heures_${year}_${String(month).padStart(2, "0")}`;
}

/** The month before `today`'s month, as "2025-02-01" (the default period). */
export function previousMonth(today: Date): string {
  const year = today.getFullYear();
  const month = today.getMonth(); // 0-based: the previous month in 1-based terms
  return month === 0 ? periodOf(year - 1, 12) : periodOf(year, month);
}

/** The `count` months up to `last`, newest first (for the month picker). */
export function recentMonths(last: string, count: number): string[] {
  let { year, month } = splitPeriod(last);
  const months: string[] = [];
  for (let i = 0; i < count; i++) {
    months.push(periodOf(year, month));
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
  }
  return months;
}

/** Excel serial → calendar date (UTC). Serial 1 is 1900-01-01; Excel counts a 29 February 1900
 *  that never existed (serial 60, kept from Lotus 1-2-3), so from serial 61 on the origin is
 *  1899-12-30, and before it 1899-12-31. Serial 60 is read as 1900-02-29 → February 1900. */
export function excelSerialToDate(serial: number): { year: number; month: number; day: number } {
  const whole = Math.floor(serial);
  if (whole === 60) return { year: 1900, month: 2, day: 29 };
  const origin = whole > 60 ? Date.UTC(1899, 11, 30) : Date.UTC(1899, 11, 31);
  const date = new Date(origin + whole * 86_400_000);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** Largest Excel serial (31/12/9999). */
const MAX_SERIAL = 2_958_465;

/** The Période cell as the first day of its month ("2025-03-01"). Accepts an Excel date serial
 *  (45717), epoch milliseconds or a Date, and text: "03/2025", "3/2025", "01/03/2025",
 *  "2025-03", "2025-03-01", "mars 2025", "Mars-2025", "fevrier 2025". */
export function cellPeriod(value: unknown): CellResult<string | null> {
  if (isBlank(value)) return ok(null);
  const invalid = fail<string | null>("Saisissez le mois, par exemple 03/2025 ou « mars 2025 ».");
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? invalid : ok(periodOf(value.getFullYear(), value.getMonth() + 1));
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value) || value < 1) return invalid;
    if (value <= MAX_SERIAL) {
      const { year, month } = excelSerialToDate(value);
      return ok(periodOf(year, month));
    }
    // A JavaScript timestamp (milliseconds since 1970), as some hosts give dates.
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? invalid : ok(periodOf(date.getUTCFullYear(), date.getUTCMonth() + 1));
  }
  const text = fold(String(value).trim()).replace(/\s+/g, " ");
  let match = /^(\d{1,2})[/.-](\d{4})$/.exec(text);
  if (match) return monthOk(Number(match[2]), Number(match[1]), invalid);
  match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  if (match) return monthOk(Number(match[3]), Number(match[2]), invalid);
  match = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?(?:t.*)?$/.exec(text);
  if (match) return monthOk(Number(match[1]), Number(match[2]), invalid);
  match = /^([a-z]+)\.?[ /-]?(\d{4})$/.exec(text);
  if (match) {
    const name = match[1]!;
    const index = FOLDED_MONTHS.findIndex((m) => m === name || (name.length >= 3 && m.startsWith(name)));
    if (index >= 0) return monthOk(Number(match[2]), index + 1, invalid);
  }
  if (/^\d+([.,]\d+)?$/.test(text)) return cellPeriod(Number(text.replace(",", ".")));
  return invalid;
}

function monthOk(year: number, month: number, invalid: CellResult<string | null>): CellResult<string | null> {
  return month >= 1 && month <= 12 && year >= 1900 && year <= 9999 ? ok(periodOf(year, month)) : invalid;
}

// ---- Modalities -----------------------------------------------------------------------------

export interface Modality {
  code: string;
  label: string;
}

/** The modality code of a cell holding its French label (as the drop-down writes it) or its code. */
export function modalityCode(value: unknown, modalities: Modality[]): CellResult<string | null> {
  const text = cellText(value);
  if (!text) return ok(null);
  const wanted = fold(text).replace(/\s+/g, " ");
  const found = modalities.find((m) => fold(m.label).replace(/\s+/g, " ") === wanted || fold(m.code) === wanted);
  return found ? ok(found.code) : fail("Choisissez une modalité dans la liste.");
}

// ---- Addresses ------------------------------------------------------------------------------

/** 0 → "A", 25 → "Z", 26 → "AA". */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** "A" → 0, "AA" → 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const c of letters.toUpperCase()) n = n * 26 + (c.charCodeAt(0) - 64);
  return n - 1;
}

/** "'Heures 03-2025'!B2:J101" → first/last column (0-based) and row (1-based). */
export function parseRangeAddress(address: string): { sheet: string | null; firstColumn: number; firstRow: number; lastColumn: number; lastRow: number } {
  const bang = address.lastIndexOf("!");
  const sheetPart = bang >= 0 ? address.slice(0, bang) : null;
  const sheet = sheetPart === null ? null : sheetPart.replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
  const [start, end] = address.slice(bang + 1).replace(/\$/g, "").split(":");
  const cell = (text: string | undefined) => {
    const m = /^([A-Z]+)(\d+)$/i.exec(text ?? "");
    if (!m) throw new Error(`Adresse de plage illisible : ${address}`);
    return { column: columnIndex(m[1]!), row: Number(m[2]) };
  };
  const first = cell(start);
  const last = end ? cell(end) : first;
  return { sheet, firstColumn: first.column, firstRow: first.row, lastColumn: last.column, lastRow: last.row };
}
