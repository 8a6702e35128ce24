// A labelled progress bar for long operations ("12 000 lignes sur 100 000"): a <progress> with
// aria-valuenow/aria-valuemax kept in step, and a polite text line.

import { h } from "./dom.js";

/** "12 000 lignes sur 100 000" (fr-FR grouping, plain spaces so screen readers and tests agree). */
export function rowsProgressText(done: number, total: number, noun: [string, string] = ["ligne", "lignes"]): string {
  const fr = (n: number) => n.toLocaleString("fr-FR").replace(/[\u00a0\u202f]/g, " ");
  return `${fr(done)} ${done > 1 ? noun[1] : noun[0]} sur ${fr(total)}`;
}

/** "1 ligne", "12 000 lignes". */
export function rowCount(count: number): string {
  return `${count.toLocaleString("fr-FR").replace(/[\u00a0\u202f]/g, " ")} ${count > 1 ? "lignes" : "ligne"}`;
}

export interface ProgressView {
  element: HTMLElement;
  /** Shows the bar with `done` of `total`; `label` replaces the default "n lignes sur m". */
  update(done: number, total: number, label?: string): void;
  hide(): void;
}

export function progressView(ariaLabel: string): ProgressView {
  const bar = h("progress", { max: 1, value: 0, "aria-label": ariaLabel, "aria-valuemin": 0 });
  const text = h("span", { class: "progress-text", "aria-live": "polite" });
  const element = h("div", { class: "progress rows-progress", hidden: true, "data-testid": "progress" }, text, bar);
  return {
    element,
    update(done, total, label) {
      element.hidden = false;
      const max = Math.max(1, total);
      const value = Math.min(Math.max(0, done), max);
      bar.max = max;
      bar.value = value;
      bar.setAttribute("aria-valuemax", String(max));
      bar.setAttribute("aria-valuenow", String(value));
      text.textContent = label ?? rowsProgressText(done, total);
    },
    hide() {
      element.hidden = true;
    },
  };
}

/** Lets the browser paint and handle input between two chunks of a long operation. */
export function yieldToUi(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Saves a Blob as a file (a temporary link, as task panes and pages allow). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = h("a", { href: url, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
