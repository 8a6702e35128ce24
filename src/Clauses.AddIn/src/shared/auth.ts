// Getting a token for the API: Office SSO first; when SSO is unavailable (Office error codes
// 13000–13013, or the pane is open in a plain browser) the Development sign-in with demo users.
// The token is kept in sessionStorage until it expires.

import { ApiClient, ApiError, endpoints, type DevUser } from "./api.js";
import { getSsoAccessToken, officeReady, OfficeSsoError } from "./office.js";

export const SESSION_KEY = "clauses.session";
/** A token this close to its expiry is treated as expired (clock skew, request time). */
const EXPIRY_MARGIN_MS = 60_000;
/** Office SSO errors that mean "SSO is not available here": fall back to the demo sign-in. */
const SSO_FALLBACK_CODES = { min: 13000, max: 13013 };

export interface Session {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  source: "sso" | "dev";
  email?: string;
}

export type SignInOutcome =
  | { status: "signed-in"; session: Session }
  /** SSO unavailable; the server offers demo accounts (Development only). */
  | { status: "demo"; reason: string; users: DevUser[] }
  /** Nothing works: the message says why, in French. */
  | { status: "failed"; message: string };

export interface AuthOptions {
  storage?: Storage;
  now?: () => number;
}

export class Auth {
  private readonly storage: Storage;
  private readonly now: () => number;

  /** `api` is used anonymously for the Development endpoints only. */
  constructor(private readonly api: ApiClient, options: AuthOptions = {}) {
    this.storage = options.storage ?? window.sessionStorage;
    this.now = options.now ?? Date.now;
  }

  /** The cached, unexpired session, if any. */
  session(): Session | null {
    const raw = this.storage.getItem(SESSION_KEY);
    if (!raw) return null;
    try {
      const session = JSON.parse(raw) as Session;
      if (typeof session.accessToken === "string" && typeof session.expiresAt === "number" && session.expiresAt - EXPIRY_MARGIN_MS > this.now()) {
        return session;
      }
    } catch {
      // Unreadable entry: drop it below.
    }
    this.storage.removeItem(SESSION_KEY);
    return null;
  }

  /** Token provider for ApiClient. */
  token(): string | null {
    return this.session()?.accessToken ?? null;
  }

  signOut(): void {
    this.storage.removeItem(SESSION_KEY);
  }

  /** Cached session, else Office SSO, else the list of demo users to choose from. */
  async signIn(): Promise<SignInOutcome> {
    const cached = this.session();
    if (cached) return { status: "signed-in", session: cached };

    const office = await officeReady();
    let reason: string;
    if (office.host === "none") {
      reason = "Le volet est ouvert hors d'Office : la connexion unique n'est pas disponible.";
    } else {
      try {
        const accessToken = await getSsoAccessToken();
        return { status: "signed-in", session: this.store({ accessToken, expiresAt: jwtExpiry(accessToken) ?? this.now() + 5 * 60_000, source: "sso" }) };
      } catch (error) {
        const code = error instanceof OfficeSsoError ? error.code : null;
        if (code === null || code < SSO_FALLBACK_CODES.min || code > SSO_FALLBACK_CODES.max) {
          return { status: "failed", message: `La connexion Microsoft 365 a échoué${code !== null ? ` (code ${code})` : ""} : réessayez ou contactez votre administrateur.` };
        }
        reason = ssoReason(code);
      }
    }

    try {
      const users = await endpoints.devUsers(this.api);
      return { status: "demo", reason, users };
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) {
        return { status: "failed", message: `${reason} Aucun compte de démonstration n'est proposé par ce serveur.` };
      }
      return { status: "failed", message: error instanceof Error ? error.message : String(error) };
    }
  }

  /** Development sign-in: asks the server for a token for one of the demo users. */
  async signInAsDemoUser(email: string): Promise<Session> {
    const token = await endpoints.devToken(this.api, email);
    const expiresAt = Date.parse(token.expiresAt);
    return this.store({
      accessToken: token.accessToken,
      expiresAt: Number.isNaN(expiresAt) ? this.now() + 30 * 60_000 : expiresAt,
      source: "dev",
      email,
    });
  }

  private store(session: Session): Session {
    this.storage.setItem(SESSION_KEY, JSON.stringify(session));
    return session;
  }
}

/** The `exp` claim of a JWT, in epoch milliseconds, or null if it cannot be read. */
export function jwtExpiry(token: string): number | null {
  const payload = token.split(".")[1];
  if (!payload) return null;
  try {
    const json = atob(payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "="));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === "number" ? exp * 1000 : null;
  } catch {
    return null;
  }
}

/** Why SSO is unavailable, in French (codes from Office's SSO error reference). */
export function ssoReason(code: number): string {
  const reasons: Record<number, string> = {
    13000: "Cette version d'Office ne prend pas en charge la connexion unique.",
    13001: "Vous n'êtes pas connecté à Office.",
    13002: "La connexion a été annulée.",
    13003: "Ce type de compte n'est pas pris en charge par la connexion unique.",
    13004: "La connexion unique est mal configurée (ressource invalide dans le manifeste).",
    13005: "L'autorisation d'accès n'a pas été accordée.",
    13006: "Office a rencontré une erreur lors de la connexion.",
    13007: "Office n'a pas pu obtenir de jeton pour le complément.",
    13008: "Une connexion est déjà en cours.",
    13010: "La connexion unique n'est pas prise en charge dans ce navigateur.",
    13012: "La connexion unique n'est pas disponible pour ce complément (mode développement).",
    13013: "Trop de demandes de connexion : réessayez dans un instant.",
  };
  return `${reasons[code] ?? "La connexion unique Office n'est pas disponible."} (code ${code})`;
}
