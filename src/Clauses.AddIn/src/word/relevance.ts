// Analyse de pertinence, lot by lot: instruments (label, article, explanation) or "Non pertinent"
// with a reason; the Loi Climat banner and exception when the contract is above the EU thresholds.

import { h, replaceChildren } from "../shared/dom.js";
import { button, checkboxGroup, field, selectInput, setFieldError, setGroupError, statusLine, whileBusy } from "../shared/forms.js";
import { plural } from "../shared/format.js";
import type { PaneContext } from "./context.js";
import { wordApi, type ContractRelevance, type Reference, type RelevanceEntry, type RelevanceRequest } from "./word-api.js";

/** Instruments that are a social execution condition (Loi Climat art. 35, L2112-2-1). */
export const SOCIAL_EXECUTION_CONDITIONS = ["clause_execution", "clause_alternative", "marche_insertion"];
/** Reservations that cannot be combined with another one (DOMAIN §2). */
const EXCLUSIVE_RESERVATION = "reserve_l2113_13_1";
const RESERVATIONS = ["reserve_l2113_12", "reserve_l2113_13", "reserve_l2113_15"];
export const OTHER_REASON = "autre";

export interface RelevanceDraft {
  notRelevant: boolean;
  instruments: string[];
  reason: string | null;
  comment: string;
  loiClimatException: string | null;
}

export type RelevanceErrors = Partial<Record<"instruments" | "reason" | "comment" | "loiClimatException", string>>;

/** Checks a draft; returns French messages by field (empty when the draft can be saved). */
export function validateRelevance(draft: RelevanceDraft, loiClimatApplies: boolean): RelevanceErrors {
  const errors: RelevanceErrors = {};
  if (draft.notRelevant) {
    if (!draft.reason) errors.reason = "Indiquez pourquoi le lot n'est pas pertinent.";
    else if (draft.reason === OTHER_REASON && draft.comment.trim() === "") errors.comment = "Précisez la raison dans le commentaire (obligatoire pour « Autre »).";
  } else if (draft.instruments.length === 0) {
    errors.instruments = "Choisissez au moins un instrument, ou « Non pertinent ».";
  } else if (draft.instruments.includes(EXCLUSIVE_RESERVATION) && draft.instruments.some((i) => RESERVATIONS.includes(i))) {
    errors.instruments = "La réservation au travail pénitentiaire ne se cumule pas avec une autre réservation.";
  }
  const hasCondition = !draft.notRelevant && draft.instruments.some((i) => SOCIAL_EXECUTION_CONDITIONS.includes(i));
  if (loiClimatApplies && !hasCondition && !draft.loiClimatException) {
    errors.loiClimatException = "Ce marché dépasse les seuils européens : sans condition d'exécution sociale, choisissez l'exception qui s'applique (Loi Climat).";
  }
  return errors;
}

export function toRequest(draft: RelevanceDraft, loiClimatApplies: boolean): RelevanceRequest {
  const hasCondition = !draft.notRelevant && draft.instruments.some((i) => SOCIAL_EXECUTION_CONDITIONS.includes(i));
  return {
    outcome: draft.notRelevant ? "non_pertinent" : "pertinent",
    instruments: draft.notRelevant ? [] : draft.instruments,
    reason: draft.notRelevant ? draft.reason : null,
    comment: draft.comment.trim() === "" ? null : draft.comment.trim(),
    loiClimatException: loiClimatApplies && !hasCondition ? draft.loiClimatException : null,
  };
}

export function progressText(analysed: number, total: number): string {
  return `${plural(analysed, "lot analysé", "lots analysés")} sur ${total.toLocaleString("fr-FR")}`;
}

/** The wizard: loads the contract's relevance and the reference, then shows one lot at a time. */
export function renderRelevance(ctx: PaneContext, contractId: string, startLotId: string | null, onClose: () => void): HTMLElement {
  const root = h("div", { class: "view relevance", "aria-busy": "true" }, h("h2", {}, "Analyse de pertinence"), h("p", { class: "loading" }, "Chargement…"));
  void Promise.all([wordApi.relevance(ctx.api, contractId), ctx.reference()]).then(
    ([relevance, reference]) => {
      root.removeAttribute("aria-busy");
      const index = Math.max(0, relevance.lots.findIndex((l) => l.lotId === startLotId));
      showLot(ctx, root, relevance, reference, index, onClose);
    },
    (error: unknown) => {
      root.removeAttribute("aria-busy");
      replaceChildren(root, h("h2", {}, "Analyse de pertinence"), button("Retour au marché", {}, onClose));
      void ctx.reportError(error);
    },
  );
  return root;
}

