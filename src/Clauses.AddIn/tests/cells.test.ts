import { describe, expect, it } from "vitest";
import {
  cellLot,
  cellNumber,
  cellPeriod,
  cellSiret,
  columnIndex,
  columnLetter,
  excelSerialToDate,
  hoursSheetName,
  hoursTableName,
  modalityCode,
  parseRangeAddress,
  participantLabel,
  participantReference,
  periodLabel,
  previousMonth,
  recentMonths,
} from "../src/excel/cells.js";

const MODALITIES = [
  { code: "embauche_directe", label: "Embauche directe (CDI, CDD, alternance, contrat aidé)" },
  { code: "interim_etti", label: "Intérim d'insertion (ETTI)" },
];

describe("cells: what users type in the hours sheet", () => {
  it("reads numbers given as numbers or as French text", () => {
    expect(cellNumber(35.5)).toEqual({ ok: true, value: 35.5 });
    expect(cellNumber("35,5")).toEqual({ ok: true, value: 35.5 });
    expect(cellNumber(" 1 234,50 € ")).toEqual({ ok: true, value: 1234.5 });
    expect(cellNumber("1\u202f234,5")).toEqual({ ok: true, value: 1234.5 });
    expect(cellNumber("")).toEqual({ ok: true, value: null });
    expect(cellNumber(null)).toEqual({ ok: true, value: null });
    expect(cellNumber("trente")).toMatchObject({ ok: false, message: expect.stringContaining("Saisissez un nombre") });
    expect(cellNumber(true).ok).toBe(false);
  });

  it("reads Excel date serials, with the 1900 leap-year bug", () => {
    expect(excelSerialToDate(1)).toEqual({ year: 1900, month: 1, day: 1 });
    expect(excelSerialToDate(59)).toEqual({ year: 1900, month: 2, day: 28 });
    expect(excelSerialToDate(60)).toEqual({ year: 1900, month: 2, day: 29 }); // the day that never was
    expect(excelSerialToDate(61)).toEqual({ year: 1900, month: 3, day: 1 });
    expect(excelSerialToDate(45717)).toEqual({ year: 2025, month: 3, day: 1 });
    expect(excelSerialToDate(45747.75)).toEqual({ year: 2025, month: 3, day: 31 });
    expect(cellPeriod(45717)).toEqual({ ok: true, value: "2025-03-01" });
    expect(cellPeriod(45747)).toEqual({ ok: true, value: "2025-03-01" });
    expect(cellPeriod(60)).toEqual({ ok: true, value: "1900-02-01" });
  });

  it("reads periods typed as text, dates or timestamps", () => {
    for (const text of ["03/2025", "3/2025", "03-2025", "01/03/2025", "31/03/2025", "2025-03", "2025-03-01", "mars 2025", "Mars 2025", "MARS-2025", "mar. 2025", " mars  2025 "]) {
      expect(cellPeriod(text), text).toEqual({ ok: true, value: "2025-03-01" });
    }
    expect(cellPeriod("fevrier 2025")).toEqual({ ok: true, value: "2025-02-01" });
    expect(cellPeriod("août 2024")).toEqual({ ok: true, value: "2024-08-01" });
    expect(cellPeriod("aout 2024")).toEqual({ ok: true, value: "2024-08-01" });
    expect(cellPeriod(Date.UTC(2025, 2, 15))).toEqual({ ok: true, value: "2025-03-01" });
    expect(cellPeriod(new Date(2025, 2, 15))).toEqual({ ok: true, value: "2025-03-01" });
    expect(cellPeriod("45717")).toEqual({ ok: true, value: "2025-03-01" });
    expect(cellPeriod("")).toEqual({ ok: true, value: null });
    expect(cellPeriod("13/2025").ok).toBe(false);
    expect(cellPeriod("brumaire 2025").ok).toBe(false);
    expect(cellPeriod(-3).ok).toBe(false);
  });

  it("reads lots as numbers or text", () => {
    expect(cellLot(3)).toEqual({ ok: true, value: 3 });
    expect(cellLot("3")).toEqual({ ok: true, value: 3 });
    expect(cellLot("Lot 3")).toEqual({ ok: true, value: 3 });
    expect(cellLot("3 – Gros œuvre")).toEqual({ ok: true, value: 3 });
    expect(cellLot(2.5).ok).toBe(false);
    expect(cellLot("gros œuvre").ok).toBe(false);
  });

  it("takes the participant reference at the end of the Participant cell", () => {
    expect(participantReference("DUPONT Marie – P-000123")).toBe("P-000123");
    expect(participantReference("P-000123")).toBe("P-000123");
    expect(participantReference("DUPONT Marie (p-42) ")).toBe("P-42");
    expect(participantReference("DUPONT Marie")).toBeNull();
    expect(participantReference("P-1 DUPONT")).toBeNull();
    expect(participantLabel("P-000123", "DUPONT Marie")).toBe("DUPONT Marie – P-000123");
    expect(participantLabel("P-000123", null)).toBe("P-000123");
  });

  it("reads SIRETs and modalities", () => {
    expect(cellSiret("123 456 789 00012")).toBe("12345678900012");
    expect(cellSiret(2345678900012)).toBe("02345678900012");
    expect(modalityCode("Intérim d'insertion (ETTI)", MODALITIES)).toEqual({ ok: true, value: "interim_etti" });
    expect(modalityCode("interim d'insertion (etti)", MODALITIES)).toEqual({ ok: true, value: "interim_etti" });
    expect(modalityCode("embauche_directe", MODALITIES)).toEqual({ ok: true, value: "embauche_directe" });
    expect(modalityCode("Bénévolat", MODALITIES).ok).toBe(false);
  });

  it("names periods, sheets and tables", () => {
    expect(periodLabel("2025-03-01")).toBe("mars 2025");
    expect(hoursSheetName("2025-03-01")).toBe("Heures 03-2025");
    expect(hoursTableName("2025-03-01")).toBe("Heures_2025_03");
    expect(previousMonth(new Date(2025, 3, 10))).toBe("2025-03-01");
    expect(previousMonth(new Date(2025, 0, 10))).toBe("2024-12-01");
    expect(recentMonths("2025-02-01", 3)).toEqual(["2025-02-01", "2025-01-01", "2024-12-01"]);
  });

  it("converts column letters and range addresses", () => {
    expect([0, 8, 25, 26, 701].map(columnLetter)).toEqual(["A", "I", "Z", "AA", "ZZ"]);
    expect(columnIndex("AA")).toBe(26);
    expect(parseRangeAddress("'Heures 03-2025'!B2:J101")).toEqual({ sheet: "Heures 03-2025", firstColumn: 1, firstRow: 2, lastColumn: 9, lastRow: 101 });
    expect(parseRangeAddress("Feuil1!$A$1")).toEqual({ sheet: "Feuil1", firstColumn: 0, firstRow: 1, lastColumn: 0, lastRow: 1 });
  });
});
