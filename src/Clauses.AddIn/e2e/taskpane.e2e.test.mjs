// End-to-end: the Word task pane in headless Chromium, Office replaced by e2e/office-stand-in.js.
//   CLAUSES_E2E_URL   API base URL serving /addin/ (default: start e2e/stand-in-api.mjs)
//   CLAUSES_E2E_USER  demo buyer (default marie.dupont@metropole-demo.fr)
//   CLAUSES_E2E_CHROMIUM  browser binary (default /usr/bin/chromium)
import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startStandInApi } from "./stand-in-api.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, "screenshots");
const user = process.env.CLAUSES_E2E_USER || "marie.dupont@metropole-demo.fr";
let baseUrl = process.env.CLAUSES_E2E_URL?.replace(/\/+$/, "");
let standIn = null;
let browser;

before(async () => {
  await mkdir(shots, { recursive: true });
  if (!baseUrl) {
    standIn = await startStandInApi(0);
    baseUrl = standIn.url;
  }
  browser = await chromium.launch({
    executablePath: process.env.CLAUSES_E2E_CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
  });
});

after(async () => {
  await browser?.close();
  standIn?.server.close();
});

async function openPane() {
  const context = await browser.newContext({ viewport: { width: 380, height: 900 }, locale: "fr-FR" });
  const standInScript = await readFile(join(here, "office-stand-in.js"), "utf8");
  await context.route("https://appsforoffice.microsoft.com/**", (route) =>
    route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: standInScript }),
  );
  const page = await context.newPage();
  const consoleErrors = [];
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  await page.goto(`${baseUrl}/addin/word/taskpane.html`);
  return { page, context, consoleErrors };
}

const messageBar = (page) => page.locator(".message-bar");

async function noError(page) {
  if (await messageBar(page).isVisible()) assert.fail(`Message d'erreur affiché : ${await messageBar(page).innerText()}`);
}

async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

test("sign in, pick a contract and a lot, size the clause (833 h), save it and insert it in Word", async () => {
  const { page, context, consoleErrors } = await openPane();
  try {
    // Office SSO is unavailable in the stand-in (13012): the pane offers the demo sign-in.
    await page.locator("#demo-user").waitFor();
    await page.locator("#demo-user").selectOption(user);
    await shot(page, "01-sign-in");
    await page.getByRole("button", { name: "Se connecter" }).click();

    // A contract that has lots.
    await page.locator("button.contract-pick").first().waitFor();
    await noError(page);
    await shot(page, "02-contracts");
    const count = await page.locator("button.contract-pick").count();
    let found = false;
    for (let i = 0; i < count && !found; i++) {
      await page.locator("button.contract-pick").nth(i).click();
      await page.locator(".view.contract").waitFor();
      if ((await page.locator("ul.lots li").count()) > 0) found = true;
      else {
        await page.locator('[data-action="back"]').click();
        await page.locator("button.contract-pick").first().waitFor();
      }
    }
    assert.ok(found, "aucun marché avec des lots pour cet utilisateur");
    assert.match(await page.locator('[data-testid="contract-progress"]').innerText(), /lots? analysés? sur \d+/);
    await shot(page, "03-contract");

    // Sizing of the first lot.
    await page.locator('ul.lots li [data-action="lot-sizing"]').first().click();
    const form = page.locator("form.sizing-form");
    await form.waitFor();
    await noError(page);
    await form.locator('[name="amountHt"]').fill("1 000 000");
    await form.locator('[name="labourShare"]').fill("50");
    await form.locator('[name="insertionRate"]').fill("5");
    await form.locator('[name="hourlyCost"]').fill("30");
    await form.locator('[name="facilitatorContact"]').fill("Maison métropolitaine d'insertion pour l'emploi – clauses@mmie-demo.fr");
    const hours = page.locator('[data-testid="target-hours"]');
    await page.waitForFunction(() => /833/.test(document.querySelector('[data-testid="target-hours"]')?.textContent ?? ""), null, { timeout: 10_000 });
    assert.match((await hours.innerText()).replace(/\s/g, " "), /^833 heures$/);
    await noError(page);
    await shot(page, "04-sizing-833");

    await page.getByRole("button", { name: "Enregistrer la clause" }).click();
    await page.locator(".sizing-form .status", { hasText: "Clause enregistrée" }).waitFor({ timeout: 10_000 }).catch(async (error) => {
      await noError(page);
      throw error;
    });
    await noError(page);

    const insert = page.getByRole("button", { name: "Insérer la clause" });
    assert.equal(await insert.isEnabled(), true);
    await insert.click();
    await page.locator(".sizing-form .status", { hasText: "Clause insérée." }).waitFor({ timeout: 10_000 }).catch(async (error) => {
      await noError(page);
      throw error;
    });
    const office = await page.evaluate(() => window.__officeStandIn);
    assert.equal(office.inserted.length, 1);
    const ooxml = office.inserted[0];
    assert.match(ooxml, /<w:sdt>/);
    assert.match(ooxml, /<w:tag w:val="clauses:[^"]+"/);
    assert.match(ooxml, /833/);
    assert.equal(office.controls.filter((c) => c.tag.startsWith("clauses:")).length, 1);
    await shot(page, "05-inserted");

    // Back on the contract, the document check sees the inserted clause.
    await page.getByRole("button", { name: "Retour au marché" }).click();
    await page.locator('[data-action="check-document"]').click();
    await page.locator(".check-result").waitFor({ timeout: 10_000 });
    await noError(page);
    await shot(page, "06-check");
    assert.deepEqual(consoleErrors, []);
  } catch (error) {
    await shot(page, "failure").catch(() => undefined);
    throw error;
  } finally {
    await context.close();
  }
});
