// Picking a contract (search as you type), shared by the Word pane, the Excel pane and the import
// page. With `organisationId: null` the API lists the contracts of every organisation the user
// can read (a facilitator serving several organisations sees them all), each tagged with its
// organisation's name.

import type { ApiClient, ContractSummary } from "./api.js";
import { h, replaceChildren } from "./dom.js";
import { button, field, textInput } from "./forms.js";
import { formatEuros, plural } from "./format.js";

const SEARCH_DELAY_MS = 250;
const PAGE_SIZE = 20;

export interface ContractPickerOptions {
  api: ApiClient;
  /** null: the contracts of every organisation the user can read. */
  organisationId: string | null;
  reportError(error: unknown): Promise<void>;
  onPick(contract: ContractSummary): void;
  /** Shows a "create" button (Word: create the contract from the document). */
  onCreate?: () => void;
  createLabel?: string;
  /** Name of an organisation, shown on each contract when several organisations are listed. */
  organisationName?: (organisationId: string) => string | undefined;
  heading?: string;
}

export function renderContractPicker(options: ContractPickerOptions): HTMLElement {
  const search = textInput("search", "", { type: "search", placeholder: "Référence ou objet" });
  const list = h("div", { class: "contract-results", "aria-live": "polite" });
  const root = h(
    "div",
    { class: "view contract-picker" },
    h("h2", {}, options.heading ?? "Marchés"),
    field("Rechercher un marché", search),
    list,
    options.onCreate ? button(options.createLabel ?? "Créer un marché", { class: "secondary", "data-action": "create-contract" }, options.onCreate) : null,
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
      const page = await options.api.get<{ items: ContractSummary[]; total: number }>("/api/contracts", {
        query: { organisationId: options.organisationId, search: search.value.trim(), page: 1, pageSize: PAGE_SIZE },
        signal: controller.signal,
      });
      if (current !== request) return;
      replaceChildren(list, renderResults(page.items, page.total, options));
    } catch (error) {
      if (current !== request) return;
      replaceChildren(list);
      await options.reportError(error);
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

function renderResults(items: ContractSummary[], total: number, options: ContractPickerOptions): HTMLElement {
  if (items.length === 0) return h("p", { class: "empty" }, "Aucun marché ne correspond.");
  const count = total > items.length ? `${plural(items.length, "marché affiché", "marchés affichés")} sur ${total.toLocaleString("fr-FR")}` : plural(total, "marché", "marchés");
  const showOrganisation = options.organisationId === null && new Set(items.map((c) => c.organisationId)).size > 1;
  return h(
    "div",
    {},
    h("p", { class: "count" }, count),
    h(
      "ul",
      { class: "contracts pickable", "aria-label": "Marchés" },
      ...items.map((c) => {
        const organisation = showOrganisation ? options.organisationName?.(c.organisationId) : undefined;
        const pick = h(
          "button",
          { type: "button", class: "contract-pick", "data-contract-id": c.id },
          h("span", { class: "contract-title" }, `${c.reference} — ${c.title}`),
          organisation ? h("span", { class: "organisation-name" }, organisation) : null,
          h("span", { class: "amount" }, formatEuros(c.amountHt)),
        );
        pick.addEventListener("click", () => options.onPick(c));
        return h("li", { "data-contract-id": c.id }, pick);
      }),
    ),
  );
}
