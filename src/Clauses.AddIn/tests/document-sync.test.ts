import { afterEach, describe, expect, it } from "vitest";
import { checkDocument, renderCheckResult, renderUpdateResult, updateDocument } from "../src/word/document-sync.js";
import type { DocumentCheck } from "../src/word/word-api.js";
import { json, paneContext } from "./helpers.js";
import { clauseOoxml, mockWord } from "./word-mock.js";

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Word;
  document.body.replaceChildren();
});

const CHECK: DocumentCheck = {
  upToDate: [{ tag: "clauses:cl-1:2", clauseId: "cl-1", lotNumber: 1, instrument: "clause_execution" }],
  outdated: [{ tag: "clauses:cl-3:2", currentTag: "clauses:cl-3:3", clauseId: "cl-3", lotNumber: 3, instrument: "clause_execution", fromVersion: 2, toVersion: 3 }],
  unknown: ["clauses:autre-marche:1"],
  missing: [{ clauseId: "cl-4", lotNumber: 4, instrument: "critere_attribution", tag: "clauses:cl-4:1" }],
};

function setup(check: DocumentCheck = CHECK) {
  const word = mockWord([
    { tag: "clauses:cl-1:2", title: "Clause sociale – lot 1", content: "lot 1 v2" },
    { tag: "signature", content: "signature" },
    { tag: "clauses:cl-3:2", title: "Clause sociale – lot 3", content: "lot 3 v2" },
    { tag: "clauses:autre-marche:1", title: "Clause d'un autre marché", content: "autre" },
  ]);
  return paneContext({
    "POST /api/contracts/c1/document-check": () => json(check),
    "GET /api/clauses/cl-3/render": () =>
      json({ clauseId: "cl-3", tag: "clauses:cl-3:3", title: "Clause sociale – lot 3", version: 3, text: "1 250 heures", ooxml: clauseOoxml("clauses:cl-3:3", "Clause sociale – lot 3", "1 250 heures"), contentOoxml: "<pkg:package>lot 3 v3</pkg:package>" }),
  }).then((pane) => ({ ...pane, ...word }));
}

describe("Mettre à jour les clauses du document", () => {
  it("rewrites only the outdated control: new content, new tag; up-to-date, unknown and other controls untouched", async () => {
    const { ctx, requests, controls } = await setup();

    const { updated } = await updateDocument(ctx, "c1");

    const check = requests.find((r) => r.url.pathname === "/api/contracts/c1/document-check")!;
    expect(check.body).toEqual({ tags: ["clauses:cl-1:2", "clauses:cl-3:2", "clauses:autre-marche:1"] });
    expect(requests.filter((r) => r.url.pathname.endsWith("/render")).map((r) => r.url.pathname)).toEqual(["/api/clauses/cl-3/render"]);
    expect(controls.map((c) => [c.tag, c.content, c.writes])).toEqual([
      ["clauses:cl-1:2", "lot 1 v2", 0],
      ["signature", "signature", 0],
      ["clauses:cl-3:3", "<pkg:package>lot 3 v3</pkg:package>", 1],
      ["clauses:autre-marche:1", "autre", 0],
    ]);
    expect(updated).toEqual([{ lotNumber: 3, instrument: "clause_execution", fromVersion: 2, toVersion: 3, controls: 1 }]);
    expect(renderUpdateResult(updated).textContent).toContain("Lot 3 – clause d'exécution : version 2 → 3");
  });

  it("says every clause is up to date when nothing is outdated, and writes nothing", async () => {
    const { ctx, controls } = await setup({ ...CHECK, outdated: [] });
    const { updated } = await updateDocument(ctx, "c1");
    expect(updated).toEqual([]);
    expect(controls.every((c) => c.writes === 0)).toBe(true);
    expect(renderUpdateResult(updated).textContent).toBe("Toutes les clauses sont à jour.");
  });
});

describe("Vérifier le document", () => {
  it("lists missing, outdated and unknown clauses without changing anything; clicking selects the control", async () => {
    const { ctx, controls } = await setup();
    const check = await checkDocument(ctx, "c1");
    expect(controls.every((c) => c.writes === 0)).toBe(true);

    const selected: string[] = [];
    const view = renderCheckResult(check, (tag) => selected.push(tag));
    document.body.append(view);
    expect(view.querySelector(".check-missing")?.textContent).toBe("Lot 4 – critère d'attribution");
    expect(view.querySelector(".check-outdated")?.textContent).toBe("Lot 3 – clause d'exécution : version 2, version actuelle 3");
    expect(view.querySelector(".check-unknown")?.textContent).toBe("clauses:autre-marche:1");
    view.querySelector<HTMLButtonElement>('.check-unknown button[data-tag="clauses:autre-marche:1"]')!.click();
    expect(selected).toEqual(["clauses:autre-marche:1"]);
  });

  it("a conforming document is said so", async () => {
    const view = renderCheckResult({ upToDate: CHECK.upToDate, outdated: [], unknown: [], missing: [] }, () => undefined);
    expect(view.textContent).toContain("Le document est conforme");
  });
});
