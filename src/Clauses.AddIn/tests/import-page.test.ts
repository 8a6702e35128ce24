import { afterEach, describe, expect, it } from "vitest";
import { ApiClient, type Me } from "../src/shared/api.js";
import type { Workspace } from "../src/shared/home.js";
import type { Job } from "../src/shared/hours-api.js";
import { cellName, ImportPage, renderJob } from "../src/pages/import-page.js";
import { fakeFetch, json } from "./helpers.js";

afterEach(() => document.body.replaceChildren());

const job = (over: Partial<Job>): Job => ({ id: "j1", kind: "import_heures", status: "en_cours", progress: 0, total: 0, result: null, problem: null, annotatedWorkbook: null, ...over });

describe("import page", () => {
  it("renders the job's progress as a labelled progress bar", () => {
    const view = renderJob(job({ status: "en_cours", progress: 12_000, total: 100_000 }), () => undefined);
    const bar = view.querySelector("progress")!;
    expect(bar.getAttribute("aria-valuenow")).toBe("12000");
    expect(bar.getAttribute("aria-valuemax")).toBe("100000");
    expect(bar.value).toBe(12_000);
    expect(view.querySelector(".progress-text")!.textContent).toBe("12 000 lignes sur 100 000");
  });

  it("renders the counts of a finished import", () => {
    const view = renderJob(job({ status: "termine", result: { accepted: 1200, replaced: 3, unchanged: 1 } }), () => undefined);
    expect(view.querySelector('[data-testid="import-counts"]')!.textContent).toBe("Import terminé : 1 200 lignes acceptées, 3 remplacées, 1 inchangée.");
  });

  it("renders a failed import's errors as a table, with the annotated workbook to download", () => {
    const downloads: string[] = [];
    const view = renderJob(
      job({
        status: "echoue",
        problem: {
          type: "https://clauses.example/problems/import-invalide",
          title: "Le classeur contient des erreurs.",
          status: 422,
          errors: [
            { sheet: "Heures 03-2025", row: 12, column: "F", field: "hours", message: "Plus de 208 heures dans le mois." },
            { sheet: "Heures 03-2025", row: 15, column: "Participant", field: "participantReference", message: "Participant inconnu." },
          ],
        },
        annotatedWorkbook: "/api/jobs/j1/annotated.xlsx",
      }),
      (path) => downloads.push(path),
    );
    expect(view.querySelector('[role="alert"]')!.textContent).toBe("Le classeur contient des erreurs.");
    const rows = [...view.querySelectorAll('[data-testid="import-errors"] tbody tr')].map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent));
    expect(rows).toEqual([
      ["Heures 03-2025", "F12", "Plus de 208 heures dans le mois."],
      ["Heures 03-2025", "Participant, ligne 15", "Participant inconnu."],
    ]);
    expect([...view.querySelectorAll("th")].map((th) => th.textContent)).toEqual(["Feuille", "Cellule", "Message"]);
    view.querySelector<HTMLButtonElement>('[data-action="annotated"]')!.click();
    expect(downloads).toEqual(["/api/jobs/j1/annotated.xlsx"]);
    expect(cellName({ column: null, row: null })).toBe("—");
  });

  it("uploads the raw file with its name, then polls the job until it ends", async () => {
    const states = [job({ status: "en_attente" }), job({ status: "en_cours", progress: 2, total: 4 }), job({ status: "termine", progress: 4, total: 4, result: { accepted: 4, replaced: 0, unchanged: 0 } })];
    const seen: string[] = [];
    const { fetch, requests } = fakeFetch({
      "POST /api/contracts/c1/imports": () => json({ jobId: "j1" }, { status: 202, headers: { Location: "/api/jobs/j1" } }),
      "GET /api/jobs/j1": () => json(states.shift()),
    });
    const section = document.createElement("section");
    document.body.append(section);
    const me: Me = { id: "u", displayName: "S", email: "s@x", platformAdmin: false, memberships: [] };
    const workspace: Workspace = { section, api: new ApiClient({ baseUrl: "https://clauses.example", fetch, getToken: () => "tok" }), me, organisationId: "o", reportError: async () => undefined, showError: () => undefined, clearError: () => undefined };
    const area = document.createElement("div");
    const page = new ImportPage(workspace, { wait: async () => void seen.push(area.textContent ?? "") });

    const file = new File([new Uint8Array([0x50, 0x4b, 3, 4])], "heures mars.xlsx", { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    const last = await page.upload("c1", file, area);

    expect(last?.status).toBe("termine");
    const upload = requests[0]!;
    expect(upload.method).toBe("POST");
    expect(upload.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(upload.headers.get("X-File-Name")).toBe("heures%20mars.xlsx");
    expect(upload.headers.get("Authorization")).toBe("Bearer tok");
    expect(seen).toEqual(["Fichier reçu : l'import va commencer.En attente de traitement…", "Import en cours…2 lignes sur 4"]);
    expect(area.textContent).toContain("Import terminé : 4 lignes acceptées");
  });
});

describe("allParticipants", () => {
  it("follows the pages when the server caps the page size", async () => {
    const { allParticipants } = await import("../src/shared/hours-api.js");
    const people = Array.from({ length: 450 }, (_, i) => ({ id: `p${i}`, reference: `P-${i}`, displayName: null }));
    const { fetch, requests } = fakeFetch({
      "GET /api/participants": (r) => {
        const page = Number(r.url.searchParams.get("page"));
        return json({ items: people.slice((page - 1) * 200, page * 200), page, pageSize: 200, total: people.length });
      },
    });
    const all = await allParticipants(new ApiClient({ baseUrl: "https://clauses.example", fetch, getToken: () => "tok" }), "org-1");
    expect(all).toHaveLength(450);
    expect(requests.map((r) => r.url.searchParams.get("page"))).toEqual(["1", "2", "3"]);
    expect(requests[0]!.url.searchParams.get("pageSize")).toBe("5000");
    expect(requests[0]!.url.searchParams.get("organisationId")).toBe("org-1");
  });
});
