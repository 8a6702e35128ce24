// French labels and number formats shown in the task panes.

const ROLE_LABELS: Record<string, string> = {
  acheteur: "Acheteur",
  facilitateur: "Facilitateur",
  siae: "SIAE",
  directeur: "Directeur",
  admin: "Administrateur",
};

/** French label of a role code; an unknown code is shown as is. */
export function roleLabel(role: string): string {
  return ROLE_LABELS[role.trim().toLowerCase()] ?? role;
}

/** "acheteur, facilitateur" → "Acheteur, Facilitateur" (the /dev/users roles string). */
export function roleListLabel(roles: string): string {
  return roles
    .split(/\s*[,;]\s*/)
    .filter((role) => role !== "")
    .map(roleLabel)
    .join(", ");
}

const euros = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });

/** 1234567.5 → "1 234 567,50 €" (with the narrow no-break spaces fr-FR uses). */
export function formatEuros(amount: number | string | null | undefined): string {
  if (amount === null || amount === undefined || amount === "") return "montant non renseigné";
  const value = typeof amount === "number" ? amount : Number(amount);
  return Number.isFinite(value) ? euros.format(value) : "montant non renseigné";
}

/** "1 marché" / "3 marchés". */
export function plural(count: number, singular: string, pluralForm: string): string {
  return `${count.toLocaleString("fr-FR")} ${count > 1 ? pluralForm : singular}`;
}

const hoursFormat = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 2 });

/** 833 → "833 heures"; 1 → "1 heure" (fr-FR grouping). */
export function formatHours(hours: number | string | null | undefined): string {
  if (hours === null || hours === undefined || hours === "") return "—";
  const value = Number(hours);
  if (!Number.isFinite(value)) return "—";
  return `${hoursFormat.format(value)} ${Math.abs(value) >= 2 ? "heures" : "heure"}`;
}

/** 0.7 → "70 %". */
export function formatPercent(fraction: number | string | null | undefined): string {
  if (fraction === null || fraction === undefined || fraction === "") return "—";
  const value = Number(fraction);
  return Number.isFinite(value) ? `${hoursFormat.format(value * 100)} %` : "—";
}

const INSTRUMENT_SHORT: Record<string, string> = {
  clause_execution: "clause d'exécution",
  critere_attribution: "critère d'attribution",
  clause_alternative: "clause alternative",
  marche_insertion: "marché d'insertion",
  reserve_l2113_12: "marché réservé EA/ESAT",
  reserve_l2113_13: "marché réservé SIAE",
  reserve_l2113_13_1: "marché réservé travail pénitentiaire",
  reserve_l2113_15: "marché réservé ESS",
};

/** "clause_execution" → "clause d'exécution" (used in "Lot 3 – clause d'exécution"). */
export function instrumentShortLabel(code: string): string {
  return INSTRUMENT_SHORT[code] ?? code.replace(/_/g, " ");
}

const CONTRACT_KINDS: Record<string, string> = {
  marche: "Marché",
  accord_cadre: "Accord-cadre",
  concession: "Concession",
  subvention: "Subvention",
};
const CATEGORIES: Record<string, string> = { travaux: "Travaux", services: "Services", fournitures: "Fournitures" };

export const contractKindOptions = Object.entries(CONTRACT_KINDS).map(([code, label]) => ({ code, label }));
export const categoryOptions = Object.entries(CATEGORIES).map(([code, label]) => ({ code, label }));
export const contractKindLabel = (code: string): string => CONTRACT_KINDS[code] ?? code;
export const categoryLabel = (code: string): string => CATEGORIES[code] ?? code;
