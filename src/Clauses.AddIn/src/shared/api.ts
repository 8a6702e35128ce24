// The one module that talks to the Clauses API: base URL, bearer token, JSON, ETags and
// RFC 7807 problem details turned into French messages for the task pane.

/** RFC 7807 problem details, as ASP.NET Core writes them (plus `errors` for validation). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  instance?: string;
  errors?: Record<string, string[]>;
  [extension: string]: unknown;
}

/** An API call that failed: HTTP status (0 when the server was not reached) and a French message. */
export class ApiError extends Error {
  readonly status: number;
  readonly title: string;
  readonly detail: string | undefined;
  readonly type: string | undefined;
  readonly errors: Record<string, string[]>;
  /** Seconds to wait before retrying (429/503 with Retry-After). */
  readonly retryAfterSeconds: number | undefined;

  constructor(init: {
    status: number;
    message: string;
    title: string;
    detail?: string | undefined;
    type?: string | undefined;
    errors?: Record<string, string[]> | undefined;
    retryAfterSeconds?: number | undefined;
  }) {
    super(init.message);
    this.name = "ApiError";
    this.status = init.status;
    this.title = init.title;
    this.detail = init.detail;
    this.type = init.type;
    this.errors = init.errors ?? {};
    this.retryAfterSeconds = init.retryAfterSeconds;
  }
}

/** Returns the bearer token to send, or null to send none. */
export type TokenProvider = () => string | null | Promise<string | null>;

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  /** Send no Authorization header (sign-in endpoints). */
  anonymous?: boolean;
  /** ETag read earlier; sent as If-Match so a concurrent change gives 412 instead of a lost update. */
  ifMatch?: string | null;
  signal?: AbortSignal;
  /** Extra request headers (e.g. X-File-Name for an upload). */
  headers?: Record<string, string>;
}

/** A raw request body (file upload) sent as is, with its own Content-Type. */
export class RawBody {
  constructor(readonly data: Blob | ArrayBuffer | Uint8Array, readonly contentType: string) {}
}

export interface ApiClientOptions {
  /** Defaults to the origin that served the task pane (the API serves /addin/ itself). */
  baseUrl?: string;
  getToken?: TokenProvider;
  fetch?: typeof fetch;
  /** Abort a request that takes longer than this (default 30 s). */
  timeoutMs?: number;
}

export interface WithEtag<T> {
  data: T;
  etag: string | null;
}

export class ApiClient {
  readonly baseUrl: string;
  private readonly getToken: TokenProvider;
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = (options.baseUrl ?? window.location.origin).replace(/\/+$/, "");
    this.getToken = options.getToken ?? (() => null);
    // Bound to globalThis: calling an unbound window.fetch throws "Illegal invocation".
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async get<T>(path: string, options: RequestOptions = {}): Promise<T> {
    return (await this.send<T>("GET", path, undefined, options)).data;
  }

  async getWithEtag<T>(path: string, options: RequestOptions = {}): Promise<WithEtag<T>> {
    return this.send<T>("GET", path, undefined, options);
  }

  async post<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return (await this.send<T>("POST", path, body, options)).data;
  }

  async put<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
    return (await this.send<T>("PUT", path, body, options)).data;
  }

  /** Same as put, also returning the new ETag so a second edit can be sent without a reload. */
  async putWithEtag<T>(path: string, body: unknown, options: RequestOptions = {}): Promise<WithEtag<T>> {
    return this.send<T>("PUT", path, body, options);
  }

  url(path: string, query?: Record<string, QueryValue>): string {
    const url = new URL(this.baseUrl + (path.startsWith("/") ? path : `/${path}`));
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  /** Uploads a file as the raw request body; returns the JSON answer and the Location header. */
  async postFile<T>(path: string, body: RawBody, options: RequestOptions = {}): Promise<{ data: T; location: string | null }> {
    const response = await this.request("POST", path, body, options, "application/json, application/problem+json");
    return { data: (await readJson(response)) as T, location: response.headers.get("Location") };
  }

  /** A binary download (e.g. a .docx) with the bearer token, as a Blob. */
  async getBlob(path: string, options: RequestOptions = {}): Promise<Blob> {
    const response = await this.request("GET", path, undefined, options, "*/*");
    return response.blob();
  }

  private async send<T>(method: string, path: string, body: unknown, options: RequestOptions): Promise<WithEtag<T>> {
    const response = await this.request(method, path, body, options, "application/json, application/problem+json");
    return { data: (await readJson(response)) as T, etag: response.headers.get("ETag") };
  }

  private async request(method: string, path: string, body: unknown, options: RequestOptions, accept: string): Promise<Response> {
    const headers: Record<string, string> = { Accept: accept, ...options.headers };
    if (body instanceof RawBody) headers["Content-Type"] = body.contentType;
    else if (body !== undefined) headers["Content-Type"] = "application/json";
    if (options.ifMatch) headers["If-Match"] = options.ifMatch;
    if (!options.anonymous) {
      const token = await this.getToken();
      if (token) headers["Authorization"] = `Bearer ${token}`;
    }

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    const onOuterAbort = () => controller.abort();
    options.signal?.addEventListener("abort", onOuterAbort);

    let response: Response;
    try {
      const init: RequestInit = { method, headers, signal: controller.signal };
      if (body instanceof RawBody) init.body = body.data as BodyInit;
      else if (body !== undefined) init.body = JSON.stringify(body);
      response = await this.fetchImpl(this.url(path, options.query), init);
    } catch (error) {
      throw networkError(error, controller.signal.aborted && !options.signal?.aborted);
    } finally {
      clearTimeout(timer);
      options.signal?.removeEventListener("abort", onOuterAbort);
    }

    if (!response.ok) throw await toApiError(response);
    return response;
  }
}

