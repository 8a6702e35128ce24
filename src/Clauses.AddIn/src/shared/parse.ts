// French number input: "1 000 000", "1 000 000,50" (spaces, NBSP U+00A0, narrow NBSP U+202F),
// "5 %", "30 €". Percent fields hold 0–100 (comma decimals) and are sent to the API as 0–1.

export type Parsed = { ok: true; value: number | null } | { ok: false; message: string };

const SPACES = /[\s\u00a0\u202f\u2009\u2007']/g;

/** A French decimal number; empty text gives null. Grouping dots ("1.000.000") are accepted
 *  when a comma is the decimal mark or when there are several of them. */
export function parseFrenchNumber(text: string, unit?: "%" | "€"): Parsed {
  let s = text.replace(SPACES, "");
  if (unit === "%") s = s.replace(/%$/, "");
  if (unit === "€") s = s.replace(/(€|EUR|euros?)$/i, "");
  if (s === "") return { ok: true, value: null };
  if (s.includes(",")) {
    s = s.replace(/\./g, "");
    if ((s.match(/,/g) ?? []).length > 1) return invalid();
    s = s.replace(",", ".");
  } else if ((s.match(/\./g) ?? []).length > 1) {
    s = s.replace(/\./g, "");
  }
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s)) return invalid();
  const value = Number(s);
  return Number.isFinite(value) ? { ok: true, value } : invalid();
}

function invalid(): Parsed {
  return { ok: false, message: "Saisissez un nombre, par exemple 1 000 000 ou 12,5." };
}

/** An amount in euros: ≥ 0. */
export function parseAmount(text: string): Parsed {
  const parsed = parseFrenchNumber(text, "€");
  if (parsed.ok && parsed.value !== null && parsed.value < 0) return { ok: false, message: "Le montant ne peut pas être négatif." };
  return parsed;
}

/** A percentage typed as 0–100 ("5", "5 %", "12,5"), returned as a fraction (0.05, 0.125). */
export function parsePercent(text: string): Parsed {
  const parsed = parseFrenchNumber(text, "%");
  if (!parsed.ok || parsed.value === null) return parsed;
  if (parsed.value < 0 || parsed.value > 100) return { ok: false, message: "Saisissez un pourcentage entre 0 et 100." };
  return { ok: true, value: roundTo(parsed.value / 100, 8) };
}

/** A fraction (0.05) shown as a percentage for an input ("5"; "12,5"). */
export function percentText(fraction: number | string | null | undefined): string {
  if (fraction === null || fraction === undefined || fraction === "") return "";
  const value = Number(fraction);
  return Number.isFinite(value) ? numberText(roundTo(value * 100, 6)) : "";
}

/** A number shown for an input, French style ("1 000 000", "1 000 000,5"). */
export function numberText(value: number | string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const n = Number(value);
  return Number.isFinite(n) ? n.toLocaleString("fr-FR", { maximumFractionDigits: 6 }).replace(/[\u00a0\u202f]/g, " ") : "";
}

function roundTo(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
