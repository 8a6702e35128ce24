// The thin layer over Office.js: every call the task panes make to the `Office` global is here,
// so the rest of the code can be tested with office-addin-mock (tests assign globalThis.Office).

export type HostKind = "word" | "excel" | "other" | "none";

export interface OfficeInfo {
  /** "none" when the page is opened in a plain browser (Office.js absent or no host). */
  host: HostKind;
  /** Name shown in the header ("Word", "Excel", "Navigateur"). */
  hostName: string;
  platform: string | null;
}

/** An Office SSO failure, with Office's numeric code (13000–13013 for SSO-specific errors). */
export class OfficeSsoError extends Error {
  readonly code: number | null;
  constructor(code: number | null, message: string) {
    super(message);
    this.name = "OfficeSsoError";
    this.code = code;
  }
}

const OUTSIDE_OFFICE: OfficeInfo = { host: "none", hostName: "Navigateur", platform: null };

function officeGlobal(): typeof Office | undefined {
  return (globalThis as { Office?: typeof Office }).Office;
}

/** Waits for Office.js to initialise; resolves to "none" outside Office or if it never answers. */
export async function officeReady(timeoutMs = 10_000): Promise<OfficeInfo> {
  const office = officeGlobal();
  if (!office || typeof office.onReady !== "function") return OUTSIDE_OFFICE;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  try {
    const info = await Promise.race([office.onReady(), timeout]);
    return info ? describeHost(info.host as unknown as string | null, info.platform as unknown as string | null) : OUTSIDE_OFFICE;
  } catch {
    return OUTSIDE_OFFICE;
  } finally {
    clearTimeout(timer);
  }
}

function describeHost(host: string | null | undefined, platform: string | null | undefined): OfficeInfo {
  // Office.HostType values are the strings "Word", "Excel", ...; compared as strings so the
  // enum object itself need not exist (it does not under office-addin-mock).
  switch (host) {
    case "Word":
      return { host: "word", hostName: "Word", platform: platform ?? null };
    case "Excel":
      return { host: "excel", hostName: "Excel", platform: platform ?? null };
    case null:
    case undefined:
    case "":
      return OUTSIDE_OFFICE;
    default:
      return { host: "other", hostName: host, platform: platform ?? null };
  }
}

/** Office SSO: an access token for the add-in's own API (not for Microsoft Graph). */
export async function getSsoAccessToken(): Promise<string> {
  const office = officeGlobal();
  if (!office?.auth || typeof office.auth.getAccessToken !== "function") {
    throw new OfficeSsoError(null, "Office.js n'est pas chargé.");
  }
  try {
    const token = await office.auth.getAccessToken({
      allowSignInPrompt: true,
      allowConsentPrompt: true,
      forMSGraphAccess: false,
    });
    if (typeof token !== "string" || token === "") throw new OfficeSsoError(null, "Office n'a renvoyé aucun jeton.");
    return token;
  } catch (error) {
    if (error instanceof OfficeSsoError) throw error;
    const raw = error as { code?: unknown; message?: unknown } | null;
    const code = typeof raw?.code === "number" ? raw.code : typeof raw?.code === "string" && /^\d+$/.test(raw.code) ? Number(raw.code) : null;
    const message = typeof raw?.message === "string" ? raw.message : String(error);
    throw new OfficeSsoError(code, message);
  }
}

/** Whether the host supports an API requirement set (e.g. WordApi 1.3); true outside Office, where nothing is checked. */
export function requirementSetSupported(name: string, version: string): boolean {
  const office = officeGlobal();
  const requirements = office?.context?.requirements;
  if (!requirements || typeof requirements.isSetSupported !== "function") return true;
  return requirements.isSetSupported(name, version);
}
