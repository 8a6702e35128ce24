// The Excel workspace, under the home once an organisation is chosen: pick a contract (a
// facilitator serving several organisations sees all their contracts), a month, then create,
// check, send or refresh the hours sheet, and validate the month's statement.

import { ApiError, type ContractSummary, type Me } from "../shared/api.js";
import { renderContractPicker } from "../shared/contract-picker.js";
import { h, replaceChildren } from "../shared/dom.js";
import { button, field, selectInput } from "../shared/forms.js";
import type { Workspace } from "../shared/home.js";
import { allParticipants, hoursApi, type ContractHours, type StatementInfo, type Term } from "../shared/hours-api.js";
import { progressView, rowCount, rowsProgressText } from "../shared/progress.js";
import { hoursTableName, periodLabel, periodOf, previousMonth, recentMonths } from "./cells.js";
import * as excelHost from "./excel-host.js";
import { ExcelUnavailableError, TableMissingError } from "./excel-host.js";
import { checkSummary, outcomeOf, parseTable, sendInBatches, sendSummary, sheetSpec, SheetLayoutError, totalHours, type SheetData } from "./hours-sheet.js";

export type ExcelHost = Pick<typeof excelHost, "createHoursSheet" | "replaceHoursTable" | "readHoursTable" | "markCells" | "clearMarks" | "activateSheet" | "tableSheet">;

export const CONTRACT_KEY = "clauses.excel.contractId";
const MONTHS_SHOWN = 24;

export interface ExcelAppOptions {
  host?: ExcelHost;
  storage?: Storage;
  today?: () => Date;
}

/** Whether the user is a facilitator of `organisationId`. */
export function isFacilitator(me: Me, organisationId: string): boolean {
  return me.memberships.some((m) => m.organisationId === organisationId && m.roles.includes("facilitateur"));
}

/** Organisations the user serves as facilitator. */
const facilitatedOrganisations = (me: Me) => me.memberships.filter((m) => m.roles.includes("facilitateur"));

export class ExcelApp {
  private readonly host: ExcelHost;
  private readonly storage: Storage;
  private readonly today: () => Date;
  private modalities: Promise<Term[]> | null = null;

  constructor(private readonly workspace: Workspace, options: ExcelAppOptions = {}) {
    this.host = options.host ?? excelHost;
    this.storage = options.storage ?? window.sessionStorage;
    this.today = options.today ?? (() => new Date());
  }

  async start(): Promise<void> {
    const remembered = this.storage.getItem(CONTRACT_KEY);
    if (remembered) await this.openContract(remembered, true);
    else this.openPicker();
  }

  openPicker(): void {
    this.storage.removeItem(CONTRACT_KEY);
    const { me, organisationId } = this.workspace;
    // A facilitator serving several organisations sees the contracts of all of them.
    const all = facilitatedOrganisations(me).length > 1 && isFacilitator(me, organisationId);
    this.show(
      renderContractPicker({
        api: this.workspace.api,
        organisationId: all ? null : organisationId,
        reportError: (error) => this.reportError(error),
        onPick: (contract: ContractSummary) => void this.openContract(contract.id),
        organisationName: (id) => me.memberships.find((m) => m.organisationId === id)?.organisationName,
        heading: "Marchés suivis",
      }),
    );
  }

  async openContract(contractId: string, quietIfMissing = false): Promise<void> {
    this.show(h("p", { class: "loading" }, "Chargement du marché…"));
    try {
      const detail = await hoursApi.contract(this.workspace.api, contractId);
      this.storage.setItem(CONTRACT_KEY, contractId);
      const view = new HoursView(this, detail.contract, detail.lots.map((l) => ({ number: l.number, title: l.title })), previousMonth(this.today()), this.today());
      this.show(view.element);
      await view.loadPeriod();
    } catch (error) {
      this.openPicker();
      if (!(quietIfMissing && error instanceof ApiError && (error.status === 404 || error.status === 403))) await this.reportError(error);
    }
  }

  get api() {
    return this.workspace.api;
  }

  get me() {
    return this.workspace.me;
  }

  get excel(): ExcelHost {
    return this.host;
  }

  referenceModalities(): Promise<Term[]> {
    this.modalities ??= hoursApi.modalities(this.workspace.api).catch((error: unknown) => {
      this.modalities = null;
      throw error;
    });
    return this.modalities;
  }

