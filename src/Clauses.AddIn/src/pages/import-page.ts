// Import page for facilitators without the add-in: sign in (demo users; no Office here), pick an
// organisation and a contract, download the month's template, upload an .xlsx (file picker or
// drag-and-drop), follow the background job, then see the counts, or the errors with a link to
// the annotated workbook.

import type { ContractSummary } from "../shared/api.js";
import { renderContractPicker } from "../shared/contract-picker.js";
import { h, replaceChildren } from "../shared/dom.js";
import { button, field, selectInput, setFieldError, whileBusy } from "../shared/forms.js";
import type { Workspace } from "../shared/home.js";
import { hoursApi, type ImportError, type Job } from "../shared/hours-api.js";
import { progressView, rowsProgressText, saveBlob } from "../shared/progress.js";
import { periodCellText, periodLabel, periodOf, previousMonth, recentMonths } from "../excel/cells.js";
import { isFacilitator } from "../excel/excel-app.js";

/** Errors listed in the page; the annotated workbook holds them all. */
const MAX_LISTED_ERRORS = 500;

export interface ImportPageOptions {
  pollMs?: number;
  today?: () => Date;
  wait?: (ms: number) => Promise<void>;
}

const fr = (n: number) => n.toLocaleString("fr-FR").replace(/[\u00a0\u202f]/g, " ");

/** "F12" for a column letter; "Heures, ligne 12" for a column name. */
export function cellName(error: Pick<ImportError, "column" | "row">): string {
  const column = error.column ?? "";
  if (/^[A-Z]{1,3}$/i.test(column) && error.row) return `${column.toUpperCase()}${error.row}`;
  if (column && error.row) return `${column}, ligne ${error.row}`;
  if (error.row) return `ligne ${error.row}`;
  return column || "—";
}

/** The job as the page shows it: progress while it runs, counts on success, errors on failure. */
export function renderJob(job: Job, onDownloadAnnotated: (path: string) => void): HTMLElement {
  const root = h("div", { class: "job", "data-status": job.status, "data-testid": "job" });
  if (job.status === "en_attente" || job.status === "en_cours") {
    const progress = progressView("Avancement de l'import");
    const total = job.total ?? 0;
    const done = job.progress ?? 0;
    progress.update(done, total, job.status === "en_attente" || total === 0 ? "En attente de traitement…" : rowsProgressText(done, total));
    root.append(h("p", {}, job.status === "en_attente" ? "Fichier reçu : l'import va commencer." : "Import en cours…"), progress.element);
    return root;
  }
  if (job.status === "termine") {
    const r = job.result ?? { accepted: 0, replaced: 0, unchanged: 0 };
    const part = (n: number, one: string, many: string) => `${fr(n)} ${n > 1 ? many : one}`;
    root.append(
      h("p", { class: "status", role: "status", "data-testid": "import-counts" }, `Import terminé : ${part(r.accepted, "ligne acceptée", "lignes acceptées")}, ${part(r.replaced, "remplacée", "remplacées")}, ${part(r.unchanged, "inchangée", "inchangées")}.`),
    );
    return root;
  }
  const problem = job.problem ?? {};
  const errors = problem.errors ?? [];
  root.append(
    h("p", { class: "banner warning", role: "alert" }, problem.title || "L'import a échoué.", problem.detail ? ` ${problem.detail}` : ""),
  );
  if (errors.length > 0) {
    root.append(
      h("p", {}, `${fr(errors.length)} ${errors.length > 1 ? "erreurs" : "erreur"} : aucune ligne n'a été enregistrée ; corrigez le classeur puis importez-le de nouveau.`),
      h(
        "table",
        { class: "errors-table", "data-testid": "import-errors" },
        h("caption", {}, "Erreurs du classeur"),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Feuille"), h("th", { scope: "col" }, "Cellule"), h("th", { scope: "col" }, "Message"))),
        h("tbody", {}, ...errors.slice(0, MAX_LISTED_ERRORS).map((e) => h("tr", {}, h("td", {}, e.sheet ?? "—"), h("td", {}, cellName(e)), h("td", {}, e.message)))),
      ),
    );
    if (errors.length > MAX_LISTED_ERRORS) {
      root.append(h("p", { class: "hint" }, `… et ${fr(errors.length - MAX_LISTED_ERRORS)} autres erreurs, toutes indiquées dans le classeur annoté.`));
    }
  }
  if (job.annotatedWorkbook) {
    const path = job.annotatedWorkbook;
    root.append(button("Télécharger le classeur annoté", { class: "primary", "data-action": "annotated" }, () => onDownloadAnnotated(path)));
  }
  return root;
}

export class ImportPage {
  private readonly pollMs: number;
  private readonly today: () => Date;
  private readonly wait: (ms: number) => Promise<void>;

