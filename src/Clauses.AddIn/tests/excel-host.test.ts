import { afterEach, describe, expect, it } from "vitest";
import { clearMarks, createHoursSheet, ERROR_FILL, markCells, readHoursTable, replaceHoursTable, TableMissingError, type SheetSpec } from "../src/excel/excel-host.js";
import { HEADERS, COLUMNS } from "../src/excel/hours-sheet.js";
import { mockExcel, unmockExcel } from "./excel-mock.js";

afterEach(unmockExcel);

function spec(rows: number, participants = 3): SheetSpec {
  return {
    sheetName: "Heures 03-2025",
    tableName: "Heures_2025_03",
    headers: HEADERS,
    rows: Array.from({ length: rows }, (_, i) => [1 + (i % 3), `NOM${i} Prénom – P-${String(i).padStart(6, "0")}`, "12345678900012", "Intérim d'insertion (ETTI)", "03/2025", 35 + (i % 10), "", `JUST-${i}`, ""]),
    numberFormats: COLUMNS.map((c) => c.format),
    lists: [
      { column: 0, title: "Lots", values: [1, 2, 3] },
      { column: 1, title: "Participants", values: Array.from({ length: participants }, (_, i) => `NOM${i} Prénom – P-${String(i).padStart(6, "0")}`) },
      { column: 3, title: "Modalités", values: ["Embauche directe", "Intérim d'insertion (ETTI)"] },
    ],
  };
}

