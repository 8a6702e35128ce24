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