  clearError(): void {
    this.workspace.clearError();
  }

  async reportError(error: unknown): Promise<void> {
    if (error instanceof ApiError) return this.workspace.reportError(error);
    if (error instanceof ExcelUnavailableError || error instanceof TableMissingError || error instanceof SheetLayoutError) {
      return this.workspace.showError(error.message);
    }
    const detail = error instanceof Error && error.message ? ` (${error.message})` : "";
    this.workspace.showError(`Excel n'a pas pu effectuer l'opération${detail}.`);
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

/** "Relevé de mars 2025 : brouillon (version 2)" / "… : validé le 12/04/2025 par … — verrouillé". */
export function statementText(period: string, statement: StatementInfo | null): string {
  const head = `Relevé de ${periodLabel(period)} : `;
  if (!statement || !statement.status) return `${head}aucune heure déclarée pour l'instant`;
  const version = statement.version && statement.version > 1 ? ` (version ${statement.version})` : "";
  if (statement.status === "valide") {
    const date = statement.validatedAt ? ` le ${new Date(statement.validatedAt).toLocaleDateString("fr-FR")}` : "";
    const by = statement.validatedBy ? ` par ${statement.validatedBy}` : "";
    return `${head}validé${date}${by}${version} — verrouillé`;
  }
  return `${head}brouillon${version}`;
}

class HoursView {
  readonly element: HTMLElement;
  private period: string;
  private statement: StatementInfo | null = null;
  private sheetData: Promise<SheetData> | null = null;
  private busy = false;
  private request = 0;
  private readonly statusLine = h("p", { class: "statement-status", "data-testid": "statement-status", "aria-live": "polite" });
  private readonly serverLine = h("p", { class: "hint", "data-testid": "server-records" });
  private readonly lockNote = h("p", { class: "banner warning", "data-testid": "locked", hidden: true });
  private readonly result = h("div", { class: "hours-result", role: "status", "aria-live": "polite", "data-testid": "result" });
  private readonly progress = progressView("Avancement");
  private readonly confirm = h("div", { class: "confirm-slot" });
  private readonly create = button("Créer la feuille de saisie", { class: "primary", "data-action": "create-sheet" });
  private readonly verify = button("Vérifier", { "data-action": "verify" });
  private readonly send = button("Envoyer", { "data-action": "send" });
  private readonly refresh = button("Actualiser", { "data-action": "refresh" });
  private readonly validate = button("Valider le relevé", { class: "secondary", "data-action": "validate" });
  private readonly correction = button("Ouvrir une correction", { class: "secondary", "data-action": "correction", hidden: true });
  private readonly facilitator: boolean;

  constructor(
    private readonly app: ExcelApp,
    private readonly contract: { id: string; organisationId: string; reference: string; title: string },
    private readonly lots: { number: number; title: string }[],
    defaultPeriod: string,
    today: Date,
  ) {
    this.period = defaultPeriod;
    this.facilitator = isFacilitator(app.me, contract.organisationId);
    const current = recentMonths(periodOf(today.getFullYear(), today.getMonth() + 1), MONTHS_SHOWN);
    const months = current.map((p) => ({ code: p, label: periodLabel(p) }));
    const picker = selectInput("period", months, defaultPeriod);
    picker.addEventListener("change", () => {
      this.period = picker.value;
      void this.loadPeriod();
    });
    const organisation = app.me.memberships.find((m) => m.organisationId === contract.organisationId)?.organisationName;

    this.create.addEventListener("click", () => void this.run(() => this.createSheet()));
    this.verify.addEventListener("click", () => void this.run(() => this.check(true)));
    this.send.addEventListener("click", () => void this.run(() => this.check(false)));
    this.refresh.addEventListener("click", () => void this.run(() => this.refreshSheet()));
    this.validate.addEventListener("click", () => this.askValidation());
    this.correction.addEventListener("click", () => void this.run(() => this.openCorrection()));
    if (!this.facilitator) this.validate.hidden = true;

    this.element = h(
      "div",
      { class: "view hours", "data-contract-id": contract.id },
      button("‹ Changer de marché", { class: "link", "data-action": "back" }, () => app.openPicker()),
      h("h2", {}, `${contract.reference} — ${contract.title}`),
      organisation ? h("p", { class: "hint" }, organisation) : null,
      field("Période", picker, "Mois des heures déclarées"),
      this.statusLine,
      this.serverLine,
      h("h3", {}, "Feuille de saisie"),
      h("div", { class: "actions" }, this.create, this.verify, this.send, this.refresh),
      this.lockNote,
      h("div", { class: "actions" }, this.validate, this.correction),
      this.confirm,
      this.progress.element,
      this.result,
    );
  }

  /** The statement and the server's records for the chosen month. */
  async loadPeriod(): Promise<ContractHours | null> {
    const current = ++this.request;
    this.statusLine.textContent = `Relevé de ${periodLabel(this.period)} : chargement…`;
    this.serverLine.textContent = "";
    replaceChildren(this.result);
    replaceChildren(this.confirm);
    try {
      const hours = await hoursApi.hours(this.app.api, this.contract.id, this.period);
      if (current !== this.request) return null;
      this.showStatement(hours.statement);
      this.serverLine.textContent =
        hours.rows.length === 0
          ? "Aucune heure enregistrée sur le serveur pour ce mois."
          : `Sur le serveur : ${rowCount(hours.rows.length)} (${totalHours(hours.rows)}).`;
      return hours;
    } catch (error) {
      if (current === this.request) await this.app.reportError(error);
      return null;
    }
  }

  private get locked(): boolean {
    return this.statement?.status === "valide";
  }

  private showStatement(statement: StatementInfo | null): void {
    this.statement = statement;
    this.statusLine.textContent = statementText(this.period, statement);
    this.statusLine.dataset.status = statement?.status ?? "aucun";
    this.lockNote.hidden = !this.locked;
    this.lockNote.textContent = this.locked
      ? `Le relevé de ${periodLabel(this.period)} est validé : il est verrouillé et « Envoyer » est désactivé. ${this.facilitator ? "Pour corriger des heures, ouvrez une correction (nouvelle version du relevé)." : "Demandez au facilitateur d'ouvrir une correction."}`
      : "";
    this.correction.hidden = !(this.locked && this.facilitator);
    this.updateButtons();
  }

  private updateButtons(): void {
    for (const b of [this.create, this.verify, this.refresh, this.correction]) b.disabled = this.busy;
    this.send.disabled = this.busy || this.locked;
    this.send.title = this.locked ? "Relevé validé : ouvrez une correction pour modifier les heures." : "";
    this.validate.disabled = this.busy || this.locked || !this.statement?.status;
  }

  private async run(action: () => Promise<void>): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.updateButtons();
    this.element.setAttribute("aria-busy", "true");
    this.app.clearError();
    replaceChildren(this.result);
    try {
      await action();
    } catch (error) {
      await this.app.reportError(error);
    } finally {
      this.busy = false;
      this.progress.hide();
      this.element.removeAttribute("aria-busy");
      this.updateButtons();
    }
  }

  private say(text: string, kind: "ok" | "warning" = "ok"): void {
    replaceChildren(this.result, h("p", { class: kind === "ok" ? "status" : "banner warning" }, text));
  }

  private data(): Promise<SheetData> {
    this.sheetData ??= (async () => {
      const [participants, modalities] = await Promise.all([allParticipants(this.app.api, this.contract.organisationId), this.app.referenceModalities()]);
      return { lots: this.lots, participants, modalities };
    })().catch((error: unknown) => {
      this.sheetData = null;
      throw error;
    });
    return this.sheetData;
  }

  private readonly onWrite = (done: number, total: number) => this.progress.update(done, total, `Écriture : ${rowsProgressText(done, total)}`);

  private async createSheet(): Promise<void> {
    this.progress.update(0, 1, "Chargement des heures du serveur…");
    const [hours, data] = await Promise.all([hoursApi.hours(this.app.api, this.contract.id, this.period), this.data()]);
    this.showStatement(hours.statement);
    const spec = sheetSpec(this.period, hours.rows, data);
    const created = await this.app.excel.createHoursSheet(spec, this.onWrite);
    if (!created) {
      const sheet = (await this.app.excel.tableSheet(spec.tableName)) ?? spec.sheetName;
      await this.app.excel.activateSheet(sheet).catch(() => undefined);
      this.say(`La feuille « ${sheet} » existe déjà : elle est affichée. Utilisez « Actualiser » pour la recharger depuis le serveur.`, "warning");
      return;
    }
    this.say(`Feuille « ${spec.sheetName} » créée : ${rowCount(spec.rows.length)}.`);
  }

  private async refreshSheet(): Promise<void> {
    this.progress.update(0, 1, "Chargement des heures du serveur…");
    const [hours, data] = await Promise.all([hoursApi.hours(this.app.api, this.contract.id, this.period), this.data()]);
    this.showStatement(hours.statement);
    const spec = sheetSpec(this.period, hours.rows, data);
    await this.app.excel.replaceHoursTable(spec, this.onWrite);
    this.say(`Feuille « ${spec.sheetName} » actualisée : ${rowCount(spec.rows.length)}.`);
  }

  /** Vérifier (dryRun) or Envoyer: re-read the whole table, send it in batches, mark the faults. */
  private async check(dryRun: boolean): Promise<void> {
    const table = hoursTableName(this.period);
    const modalities = await this.app.referenceModalities();
    await this.app.excel.clearMarks(table);
    const read = await this.app.excel.readHoursTable(table, (done, total) => this.progress.update(done, total, `Lecture : ${rowsProgressText(done, total)}`));
    const parsed = parseTable(read, modalities);
    const verb = dryRun ? "Vérification" : "Envoi";
    this.progress.update(0, parsed.rows.length, `${verb} : ${rowsProgressText(0, parsed.rows.length)}`);
    const result = await sendInBatches(this.app.api, this.contract.id, dryRun, parsed.rows, (done, total) =>
      this.progress.update(done, total, `${verb} : ${rowsProgressText(done, total)}`),
    );
    const outcome = outcomeOf(parsed, result);
    if (outcome.marks.length > 0) await this.app.excel.markCells(table, outcome.marks);
    if (dryRun) {
      this.say(checkSummary(outcome), outcome.errors === 0 ? "ok" : "warning");
      return;
    }
    replaceChildren(
      this.result,
      h("p", { class: outcome.counts.rejected === 0 ? "status" : "banner warning", "data-testid": "send-counts" }, `Envoi terminé : ${sendSummary(outcome)}.`),
      outcome.errors > 0 ? h("p", { class: "hint" }, "Les lignes refusées sont marquées en rouge ; le motif est dans la colonne « Erreurs ».") : null,
    );
    await this.loadStatementQuietly();
  }

  private async loadStatementQuietly(): Promise<void> {
    try {
      const hours = await hoursApi.hours(this.app.api, this.contract.id, this.period);
      this.showStatement(hours.statement);
      this.serverLine.textContent = `Sur le serveur : ${rowCount(hours.rows.length)} (${totalHours(hours.rows)}).`;
    } catch {
      // The counts are shown; the status line refreshes on the next action.
    }
  }

  private askValidation(): void {
    const label = periodLabel(this.period);
    const titleId = "confirm-validate-title";
    const ok = button("Valider", { class: "primary", "data-action": "confirm-validate" });
    const cancel = button("Annuler", { "data-action": "cancel-validate" });
    const dialog = h(
      "div",
      { class: "confirm banner", role: "alertdialog", "aria-modal": "false", "aria-labelledby": titleId, "aria-describedby": `${titleId}-text` },
      h("p", { id: titleId, class: "confirm-title" }, h("strong", {}, `Valider le relevé de ${label} ?`)),
      h("p", { id: `${titleId}-text` }, "Une fois validé, le relevé est verrouillé : les heures de ce mois ne pourront plus être envoyées sans ouvrir une correction."),
      h("div", { class: "actions" }, ok, cancel),
    );
    const close = () => {
      replaceChildren(this.confirm);
      this.validate.focus();
    };
    cancel.addEventListener("click", close);
    dialog.addEventListener("keydown", (event) => {
      if (event.key === "Escape") close();
    });
    ok.addEventListener("click", () => {
      replaceChildren(this.confirm);
      void this.run(async () => {
        const statement = await hoursApi.validate(this.app.api, this.contract.id, this.period);
        this.showStatement(statement);
        this.say(`Relevé de ${label} validé.`);
      });
    });
    replaceChildren(this.confirm, dialog);
    cancel.focus();
  }

  private async openCorrection(): Promise<void> {
    const statement = await hoursApi.openCorrection(this.app.api, this.contract.id, this.period);
    this.showStatement(statement);
    this.say(`Correction ouverte : version ${statement.version ?? "?"} du relevé de ${periodLabel(this.period)}, en brouillon. Vous pouvez envoyer les heures corrigées.`);
  }
}

