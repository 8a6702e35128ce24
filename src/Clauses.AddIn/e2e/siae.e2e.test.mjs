// End-to-end: the server-rendered reserved-tender pages (Razor Pages, no JavaScript) in headless Chromium,
// against the real product only — the stand-in API has no pages. Scenario: the buyer of the demo draft
// (karim.haddad@habitat-demo.fr, Rhône Habitat Social) signs in on /connexion, opens
// /acheteur/marches-reserves and publishes the draft; the SIAE (contact@siae-demo.fr) signs in in another
// browser context, finds it on /marches-reserves, opens it and clicks "Je suis intéressé(e)"; the buyer reloads
// and sees the SIAE listed as interested.
//   CLAUSES_E2E_URL        the product (default http://127.0.0.1:5080, as ./scripts/run.sh serves it, in Development)
//   CLAUSES_E2E_CHROMIUM   (see harness.mjs)
//   CLAUSES_E2E_BUYER      demo buyer owning a draft (default karim.haddad@habitat-demo.fr)
//   CLAUSES_E2E_SIAE       demo SIAE account (default contact@siae-demo.fr)
// The scenario changes the data (it publishes a tender). Run again, it publishes a new draft that it creates
// through the API on the lot of the demo draft, so it can run any number of times.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { e2eSetup, openPage, shot } from "./harness.mjs";

const buyer = process.env.CLAUSES_E2E_BUYER || "karim.haddad@habitat-demo.fr";
const siae = process.env.CLAUSES_E2E_SIAE || "contact@siae-demo.fr";
const siaeName = "Tremplin Bâtiment Insertion";
const viewport = { width: 1280, height: 900 };

const state = e2eSetup();
// The real product only: set before the harness's before() hook runs, so it starts no stand-in.
state.baseUrl ||= "http://127.0.0.1:5080";

before(async () => {
  const health = await fetch(`${state.baseUrl}/healthz`).catch((error) => error);
  assert.ok(health instanceof Response && health.ok,
    `Clauses ne répond pas sur ${state.baseUrl} (${health?.message ?? health?.status}) : lancez ./scripts/run.sh ou indiquez CLAUSES_E2E_URL.`);
  const signIn = await fetch(`${state.baseUrl}/connexion`);
  assert.equal(signIn.status, 200, `${state.baseUrl}/connexion → ${signIn.status} : les pages (builder.AddPages / app.MapPages) sont-elles branchées ?`);
});

