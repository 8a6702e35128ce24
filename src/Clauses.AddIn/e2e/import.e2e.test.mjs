// End-to-end: the import page (/addin/pages/import.html) in headless Chromium, no Office at all.
// Scenario: sign in as a facilitator, pick a contract with hours, download the month's template
// ("Télécharger le modèle"), upload it back → progress → success counts.
//   CLAUSES_E2E_URL, CLAUSES_E2E_CHROMIUM (see harness.mjs); CLAUSES_E2E_USER (default sophie.bernard@plie-demo.fr)
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { contractWithDraftHours, e2eSetup, noError, openPage, previousPeriod, shot, signIn, waitOrError } from "./harness.mjs";

const user = process.env.CLAUSES_E2E_EXCEL_USER || process.env.CLAUSES_E2E_USER || "sophie.bernard@plie-demo.fr";
const state = e2eSetup();

test("Import page: download the template, upload it, follow the job to its counts", async () => {
  const period = previousPeriod();
  const { contract } = await contractWithDraftHours(state, user, period);
  const { page, context, consoleErrors } = await openPage(state, "/addin/pages/import.html", { viewport: { width: 900, height: 900 } });
  try {
    assert.equal(await page.locator('nav a[href="/"]').innerText(), "‹ Retour à l'accueil");
    await signIn(page, user);
    await waitOrError(page, page.locator("button.contract-pick").first());
    await page.locator('.contract-picker input[type="search"]').fill(contract.reference);
    await page.locator(`button.contract-pick[data-contract-id="${contract.id}"]`).click();
    await page.locator(".view.import").waitFor();
    await shot(page, "import-01-contract");

    // Télécharger le modèle (the month picker defaults to the previous month).
    assert.equal(await page.locator('select[name="period"]').inputValue(), period);
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator('[data-action="template"]').click()]);
    const file = join(tmpdir(), `clauses-e2e-${Date.now()}.xlsx`);
    await download.saveAs(file);
    const bytes = await readFile(file);
    assert.equal(bytes.subarray(0, 2).toString("latin1"), "PK", "le modèle n'est pas un .xlsx");
    assert.match(download.suggestedFilename(), /\.xlsx$/);

    // Upload it back.
    await page.locator("#import-file").setInputFiles(file);
    assert.match(await page.locator('[data-testid="chosen-file"]').innerText(), /^Fichier choisi : /);
    await page.locator('[data-action="upload"]').click();
    await waitOrError(page, page.locator('[data-testid="job"]'));
    const counts = page.locator('[data-testid="import-counts"]');
    // The running job shows "n lignes sur m" (a fast server may already be done).
    await Promise.race([page.locator(".job .progress-text", { hasText: " sur " }).waitFor({ timeout: 60_000 }), counts.waitFor({ timeout: 60_000 })]);
    if (await page.locator(".job progress").count()) {
      assert.match(await page.locator(".job progress").getAttribute("aria-valuenow"), /^\d+$/);
    }
    await shot(page, "import-02-progress");
    await waitOrError(page, counts, 120_000);
    assert.match((await counts.innerText()).replace(/\s/g, " "), /^Import terminé : \d+ lignes? acceptées?, \d+ remplacées?, \d+ inchangées?\.$/);
    await noError(page);
    await shot(page, "import-03-done");
    assert.deepEqual(consoleErrors, []);
  } catch (error) {
    await shot(page, "import-failure").catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
});
