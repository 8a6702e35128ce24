// Picking a contract of the organisation (search as you type) or creating one from the document.

import type { ContractSummary } from "../shared/api.js";
import { h, replaceChildren } from "../shared/dom.js";
import { button, field, textInput } from "../shared/forms.js";
import { formatEuros, plural } from "../shared/format.js";
import type { PaneContext } from "./context.js";

const SEARCH_DELAY_MS = 250;
const PAGE_SIZE = 20;

export function renderContractPicker(ctx: PaneContext, onPick: (contractId: string) => void, onCreate: () => void): HTMLElement {
  const search = textInput("search", "", { type: "search", placeholder: "Référence ou objet" });
  const list = h("div", { class: "contract-results", "aria-live": "polite" });
  const root = h(
    "div",
    { class: "view contract-picker" },
    h("h2", {}, "Marchés"),
    field("Rechercher un marché", search),
    list,
    button("Créer le marché depuis le document", { class: "secondary", "data-action": "create-contract" }, onCreate),
  );

  let request = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let controller: AbortController | null = null;
  const load = async () => {
    const current = ++request;
    controller?.abort();
    controller = new AbortController();
    root.setAttribute("aria-busy", "true");
    try {
      const page = await ctx.api.get<{ items: ContractSummary[]; total: number }>("/api/contracts", {
        query: { organisationId: ctx.organisationId, search: search.value.trim(), page: 1, pageSize: PAGE_SIZE },
        signal: controller.signal,
      });
      if (current !== request) return;
      replaceChildren(list, renderResults(page.items, page.total, onPick));
    } catch (error) {
      if (current !== request) return;
      replaceChildren(list);
      await ctx.reportError(error);
    } finally {
      if (current === request) root.removeAttribute("aria-busy");
    }
  };
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => void load(), SEARCH_DELAY_MS);
  });
  void load();
  return root;
}

function renderResults(items: ContractSummary[], total: number, onPick: (contractId: string) => void): HTMLElement {
  if (items.length === 0) return h("p", { class: "empty" }, "Aucun marché ne correspond.");
  const count = total > items.length ? `${plural(items.length, "marché affiché", "marchés affichés")} sur ${total.toLocaleString("fr-FR")}` : plural(total, "marché", "marchés");
  return h(
    "div",
    {},
    h("p", { class: "count" }, count),
    h(
      "ul",
      { class: "contracts pickable", "aria-label": "Marchés de l'organisation" },
      ...items.map((c) => {
        const pick = h(
          "button",
          { type: "button", class: "contract-pick", "data-contract-id": c.id },
          h("span", { class: "contract-title" }, `${c.reference} — ${c.title}`),
          h("span", { class: "amount" }, formatEuros(c.amountHt)),
        );
        pick.addEventListener("click", () => onPick(c.id));
        return h("li", { "data-contract-id": c.id }, pick);
      }),
    ),
  );
}