function showLot(ctx: PaneContext, root: HTMLElement, relevance: ContractRelevance, reference: Reference, index: number, onClose: () => void): void {
  const entry = relevance.lots[index];
  if (!entry) {
    replaceChildren(root, h("h2", {}, "Analyse de pertinence"), h("p", { class: "empty" }, "Ce marché n'a pas de lot."), button("Retour au marché", {}, onClose));
    return;
  }
  const progress = h("p", { class: "progress", "data-testid": "relevance-progress" }, progressText(relevance.analysedLotCount, relevance.lotCount));
  const form = renderLotForm(ctx, relevance, reference, entry, (saved) => {
    const wasAnalysed = entry.outcome !== null;
    relevance.lots[index] = saved;
    if (!wasAnalysed && saved.outcome !== null) relevance.analysedLotCount += 1;
    progress.textContent = progressText(relevance.analysedLotCount, relevance.lotCount);
    const next = relevance.lots.findIndex((l, i) => i > index && l.outcome === null);
    const fallback = relevance.lots.findIndex((l) => l.outcome === null);
    const target = next >= 0 ? next : fallback;
    if (target >= 0) showLot(ctx, root, relevance, reference, target, onClose);
    else {
      replaceChildren(
        root,
        h("h2", {}, "Analyse de pertinence"),
        progress,
        h("p", { class: "status", role: "status" }, "Tous les lots sont analysés."),
        button("Retour au marché", { class: "primary" }, onClose),
      );
    }
  });
  const previous = button("‹ Lot précédent", { disabled: index === 0 }, () => showLot(ctx, root, relevance, reference, index - 1, onClose));
  const next = button("Lot suivant ›", { disabled: index >= relevance.lots.length - 1 }, () => showLot(ctx, root, relevance, reference, index + 1, onClose));
  replaceChildren(
    root,
    h("h2", {}, "Analyse de pertinence"),
    progress,
    relevance.loiClimat.applies
      ? h("div", { class: "banner warning", role: "note", "data-testid": "loi-climat" }, h("strong", {}, "Loi Climat et résilience (art. 35) : "), relevance.loiClimat.explanation)
      : null,
    h("nav", { class: "stepper", "aria-label": "Lots" }, previous, h("span", {}, `Lot ${index + 1} sur ${relevance.lots.length}`), next),
    form,
    button("Retour au marché", { class: "link" }, onClose),
  );
}

function renderLotForm(ctx: PaneContext, relevance: ContractRelevance, reference: Reference, entry: RelevanceEntry, onSaved: (entry: RelevanceEntry) => void): HTMLElement {
  const instruments = checkboxGroup("Instruments retenus", "instruments", reference.instruments, entry.instruments, (o) => {
    const info = reference.instruments.find((i) => i.code === o.code);
    return info ? [h("span", { class: "legal-basis" }, ` — ${info.legalBasis}`), h("span", { class: "explanation" }, info.explanation)] : [];
  });
  const notRelevant = h("input", { type: "checkbox", name: "notRelevant", id: `not-relevant-${entry.lotId}` });
  notRelevant.checked = entry.outcome === "non_pertinent";
  const reason = selectInput("reason", reference.relevanceReasons, entry.reason, "— Choisir une raison —");
  const comment = h("textarea", { name: "comment", id: `comment-${entry.lotId}`, rows: 3 });
  comment.value = entry.comment ?? "";
  const exception = selectInput("loiClimatException", reference.loiClimatExceptions, entry.loiClimatException, "— Choisir l'exception —");
  const reasonField = field("Raison", reason);
  const exceptionField = field("Exception à l'obligation (Loi Climat)", exception);
  const save = h("button", { type: "submit", class: "primary" }, "Enregistrer l'analyse");
  const status = statusLine();

  const draft = (): RelevanceDraft => ({
    notRelevant: notRelevant.checked,
    instruments: instruments.values(),
    reason: reason.value || null,
    comment: comment.value,
    loiClimatException: exception.value || null,
  });
  const refresh = () => {
    for (const box of instruments.boxes) box.disabled = notRelevant.checked;
    reasonField.hidden = !notRelevant.checked;
    const d = draft();
    const hasCondition = !d.notRelevant && d.instruments.some((i) => SOCIAL_EXECUTION_CONDITIONS.includes(i));
    exceptionField.hidden = !relevance.loiClimat.applies || hasCondition;
  };
  notRelevant.addEventListener("change", () => {
    if (notRelevant.checked) for (const box of instruments.boxes) box.checked = false;
    refresh();
  });
  instruments.element.addEventListener("change", refresh);

  const form = h(
    "form",
    { class: "relevance-form", "aria-label": `Lot ${entry.number} — ${entry.title}`, novalidate: true, "data-lot-id": entry.lotId },
    h("h3", {}, `Lot ${entry.number} — ${entry.title}`),
    entry.analysedAt ? h("p", { class: "hint" }, `Déjà analysé${entry.analysedBy ? ` par ${entry.analysedBy}` : ""} le ${new Date(entry.analysedAt).toLocaleDateString("fr-FR")}.`) : null,
    instruments.element,
    h("div", { class: "checkbox not-relevant" }, notRelevant, h("label", { for: notRelevant.id }, "Non pertinent (aucune considération sociale pour ce lot)")),
    reasonField,
    field("Commentaire", comment, "Obligatoire si la raison est « Autre »."),
    exceptionField,
    h("div", { class: "actions" }, save),
    status,
  );
  refresh();

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const d = draft();
    const errors = validateRelevance(d, relevance.loiClimat.applies);
    setGroupError(instruments.element, errors.instruments ?? null);
    setFieldError(reason, errors.reason ?? null);
    setFieldError(comment, errors.comment ?? null);
    setFieldError(exception, errors.loiClimatException ?? null);
    if (Object.keys(errors).length > 0) {
      (errors.instruments ? instruments.boxes[0] : errors.reason ? reason : errors.comment ? comment : exception)?.focus();
      return;
    }
    void whileBusy([save], form, async () => {
      ctx.clearError();
      try {
        const saved = await wordApi.saveRelevance(ctx.api, entry.lotId, toRequest(d, relevance.loiClimat.applies), entry.version);
        status.textContent = `Analyse du lot ${entry.number} enregistrée.`;
        onSaved(saved.data);
      } catch (error) {
        await ctx.reportError(error);
      }
    });
  });
  return form;
}
