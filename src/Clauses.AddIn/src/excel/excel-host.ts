// The thin layer over Excel's JavaScript API (ExcelApi 1.4; drop-down lists with 1.8, cell
// comments with 1.10): every call to the `Excel` global made by the Excel pane is here, so the
// rest can be tested with office-addin-mock or the E2E stand-in.
//
// Large tables never freeze the pane: rows are read and written in chunks of CHUNK_ROWS, one
// context.sync() per chunk (never one per row or cell), with a pause for the UI between chunks
// and a progress callback.

import { requirementSetSupported } from "../shared/office.js";
import { yieldToUi } from "../shared/progress.js";
import { columnLetter, parseRangeAddress } from "./cells.js";

export const CHUNK_ROWS = 2000;
/** Cells coloured (and commented) per sync when marking errors. */
const MARK_BATCH = 1000;
/** Comments are heavy in Excel: at most this many are added per check. */
const MAX_COMMENTS = 200;
export const ERROR_FILL = "#FFC7CE";
export const COMMENT_PREFIX = "Clauses : ";
export const LISTS_SHEET = "Listes";
/** Drop-down lists also cover this many empty rows under the table, for rows the user adds. */
const VALIDATION_EXTRA_ROWS = 500;

export type Progress = (done: number, total: number) => void;

export interface ListSpec {
  /** Column (0-based) of the hours table that gets the drop-down. */
  column: number;
  title: string;
  values: (string | number)[];
}

export interface SheetSpec {
  sheetName: string;
  tableName: string;
  headers: string[];
  rows: (string | number | null)[][];
  /** Number format of each column ("@" keeps text as typed, e.g. "03/2025" or a SIRET). */
  numberFormats: string[];
  lists: ListSpec[];
}

export interface TableRead {
  sheetName: string;
  headers: string[];
  /** Sheet row number (1-based) and the cell values of each data row, in column order. */
  rows: { row: number; values: unknown[] }[];
}

export interface CellMark {
  row: number;
  /** Header of the faulty cell's column; null when the message concerns the whole row. */
  column: string | null;
  message: string;
}

export class ExcelUnavailableError extends Error {
  constructor() {
    super("Cette action n'est possible que dans Excel : ouvrez le volet depuis un classeur Excel.");
    this.name = "ExcelUnavailableError";
  }
}

export class TableMissingError extends Error {
  constructor(readonly tableName: string) {
    super(`Le tableau « ${tableName} » est introuvable dans le classeur : créez la feuille de saisie (ou actualisez-la).`);
    this.name = "TableMissingError";
  }
}

function excel(): typeof Excel {
  const x = (globalThis as { Excel?: typeof Excel }).Excel;
  if (!x || typeof x.run !== "function") throw new ExcelUnavailableError();
  return x;
}

/** True when the Excel API is present (the pane runs inside Excel). */
export function excelAvailable(): boolean {
  const x = (globalThis as { Excel?: typeof Excel }).Excel;
  return !!x && typeof x.run === "function";
}

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** Creates the sheet and its table. Returns false (and changes nothing) when a sheet or a table
 *  with these names already exists. */
export async function createHoursSheet(spec: SheetSpec, onProgress?: Progress): Promise<boolean> {
  return excel().run(async (context) => {
    const sheet = context.workbook.worksheets.getItemOrNullObject(spec.sheetName);
    const table = context.workbook.tables.getItemOrNullObject(spec.tableName);
    const lists = context.workbook.worksheets.getItemOrNullObject(LISTS_SHEET);
    await context.sync();
    if (!sheet.isNullObject || !table.isNullObject) return false;
    const created = context.workbook.worksheets.add(spec.sheetName);
    await fillSheet(context, created, lists, spec, onProgress);
    return true;
  });
}

/** Rewrites the table (Actualiser): the old table and its cells go, the new one takes its place
 *  in the same sheet. Creates the sheet when missing. */