function networkError(error: unknown, timedOut: boolean): ApiError {
  if (timedOut) {
    return new ApiError({ status: 0, title: "Délai dépassé", message: "Le serveur ne répond pas : réessayez plus tard." });
  }
  if (error instanceof DOMException && error.name === "AbortError") {
    return new ApiError({ status: 0, title: "Annulé", message: "La requête a été annulée." });
  }
  return new ApiError({ status: 0, title: "Serveur injoignable", message: "Le serveur est injoignable." });
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return undefined;
  const text = await response.text();
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError({
      status: response.status,
      title: "Réponse illisible",
      message: "Le serveur a renvoyé une réponse illisible.",
    });
  }
}

async function readProblem(response: Response): Promise<ProblemDetails> {
  const contentType = response.headers.get("Content-Type") ?? "";
  if (!/json/i.test(contentType)) return {};
  try {
    const parsed: unknown = JSON.parse(await response.text());
    return parsed !== null && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as ProblemDetails) : {};
  } catch {
    return {};
  }
}

/** Retry-After is either a number of seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}

function normaliseErrors(value: unknown): Record<string, string[]> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return {};
  const result: Record<string, string[]> = {};
  for (const [field, messages] of Object.entries(value as Record<string, unknown>)) {
    if (Array.isArray(messages)) result[field] = messages.map(String);
    else if (typeof messages === "string") result[field] = [messages];
  }
  return result;
}

export async function toApiError(response: Response): Promise<ApiError> {
  const problem = await readProblem(response);
  const status = response.status;
  const title = typeof problem.title === "string" && problem.title !== "" ? problem.title : response.statusText || `Erreur ${status}`;
  const detail = typeof problem.detail === "string" && problem.detail !== "" ? problem.detail : undefined;
  const retryAfterSeconds = parseRetryAfter(response.headers.get("Retry-After"));
  return new ApiError({
    status,
    title,
    detail,
    type: typeof problem.type === "string" ? problem.type : undefined,
    errors: normaliseErrors(problem.errors),
    retryAfterSeconds,
    message: frenchMessage(status, problem, retryAfterSeconds),
  });
}

/** The sentence shown to the user. The server writes French titles/details; fixed wording wins
 *  where the user's next step depends only on the status. */
export function frenchMessage(status: number, problem: ProblemDetails, retryAfterSeconds?: number): string {
  const serverText =
    (typeof problem.detail === "string" && problem.detail) || (typeof problem.title === "string" && problem.title) || "";
  switch (status) {
    case 401:
      return "Session expirée : reconnectez-vous.";
    case 403:
      return serverText ? `Accès refusé : ${serverText}` : "Accès refusé : vos rôles ne permettent pas cette action.";
    case 404:
      return serverText || "Élément introuvable : il a peut-être été supprimé.";
    case 412:
      return "La ressource a été modifiée par quelqu'un d'autre : rechargez-la.";
    case 428:
      return "La version de la ressource est manquante : rechargez-la avant de la modifier.";
    case 429:
      return retryAfterSeconds !== undefined
        ? `Trop de requêtes : réessayez dans ${retryAfterSeconds} s.`
        : "Trop de requêtes : réessayez dans un instant.";
    case 502:
    case 503:
    case 504:
      return "Le service est momentanément indisponible : réessayez plus tard.";
  }
  if (status === 400 || status === 409 || status === 422) {
    const fieldMessages = Object.values(normaliseErrors(problem.errors)).flat();
    const base = serverText || (status === 409 ? "Conflit avec l'état actuel des données." : "La demande est invalide.");
    return fieldMessages.length > 0 && !fieldMessages.includes(base) ? `${base} ${fieldMessages.join(" ")}` : base;
  }
  if (status >= 500) return `Erreur du serveur (${status}) : réessayez plus tard.`;
  return serverText || `Erreur inattendue (${status}).`;
}

// ---- API contract used by the task panes -------------------------------------------------

export interface Membership {
  organisationId: string;
  organisationName: string;
  organisationKind: string;
  roles: string[];
}

export interface Me {
  id: string;
  displayName: string;
  email: string;
  platformAdmin: boolean;
  memberships: Membership[];
}

export interface DevUser {
  email: string;
  displayName: string;
  roles: string;
}

export interface DevToken {
  accessToken: string;
  expiresAt: string;
}

export interface ContractSummary {
  id: string;
  organisationId: string;
  reference: string;
  title: string;
  kind: string;
  category: string;
  status: string;
  /** Euros HT; decimal on the server, a JSON number (or a string if the server keeps precision). */
  amountHt: number | string | null;
  [more: string]: unknown;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export interface ContractQuery {
  organisationId: string;
  search?: string;
  page?: number;
  pageSize?: number;
}

export const endpoints = {
  me: (api: ApiClient) => api.get<Me>("/api/me"),
  devUsers: (api: ApiClient) => api.get<DevUser[]>("/dev/users", { anonymous: true }),
  devToken: (api: ApiClient, email: string) => api.post<DevToken>("/dev/token", { email }, { anonymous: true }),
  contracts: (api: ApiClient, query: ContractQuery) =>
    api.get<Page<ContractSummary>>("/api/contracts", {
      query: { organisationId: query.organisationId, search: query.search, page: query.page, pageSize: query.pageSize },
    }),
};
