import { afterEach, describe, expect, it, vi } from "vitest";
import { SizingPreviewer } from "../src/word/sizing.js";
import { renderSizing } from "../src/word/sizing-form.js";
import type { SizingInputs, SizingPreview } from "../src/word/word-api.js";
import { json, paneContext, plainSpaces } from "./helpers.js";
import { LOT, REFERENCE, SHARES } from "./fixtures.js";

const INPUTS: SizingInputs = { amountHt: 1, labourShare: 0.5, labourShareSource: "saisie", insertionRate: 0.05, hourlyCost: 30, sizingMode: null, roundingMode: null, preset: null, allowedModalities: [] };
const preview = (hours: number): SizingPreview => ({ exactHours: hours, targetHours: hours, formula: `${hours}`, warnings: [], errors: {} });

afterEach(() => {
  vi.useRealTimers();
  document.body.replaceChildren();
});

describe("SizingPreviewer", () => {
  it("debounces: keystrokes within 200 ms give one request, with the last inputs", async () => {
    vi.useFakeTimers();
    const fetchPreview = vi.fn(async (inputs: SizingInputs) => preview(inputs.amountHt ?? 0));
    const shown: SizingPreview[] = [];
    const previewer = new SizingPreviewer(fetchPreview, { onPreview: (p) => shown.push(p), onError: () => undefined });

    previewer.request({ ...INPUTS, amountHt: 1 });
    await vi.advanceTimersByTimeAsync(150);
    previewer.request({ ...INPUTS, amountHt: 10 });
    await vi.advanceTimersByTimeAsync(150);
    previewer.request({ ...INPUTS, amountHt: 100 });
    expect(fetchPreview).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);

    expect(fetchPreview).toHaveBeenCalledTimes(1);
    expect(fetchPreview.mock.calls[0]![0].amountHt).toBe(100);
    expect(shown.map((p) => p.targetHours)).toEqual([100]);
  });

  it("aborts a stale request and ignores its answer when it arrives after the newer one", async () => {
    vi.useFakeTimers();
    const pending: { amount: number; signal: AbortSignal; resolve: (p: SizingPreview) => void }[] = [];
    const fetchPreview = (inputs: SizingInputs, signal: AbortSignal) =>
      new Promise<SizingPreview>((resolve) => pending.push({ amount: inputs.amountHt ?? 0, signal, resolve }));
    const shown: (number | string | null)[] = [];
    const errors: unknown[] = [];
    const previewer = new SizingPreviewer(fetchPreview, { onPreview: (p) => shown.push(p.targetHours), onError: (e) => errors.push(e) });

    previewer.request({ ...INPUTS, amountHt: 1 });
    await vi.advanceTimersByTimeAsync(200); // first request in flight
    previewer.request({ ...INPUTS, amountHt: 2 });
    await vi.advanceTimersByTimeAsync(200); // second request in flight
    expect(pending.map((p) => [p.amount, p.signal.aborted])).toEqual([[1, true], [2, false]]);

    pending[1]!.resolve(preview(2));
    await vi.advanceTimersByTimeAsync(0);
    pending[0]!.resolve(preview(1)); // late answer to the old request (server ignored the abort)
    await vi.advanceTimersByTimeAsync(0);

    expect(shown).toEqual([2]);
    expect(errors).toEqual([]);
  });
});

describe("sizing form", () => {
  async function mount() {
    const previews: unknown[] = [];
    const pane = await paneContext({
      "GET /api/reference": () => json(REFERENCE),
      "GET /api/labour-shares": () => json(SHARES),
      "GET /api/lots/lot-1/clauses": () => json([]),
      "POST /api/sizing/preview": (request) => {
        previews.push(request.body);
        const b = request.body as SizingInputs;
        const ready = b.amountHt !== null && b.labourShare !== null && b.insertionRate !== null && b.hourlyCost;
        const hours = ready ? Math.round((b.amountHt! * b.labourShare! * b.insertionRate!) / b.hourlyCost!) : null;
        return json({
          exactHours: hours,
          targetHours: hours,
          formula: ready ? `${b.amountHt} × ${b.labourShare} × ${b.insertionRate} ÷ ${b.hourlyCost}` : null,
          warnings: b.insertionRate !== null && b.insertionRate < 0.05 ? [{ code: "taux_bas", message: "Taux inférieur à 5 %." }] : [],
          errors: ready ? {} : { insertionRate: ["Le taux d'insertion est obligatoire."] },
        });
      },
    });
    const view = renderSizing(pane.ctx, LOT, { onClose: () => undefined, previewDelayMs: 0 });
    document.body.append(view);
    await vi.waitFor(() => expect(view.querySelector("form")).not.toBeNull());
    const input = (name: string) => view.querySelector<HTMLInputElement>(`[name="${name}"]`)!;
    const type = (name: string, value: string) => {
      input(name).value = value;
      input(name).dispatchEvent(new Event("input", { bubbles: true }));
    };
    return { ...pane, view, previews, input, type };
  }

  it("is prefilled from the lot and the labour-share table, with the 'à valider' badge", async () => {
    const { view, input } = await mount();
    expect(plainSpaces(input("amountHt").value)).toBe("250 000");
    expect(input("labourShare").value).toBe("45");
    expect(input("hourlyCost").value).toBe("30");
    expect(view.querySelector(".share-source .badge")?.textContent).toBe("à valider");
    const checked = [...view.querySelectorAll<HTMLInputElement>('[name="allowedModalities"]:checked')].map((b) => b.value);
    expect(checked).toEqual(["embauche_directe", "interim_etti", "mise_a_disposition_ai", "sous_traitance_siae", "formation"]);
  });

  it("recomputes as the buyer types: French input, rates sent as decimals, result in hours, warnings", async () => {
    const { view, previews, type } = await mount();
    type("amountHt", "1 000 000");
    type("labourShare", "50");
    type("insertionRate", "5 %");
    type("hourlyCost", "30");
    await vi.waitFor(() => expect(plainSpaces(view.querySelector('[data-testid="target-hours"]')?.textContent)).toBe("833 heures"));
    expect(previews.at(-1)).toMatchObject({ amountHt: 1_000_000, labourShare: 0.5, labourShareSource: "saisie", insertionRate: 0.05, hourlyCost: 30 });
    expect(view.querySelector(".share-source .badge")?.textContent).toBe("saisie");

    type("insertionRate", "2");
    await vi.waitFor(() => expect(view.querySelector("ul.warnings")?.textContent).toBe("Taux inférieur à 5 %."));
  });

  it("does not send unreadable input and says why next to the field", async () => {
    const { view, previews, type } = await mount();
    await vi.waitFor(() => expect(previews.length).toBeGreaterThan(0));
    const before = previews.length;
    type("amountHt", "mille euros");
    await new Promise((r) => setTimeout(r, 20));
    expect(previews.length).toBe(before);
    expect(view.querySelector('[data-field="amountHt"] .field-error')?.textContent).toContain("Saisissez un nombre");
  });
});
