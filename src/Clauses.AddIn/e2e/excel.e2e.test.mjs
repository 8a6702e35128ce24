// End-to-end: the Excel task pane in headless Chromium, Office replaced by e2e/excel-stand-in.js
// (an in-memory workbook). Scenario: sign in as a facilitator, pick a contract with hours in
// draft for the previous month, create the hours sheet, type 250 h in one row → "Vérifier"
// marks that cell in red with a French message; fix it to 35 → "Envoyer" shows the counts; send
// again → nothing changes.
//   CLAUSES_E2E_URL, CLAUSES_E2E_CHROMIUM (see harness.mjs)
//   CLAUSES_E2E_USER  demo facilitator (default sophie.bernard@plie-demo.fr)
import assert from "node:assert/strict";
import { test } from "node:test";
import { contractWithDraftHours, e2eSetup, noError, openPage, previousPeriod, shot, signIn, waitOrError } from "./harness.mjs";

const user = process.env.CLAUSES_E2E_EXCEL_USER || process.env.CLAUSES_E2E_USER || "sophie.bernard@plie-demo.fr";
const state = e2eSetup();
const HEADERS = ["Lot", "Participant", "SIRET employeur", "Modalité", "Période", "Heures", "Montant facturé HT (€)", "Justificatif", "Erreurs"];

/** The stand-in workbook's sheet as an HTML table, for a screenshot of what Excel would show. */
async function sheetShot(state, pane, sheetName, name) {
  const data = await pane.evaluate((sheet) => {
    const s = window.__excelStandIn.book.sheets.find((x) => x.name === sheet);
    let maxRow = 0;
    let maxCol = 0;
    for (const k of Object.keys(s.cells)) {
      const [r, c] = k.split(",").map(Number);
      maxRow = Math.max(maxRow, r);
      maxCol = Math.max(maxCol, c);
    }
    const rows = [];
    for (let r = 1; r <= Math.min(maxRow, 40); r++) {
      const row = [];
      for (let c = 0; c <= maxCol; c++) row.push({ v: s.cells[`${r},${c}`] ?? "", fill: s.fills[`${r},${c}`] ?? null });
      rows.push(row);
    }
    return rows;
  }, sheetName);
  const esc = (t) => String(t).replace(/&/g, "&amp;").replace(/</g, "&lt;");
  const html = `<html lang="fr"><body style="font:12px Segoe UI,Arial;margin:8px"><p><b>Excel (stand-in) — ${esc(sheetName)}</b></p><table style="border-collapse:collapse">${data
    .map((row, i) => `<tr>${row.map((c) => `<td style="border:1px solid #ccc;padding:2px 6px;white-space:nowrap;${i === 0 ? "font-weight:600;background:#e8f0fe;" : ""}${c.fill ? `background:${c.fill};` : ""}">${esc(c.v)}</td>`).join("")}</tr>`)
    .join("")}</table></body></html>`;
  const page = await state.browser.newPage({ viewport: { width: 1400, height: 400 } });
  await page.setContent(html);
  await shot(page, name);
  await page.close();
}

