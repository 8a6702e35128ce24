import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiClient, type Me } from "../src/shared/api.js";
import type { Workspace } from "../src/shared/home.js";
import type { BatchRow, ContractHours, HourRecord } from "../src/shared/hours-api.js";
import { ExcelApp, statementText } from "../src/excel/excel-app.js";
import { fakeFetch, json, plainSpaces, type RecordedRequest } from "./helpers.js";
import { mockExcel, unmockExcel } from "./excel-mock.js";

afterEach(() => {
  unmockExcel();
  document.body.replaceChildren();
  sessionStorage.clear();
});

const ME: Me = {
  id: "u1",
  displayName: "Sophie Bernard",
  email: "sophie.bernard@plie-demo.fr",
  platformAdmin: false,
  memberships: [
    { organisationId: "org-1", organisationName: "Métropole", organisationKind: "acheteur_public", roles: ["facilitateur"] },
    { organisationId: "org-2", organisationName: "Ville", organisationKind: "acheteur_public", roles: ["facilitateur"] },
  ],
};

const record = (i: number): HourRecord => ({
  lotNumber: 1,
  participantId: `p${i}`,
  participantReference: `P-${String(i).padStart(6, "0")}`,
  participantName: `NOM${i} Prénom`,
  employerSiret: "12345678900012",
  modality: "interim_etti",
  period: "2025-03-01",
  periodKind: "mois",
  hours: 100 + (i % 50),
  invoicedAmountHt: null,
  evidenceReference: null,
});

function setup(options: { rows?: number; status?: "brouillon" | "valide" } = {}) {
  const excel = mockExcel();
  let statement: ContractHours["statement"] = { version: 1, status: options.status ?? "brouillon", validatedAt: options.status === "valide" ? "2025-04-12T08:00:00Z" : null, validatedBy: options.status === "valide" ? "Sophie Bernard" : null };
  const rows = Array.from({ length: options.rows ?? 3 }, (_, i) => record(i));
  const batches: { dryRun: boolean; rows: BatchRow[] }[] = [];
  const { fetch, requests } = fakeFetch({
    "GET /api/contracts": () => json({ items: [], page: 1, pageSize: 20, total: 0 }),
    "GET /api/contracts/c1": () => json({ contract: { id: "c1", organisationId: "org-1", reference: "2024-TRV-003", title: "Pôle d'échanges" }, lots: [{ id: "l1", number: 1, title: "Gros œuvre" }, { id: "l2", number: 2, title: "Peinture" }] }),
    "GET /api/reference": () => json({ modalities: [{ code: "embauche_directe", label: "Embauche directe" }, { code: "interim_etti", label: "Intérim d'insertion (ETTI)" }] }),
    "GET /api/participants": (r) => json({ items: rows.map((x) => ({ id: x.participantId, reference: x.participantReference, displayName: x.participantName, eligibleNow: true })), page: Number(r.url.searchParams.get("page")), pageSize: 5000, total: rows.length }),
    "GET /api/contracts/c1/hours": () => json({ contractId: "c1", period: "2025-03-01", statement, rows }),
    "POST /api/contracts/c1/hours/batch": (r: RecordedRequest) => {
      const body = r.body as { dryRun: boolean; rows: BatchRow[] };
      batches.push(body);
      const answer = body.rows.map((row) =>
        row.hours !== null && row.hours > 208
          ? { row: row.row, status: "rejected", errors: [{ field: "hours", message: "Plus de 208 heures dans le mois : vérifiez la saisie." }] }
          : { row: row.row, status: row.row === 2 ? "replaced" : "unchanged", errors: [] },
      );
      const count = (s: string) => answer.filter((a) => a.status === s).length;
      return json({ accepted: count("accepted"), replaced: count("replaced"), unchanged: count("unchanged"), rejected: count("rejected"), rows: answer });
    },
    "POST /api/contracts/c1/statements/2025-03-01/validate": () => {
      statement = { version: 1, status: "valide", validatedAt: "2025-04-12T08:00:00Z", validatedBy: "Sophie Bernard" };
      return json({ period: "2025-03-01", ...statement });
    },
    "POST /api/contracts/c1/statements/2025-03-01/corrections": () => {
      statement = { version: 2, status: "brouillon", validatedAt: null, validatedBy: null };
      return json({ period: "2025-03-01", ...statement });
    },
  });
  const section = document.createElement("section");
  document.body.append(section);
  const errors: string[] = [];
  const workspace: Workspace = {
    section,
    api: new ApiClient({ baseUrl: "https://clauses.example", fetch, getToken: () => "tok" }),
    me: ME,
    organisationId: "org-1",
    reportError: async (error) => void errors.push(String(error)),
    showError: (text) => void errors.push(text),
    clearError: () => undefined,
  };
  const app = new ExcelApp(workspace, { today: () => new Date(2025, 3, 10) });
  const click = (action: string) => section.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!.click();
  const button = (action: string) => section.querySelector<HTMLButtonElement>(`[data-action="${action}"]`)!;
  const text = (testid: string) => plainSpaces(section.querySelector(`[data-testid="${testid}"]`)?.textContent);
  const idle = () => vi.waitFor(() => expect(section.querySelector(".view.hours")?.getAttribute("aria-busy")).toBeNull(), { timeout: 20_000 });
  return { app, excel, section, requests, batches, errors, click, button, text, idle };
}