export async function replaceHoursTable(spec: SheetSpec, onProgress?: Progress): Promise<void> {
  await excel().run(async (context) => {
    const table = context.workbook.tables.getItemOrNullObject(spec.tableName);
    const sheetByName = context.workbook.worksheets.getItemOrNullObject(spec.sheetName);
    const lists = context.workbook.worksheets.getItemOrNullObject(LISTS_SHEET);
    await context.sync();
    let sheet: Excel.Worksheet;
    if (!table.isNullObject) {
      const range = table.getRange();
      range.load("address");
      const owner = table.worksheet;
      owner.load("name");
      await context.sync();
      sheet = context.workbook.worksheets.getItem(owner.name);
      table.delete();
      sheet.getRange(range.address.slice(range.address.lastIndexOf("!") + 1)).clear();
    } else if (!sheetByName.isNullObject) {
      sheet = sheetByName;
      sheet.getRange(`A:${columnLetter(spec.headers.length - 1)}`).clear();
    } else {
      sheet = context.workbook.worksheets.add(spec.sheetName);
    }
    await fillSheet(context, sheet, lists, spec, onProgress);
  });
}

async function fillSheet(context: Excel.RequestContext, sheet: Excel.Worksheet, lists: Excel.Worksheet, spec: SheetSpec, onProgress?: Progress): Promise<void> {
  const last = columnLetter(spec.headers.length - 1);
  const sources = await writeLists(context, lists, spec.lists);
  sheet.getRange(`A1:${last}1`).values = [spec.headers];

  const total = spec.rows.length;
  for (let start = 0; start < total; start += CHUNK_ROWS) {
    const chunk = spec.rows.slice(start, start + CHUNK_ROWS);
    const range = sheet.getRange(`A${start + 2}:${last}${start + 1 + chunk.length}`);
    // Formats first, so that "03/2025" or a SIRET stays text instead of becoming a date or a number.
    range.numberFormat = chunk.map(() => spec.numberFormats);
    range.values = chunk.map((row) => spec.headers.map((_, i) => row[i] ?? ""));
    if (start + chunk.length < total) {
      await context.sync();
      onProgress?.(start + chunk.length, total);
      await yieldToUi();
    }
  }

  // A table needs a data row: an empty one when the month has no record yet.
  const bodyRows = Math.max(1, total);
  if (total === 0) sheet.getRange(`A2:${last}2`).numberFormat = [spec.numberFormats];
  const table = sheet.tables.add(`A1:${last}${bodyRows + 1}`, true);
  table.name = spec.tableName;

  if (requirementSetSupported("ExcelApi", "1.8")) {
    for (const list of spec.lists) {
      const source = sources.get(list);
      if (!source) continue;
      const letter = columnLetter(list.column);
      const target = sheet.getRange(`${letter}2:${letter}${bodyRows + 1 + VALIDATION_EXTRA_ROWS}`);
      target.dataValidation.clear();
      target.dataValidation.rule = { list: { inCellDropDown: true, source: `=${source}` } };
      // A warning, not a stop: a participant validated since the sheet was made can still be typed.
      target.dataValidation.errorAlert = { showAlert: true, style: "Warning", title: "Valeur hors liste", message: `Choisissez une valeur de la liste « ${list.title} ».` };
    }
  }
  sheet.getRange(`A1:${last}1`).format.autofitColumns();
  sheet.activate();
  await context.sync();
  onProgress?.(total, total);
}

/** Writes the drop-down sources on the hidden "Listes" sheet (one column per list); `lists` is
 *  the result of getItemOrNullObject("Listes"), already synced. The last chunk is left for the
 *  caller's next sync; longer lists are synced chunk by chunk. */
