// The Word workspace, shown under the home once an organisation is chosen: navigation between
// the contract picker, a contract, its relevance wizard, the sizing form and the creation forms.

import { ApiError } from "../shared/api.js";
import { h, replaceChildren } from "../shared/dom.js";
import type { Workspace } from "../shared/home.js";
import { createContext, type PaneContext, type WordHost } from "./context.js";
import { renderContract } from "./contract-view.js";
import { renderContractPicker } from "../shared/contract-picker.js";
import { renderAddLot, renderCreateContract } from "./create-contract.js";
import { renderRelevance } from "./relevance.js";
import { renderSizing } from "./sizing-form.js";
import { wordApi } from "./word-api.js";
import { WordUnavailableError } from "./word-host.js";

export const CONTRACT_KEY = "clauses.contractId";

export class WordApp {
  readonly ctx: PaneContext;

  constructor(private readonly workspace: Workspace, host?: WordHost, private readonly storage: Storage = window.sessionStorage) {
    this.ctx = createContext({
      api: workspace.api,
      organisationId: workspace.organisationId,
      ...(host ? { host } : {}),
      clearError: () => workspace.clearError(),
      reportError: async (error) => {
        if (error instanceof ApiError) return workspace.reportError(error);
        if (error instanceof WordUnavailableError) return workspace.showError(error.message);
        const detail = error instanceof Error && error.message ? ` (${error.message})` : "";
        workspace.showError(`Word n'a pas pu effectuer l'opération${detail}.`);
      },
    });
  }

  async start(): Promise<void> {
    const remembered = this.storage.getItem(CONTRACT_KEY);
    if (remembered) await this.openContract(remembered, true);
    else this.openPicker();
  }

  openPicker(): void {
    this.storage.removeItem(CONTRACT_KEY);
    this.show(
      renderContractPicker({
        api: this.ctx.api,
        organisationId: this.ctx.organisationId,
        reportError: (error) => this.ctx.reportError(error),
        onPick: (contract) => void this.openContract(contract.id),
        onCreate: () => this.openCreate(),
        createLabel: "Créer le marché depuis le document",
      }),
    );
  }

  async openContract(contractId: string, quietIfMissing = false): Promise<void> {
    this.show(h("p", { class: "loading" }, "Chargement du marché…"));
    try {
      const detail = await wordApi.contract(this.ctx.api, contractId);
      if (detail.contract.organisationId && detail.contract.organisationId !== this.ctx.organisationId) {
        this.openPicker();
        return;
      }
      this.storage.setItem(CONTRACT_KEY, contractId);
      this.show(
        renderContract(this.ctx, detail, {
          relevance: (lot) => this.show(renderRelevance(this.ctx, contractId, lot?.id ?? null, () => void this.openContract(contractId))),
          sizing: (lot) => this.show(renderSizing(this.ctx, lot, { onClose: () => void this.openContract(contractId) })),
          addLot: () =>
            this.show(
              renderAddLot(
                this.ctx,
                contractId,
                Math.max(0, ...detail.lots.map((l) => l.number)) + 1,
                () => undefined,
                () => void this.openContract(contractId),
              ),
            ),
          back: () => this.openPicker(),
        }),
      );
    } catch (error) {
      this.openPicker();
      if (!(quietIfMissing && error instanceof ApiError && (error.status === 404 || error.status === 403))) await this.ctx.reportError(error);
    }
  }

  openCreate(): void {
    this.show(
      renderCreateContract(
        this.ctx,
        (contract) => {
          this.storage.setItem(CONTRACT_KEY, contract.id);
          this.show(renderAddLot(this.ctx, contract.id, 1, () => undefined, () => void this.openContract(contract.id)));
        },
        () => this.openPicker(),
      ),
    );
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