/** Calls the JSON API as a demo user (dev token), for setup only. */
async function api(email) {
  const response = await fetch(`${state.baseUrl}/dev/token`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ email }) });
  assert.ok(response.ok, `/dev/token → ${response.status} (le produit doit tourner en Development)`);
  const { accessToken } = await response.json();
  return async (method, path, body) => {
    const r = await fetch(`${state.baseUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/json", ...(body ? { "Content-Type": "application/json" } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    assert.ok(r.ok, `${method} ${path} → ${r.status} ${await r.clone().text()}`);
    return r.json();
  };
}

/** The buyer's draft to publish: the demo draft on a fresh database, else a new one on the same lot. */
async function draftToPublish() {
  const call = await api(buyer);
  const drafts = await call("GET", "/api/tenders?status=brouillon");
  const fresh = drafts.find((t) => new Date(t.deadlineAt) > new Date(Date.now() + 2 * 86_400_000));
  if (fresh) return fresh;
  const all = await call("GET", "/api/tenders");
  // The demo draft's lot, preferably through the demo tender itself (not an earlier run's copy).
  const candidates = all.filter((t) => t.lotId && t.reservation === "reserve_l2113_13" && t.status !== "annule");
  const model = candidates.find((t) => !t.title.includes("(E2E ")) ?? candidates[0];
  assert.ok(model, `aucun appel d'offres réservé de ${buyer} sur lequel créer un brouillon : rechargez les données de démonstration (scripts/db.sh reset)`);
  const stamp = new Date().toISOString().slice(0, 16).replace("T", " ");
  return call("POST", `/api/lots/${model.lotId}/tenders`, {
    title: `${model.title.replace(/( \(E2E [^)]*\))+$/, "")} (E2E ${stamp})`,
    summary: model.summary,
    description: model.description,
    sectors: model.sectors,
    departements: model.departements,
    deadlineAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
    amountHt: model.amountHt,
  });
}

/** Signs in on /connexion (the page the app redirected to) with the demo user's button. */
async function signInOnPage(page, email) {
  await page.waitForURL(/\/connexion/);
  await page.locator("button.user-button", { hasText: email }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/connexion"));
}

async function noPageError(page) {
  const errors = page.locator(".message-bar--error");
  if (await errors.count()) assert.fail(`Message d'erreur affiché : ${await errors.first().innerText()}`);
}

test("Reserved tenders: the buyer publishes a draft, the SIAE says it is interested, the buyer sees it", async () => {
  const draft = await draftToPublish();
  const card = (page) => page.locator(`#appel-${draft.id}`);

  // Anonymous: the public list, read-only.
  const visitor = await openPage(state, "/marches-reserves/publics", { viewport });
  try {
    await visitor.page.getByRole("heading", { level: 1, name: "Marchés réservés ouverts aux structures inclusives" }).waitFor();
    assert.equal(await visitor.page.getByText(draft.title, { exact: true }).count(), 0, "un brouillon apparaît sur la page publique");
    await shot(visitor.page, "siae-00-public");
  } finally {
    await visitor.context.close();
  }

  // The buyer signs in and publishes the draft.
  const b = await openPage(state, "/acheteur/marches-reserves", { viewport });
  try {
    await b.page.waitForURL(/\/connexion\?ReturnUrl=%2Facheteur%2Fmarches-reserves/);
    await shot(b.page, "siae-01-connexion");
    await signInOnPage(b.page, buyer);
    assert.equal(new URL(b.page.url()).pathname, "/acheteur/marches-reserves");
    await card(b.page).waitFor();
    assert.match(await card(b.page).innerText(), /Brouillon/);
    await shot(b.page, "siae-02-acheteur-brouillon");
    await card(b.page).getByRole("button", { name: "Publier" }).click();
    await b.page.locator(".message-bar--success").waitFor();
    await noPageError(b.page);
    assert.match(await b.page.locator(".message-bar--success").innerText(), /est publié/);
    assert.match(await card(b.page).innerText(), /Publié/);
    await shot(b.page, "siae-03-acheteur-publie");

    // The SIAE, in its own browser context.
    const s = await openPage(state, "/marches-reserves", { viewport });
    try {
      await signInOnPage(s.page, siae);
      assert.equal(new URL(s.page.url()).pathname, "/marches-reserves");
      const link = s.page.locator(`a[href="/marches-reserves/${draft.id}"]`);
      await link.waitFor();
      const siaeCard = s.page.locator("article", { has: link });
      // The demo draft asks for cleaning, the demo SIAE is a building EI: listed among the others, after the tenders that fit.
      assert.ok(await s.page.locator(".badge--match", { hasText: "Correspond à votre activité" }).count() > 0, "aucun marché « Correspond à votre activité »");
      assert.match(await siaeCard.innerText(), /Réponse avant le/);
      await shot(s.page, "siae-04-siae-liste");
      await link.click();
      await s.page.getByRole("heading", { level: 1, name: draft.title }).waitFor();
      await s.page.getByLabel("Message à l'acheteur").fill("Nous pouvons visiter le chantier la semaine prochaine.");
      await shot(s.page, "siae-05-siae-detail");
      await s.page.getByRole("button", { name: "Je suis intéressé(e)" }).click();
      await s.page.locator(".message-bar--success").waitFor();
      await noPageError(s.page);
      assert.match(await s.page.locator(".message-bar--success").innerText(), /Votre intérêt est enregistré/);
      assert.equal(await s.page.getByLabel("Message à l'acheteur").inputValue(), "Nous pouvons visiter le chantier la semaine prochaine.");
      await shot(s.page, "siae-06-siae-confirmation");
    } finally {
      await s.context.close();
    }

    // The buyer reloads and sees the SIAE as interested.
    await b.page.reload();
    const row = card(b.page).locator("tr", { hasText: siaeName });
    await row.waitFor();
    assert.match(await row.innerText(), /Intéressée/);
    assert.match(await row.innerText(), /Nous pouvons visiter le chantier la semaine prochaine\./);
    await card(b.page).scrollIntoViewIfNeeded();
    await shot(b.page, "siae-07-acheteur-interet");
    assert.deepEqual(b.consoleErrors, []);
  } finally {
    await b.context.close();
  }
});