async function writeLists(context: Excel.RequestContext, existing: Excel.Worksheet, lists: ListSpec[]): Promise<Map<ListSpec, string>> {
  const addresses = new Map<ListSpec, string>();
  if (lists.length === 0) return addresses;
  const sheet = existing.isNullObject ? context.workbook.worksheets.add(LISTS_SHEET) : existing;
  sheet.getRange(`A:${columnLetter(lists.length - 1)}`).clear();
  sheet.visibility = "Hidden" as Excel.SheetVisibility;
  let queued = 0;
  for (const [index, list] of lists.entries()) {
    const letter = columnLetter(index);
    addresses.set(list, `${LISTS_SHEET}!$${letter}$2:$${letter}$${Math.max(2, list.values.length + 1)}`);
    sheet.getRange(`${letter}1`).values = [[list.title]];
    for (let start = 0; start < list.values.length; start += CHUNK_ROWS) {
      if (queued >= CHUNK_ROWS) {
        await context.sync();
        queued = 0;
      }
      const chunk = list.values.slice(start, start + CHUNK_ROWS);
      const range = sheet.getRange(`${letter}${start + 2}:${letter}${start + 1 + chunk.length}`);
      range.numberFormat = chunk.map(() => ["@"]);
      range.values = chunk.map((v) => [String(v)]);
      queued += chunk.length;
    }
  }
  return addresses;
}

interface Located {
  sheet: Excel.Worksheet;
  sheetName: string;
  headers: string[];
  firstColumn: number;
  firstRow: number;
  lastRow: number;
  lastColumn: number;
}

async function locate(context: Excel.RequestContext, tableName: string): Promise<Located> {
  const table = context.workbook.tables.getItemOrNullObject(tableName);
  await context.sync();
  if (table.isNullObject) throw new TableMissingError(tableName);
  const range = table.getRange();
  range.load("address");
  const header = table.getHeaderRowRange();
  header.load("values");
  const owner = table.worksheet;
  owner.load("name");
  await context.sync();
  const { firstColumn, firstRow, lastColumn, lastRow } = parseRangeAddress(range.address);
  return {
    sheet: context.workbook.worksheets.getItem(owner.name),
    sheetName: owner.name,
    headers: (header.values[0] ?? []).map((v) => String(v ?? "").trim()),
    firstColumn,
    firstRow,
    lastColumn,
    lastRow,
  };
}

/** Reads the table's data rows in chunks (header names, then each row with its sheet row number). */
export async function readHoursTable(tableName: string, onProgress?: Progress): Promise<TableRead> {
  return excel().run(async (context) => {
    const at = await locate(context, tableName);
    const first = columnLetter(at.firstColumn);
    const last = columnLetter(at.lastColumn);
    const rows: TableRead["rows"] = [];
    const total = at.lastRow - at.firstRow;
    for (let start = at.firstRow + 1; start <= at.lastRow; start += CHUNK_ROWS) {
      const end = Math.min(at.lastRow, start + CHUNK_ROWS - 1);
      const range = at.sheet.getRange(`${first}${start}:${last}${end}`);
      range.load("values");
      await context.sync();
      range.values.forEach((values, i) => rows.push({ row: start + i, values }));
      onProgress?.(rows.length, total);
      if (end < at.lastRow) await yieldToUi();
    }
    return { sheetName: at.sheetName, headers: at.headers, rows };
  });
}

/** Writes `rows` from sheet row `startRow` on (columns from A), in chunks. */
export async function writeRows(sheetName: string, startRow: number, rows: (string | number | null)[][], onProgress?: Progress): Promise<void> {
  if (rows.length === 0) return;
  await excel().run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetName);
    const width = Math.max(...rows.map((r) => r.length));
    const last = columnLetter(width - 1);
    for (let start = 0; start < rows.length; start += CHUNK_ROWS) {
      const chunk = rows.slice(start, start + CHUNK_ROWS);
      sheet.getRange(`A${startRow + start}:${last}${startRow + start + chunk.length - 1}`).values = chunk.map((r) =>
        Array.from({ length: width }, (_, i) => r[i] ?? ""),
      );
      await context.sync();
      onProgress?.(start + chunk.length, rows.length);
      if (start + CHUNK_ROWS < rows.length) await yieldToUi();
    }
  });
}

/** Writes the "Erreurs" column for every data row (the messages of `byRow`, blank elsewhere). */
async function writeErrorColumn(context: Excel.RequestContext, at: Located, byRow: Map<number, string>): Promise<void> {
  const index = at.headers.indexOf("Erreurs");
  if (index < 0) return;
  const letter = columnLetter(at.firstColumn + index);
  for (let start = at.firstRow + 1; start <= at.lastRow; start += CHUNK_ROWS) {
    const end = Math.min(at.lastRow, start + CHUNK_ROWS - 1);
    const values: string[][] = [];
    for (let row = start; row <= end; row++) values.push([byRow.get(row) ?? ""]);
    at.sheet.getRange(`${letter}${start}:${letter}${end}`).values = values;
    await context.sync();
    if (end < at.lastRow) await yieldToUi();
  }
}

