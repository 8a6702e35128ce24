import { afterEach, describe, expect, it, vi } from "vitest";
import { progressText, renderRelevance, toRequest, validateRelevance, type RelevanceDraft } from "../src/word/relevance.js";
import type { ContractRelevance } from "../src/word/word-api.js";
import { json, paneContext } from "./helpers.js";
import { REFERENCE } from "./fixtures.js";

const draft = (d: Partial<RelevanceDraft>): RelevanceDraft => ({ notRelevant: false, instruments: [], reason: null, comment: "", loiClimatException: null, ...d });

afterEach(() => document.body.replaceChildren());

describe("relevance validation", () => {
  it("needs an instrument or 'Non pertinent'", () => {
    expect(validateRelevance(draft({}), false)).toEqual({ instruments: "Choisissez au moins un instrument, ou « Non pertinent »." });
    expect(validateRelevance(draft({ instruments: ["clause_execution", "critere_attribution"] }), false)).toEqual({});
  });

  it("'Non pertinent' needs a reason; 'autre' needs a comment", () => {
    expect(validateRelevance(draft({ notRelevant: true }), false)).toEqual({ reason: "Indiquez pourquoi le lot n'est pas pertinent." });
    expect(validateRelevance(draft({ notRelevant: true, reason: "autre", comment: "  " }), false).comment).toMatch(/Précisez la raison/);
    expect(validateRelevance(draft({ notRelevant: true, reason: "autre", comment: "Fourniture de licences" }), false)).toEqual({});
    expect(validateRelevance(draft({ notRelevant: true, reason: "prestation_intellectuelle" }), false)).toEqual({});
  });

  it("Loi Climat: an exception is required without a social execution condition", () => {
    expect(validateRelevance(draft({ instruments: ["critere_attribution"] }), true).loiClimatException).toMatch(/seuils européens/);
    expect(validateRelevance(draft({ notRelevant: true, reason: "prestation_intellectuelle" }), true).loiClimatException).toBeDefined();
    expect(validateRelevance(draft({ instruments: ["clause_execution"] }), true)).toEqual({});
    expect(validateRelevance(draft({ instruments: ["critere_attribution"], loiClimatException: "urgence" }), true)).toEqual({});
    expect(validateRelevance(draft({ instruments: ["critere_attribution"] }), false)).toEqual({});
  });

  it("prison-work reservation does not combine with another reservation", () => {
    expect(validateRelevance(draft({ instruments: ["reserve_l2113_13_1", "reserve_l2113_13"] }), false).instruments).toMatch(/ne se cumule pas/);
  });

  it("builds the PUT body: no exception when a condition is chosen, no instruments when not relevant", () => {
    expect(toRequest(draft({ instruments: ["clause_execution"], loiClimatException: "urgence", comment: " ok " }), true)).toEqual({
      outcome: "pertinent", instruments: ["clause_execution"], reason: null, comment: "ok", loiClimatException: null,
    });
    expect(toRequest(draft({ notRelevant: true, reason: "autre", comment: "x", loiClimatException: "urgence" }), true)).toEqual({
      outcome: "non_pertinent", instruments: [], reason: "autre", comment: "x", loiClimatException: "urgence",
    });
  });

  it("progress reads '3 lots analysés sur 4'", () => {
    expect(progressText(3, 4)).toBe("3 lots analysés sur 4");
    expect(progressText(1, 4)).toBe("1 lot analysé sur 4");
    expect(progressText(0, 2)).toBe("0 lot analysé sur 2");
  });
});

