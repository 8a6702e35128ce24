// The SPAR dashboard embedded in the page (<script type="application/json" id="spar-data">, the same JSON as
// GET /api/spar/dashboard without the contract and clause lists, which no chart draws) turned into chart series. Figures are never recomputed here: the charts plot the values the
// server sent and their tooltips show its French displays.

export interface SparMonth {
  month: string; // "2026-03-01"
  label: string;
  hours: number;
  cumulativeHours: number;
  cumulativeTarget: number | null;
}

export interface SparSlice {
  code: string;
  label: string;
  value: number;
  display: string;
}

export interface SparDashboard {
  organisationName: string;
  year: number;
  asOf: string; // "2026-11-22"
  months: SparMonth[];
  hoursByInstrument: SparSlice[];
  hoursByModality: SparSlice[];
  hoursBySector: SparSlice[];
  hoursByContractor: SparSlice[];
  hoursBySiae: SparSlice[];
  hoursByTerritory: SparSlice[];
  peopleByPublic: SparSlice[];
  peopleByProfile: SparSlice[];
}

/** What a chart container's data-chart attribute names. */
export const SLICE_CHARTS = {
  instrument: "hoursByInstrument",
  modality: "hoursByModality",
  sector: "hoursBySector",
  contractor: "hoursByContractor",
  siae: "hoursBySiae",
  territory: "hoursByTerritory",
  public: "peopleByPublic",
  profile: "peopleByProfile",
} as const satisfies Record<string, keyof SparDashboard>;

export type SliceChart = keyof typeof SLICE_CHARTS;

export function isSliceChart(name: string): name is SliceChart {
  return Object.prototype.hasOwnProperty.call(SLICE_CHARTS, name);
}

/** The dashboard from the page's JSON island, or null when it is missing or unreadable. */
export function readDashboard(doc: Document): SparDashboard | null {
  const text = doc.getElementById("spar-data")?.textContent;
  if (!text) return null;
  try {
    const data = JSON.parse(text) as Partial<SparDashboard>;
    return Array.isArray(data.months) ? (data as SparDashboard) : null;
  } catch {
    return null;
  }
}

export interface MonthSeries {
  labels: string[];
  hours: number[];
  /** Cumulated hours; null for the months after the as-of date (not yet lived, so no point on the line). */
  cumulative: (number | null)[];
  /** Cumulative target; absent when the director set no yearly hours target. */
  target: (number | null)[] | null;
}

export function monthSeries(d: SparDashboard): MonthSeries {
  const asOf = d.asOf.slice(0, 7); // "2026-11"
  return {
    labels: d.months.map((m) => m.label),
    hours: d.months.map((m) => m.hours),
    cumulative: d.months.map((m) => (m.month.slice(0, 7) <= asOf ? m.cumulativeHours : null)),
    target: d.months.some((m) => m.cumulativeTarget !== null) ? d.months.map((m) => m.cumulativeTarget) : null,
  };
}

/** The small-cell rule's mark: such a count carries 0 and must not be drawn as "nobody". */
export const MASKED = "< 5";

export interface SliceSeries {
  /** Axis labels, wrapped on up to two lines. */
  labels: string[][];
  fullLabels: string[];
  values: number[];
  displays: string[];
  /** The group of each bar ("sexe", "age", "qpv" for the profile; "" elsewhere), to colour the bars by dimension. */
  groups: string[];
  /** How many categories are masked (< 5 persons) and left to the table. */
  masked: number;
}

export function sliceSeries(slices: SparSlice[], width = 32): SliceSeries {
  const shown = slices.filter((s) => s.display !== MASKED);
  return {
    labels: shown.map((s) => wrapLabel(s.label, width)),
    fullLabels: shown.map((s) => s.label),
    values: shown.map((s) => s.value),
    displays: shown.map((s) => s.display),
    groups: shown.map((s) => (s.code.includes(":") ? s.code.slice(0, s.code.indexOf(":")) : "")),
    masked: slices.length - shown.length,
  };
}

/** Says under a chart that categories of fewer than 5 persons are in the table only (small-cell rule). */
export function maskedNoteText(masked: number): string {
  return masked === 1
    ? "1 catégorie de moins de 5 personnes n'est pas tracée : elle figure dans le tableau (« < 5 »)."
    : `${masked} catégories de moins de 5 personnes ne sont pas tracées : elles figurent dans le tableau (« < 5 »).`;
}

/** A label on at most `lines` lines of about `width` characters, cut at spaces; what does not fit ends with "…"
 * (the tooltip shows the whole label). */
export function wrapLabel(label: string, width: number, lines = 2): string[] {
  const out: string[] = [];
  let line = "";
  for (const word of label.split(/\s+/u).filter((w) => w !== "")) {
    if (line === "" || line.length + 1 + word.length <= width) {
      line = line === "" ? word : `${line} ${word}`;
      continue;
    }
    out.push(line);
    line = word;
    if (out.length === lines) break;
  }
  if (out.length < lines) {
    out.push(line);
    return out.map((l) => (l.length > width ? l.slice(0, width - 1) + "…" : l));
  }
  const last = out[lines - 1] ?? "";
  out[lines - 1] = (last.length > width - 1 ? last.slice(0, width - 1) : last).replace(/[\s,;:(–-]+$/u, "") + "…";
  return out.map((l, i) => (i < lines - 1 && l.length > width ? l.slice(0, width - 1) + "…" : l));
}

const hoursFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });

/** An hour value of the monthly chart as the page's tables write it ("3 545,3 h"). */
export function formatHours(hours: number): string {
  return `${hoursFormat.format(hours)}\u00a0h`;
}
