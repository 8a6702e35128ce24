// One contract: progress of the relevance analysis, its lots with their actions, the document
// actions (update, check) and the annex download.

import { h, replaceChildren } from "../shared/dom.js";
import { button, whileBusy } from "../shared/forms.js";
import { saveBlob } from "../shared/progress.js";
import { categoryLabel, contractKindLabel, formatEuros } from "../shared/format.js";
import type { PaneContext } from "./context.js";
import { checkDocument, renderCheckResult, renderUpdateResult, updateDocument } from "./document-sync.js";
import { progressText } from "./relevance.js";
import { wordApi, type ContractDetail, type Lot } from "./word-api.js";

export interface ContractActions {
  relevance(lot: Lot | null): void;
  sizing(lot: Lot): void;
  addLot(): void;
  back(): void;
}

const OUTCOME_LABELS: Record<string, string> = { pertinent: "Pertinent", non_pertinent: "Non pertinent" };

export function renderContract(ctx: PaneContext, detail: ContractDetail, actions: ContractActions): HTMLElement {
  const { contract, lots } = detail;
  const results = h("div", { class: "document-results", "aria-live": "polite" });
  const update = button("Mettre à jour les clauses du document", { "data-action": "update-document" });
  const verify = button("Vérifier le document", { "data-action": "check-document" });
  const download = button("Télécharger l'annexe « clauses sociales » (.docx)", { class: "link", "data-action": "annex" });
  const documentButtons = [update, verify];

  update.addEventListener("click", () =>
    void whileBusy(documentButtons, results, async () => {
      ctx.clearError();
      replaceChildren(results, h("p", { class: "loading" }, "Mise à jour des clauses…"));
      try {
        const { updated } = await updateDocument(ctx, contract.id);
        replaceChildren(results, renderUpdateResult(updated));
      } catch (error) {
        replaceChildren(results);
        await ctx.reportError(error);
      }
    }),
  );
  verify.addEventListener("click", () =>
    void whileBusy(documentButtons, results, async () => {
      ctx.clearError();
      replaceChildren(results, h("p", { class: "loading" }, "Vérification du document…"));
      try {
        const check = await checkDocument(ctx, contract.id);
        replaceChildren(
          results,
          renderCheckResult(check, (tag) => void ctx.host.selectControl(tag).catch((error: unknown) => ctx.reportError(error))),
        );
      } catch (error) {
        replaceChildren(results);
        await ctx.reportError(error);
      }
    }),
  );
  download.addEventListener("click", () =>
    void whileBusy([download], null, async () => {
      ctx.clearError();
      try {
        saveBlob(await ctx.api.getBlob(wordApi.annexPath(contract.id)), `Annexe clauses sociales ${contract.reference}.docx`);
      } catch (error) {
        await ctx.reportError(error);
      }
    }),
  );

  const analysed = lots.filter((l) => l.relevanceOutcome).length;
  return h(
    "div",
    { class: "view contract", "data-contract-id": contract.id },
    button("‹ Changer de marché", { class: "link", "data-action": "back" }, actions.back),
    h("h2", {}, `${contract.reference} — ${contract.title}`),
    h("p", { class: "hint" }, `${contractKindLabel(contract.kind)} · ${categoryLabel(contract.category)} · ${formatEuros(contract.amountHt)} HT`),
    h(
      "p",
      { class: "progress", "data-testid": "contract-progress" },
      progressText(contract.analysedLotCount ?? analysed, contract.lotCount ?? lots.length),
      h("progress", { max: Math.max(1, lots.length), value: analysed, "aria-label": "Lots analysés" }),
    ),
    h("h3", {}, "Lots"),
    lots.length === 0
      ? h("p", { class: "empty" }, "Aucun lot : ajoutez-en un pour analyser et dimensionner.")
      : h("ul", { class: "lots", "aria-label": "Lots du marché" }, ...lots.map((lot) => renderLot(lot, actions))),
    h("div", { class: "actions" }, button("Analyse de pertinence", { class: "primary", "data-action": "relevance" }, () => actions.relevance(null)), button("Ajouter un lot", { "data-action": "add-lot" }, actions.addLot)),
    h("h3", {}, "Document Word"),
    h("div", { class: "actions" }, update, verify),
    results,
    download,
  );
}

function renderLot(lot: Lot, actions: ContractActions): HTMLElement {
  const outcome = lot.relevanceOutcome ? OUTCOME_LABELS[lot.relevanceOutcome] ?? lot.relevanceOutcome : "À analyser";
  return h(
    "li",
    { "data-lot-id": lot.id },
    h("span", { class: "lot-title" }, `Lot ${lot.number} — ${lot.title}`),
    h("span", { class: "amount" }, `${formatEuros(lot.amountHt)} HT`),
    h("span", { class: `badge ${lot.relevanceOutcome ? "" : "warning"}` }, outcome),
    h(
      "span",
      { class: "lot-actions" },
      button("Analyser", { "data-action": "lot-relevance", "aria-label": `Analyse de pertinence du lot ${lot.number}` }, () => actions.relevance(lot)),
      button("Dimensionner", { "data-action": "lot-sizing", "aria-label": `Dimensionner la clause du lot ${lot.number}` }, () => actions.sizing(lot)),
    ),
  );
}
