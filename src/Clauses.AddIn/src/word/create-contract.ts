// "Créer le marché depuis le document" (prefilled with the document's title) and "Ajouter un lot".

import { h } from "../shared/dom.js";
import { button, field, selectInput, setFieldError, statusLine, textInput, whileBusy } from "../shared/forms.js";
import { categoryOptions, contractKindOptions, formatPercent } from "../shared/format.js";
import type { PaneContext } from "./context.js";
import { parseAmount } from "../shared/parse.js";
import { wordApi, type ContractInfo, type Lot, type NewContract, type NewLot } from "./word-api.js";

const REQUIRED = "Ce champ est obligatoire.";

export function renderCreateContract(ctx: PaneContext, onCreated: (contract: ContractInfo) => void, onCancel: () => void): HTMLElement {
  const reference = textInput("reference");
  const title = textInput("title");
  const kind = selectInput("kind", contractKindOptions, "marche");
  const category = selectInput("category", categoryOptions, "travaux");
  const amount = textInput("amountHt", "", { inputmode: "decimal", placeholder: "1 000 000" });
  const launchedOn = textInput("launchedOn", "", { type: "date" });
  const submit = h("button", { type: "submit", class: "primary" }, "Créer le marché");
  const form = h(
    "form",
    { class: "view create-contract", "aria-label": "Créer le marché", novalidate: true },
    h("h2", {}, "Créer le marché depuis le document"),
    field("Référence", reference),
    field("Objet", title, "Prérempli avec le titre du document."),
    field("Type", kind),
    field("Catégorie", category),
    field("Montant HT (€)", amount),
    field("Date de lancement de la consultation", launchedOn),
    h("div", { class: "actions" }, submit, button("Annuler", {}, onCancel)),
  );

  if (ctx.host.wordAvailable()) {
    ctx.host.documentTitle().then(
      (text) => {
        if (!title.value) title.value = text;
      },
      () => undefined, // no title: the buyer types it
    );
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const parsed = parseAmount(amount.value);
    const errors: [HTMLElement, string | null][] = [
      [reference, reference.value.trim() ? null : REQUIRED],
      [title, title.value.trim() ? null : REQUIRED],
      [amount, !parsed.ok ? parsed.message : parsed.value === null ? REQUIRED : null],
    ];
    for (const [control, message] of errors) setFieldError(control, message);
    const firstError = errors.find(([, message]) => message);
    if (firstError || !parsed.ok || parsed.value === null) {
      firstError?.[0].focus();
      return;
    }
    const body: NewContract = {
      organisationId: ctx.organisationId,
      reference: reference.value.trim(),
      title: title.value.trim(),
      kind: kind.value,
      category: category.value,
      amountHt: parsed.value,
      ...(launchedOn.value ? { launchedOn: launchedOn.value } : {}),
    };
    void whileBusy([submit], form, async () => {
      ctx.clearError();
      try {
        onCreated(await wordApi.createContract(ctx.api, body));
      } catch (error) {
        await ctx.reportError(error);
      }
    });
  });
  return form;
}

export function renderAddLot(ctx: PaneContext, contractId: string, nextNumber: number, onAdded: (lot: Lot) => void, onCancel: () => void): HTMLElement {
  const number = textInput("number", String(nextNumber), { inputmode: "numeric" });
  const title = textInput("title");
  const trade = h("select", { name: "trade", id: "lot-trade" }, h("option", { value: "" }, "Chargement des corps d'état…"));
  const amount = textInput("amountHt", "", { inputmode: "decimal", placeholder: "250 000" });
  const submit = h("button", { type: "submit", class: "primary" }, "Ajouter le lot");
  const status = statusLine();
  const form = h(
    "form",
    { class: "view add-lot", "aria-label": "Ajouter un lot", novalidate: true },
    h("h2", {}, "Ajouter un lot"),
    field("Numéro", number),
    field("Intitulé", title),
    field("Corps d'état", trade, "La part de main-d'œuvre du corps d'état servira au dimensionnement."),
    field("Montant HT (€)", amount),
    h("div", { class: "actions" }, submit, button("Terminé", {}, onCancel)),
    status,
  );

  ctx.labourShares().then(
    (shares) => {
      trade.replaceChildren(
        h("option", { value: "" }, "— Choisir —"),
        ...shares.map((s) => h("option", { value: s.trade }, `${s.label} (${formatPercent(s.share)} de main-d'œuvre)`)),
      );
    },
    (error: unknown) => void ctx.reportError(error),
  );

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const parsed = parseAmount(amount.value);
    const n = Number(number.value.trim());
    const errors: [HTMLElement, string | null][] = [
      [number, Number.isInteger(n) && n > 0 ? null : "Saisissez un numéro de lot (1, 2, 3…)."],
      [title, title.value.trim() ? null : REQUIRED],
      [amount, !parsed.ok ? parsed.message : parsed.value === null ? REQUIRED : null],
    ];
    for (const [control, message] of errors) setFieldError(control, message);
    const firstError = errors.find(([, message]) => message);
    if (firstError || !parsed.ok || parsed.value === null) {
      firstError?.[0].focus();
      return;
    }
    const body: NewLot = { number: n, title: title.value.trim(), trade: trade.value || null, amountHt: parsed.value };
    void whileBusy([submit], form, async () => {
      ctx.clearError();
      try {
        const lot = await wordApi.createLot(ctx.api, contractId, body);
        status.textContent = `Lot ${lot.number} ajouté.`;
        number.value = String(lot.number + 1);
        title.value = "";
        amount.value = "";
        onAdded(lot);
        title.focus();
      } catch (error) {
        await ctx.reportError(error);
      }
    });
  });
  return form;
}