describe("excel-host (Excel mocked on office-addin-mock)", () => {
  it("creates the sheet: French headers, rows written in chunks, a named table, drop-down lists on a hidden sheet", async () => {
    const excel = mockExcel();
    const progress: number[] = [];

    expect(await createHoursSheet(spec(10_000, 5_000), (done) => progress.push(done))).toBe(true);

    expect(excel.book.syncs).toBeLessThanOrEqual(10);
    expect(excel.book.largestRange).toBeLessThanOrEqual(2000 * HEADERS.length);
    expect(progress).toEqual([2000, 4000, 6000, 8000, 10000]);
    expect(HEADERS.map((_, i) => excel.cell("Heures 03-2025", `${String.fromCharCode(65 + i)}1`))).toEqual([
      "Lot", "Participant", "SIRET employeur", "Modalité", "Période", "Heures", "Montant facturé HT (€)", "Justificatif", "Erreurs",
    ]);
    expect(excel.cell("Heures 03-2025", "B10001")).toBe("NOM9999 Prénom – P-009999");
    expect(excel.cell("Heures 03-2025", "E2")).toBe("03/2025");
    expect(excel.sheet("Heures 03-2025")!.formats.get("2,4")).toBe("@"); // Période kept as text
    expect(excel.book.tables.map((t) => [t.name, t.sheet.name, t.firstRow, t.lastRow, t.lastColumn])).toEqual([["Heures_2025_03", "Heures 03-2025", 1, 10001, 8]]);
    const lists = excel.sheet("Listes")!;
    expect(lists.visibility).toBe("Hidden");
    expect(excel.cell("Listes", "B5001")).toBe("NOM4999 Prénom – P-004999");
    expect(excel.sheet("Heures 03-2025")!.validations.map((v) => v.source)).toEqual(["=Listes!$A$2:$A$4", "=Listes!$B$2:$B$5001", "=Listes!$C$2:$C$3"]);
    expect(excel.book.active).toBe("Heures 03-2025");
  });

  it("does not overwrite an existing sheet", async () => {
    const excel = mockExcel();
    excel.addSheet("Heures 03-2025");
    expect(await createHoursSheet(spec(2))).toBe(false);
    expect(excel.book.tables).toEqual([]);
  });

  it("without ExcelApi 1.8 the sheet is made without drop-down lists", async () => {
    const excel = mockExcel({ requirement: "1.7" });
    await createHoursSheet(spec(3));
    expect(excel.sheet("Heures 03-2025")!.validations).toEqual([]);
    expect(excel.book.tables).toHaveLength(1);
  });

  it("reads 10 000 rows in chunks, with their sheet row numbers", async () => {
    const excel = mockExcel();
    await createHoursSheet(spec(10_000));
    excel.setCell("Heures 03-2025", "F3", "36,5");
    excel.book.syncs = 0;
    const progress: number[] = [];

    const read = await readHoursTable("Heures_2025_03", (done) => progress.push(done));

    expect(read.headers).toEqual(HEADERS);
    expect(read.sheetName).toBe("Heures 03-2025");
    expect(read.rows).toHaveLength(10_000);
    expect(read.rows[1]).toEqual({ row: 3, values: [2, "NOM1 Prénom – P-000001", "12345678900012", "Intérim d'insertion (ETTI)", "03/2025", "36,5", "", "JUST-1", ""] });
    expect(read.rows.at(-1)!.row).toBe(10_001);
    expect(progress).toEqual([2000, 4000, 6000, 8000, 10000]);
    expect(excel.book.syncs).toBeLessThanOrEqual(8);
  });

  it("says the table is missing in French", async () => {
    mockExcel();
    await expect(readHoursTable("Heures_2025_03")).rejects.toBeInstanceOf(TableMissingError);
    await expect(readHoursTable("Heures_2025_03")).rejects.toThrow("Le tableau « Heures_2025_03 » est introuvable");
  });

  it("markCells colours exactly the faulty cells and writes the messages in Erreurs; clearMarks removes them", async () => {
    const excel = mockExcel();
    await createHoursSheet(spec(5));

    await markCells("Heures_2025_03", [
      { row: 3, column: "Heures", message: "Plus de 208 heures dans le mois." },
      { row: 3, column: "Période", message: "Mois hors de l'exécution du marché." },
      { row: 5, column: "Participant", message: "Participant inconnu." },
      { row: 6, column: null, message: "Relevé verrouillé." },
      { row: 900, column: "Heures", message: "Hors du tableau" },
    ]);

    expect(excel.filled("Heures 03-2025").sort()).toEqual(["B5", "E3", "F3"]);
    expect(excel.fill("Heures 03-2025", "F3")).toBe(ERROR_FILL);
    expect(excel.cell("Heures 03-2025", "I3")).toBe("Heures : Plus de 208 heures dans le mois. ; Période : Mois hors de l'exécution du marché.");
    expect(excel.cell("Heures 03-2025", "I5")).toBe("Participant : Participant inconnu.");
    expect(excel.cell("Heures 03-2025", "I6")).toBe("Relevé verrouillé.");
    expect(excel.cell("Heures 03-2025", "I2")).toBe("");
    expect(excel.book.comments).toEqual([]); // comments need ExcelApi 1.10

    await clearMarks("Heures_2025_03");
    expect(excel.filled("Heures 03-2025")).toEqual([]);
    expect(["I3", "I5", "I6"].map((a) => excel.cell("Heures 03-2025", a))).toEqual(["", "", ""]);
  });

  it("with ExcelApi 1.10 each faulty cell also gets a comment, removed by clearMarks", async () => {
    const excel = mockExcel({ requirement: "1.10" });
    await createHoursSheet(spec(3));
    await markCells("Heures_2025_03", [{ row: 2, column: "Heures", message: "Plus de 208 heures dans le mois." }]);
    expect(excel.book.comments).toEqual([{ address: "'Heures 03-2025'!F2", content: "Clauses : Plus de 208 heures dans le mois." }]);
    await clearMarks("Heures_2025_03");
    expect(excel.book.comments).toEqual([]);
  });

  it("replaceHoursTable rewrites the table in the same sheet (Actualiser)", async () => {
    const excel = mockExcel();
    await createHoursSheet(spec(6));
    await markCells("Heures_2025_03", [{ row: 7, column: "Heures", message: "x" }]);
    await replaceHoursTable(spec(2));
    expect(excel.book.tables.map((t) => [t.name, t.sheet.name, t.lastRow])).toEqual([["Heures_2025_03", "Heures 03-2025", 3]]);
    expect(excel.cell("Heures 03-2025", "B3")).toBe("NOM1 Prénom – P-000001");
    expect(excel.cell("Heures 03-2025", "B7")).toBeUndefined();
    expect(excel.filled("Heures 03-2025")).toEqual([]);
  });
});
