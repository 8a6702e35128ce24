// SPAR dashboard page (/tableau-de-bord): draws a chart in each [data-chart] container from the dashboard embedded in
// the page. The tables under the charts hold the same figures, so the page is complete without this script.
import { drawMonths, drawSlices } from "./charts.js";
import { isSliceChart, maskedNoteText, monthSeries, readDashboard, SLICE_CHARTS, sliceSeries } from "./data.js";

const PEOPLE = new Set(["public", "profile"]);

function maskedNote(masked: number): HTMLParagraphElement {
  const note = document.createElement("p");
  note.className = "chart-note";
  note.textContent = maskedNoteText(masked);
  return note;
}

/** Characters per label line: about a third of the chart's width, so labels are not clipped on a phone. */
function labelWidth(container: HTMLElement): number {
  const max = container.closest(".breakdown--wide") ? 56 : 32;
  return Math.max(14, Math.min(max, Math.floor(container.parentElement!.clientWidth / 15)));
}

function main(): void {
  const dashboard = readDashboard(document);
  if (!dashboard) return;
  for (const container of document.querySelectorAll<HTMLElement>("[data-chart]")) {
    const canvas = container.querySelector("canvas");
    const name = container.dataset.chart ?? "";
    if (!canvas) continue;
    if (name === "months") {
      container.hidden = false;
      drawMonths(canvas, monthSeries(dashboard));
    } else if (isSliceChart(name)) {
      const series = sliceSeries(dashboard[SLICE_CHARTS[name]], labelWidth(container));
      if (series.values.length === 0) continue;
      if (series.masked > 0) container.after(maskedNote(series.masked));
      // One row per category, so long French labels stay readable.
      container.style.height = `${Math.max(140, 38 * series.values.length + 50)}px`;
      container.hidden = false;
      drawSlices(canvas, series, PEOPLE.has(name) ? "Personnes" : "Heures");
    } else {
      continue;
    }
    container.dataset.chartReady = "true";
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", main);
else main();