  constructor(private readonly workspace: Workspace, options: ImportPageOptions = {}) {
    this.pollMs = options.pollMs ?? 1000;
    this.today = options.today ?? (() => new Date());
    this.wait = options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  start(): void {
    const { me, organisationId } = this.workspace;
    const all = me.memberships.filter((m) => m.roles.includes("facilitateur")).length > 1 && isFacilitator(me, organisationId);
    this.show(
      renderContractPicker({
        api: this.workspace.api,
        organisationId: all ? null : organisationId,
        reportError: (error) => this.workspace.reportError(error),
        onPick: (contract) => this.openContract(contract),
        organisationName: (id) => me.memberships.find((m) => m.organisationId === id)?.organisationName,
        heading: "Importer des heures : choisissez le marché",
      }),
    );
  }

  openContract(contract: Pick<ContractSummary, "id" | "reference" | "title">): void {
    const today = this.today();
    const months = recentMonths(periodOf(today.getFullYear(), today.getMonth() + 1), 24).map((p) => ({ code: p, label: periodLabel(p) }));
    const period = selectInput("period", months, previousMonth(today));
    const template = button("Télécharger le modèle", { class: "link", "data-action": "template" });
    template.addEventListener("click", () =>
      void whileBusy([template], null, async () => {
        this.workspace.clearError();
        try {
          const blob = await this.workspace.api.getBlob(hoursApi.workbookPath(contract.id) + `?period=${encodeURIComponent(period.value)}`);
          saveBlob(blob, `Heures ${contract.reference} ${periodCellText(period.value).replace("/", "-")}.xlsx`);
        } catch (error) {
          await this.workspace.reportError(error);
        }
      }),
    );

    const file = h("input", { type: "file", name: "file", id: "import-file", accept: ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    let chosen: File | null = null;
    const chosenLine = h("p", { class: "hint", "data-testid": "chosen-file", "aria-live": "polite" }, "Aucun fichier choisi.");
    const choose = (f: File | null) => {
      chosen = f;
      setFieldError(file, null);
      chosenLine.textContent = f ? `Fichier choisi : ${f.name} (${fr(Math.ceil(f.size / 1024))} Ko)` : "Aucun fichier choisi.";
    };
    file.addEventListener("change", () => choose(file.files?.[0] ?? null));
    const drop = h("div", { class: "drop-zone", "data-testid": "drop-zone" }, "… ou déposez le fichier .xlsx ici");
    drop.addEventListener("dragover", (event) => {
      event.preventDefault();
      drop.classList.add("over");
    });
    drop.addEventListener("dragleave", () => drop.classList.remove("over"));
    drop.addEventListener("drop", (event) => {
      event.preventDefault();
      drop.classList.remove("over");
      choose(event.dataTransfer?.files?.[0] ?? null);
    });

    const jobArea = h("div", { class: "job-area", "aria-live": "polite" });
    const submit = h("button", { type: "submit", class: "primary", "data-action": "upload" }, "Importer le fichier");
    const form = h(
      "form",
      { class: "import-form", "aria-label": "Import d'un classeur" },
      field("Classeur Excel (.xlsx)", file, "Le classeur rempli à partir du modèle : une ligne par participant, lot, modalité et mois."),
      drop,
      chosenLine,
      h("div", { class: "actions" }, submit),
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      if (!chosen) return setFieldError(file, "Choisissez un fichier .xlsx.");
      if (!/\.xlsx$/i.test(chosen.name)) return setFieldError(file, "Le fichier doit être un classeur Excel .xlsx.");
      const picked = chosen;
      void whileBusy([submit], form, () => this.upload(contract.id, picked, jobArea));
    });

    this.show(
      h(
        "div",
        { class: "view import", "data-contract-id": contract.id },
        button("‹ Changer de marché", { class: "link", "data-action": "back" }, () => this.start()),
        h("h2", {}, `${contract.reference} — ${contract.title}`),
        h("h3", {}, "Modèle"),
        field("Mois du modèle", period),
        template,
        h("h3", {}, "Import"),
        form,
        jobArea,
      ),
    );
  }

  /** Uploads the file, then polls the job until it ends, showing each state. */
  async upload(contractId: string, file: Blob & { name: string }, area: HTMLElement): Promise<Job | null> {
    this.workspace.clearError();
    replaceChildren(area, h("p", { class: "loading" }, "Envoi du fichier…"));
    try {
      const { data } = await hoursApi.startImport(this.workspace.api, contractId, file, file.name);
      for (;;) {
        const job = await hoursApi.job(this.workspace.api, data.jobId);
        replaceChildren(area, renderJob(job, (path) => void this.download(path, file.name)));
        if (job.status === "termine" || job.status === "echoue") return job;
        await this.wait(this.pollMs);
      }
    } catch (error) {
      replaceChildren(area);
      await this.workspace.reportError(error);
      return null;
    }
  }

  private async download(path: string, original: string): Promise<void> {
    try {
      saveBlob(await this.workspace.api.getBlob(path), original.replace(/\.xlsx$/i, "") + " (annoté).xlsx");
    } catch (error) {
      await this.workspace.reportError(error);
    }
  }

  private show(view: HTMLElement): void {
    replaceChildren(this.workspace.section, view);
    const heading = view.querySelector<HTMLElement>("h2");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: false });
    }
  }
}