async function deleteOurComments(context: Excel.RequestContext): Promise<void> {
  if (!requirementSetSupported("ExcelApi", "1.10")) return;
  try {
    const comments = context.workbook.comments;
    comments.load("items/content");
    await context.sync();
    let removed = 0;
    for (const comment of comments.items) {
      if (typeof comment.content === "string" && comment.content.startsWith(COMMENT_PREFIX)) {
        comment.delete();
        removed++;
      }
    }
    if (removed > 0) await context.sync();
  } catch {
    // Comments are a courtesy (some accounts cannot comment): the fill and the Erreurs column remain.
  }
}

/** Removes the marks of a previous check: cell fills of the data rows, the Erreurs column, our comments. */
export async function clearMarks(tableName: string): Promise<void> {
  await excel().run(async (context) => {
    const at = await locate(context, tableName);
    if (at.lastRow > at.firstRow) {
      at.sheet.getRange(`${columnLetter(at.firstColumn)}${at.firstRow + 1}:${columnLetter(at.lastColumn)}${at.lastRow}`).format.fill.clear();
    }
    await writeErrorColumn(context, at, new Map());
    await deleteOurComments(context);
  });
}

/** Colours the faulty cells red and writes each row's messages in the Erreurs column (and, with
 *  ExcelApi 1.10, a comment on the cell). Messages of rows outside the table are ignored. */
export async function markCells(tableName: string, marks: CellMark[]): Promise<number> {
  return excel().run(async (context) => {
    const at = await locate(context, tableName);
    const inTable = marks.filter((m) => m.row > at.firstRow && m.row <= at.lastRow);
    const byRow = new Map<number, string>();
    for (const mark of inTable) {
      const text = mark.column ? `${mark.column} : ${mark.message}` : mark.message;
      const before = byRow.get(mark.row);
      if (!before?.split(" ; ").includes(text)) byRow.set(mark.row, before ? `${before} ; ${text}` : text);
    }
    await writeErrorColumn(context, at, byRow);

    const cells = new Map<string, string>();
    for (const mark of inTable) {
      const index = mark.column ? at.headers.indexOf(mark.column) : -1;
      if (index < 0) continue;
      const address = `${columnLetter(at.firstColumn + index)}${mark.row}`;
      cells.set(address, cells.has(address) ? `${cells.get(address)} ; ${mark.message}` : mark.message);
    }
    const comments = requirementSetSupported("ExcelApi", "1.10");
    let commented = 0;
    const entries = [...cells.entries()];
    for (let start = 0; start < entries.length; start += MARK_BATCH) {
      for (const [address, message] of entries.slice(start, start + MARK_BATCH)) {
        at.sheet.getRange(address).format.fill.color = ERROR_FILL;
        if (comments && commented < MAX_COMMENTS) {
          commented++;
          try {
            context.workbook.comments.add(`${quoteSheet(at.sheetName)}!${address}`, `${COMMENT_PREFIX}${message}`);
          } catch {
            // See deleteOurComments.
          }
        }
      }
      await context.sync();
      if (start + MARK_BATCH < entries.length) await yieldToUi();
    }
    return cells.size;
  });
}

/** Shows a sheet. */
export async function activateSheet(name: string): Promise<void> {
  await excel().run(async (context) => {
    context.workbook.worksheets.getItem(name).activate();
    await context.sync();
  });
}

/** The sheet holding a table, or null when the table does not exist. */
export async function tableSheet(tableName: string): Promise<string | null> {
  return excel().run(async (context) => {
    const table = context.workbook.tables.getItemOrNullObject(tableName);
    await context.sync();
    if (table.isNullObject) return null;
    const owner = table.worksheet;
    owner.load("name");
    await context.sync();
    return owner.name;
  });
}
