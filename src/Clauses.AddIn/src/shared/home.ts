// The home of both task panes: sign-in, who is signed in, their organisations and roles,
// the organisation picker and (Word) that organisation's contracts.

import { ApiClient, ApiError, endpoints, type ContractSummary, type DevUser, type Me, type Membership, type Page } from "./api.js";
import { Auth, type Session } from "./auth.js";
import { h, replaceChildren } from "./dom.js";
import { formatEuros, plural, roleLabel, roleListLabel } from "./format.js";
import type { OfficeInfo } from "./office.js";

export const ORGANISATION_KEY = "clauses.organisationId";
const CONTRACT_PAGE_SIZE = 50;

// ---- Pure renderers (exported for tests) -------------------------------------------------

export function renderMemberships(memberships: Membership[]): HTMLElement {
  if (memberships.length === 0) {
    return h(
      "p",
      { class: "empty", "data-testid": "no-membership" },
      "Vous n'êtes rattaché à aucune organisation : demandez un accès à l'administrateur de votre organisation.",
    );
  }
  return h(
    "ul",
    { class: "memberships", "aria-label": "Vos organisations" },
    ...memberships.map((m) =>
      h(
        "li",
        { "data-organisation-id": m.organisationId },
        h("span", { class: "organisation-name" }, m.organisationName),
        h("span", { class: "roles" }, m.roles.length > 0 ? m.roles.map(roleLabel).join(", ") : "aucun rôle"),
      ),
    ),
  );
}

export function renderProfile(me: Me): HTMLElement {
  return h(
    "div",
    { class: "profile" },
    h("p", { class: "signed-in-as" }, "Connecté en tant que ", h("strong", {}, me.displayName), me.email ? ` (${me.email})` : ""),
    me.platformAdmin ? h("p", { class: "badge" }, "Administrateur de la plateforme") : null,
    h("h2", {}, "Vos organisations"),
    renderMemberships(me.memberships),
  );
}

export function renderOrganisationPicker(memberships: Membership[], selectedId: string | null, onChange: (organisationId: string) => void): HTMLElement {
  const select = h("select", { id: "organisation-picker", name: "organisation" });
  for (const m of memberships) {
    const option = h("option", { value: m.organisationId }, m.organisationName);
    option.selected = m.organisationId === selectedId;
    select.append(option);
  }
  select.disabled = memberships.length < 2;
  select.addEventListener("change", () => onChange(select.value));
  return h("div", { class: "field" }, h("label", { for: "organisation-picker" }, "Organisation"), select);
}

export function renderContracts(page: Page<ContractSummary>): HTMLElement {
  if (page.items.length === 0) {
    return h("p", { class: "empty" }, "Aucun marché pour cette organisation.");
  }
  const count =
    page.total > page.items.length
      ? `${plural(page.items.length, "marché affiché", "marchés affichés")} sur ${page.total.toLocaleString("fr-FR")}`
      : plural(page.total, "marché", "marchés");
  return h(
    "div",
    {},
    h("p", { class: "count" }, count),
    h(
      "ul",
      { class: "contracts", "aria-label": "Marchés de l'organisation" },
      ...page.items.map((c) =>
        h(
          "li",
          { "data-contract-id": c.id },
          h("span", { class: "contract-title" }, `${c.reference} — ${c.title}`),
          h("span", { class: "amount" }, formatEuros(c.amountHt)),
        ),
      ),
    ),
  );
}

export function renderDemoSignIn(users: DevUser[], reason: string, onSubmit: (email: string) => void): HTMLElement {
  const select = h("select", { id: "demo-user", name: "email", required: true });
  for (const user of users) {
    select.append(h("option", { value: user.email }, `${user.displayName} — ${roleListLabel(user.roles)}`));
  }
  const button = h("button", { type: "submit", class: "primary" }, "Se connecter");
  const form = h(
    "form",
    { class: "signin-form", "aria-label": "Connexion de démonstration" },
    h("p", { class: "hint" }, reason),
    h("div", { class: "field" }, h("label", { for: "demo-user" }, "Utilisateur de démonstration"), select),
    button,
  );
  if (users.length === 0) {
    button.disabled = true;
    form.append(h("p", { class: "empty" }, "Aucun utilisateur de démonstration."));
  }
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (select.value) onSubmit(select.value);
  });
  return form;
}

// ---- Controller ---------------------------------------------------------------------------

