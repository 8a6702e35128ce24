// Shared E2E harness: the API under test (CLAUSES_E2E_URL, else the stand-in API), headless
// Chromium (CLAUSES_E2E_CHROMIUM), Office.js replaced by a stand-in script, screenshots.
import assert from "node:assert/strict";
import { mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { after, before } from "node:test";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startStandInApi } from "./stand-in-api.mjs";

const here = dirname(fileURLToPath(import.meta.url));
export const shots = join(here, "screenshots");

/** Starts the stand-in API when CLAUSES_E2E_URL is unset, and Chromium; stops both after the file's tests. */
export function e2eSetup() {
  const state = { baseUrl: process.env.CLAUSES_E2E_URL?.replace(/\/+$/, ""), browser: null, standIn: null };
  before(async () => {
    await mkdir(shots, { recursive: true });
    if (!state.baseUrl) {
      state.standIn = await startStandInApi(0);
      state.baseUrl = state.standIn.url;
    }
    state.browser = await chromium.launch({
      executablePath: process.env.CLAUSES_E2E_CHROMIUM || "/usr/bin/chromium",
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"],
    });
  });
  after(async () => {
    await state.browser?.close();
    state.standIn?.server.close();
  });
  return state;
}

/** Opens `path`; with `officeStandIn` (a file of e2e/), office.js requests get that script. */
export async function openPage(state, path, { officeStandIn = null, viewport = { width: 380, height: 900 } } = {}) {
  const context = await state.browser.newContext({ viewport, locale: "fr-FR", acceptDownloads: true });
  if (officeStandIn) {
    const script = await readFile(join(here, officeStandIn), "utf8");
    await context.route("https://appsforoffice.microsoft.com/**", (route) => route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: script }));
  }
  const page = await context.newPage();
  const consoleErrors = [];
  page.on("pageerror", (error) => consoleErrors.push(String(error)));
  await page.goto(`${state.baseUrl}${path}`);
  return { page, context, consoleErrors };
}

export const messageBar = (page) => page.locator(".message-bar");

export async function noError(page) {
  if (await messageBar(page).isVisible()) assert.fail(`Message d'erreur affiché : ${await messageBar(page).innerText()}`);
}

export async function shot(page, name) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** Waits for `locator`, failing with the message bar's text if an error shows up meanwhile. */
export async function waitOrError(page, locator, timeout = 20_000) {
  await Promise.race([
    locator.waitFor({ timeout }),
    messageBar(page).waitFor({ state: "visible", timeout }).then(async () => assert.fail(`Message d'erreur affiché : ${await messageBar(page).innerText()}`)),
  ]);
}

/** Signs in with the demo user `email` (Office SSO is unavailable in the stand-ins). */
export async function signIn(page, email) {
  await page.locator("#demo-user").waitFor();
  await page.locator("#demo-user").selectOption(email);
  await page.getByRole("button", { name: "Se connecter" }).click();
}

/** The previous month as "2025-03-01" (the panes' default period). */
export function previousPeriod(today = new Date()) {
  const y = today.getMonth() === 0 ? today.getFullYear() - 1 : today.getFullYear();
  const m = today.getMonth() === 0 ? 12 : today.getMonth();
  return `${y}-${String(m).padStart(2, "0")}-01`;
}

/** Straight API calls (dev token) to find test data that only the contract and demo data guarantee. */
export async function apiAs(state, email) {
  const token = (await (await fetch(`${state.baseUrl}/dev/token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email }) })).json()).accessToken;
  return async (path) => {
    const response = await fetch(`${state.baseUrl}${path}`, { headers: { Authorization: `Bearer ${token}`, Accept: "application/json" } });
    assert.ok(response.ok, `${path} → ${response.status}`);
    return response.json();
  };
}

/** A contract of `email` with server records for `period` and a statement still in draft. */
export async function contractWithDraftHours(state, email, period) {
  const get = await apiAs(state, email);
  const page = await get(`/api/contracts?page=1&pageSize=100`);
  for (const contract of page.items) {
    const hours = await get(`/api/contracts/${contract.id}/hours?period=${period}`).catch(() => null);
    if (hours && hours.rows.length > 0 && hours.statement?.status !== "valide") return { contract, hours };
  }
  assert.fail(`aucun marché de ${email} avec des heures en brouillon pour ${period}`);
}
