// An Excel stand-in for the unit tests: a small in-memory workbook (sheets of cells with values,
// number formats and fills; tables; data validation; comments) behind the subset of ExcelApi that
// excel-host.ts uses. Ranges and worksheets are OfficeMockObjects, so a property read without
// load() + sync() fails as in Office.js; writes are applied at context.sync(), which is counted.
import { OfficeMockObject } from "office-addin-mock";
import { columnIndex, columnLetter, parseRangeAddress } from "../src/excel/cells.js";

export interface MockSheet {
  name: string;
  cells: Map<string, unknown>;
  formats: Map<string, string>;
  fills: Map<string, string>;
  visibility: string;
  validations: { address: string; source: string }[];
}

export interface MockTable {
  name: string;
  sheet: MockSheet;
  firstRow: number;
  firstColumn: number;
  lastRow: number;
  lastColumn: number;
}

export interface MockWorkbook {
  sheets: MockSheet[];
  tables: MockTable[];
  comments: { address: string; content: string }[];
  active: string | null;
  syncs: number;
  /** Biggest number of cells written or read by one range operation. */
  largestRange: number;
}

const key = (row: number, column: number) => `${row},${column}`;
const isError = (value: unknown) => typeof value === "string" && value.startsWith("Error,");

interface Box {
  firstRow: number;
  firstColumn: number;
  lastRow: number;
  lastColumn: number;
}

function box(address: string): Box {
  const local = address.slice(address.lastIndexOf("!") + 1);
  // Whole columns ("A:I").
  const whole = /^\$?([A-Z]+):\$?([A-Z]+)$/i.exec(local);
  if (whole) return { firstRow: 1, lastRow: 1_048_576, firstColumn: columnIndex(whole[1]!), lastColumn: columnIndex(whole[2]!) };
  return parseRangeAddress(local);
}