export interface HomeOptions {
  root: HTMLElement;
  api: ApiClient;
  auth: Auth;
  office: OfficeInfo;
  /** Word lists the selected organisation's contracts; Excel does not (yet). */
  showContracts: boolean;
  /** Remembers the chosen organisation (default sessionStorage). */
  storage?: Storage;
  /** When given, the pane's own workspace replaces the plain contract list (Word). */
  openOrganisation?: (workspace: Workspace) => void | Promise<void>;
}

/** What a pane's workspace gets from the home: its section, the API and the message bar. */
export interface Workspace {
  section: HTMLElement;
  api: ApiClient;
  me: Me;
  organisationId: string;
  /** Shows an API failure in the message bar (a 401 also signs out). */
  reportError(error: unknown): Promise<void>;
  showError(text: string): void;
  clearError(): void;
}

export class Home {
  private readonly message: HTMLElement;
  private readonly signIn: HTMLElement;
  private readonly profile: HTMLElement;
  private readonly contracts: HTMLElement;
  private readonly storage: Storage;
  private me: Me | null = null;
  private contractsRequest = 0;

  constructor(private readonly options: HomeOptions) {
    this.storage = options.storage ?? window.sessionStorage;
    this.message = h("div", { class: "message-bar", role: "alert", hidden: true });
    this.signIn = h("section", { class: "signin", "aria-label": "Connexion" });
    this.profile = h("section", { class: "profile-section", "aria-label": "Profil", hidden: true });
    this.contracts = h("section", { class: "contracts-section", "aria-label": "Marchés", hidden: true });
    replaceChildren(
      options.root,
      h(
        "header",
        { class: "app-header" },
        h("img", { src: "../assets/icon-32.png", alt: "", width: 32, height: 32 }),
        h("h1", {}, "Clauses"),
        h("span", { class: "host" }, options.office.hostName),
      ),
      this.message,
      h("main", {}, this.signIn, this.profile, this.contracts),
    );
  }

  /** Signs in (cached token, SSO or demo users) and shows the home. */
  async start(): Promise<void> {
    this.busy(this.signIn, "Connexion en cours…");
    let outcome: Awaited<ReturnType<Auth["signIn"]>>;
    try {
      outcome = await this.options.auth.signIn();
    } catch (error) {
      outcome = { status: "failed", message: messageOf(error) };
    }
    switch (outcome.status) {
      case "signed-in":
        await this.signedIn(outcome.session);
        return;
      case "demo":
        this.showDemoSignIn(outcome.users, outcome.reason);
        return;
      case "failed":
        this.showError(outcome.message);
        this.showRetry();
        return;
    }
  }

  async signInAsDemoUser(email: string): Promise<void> {
    this.clearError();
    try {
      const session = await this.options.auth.signInAsDemoUser(email);
      await this.signedIn(session);
    } catch (error) {
      this.showError(messageOf(error));
    }
  }

  async selectOrganisation(organisationId: string): Promise<void> {
    this.storage.setItem(ORGANISATION_KEY, organisationId);
    if (this.options.openOrganisation && this.me) {
      this.contractsRequest++;
      this.contracts.hidden = false;
      this.contracts.removeAttribute("aria-busy");
      replaceChildren(this.contracts);
      await this.options.openOrganisation({
        section: this.contracts,
        api: this.options.api,
        me: this.me,
        organisationId,
        reportError: (error) => this.failed(error),
        showError: (text) => this.showError(text),
        clearError: () => this.clearError(),
      });
      return;
    }
    if (this.options.showContracts) await this.loadContracts(organisationId);
  }

  private async signedIn(session: Session): Promise<void> {
    replaceChildren(this.signIn);
    this.signIn.hidden = true;
    this.profile.hidden = false;
    this.busy(this.profile, "Chargement du profil…");
    let me: Me;
    try {
      me = await endpoints.me(this.options.api);
    } catch (error) {
      await this.failed(error);
      return;
    }
    this.me = me;
    const signOut =
      session.source === "dev"
        ? h("button", { type: "button", class: "link", "data-action": "sign-out" }, "Se déconnecter")
        : null;
    signOut?.addEventListener("click", () => void this.signOut());
    const picked = this.pickOrganisation(me.memberships);
    replaceChildren(
      this.profile,
      renderProfile(me),
      me.memberships.length > 0 ? renderOrganisationPicker(me.memberships, picked, (id) => void this.selectOrganisation(id)) : null,
      signOut,
    );
    this.profile.removeAttribute("aria-busy");
    if (picked) await this.selectOrganisation(picked);
  }

