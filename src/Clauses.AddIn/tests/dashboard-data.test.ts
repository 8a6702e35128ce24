import { afterEach, describe, expect, it } from "vitest";
import { isSliceChart, maskedNoteText, monthSeries, readDashboard, sliceSeries, wrapLabel, type SparDashboard, type SparMonth } from "../src/dashboard/data.js";

afterEach(() => document.body.replaceChildren());

const month = (m: number, hours: number, cumulative: number, target: number | null): SparMonth => ({
  month: `2026-${String(m).padStart(2, "0")}-01`, label: `mois ${m}`, hours, cumulativeHours: cumulative, cumulativeTarget: target,
});

const dashboard = (over: Partial<SparDashboard> = {}): SparDashboard => ({
  organisationName: "Métropole", year: 2026, asOf: "2026-03-15",
  months: [month(1, 10, 10, 100), month(2, 20, 30, 200), month(3, 5, 35, 300), month(4, 0, 35, 400)],
  hoursByInstrument: [], hoursByModality: [], hoursBySector: [], hoursByContractor: [], hoursByTerritory: [], peopleByPublic: [], peopleByProfile: [],
  ...over,
});

describe("dashboard data", () => {
  it("reads the dashboard embedded in the page, and nothing from a missing or broken island", () => {
    expect(readDashboard(document)).toBeNull();
    document.body.innerHTML = `<script type="application/json" id="spar-data">{"months": [], "year": 2026}</script>`;
    expect(readDashboard(document)?.year).toBe(2026);
    document.body.innerHTML = `<script type="application/json" id="spar-data">{"months": </script>`;
    expect(readDashboard(document)).toBeNull();
  });

  it("plots the server's monthly values, the cumulative line stopping at the as-of month", () => {
    const s = monthSeries(dashboard());
    expect(s.labels).toEqual(["mois 1", "mois 2", "mois 3", "mois 4"]);
    expect(s.hours).toEqual([10, 20, 5, 0]);
    expect(s.cumulative).toEqual([10, 30, 35, null]);
    expect(s.target).toEqual([100, 200, 300, 400]);
  });

  it("draws no target line without a yearly hours target, and a whole past year", () => {
    const s = monthSeries(dashboard({ asOf: "2026-12-31", months: [month(1, 10, 10, null), month(12, 0, 10, null)] }));
    expect(s.target).toBeNull();
    expect(s.cumulative).toEqual([10, 10]);
  });

  it("leaves counts masked by the small-cell rule out of the chart, keeping the server's displays", () => {
    const s = sliceSeries([
      { code: "sexe:F", label: "Femmes", value: 21, display: "21" },
      { code: "sexe:X", label: "Autre", value: 0, display: "< 5" },
      { code: "age:50_plus", label: "50 ans et plus", value: 1234, display: "1\u202f234" },
    ]);
    expect(s.values).toEqual([21, 1234]);
    expect(s.displays).toEqual(["21", "1\u202f234"]);
    expect(s.groups).toEqual(["sexe", "age"]);
    expect(s.masked).toBe(1);
    expect(maskedNoteText(1)).toContain("1 catégorie");
    expect(maskedNoteText(4)).toContain("4 catégories");
  });

  it("wraps long labels on two lines at spaces, with an ellipsis when they do not fit", () => {
    expect(wrapLabel("Services", 32)).toEqual(["Services"]);
    expect(wrapLabel("Embauche directe (CDI, CDD, alternance, contrat aidé)", 32)).toEqual(["Embauche directe (CDI, CDD,", "alternance, contrat aidé)"]);
    const long = wrapLabel("Jeune de moins de 26 ans sans qualification ou sorti du système scolaire depuis 6 mois", 32);
    expect(long).toHaveLength(2);
    expect(long[1]?.endsWith("…")).toBe(true);
    expect(long.every((l) => l.length <= 32)).toBe(true);
  });

  it("knows which containers are breakdown charts", () => {
    expect(isSliceChart("public")).toBe(true);
    expect(isSliceChart("months")).toBe(false);
    expect(isSliceChart("toString")).toBe(false);
  });
});