describe("Excel pane: hours of a contract and month", () => {
  it("creates the sheet from the server's records (default period: the previous month)", async () => {
    const t = setup({ rows: 3 });
    await t.app.openContract("c1");
    expect(t.section.querySelector<HTMLSelectElement>('select[name="period"]')!.selectedOptions[0]!.textContent).toBe("mars 2025");
    expect(t.text("statement-status")).toBe("Relevé de mars 2025 : brouillon");

    t.click("create-sheet");
    await vi.waitFor(() => expect(t.text("result")).toContain("créée"));
    expect(t.text("result")).toBe("Feuille « Heures 03-2025 » créée : 3 lignes.");
    expect(t.excel.cell("Heures 03-2025", "B2")).toBe("NOM0 Prénom – P-000000");
    expect(t.excel.cell("Heures 03-2025", "D2")).toBe("Intérim d'insertion (ETTI)");
    expect(t.errors).toEqual([]);
  });

  it("Vérifier re-reads the table, sends dryRun in batches of at most 2 000 and marks the faulty cell", async () => {
    const t = setup({ rows: 4500 });
    await t.app.openContract("c1");
    t.click("create-sheet");
    await t.idle();
    await vi.waitFor(() => expect(t.text("result")).toContain("créée"));
    t.excel.setCell("Heures 03-2025", "F3", 250); // a typo: 250 h in a month
    t.excel.setCell("Heures 03-2025", "F4", "35,5");

    t.click("verify");
    await vi.waitFor(() => expect(t.text("result")).toContain("vérifiées"), { timeout: 20_000 });

    expect(t.text("result")).toBe("4 500 lignes vérifiées, 1 erreur");
    expect(t.batches.map((b) => [b.dryRun, b.rows.length])).toEqual([[true, 2000], [true, 2000], [true, 500]]);
    expect(t.batches.every((b) => (b as { source?: string }).source === "excel")).toBe(true);
    expect(t.batches[0]!.rows[2]).toEqual({ row: 4, lotNumber: 1, participantReference: "P-000002", employerSiret: "12345678900012", modality: "interim_etti", period: "2025-03-01", periodKind: "mois", hours: 35.5, invoicedAmountHt: null, evidenceReference: null });
    expect(t.excel.filled("Heures 03-2025")).toEqual(["F3"]);
    expect(t.excel.cell("Heures 03-2025", "I3")).toBe("Heures : Plus de 208 heures dans le mois : vérifiez la saisie.");

    // Fixed, checked again: the marks go.
    t.excel.setCell("Heures 03-2025", "F3", 35);
    t.click("verify");
    await vi.waitFor(() => expect(t.text("result")).toBe("4 500 lignes vérifiées, aucune erreur"), { timeout: 20_000 });
    expect(t.excel.filled("Heures 03-2025")).toEqual([]);
    expect(t.excel.cell("Heures 03-2025", "I3")).toBe("");
  });

  it("cells that cannot be read are marked without being sent", async () => {
    const t = setup({ rows: 3 });
    await t.app.openContract("c1");
    t.click("create-sheet");
    await vi.waitFor(() => expect(t.text("result")).toContain("créée"));
    t.excel.setCell("Heures 03-2025", "E3", "trimestre 2");
    t.excel.setCell("Heures 03-2025", "B4", "Quelqu'un");
    t.click("verify");
    await vi.waitFor(() => expect(t.text("result")).toContain("vérifiées"));
    expect(t.text("result")).toBe("3 lignes vérifiées, 2 erreurs");
    expect(t.batches[0]!.rows.map((r) => r.row)).toEqual([2]);
    expect(t.excel.filled("Heures 03-2025").sort()).toEqual(["B4", "E3"]);
    expect(t.excel.cell("Heures 03-2025", "E3")).toBe("trimestre 2");
  });

  it("Envoyer sends dryRun false and shows the counts; rejected rows stay marked", async () => {
    const t = setup({ rows: 5 });
    await t.app.openContract("c1");
    t.click("create-sheet");
    await vi.waitFor(() => expect(t.text("result")).toContain("créée"));
    t.excel.setCell("Heures 03-2025", "F6", "250");

    t.click("send");
    await vi.waitFor(() => expect(t.text("send-counts")).not.toBe(""));
    expect(t.batches.map((b) => b.dryRun)).toEqual([false]);
    expect(t.text("send-counts")).toBe("Envoi terminé : 0 acceptée, 1 remplacée, 3 inchangées, 1 refusée.");
    expect(t.excel.filled("Heures 03-2025")).toEqual(["F6"]);
  });

  it("a validated statement disables Envoyer, explains why, and a correction re-enables it", async () => {
    const t = setup({ status: "valide" });
    await t.app.openContract("c1");
    expect(t.text("statement-status")).toBe("Relevé de mars 2025 : validé le 12/04/2025 par Sophie Bernard — verrouillé");
    expect(t.button("send").disabled).toBe(true);
    expect(t.text("locked")).toContain("est validé : il est verrouillé");
    expect(t.button("validate").disabled).toBe(true);
    expect(t.button("correction").hidden).toBe(false);

    t.click("correction");
    await vi.waitFor(() => expect(t.text("statement-status")).toBe("Relevé de mars 2025 : brouillon (version 2)"));
    expect(t.button("send").disabled).toBe(false);
    expect(t.button("correction").hidden).toBe(true);
  });

  it("Valider le relevé asks for confirmation in the pane, then locks the month", async () => {
    const t = setup();
    await t.app.openContract("c1");
    t.click("validate");
    const dialog = t.section.querySelector('[role="alertdialog"]')!;
    expect(dialog.textContent).toContain("Valider le relevé de mars 2025 ?");
    t.click("cancel-validate");
    expect(t.section.querySelector('[role="alertdialog"]')).toBeNull();
    expect(t.requests.some((r) => r.url.pathname.endsWith("/validate"))).toBe(false);

    t.click("validate");
    t.click("confirm-validate");
    await vi.waitFor(() => expect(t.text("statement-status")).toContain("verrouillé"));
    expect(t.button("send").disabled).toBe(true);
  });

  it("outside Excel, the actions say so in French", async () => {
    const t = setup();
    unmockExcel();
    await t.app.openContract("c1");
    t.click("verify");
    await vi.waitFor(() => expect(t.errors).toEqual(["Cette action n'est possible que dans Excel : ouvrez le volet depuis un classeur Excel."]));
  });

  it("statement lines", () => {
    expect(statementText("2025-03-01", null)).toBe("Relevé de mars 2025 : aucune heure déclarée pour l'instant");
    expect(statementText("2025-03-01", { version: 1, status: "brouillon", validatedAt: null, validatedBy: null })).toBe("Relevé de mars 2025 : brouillon");
  });
});