  private pickOrganisation(memberships: Membership[]): string | null {
    const remembered = this.storage.getItem(ORGANISATION_KEY);
    if (remembered && memberships.some((m) => m.organisationId === remembered)) return remembered;
    return memberships[0]?.organisationId ?? null;
  }

  private async loadContracts(organisationId: string): Promise<void> {
    const request = ++this.contractsRequest;
    this.contracts.hidden = false;
    const heading = h("h2", {}, "Marchés");
    this.busy(this.contracts, "Chargement des marchés…", heading);
    try {
      const page = await endpoints.contracts(this.options.api, { organisationId, page: 1, pageSize: CONTRACT_PAGE_SIZE });
      if (request !== this.contractsRequest) return; // a newer choice superseded this one
      replaceChildren(this.contracts, heading, renderContracts(page));
      this.contracts.removeAttribute("aria-busy");
    } catch (error) {
      if (request !== this.contractsRequest) return;
      replaceChildren(this.contracts, heading);
      this.contracts.removeAttribute("aria-busy");
      await this.failed(error);
    }
  }

  private async signOut(): Promise<void> {
    this.options.auth.signOut();
    this.clearError();
    this.resetSignedInView();
    await this.start();
  }

  /** Shows an API failure; a 401 means the token is no longer accepted, so sign in again. */
  private async failed(error: unknown): Promise<void> {
    this.showError(messageOf(error));
    if (error instanceof ApiError && error.status === 401) {
      this.options.auth.signOut();
      this.resetSignedInView();
      // Outside Office the demo list comes back at once; in Office wait for a click so a
      // token the API keeps refusing does not loop through SSO.
      if (this.options.office.host === "none") {
        const outcome = await this.options.auth.signIn();
        if (outcome.status === "demo") this.showDemoSignIn(outcome.users, outcome.reason);
        else this.showRetry();
      } else {
        this.showRetry();
      }
    }
  }

  private resetSignedInView(): void {
    this.me = null;
    this.contractsRequest++;
    replaceChildren(this.profile);
    replaceChildren(this.contracts);
    this.profile.hidden = true;
    this.contracts.hidden = true;
  }

  private showDemoSignIn(users: DevUser[], reason: string): void {
    this.signIn.hidden = false;
    this.signIn.removeAttribute("aria-busy");
    replaceChildren(this.signIn, h("h2", {}, "Connexion"), renderDemoSignIn(users, reason, (email) => void this.signInAsDemoUser(email)));
  }

  private showRetry(): void {
    this.signIn.hidden = false;
    this.signIn.removeAttribute("aria-busy");
    const button = h("button", { type: "button", class: "primary" }, "Se connecter");
    button.addEventListener("click", () => {
      this.clearError();
      void this.start();
    });
    replaceChildren(this.signIn, h("h2", {}, "Connexion"), button);
  }

  private busy(section: HTMLElement, text: string, ...before: Node[]): void {
    section.hidden = false;
    section.setAttribute("aria-busy", "true");
    replaceChildren(section, ...before, h("p", { class: "loading" }, text));
  }

  private showError(text: string): void {
    this.message.textContent = text;
    this.message.hidden = false;
  }

  private clearError(): void {
    this.message.textContent = "";
    this.message.hidden = true;
  }

  /** The signed-in user's profile, once loaded. */
  get currentUser(): Me | null {
    return this.me;
  }
}

function messageOf(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return "Une erreur inattendue est survenue : rechargez le volet.";
}

/** Entry point shared by the Word and Excel panes. */
export async function bootstrap(options: {
  root: HTMLElement;
  office: OfficeInfo;
  showContracts: boolean;
  openOrganisation?: HomeOptions["openOrganisation"];
}): Promise<Home> {
  let auth: Auth | null = null;
  const api = new ApiClient({ getToken: () => auth?.token() ?? null });
  auth = new Auth(api);
  const home = new Home({
    root: options.root,
    api,
    auth,
    office: options.office,
    showContracts: options.showContracts,
    ...(options.openOrganisation ? { openOrganisation: options.openOrganisation } : {}),
  });
  await home.start();
  return home;
}