describe("relevance wizard", () => {
  const RELEVANCE: ContractRelevance = {
    contractId: "c1",
    analysed: false,
    analysedLotCount: 1,
    lotCount: 2,
    loiClimat: { applies: true, threshold: 5538000, explanation: "Marché de travaux au-dessus de 5 538 000 € HT : une condition d'exécution sociale est obligatoire sauf exception." },
    lots: [
      { lotId: "lot-1", number: 1, title: "Gros œuvre", outcome: "pertinent", instruments: ["clause_execution"], reason: null, comment: null, loiClimatException: null, analysedBy: "Marie Dupont", analysedAt: "2025-03-01T10:00:00Z", version: 4 },
      { lotId: "lot-2", number: 2, title: "Études", outcome: null, instruments: [], reason: null, comment: null, loiClimatException: null, analysedBy: null, analysedAt: null, version: null },
    ],
  };

  async function mount(startLot: string) {
    const pane = await paneContext({
      "GET /api/reference": () => json(REFERENCE),
      "GET /api/contracts/c1/relevance": () => json(structuredClone(RELEVANCE)),
      "PUT /api/lots/lot-1/relevance": (r) => json({ ...RELEVANCE.lots[0], ...(r.body as object), version: 5 }, { headers: { ETag: '"5"' } }),
      "PUT /api/lots/lot-2/relevance": (r) => json({ ...RELEVANCE.lots[1], ...(r.body as object), version: 1 }, { headers: { ETag: '"1"' } }),
    });
    const view = renderRelevance(pane.ctx, "c1", startLot, () => undefined);
    document.body.append(view);
    await vi.waitFor(() => expect(view.querySelector("form")).not.toBeNull());
    return { ...pane, view };
  }

  it("shows instruments with article and explanation, the Loi Climat banner and the progress", async () => {
    const { view } = await mount("lot-2");
    expect(view.querySelector('[data-testid="relevance-progress"]')?.textContent).toBe("1 lot analysé sur 2");
    expect(view.querySelector('[data-testid="loi-climat"]')?.textContent).toContain("Loi Climat");
    const label = view.querySelector('label[for^="instruments-clause_execution"]')!;
    expect(label.textContent).toContain("Clause d'exécution (heures d'insertion) — L2112-2");
    expect(label.querySelector(".explanation")?.textContent).toContain("heures de travail");
  });

  it("'Non pertinent' without a reason is refused; with 'autre' a comment and the exception are required; then saved", async () => {
    const { view, requests } = await mount("lot-2");
    const form = view.querySelector("form")!;
    const notRelevant = form.querySelector<HTMLInputElement>('[name="notRelevant"]')!;
    notRelevant.checked = true;
    notRelevant.dispatchEvent(new Event("change", { bubbles: true }));
    form.requestSubmit();
    expect(form.querySelector('[data-field="reason"] .field-error')?.textContent).toBe("Indiquez pourquoi le lot n'est pas pertinent.");
    expect(form.querySelector('[data-field="loiClimatException"] .field-error')?.textContent).toMatch(/seuils européens/);

    form.querySelector<HTMLSelectElement>('[name="reason"]')!.value = "autre";
    form.requestSubmit();
    expect(form.querySelector('[data-field="comment"] .field-error')?.textContent).toMatch(/Précisez la raison/);
    expect(requests.some((r) => r.method === "PUT")).toBe(false);

    form.querySelector<HTMLTextAreaElement>('[name="comment"]')!.value = "Étude de sol par un bureau spécialisé";
    form.querySelector<HTMLSelectElement>('[name="loiClimatException"]')!.value = "urgence";
    form.requestSubmit();
    await vi.waitFor(() => expect(view.textContent).toContain("Tous les lots sont analysés."));
    const put = requests.find((r) => r.method === "PUT")!;
    expect(put.url.pathname).toBe("/api/lots/lot-2/relevance");
    expect(put.headers.has("If-Match")).toBe(false); // first analysis of the lot
    expect(put.body).toEqual({ outcome: "non_pertinent", instruments: [], reason: "autre", comment: "Étude de sol par un bureau spécialisé", loiClimatException: "urgence" });
    expect(view.querySelector('[data-testid="relevance-progress"]')?.textContent).toBe("2 lots analysés sur 2");
  });

  it("updating an analysed lot sends If-Match with its version", async () => {
    const { view, requests } = await mount("lot-1");
    view.querySelector("form")!.requestSubmit();
    await vi.waitFor(() => expect(requests.some((r) => r.method === "PUT")).toBe(true));
    const put = requests.find((r) => r.method === "PUT")!;
    expect(put.url.pathname).toBe("/api/lots/lot-1/relevance");
    expect(put.headers.get("If-Match")).toBe('"4"');
    expect(put.body).toMatchObject({ outcome: "pertinent", instruments: ["clause_execution"], loiClimatException: null });
  });
});