export function mockExcel(options: { requirement?: string } = {}) {
  const book: MockWorkbook = { sheets: [], tables: [], comments: [], active: null, syncs: 0, largestRange: 0 };
  const highest = options.requirement ?? "1.8";
  (globalThis as Record<string, unknown>).Office = new OfficeMockObject({
    context: {
      requirements: {
        isSetSupported: (name: string, version: string) => name === "ExcelApi" && Number(version.split(".")[1]) <= Number(highest.split(".")[1]),
      },
    },
  });

  let pending: (() => void)[] = [];
  let mocks: OfficeMockObject[] = [];

  const sheetNamed = (name: string) => book.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  const addSheet = (name: string) => {
    const sheet: MockSheet = { name, cells: new Map(), formats: new Map(), fills: new Map(), visibility: "Visible", validations: [] };
    book.sheets.push(sheet);
    return sheet;
  };

  function cellsOf(b: Box) {
    const rows = Math.min(b.lastRow, 100_000) - b.firstRow + 1;
    return { rows, columns: b.lastColumn - b.firstColumn + 1 };
  }

  function range(sheet: MockSheet, address: string) {
    const b = box(address);
    const { rows, columns } = cellsOf(b);
    const wholeColumns = b.lastRow === 1_048_576;
    const snapshot = (map: Map<string, unknown>, blank: unknown) =>
      wholeColumns ? [] : Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => map.get(key(b.firstRow + r, b.firstColumn + c)) ?? blank));
    const initialValues = snapshot(sheet.cells, "");
    const initialFormats = snapshot(sheet.formats as Map<string, unknown>, "General");
    const each = (fn: (k: string) => void) => {
      for (const [k] of [...sheet.cells, ...sheet.formats, ...sheet.fills]) {
        const [r, c] = k.split(",").map(Number) as [number, number];
        if (r >= b.firstRow && r <= b.lastRow && c >= b.firstColumn && c <= b.lastColumn) fn(k);
      }
    };
    const mock = new OfficeMockObject(
      {
        address: `'${sheet.name}'!${columnLetter(b.firstColumn)}${b.firstRow}:${columnLetter(b.lastColumn)}${b.lastRow}`,
        values: initialValues,
        numberFormat: initialFormats,
        format: {
          fill: {
            color: "",
            clear: () => each((k) => sheet.fills.delete(k)),
          },
          autofitColumns: () => undefined,
        },
        dataValidation: {
          clear: () => undefined,
        },
        clear: () =>
          each((k) => {
            sheet.cells.delete(k);
            sheet.formats.delete(k);
            sheet.fills.delete(k);
          }),
      },
      "excel" as never,
    );
    const m = mock as unknown as {
      values: unknown;
      numberFormat: unknown;
      format: { fill: { color: unknown } };
      dataValidation: { rule?: { list?: { source: string } } };
    };
    mocks.push(mock);
    pending.push(() => {
      const write = (value: unknown, initial: unknown, target: Map<string, unknown>) => {
        if (!Array.isArray(value) || value === initial) return;
        const grid = value as unknown[][];
        if (grid.length !== rows || grid.some((row) => row.length !== columns)) {
          throw new Error(`Dimensions incorrectes pour ${address} : ${grid.length}×${grid[0]?.length} au lieu de ${rows}×${columns}`);
        }
        book.largestRange = Math.max(book.largestRange, rows * columns);
        grid.forEach((row, r) => row.forEach((v, c) => target.set(key(b.firstRow + r, b.firstColumn + c), v)));
      };
      write(m.numberFormat, initialFormats, sheet.formats as Map<string, unknown>);
      write(m.values, initialValues, sheet.cells);
      const color = m.format.fill.color;
      if (typeof color === "string" && color !== "" && !isError(color)) {
        for (let r = b.firstRow; r <= b.lastRow; r++) for (let c = b.firstColumn; c <= b.lastColumn; c++) sheet.fills.set(key(r, c), color);
      }
      const rule = m.dataValidation.rule;
      if (rule?.list) sheet.validations.push({ address, source: rule.list.source });
    });
    return mock;
  }

  function worksheetProxy(sheet: MockSheet | undefined) {
    const mock = new OfficeMockObject({ name: sheet?.name ?? "" }, "excel" as never);
    mocks.push(mock);
    const proxy = mock as unknown as Record<string, unknown>;
    Object.defineProperty(proxy, "isNullObject", { value: !sheet });
    Object.defineProperty(proxy, "visibility", {
      set: (value: string) => {
        if (sheet) sheet.visibility = value;
      },
    });
    proxy.getRange = (address: string) => range(sheet!, address);
    proxy.activate = () => {
      book.active = sheet!.name;
    };
    proxy.tables = {
      add: (address: string, hasHeaders: boolean) => {
        if (!hasHeaders) throw new Error("en-têtes attendus");
        const b = box(address);
        const { firstRow, firstColumn, lastRow, lastColumn } = b;
        const table: MockTable = { name: `Tableau${book.tables.length + 1}`, sheet: sheet!, firstRow, firstColumn, lastRow, lastColumn };
        book.tables.push(table);
        return {
          set name(value: string) {
            if (book.tables.some((t) => t !== table && t.name.toLowerCase() === value.toLowerCase())) throw new Error("Nom de tableau déjà utilisé");
            table.name = value;
          },
        };
      },
    };
    return proxy;
  }

  function tableProxy(table: MockTable | undefined) {
    const tableRange = (b: Box) => range(table!.sheet, `${columnLetter(b.firstColumn)}${b.firstRow}:${columnLetter(b.lastColumn)}${b.lastRow}`);
    const worksheet = new OfficeMockObject({ name: table?.sheet.name ?? "" }, "excel" as never);
    mocks.push(worksheet);
    return {
      isNullObject: !table,
      worksheet,
      getRange: () => tableRange(table!),
      getHeaderRowRange: () => tableRange({ ...table!, lastRow: table!.firstRow }),
      getDataBodyRange: () => tableRange({ ...table!, firstRow: table!.firstRow + 1 }),
      delete: () => {
        book.tables = book.tables.filter((t) => t !== table);
      },
    };
  }

  const workbook = {
    worksheets: {
      getItemOrNullObject: (name: string) => worksheetProxy(sheetNamed(name)),
      getItem: (name: string) => {
        const sheet = sheetNamed(name);
        if (!sheet) throw new Error(`ItemNotFound: ${name}`);
        return worksheetProxy(sheet);
      },
      add: (name: string) => {
        if (sheetNamed(name)) throw new Error(`ItemAlreadyExists: ${name}`);
        return worksheetProxy(addSheet(name));
      },
    },
    tables: {
      getItemOrNullObject: (name: string) => tableProxy(book.tables.find((t) => t.name.toLowerCase() === name.toLowerCase())),
    },
    comments: {
      add: (address: string, content: string) => {
        book.comments.push({ address, content });
      },
      load: () => undefined,
      get items() {
        return book.comments.map((c) => ({ content: c.content, delete: () => (book.comments = book.comments.filter((x) => x !== c)) }));
      },
    },
  };

  const context = {
    workbook,
    async sync() {
      book.syncs += 1;
      const writes = pending;
      pending = [];
      for (const apply of writes) apply();
      // Every proxy of the current Excel.run is synced: a load() may come after an earlier sync.
      for (const mock of mocks) await mock.sync();
      // OfficeMockObject updates loaded properties in callbacks it does not await.
      await new Promise((resolve) => setTimeout(resolve, 0));
    },
  };

  (globalThis as Record<string, unknown>).Excel = {
    run: async <T>(callback: (ctx: typeof context) => Promise<T>) => {
      mocks = [];
      const result = await callback(context);
      await context.sync(); // Excel.run flushes what is still queued
      return result;
    },
  };

  /** Cell value by address ("F2") of a sheet. */
  const cell = (sheetName: string, address: string) => {
    const { firstRow, firstColumn } = parseRangeAddress(address);
    return sheetNamed(sheetName)?.cells.get(key(firstRow, firstColumn));
  };
  const setCell = (sheetName: string, address: string, value: unknown) => {
    const { firstRow, firstColumn } = parseRangeAddress(address);
    sheetNamed(sheetName)!.cells.set(key(firstRow, firstColumn), value);
  };
  const fill = (sheetName: string, address: string) => {
    const { firstRow, firstColumn } = parseRangeAddress(address);
    return sheetNamed(sheetName)?.fills.get(key(firstRow, firstColumn));
  };
  /** Addresses of the filled cells of a sheet. */
  const filled = (sheetName: string) =>
    [...(sheetNamed(sheetName)?.fills.keys() ?? [])].map((k) => {
      const [r, c] = k.split(",").map(Number) as [number, number];
      return `${columnLetter(c)}${r}`;
    });
  return { book, cell, setCell, fill, filled, addSheet, sheet: sheetNamed };
}

export function unmockExcel(): void {
  delete (globalThis as Record<string, unknown>).Excel;
  delete (globalThis as Record<string, unknown>).Office;
}