test("Excel pane: create the hours sheet, check it (250 h marked), fix it, send it twice", async () => {
  const period = previousPeriod();
  const { contract, hours } = await contractWithDraftHours(state, user, period);
  const { page, context, consoleErrors } = await openPage(state, "/addin/excel/taskpane.html", { officeStandIn: "excel-stand-in.js" });
  try {
    await signIn(page, user);
    const search = page.locator('.contract-picker input[type="search"]');
    await waitOrError(page, page.locator("button.contract-pick").first());
    await shot(page, "excel-01-contracts");
    await search.fill(contract.reference);
    await page.locator(`button.contract-pick[data-contract-id="${contract.id}"]`).click();
    await waitOrError(page, page.locator('[data-testid="server-records"]', { hasText: "Sur le serveur" }));
    assert.match(await page.locator('[data-testid="statement-status"]').innerText(), /^Relevé de \S+ \d{4} : brouillon/);
    assert.equal(await page.locator('[data-action="send"]').isEnabled(), true);

    // Créer la feuille de saisie
    await page.locator('[data-action="create-sheet"]').click();
    await waitOrError(page, page.locator('[data-testid="result"]', { hasText: "créée" }));
    await noError(page);
    await shot(page, "excel-02-sheet-created");
    const tableName = `Heures_${period.slice(0, 4)}_${period.slice(5, 7)}`;
    const table = await page.evaluate((name) => window.__excelStandIn.table(name), tableName);
    assert.ok(table, `tableau ${tableName} absent`);
    assert.equal(table.sheet, `Heures ${period.slice(5, 7)}-${period.slice(0, 4)}`);
    assert.deepEqual(table.headers, HEADERS);
    assert.equal(table.rows, hours.rows.length);
    assert.ok((await page.evaluate(() => window.__excelStandIn.sheetNames())).includes("Listes (masquée)"));

    // 250 h in a month: "Vérifier" marks the cell.
    const hoursCell = `${await page.evaluate((i) => window.__excelStandIn.letter(i), HEADERS.indexOf("Heures"))}${table.firstRow + 1}`;
    const errorsCell = `${await page.evaluate((i) => window.__excelStandIn.letter(i), HEADERS.indexOf("Erreurs"))}${table.firstRow + 1}`;
    await page.evaluate(([sheet, cell]) => window.__excelStandIn.setCell(sheet, cell, 250), [table.sheet, hoursCell]);
    await page.locator('[data-action="verify"]').click();
    await waitOrError(page, page.locator('[data-testid="result"]', { hasText: "vérifiée" }));
    const summary = await page.locator('[data-testid="result"]').innerText();
    assert.match(summary.replace(/\s/g, " "), new RegExp(`^${hours.rows.length} lignes? vérifiées?, [1-9]\\d* erreurs?$`));
    assert.equal(await page.evaluate(([sheet, cell]) => window.__excelStandIn.fill(sheet, cell), [table.sheet, hoursCell]), "#FFC7CE");
    const message = await page.evaluate(([sheet, cell]) => window.__excelStandIn.cell(sheet, cell), [table.sheet, errorsCell]);
    assert.match(message, /Heures : [^;]*(heure|208)/i);
    await shot(page, "excel-03-verified");
    await sheetShot(state, page, table.sheet, "excel-04-sheet-marked");

    // Fixed to 35 h: "Envoyer" stores it and shows the counts.
    await page.evaluate(([sheet, cell]) => window.__excelStandIn.setCell(sheet, cell, 35), [table.sheet, hoursCell]);
    await page.locator('[data-action="send"]').click();
    const counts = page.locator('[data-testid="send-counts"]');
    await waitOrError(page, counts);
    const sent = (await counts.innerText()).replace(/\s/g, " ");
    assert.match(sent, /^Envoi terminé : \d+ acceptées?, \d+ remplacées?, \d+ inchangées?, 0 refusée\.$/);
    const total = sent.match(/\d+/g).slice(0, 3).map(Number).reduce((a, b) => a + b, 0);
    assert.equal(total, hours.rows.length);
    assert.deepEqual(await page.evaluate((sheet) => window.__excelStandIn.filled(sheet), table.sheet), []);
    assert.equal(await page.evaluate(([sheet, cell]) => window.__excelStandIn.cell(sheet, cell), [table.sheet, errorsCell]), "");
    await shot(page, "excel-05-sent");
    await sheetShot(state, page, table.sheet, "excel-06-sheet-sent");

    // Idempotent: sending the same sheet again changes nothing.
    await page.locator('[data-action="send"]').click();
    await page.waitForFunction(
      (n) => /^Envoi terminé : 0 acceptée, 0 remplacée, (\d+) inchangées?, 0 refusée\.$/.exec((document.querySelector('[data-testid="send-counts"]')?.textContent ?? "").replace(/\s/g, " "))?.[1] === String(n),
      hours.rows.length,
      { timeout: 20_000 },
    );
    await noError(page);
    assert.deepEqual(consoleErrors, []);
  } catch (error) {
    await shot(page, "excel-failure").catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
});
