// Chart.js, bundled locally (no CDN) with only the pieces these charts use, so esbuild leaves the rest out.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";
import { formatHours, type MonthSeries, type SliceSeries } from "./data.js";

Chart.register(BarController, BarElement, LineController, LineElement, PointElement, CategoryScale, LinearScale, Tooltip, Legend);

const ACCENT = "#0f6cbd";
const ACCENT_LIGHT = "#9ccbf5";
const TARGET = "#bc4b09";
const TEXT_MUTED = "#5c5c5c";
// The profile chart's dimensions (sex, age, QPV) each get their colour; other breakdowns use the accent.
const GROUP_COLOURS: Record<string, string> = { "": ACCENT, sexe: ACCENT, age: "#8764b8", qpv: "#0e700e" };

Chart.defaults.locale = "fr-FR";
Chart.defaults.color = TEXT_MUTED;
Chart.defaults.font.family = '"Segoe UI", -apple-system, BlinkMacSystemFont, Roboto, "Helvetica Neue", Arial, sans-serif';
// A dashboard is read, not watched: drawn at once, which also keeps screenshots stable.
Chart.defaults.animation = false;

const axisHours = (value: string | number) => formatHours(Number(value));

export function drawMonths(canvas: HTMLCanvasElement, s: MonthSeries): Chart {
  return new Chart(canvas, {
    data: {
      labels: s.labels,
      datasets: [
        { type: "bar", label: "Heures du mois", data: s.hours, backgroundColor: ACCENT_LIGHT, yAxisID: "month", order: 3, pointStyle: "rect" },
        {
          type: "line", label: "Cumul de l'année", data: s.cumulative, borderColor: ACCENT, backgroundColor: ACCENT,
          yAxisID: "cumul", pointRadius: 3, borderWidth: 2, order: 1,
        },
        ...(s.target
          ? [{
              type: "line" as const, label: "Cible cumulée", data: s.target, borderColor: TARGET, backgroundColor: TARGET,
              borderDash: [6, 4], yAxisID: "cumul", pointRadius: 0, borderWidth: 2, order: 2, pointStyle: "line" as const,
            }]
          : []),
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: "index", intersect: false },
      plugins: {
        legend: { position: "bottom", labels: { usePointStyle: true, boxHeight: 8 } },
        tooltip: { callbacks: { label: (c) => `${c.dataset.label ?? ""} : ${formatHours(Number(c.parsed.y))}` } },
      },
      scales: {
        month: { type: "linear", position: "left", beginAtZero: true, title: { display: true, text: "Heures du mois" }, ticks: { callback: axisHours } },
        cumul: {
          type: "linear", position: "right", beginAtZero: true, title: { display: true, text: "Cumul de l'année" },
          grid: { drawOnChartArea: false }, ticks: { callback: axisHours },
        },
      },
    },
  });
}

export function drawSlices(canvas: HTMLCanvasElement, s: SliceSeries, unit: string): Chart {
  return new Chart(canvas, {
    type: "bar",
    data: { labels: s.labels, datasets: [{ label: unit, data: s.values, backgroundColor: s.groups.map((g) => GROUP_COLOURS[g] ?? ACCENT), maxBarThickness: 22 }] },
    options: {
      indexAxis: "y",
      responsive: true,
      maintainAspectRatio: false,
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => s.fullLabels[items[0]?.dataIndex ?? 0] ?? "",
            label: (c) => s.displays[c.dataIndex] ?? "",
          },
        },
      },
      scales: {
        x: { beginAtZero: true, ticks: { precision: 0 } },
        y: { ticks: { autoSkip: false } },
      },
    },
  });
}
