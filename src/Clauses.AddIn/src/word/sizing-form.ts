// Dimensionnement: the sizing form of a lot's clause. Recomputes as the buyer types (sizing.ts),
// saves the clause (POST, or PUT with If-Match) and inserts it at the cursor.

import { h, replaceChildren } from "../shared/dom.js";
import { button, checkboxGroup, field, selectInput, setFieldError, statusLine, textInput, whileBusy } from "../shared/forms.js";
import { formatHours, formatPercent } from "../shared/format.js";
import type { PaneContext } from "./context.js";
import { numberText, parseAmount, parsePercent, percentText, type Parsed } from "../shared/parse.js";
import { SizingPreviewer } from "./sizing.js";
import { wordApi, type Clause, type ClauseRequest, type LabourShare, type LabourShareSource, type Lot, type Reference, type SizingInputs, type SizingPreview } from "./word-api.js";

export const DEFAULT_HOURLY_COST = 30;
export const DEFAULT_MODALITIES = ["embauche_directe", "interim_etti", "mise_a_disposition_ai", "sous_traitance_siae", "formation"];
const DEFAULT_INSTRUMENT = "clause_execution";

export interface SizingViewOptions {
  onClose(): void;
  /** Delay of the live preview (tests pass 0). */
  previewDelayMs?: number;
}

export function renderSizing(ctx: PaneContext, lot: Lot, options: SizingViewOptions): HTMLElement {
  const root = h("div", { class: "view sizing", "aria-busy": "true" }, h("h2", {}, `Dimensionnement — lot ${lot.number}`), h("p", { class: "loading" }, "Chargement…"));
  void Promise.all([ctx.reference(), ctx.labourShares(), wordApi.clauses(ctx.api, lot.id)]).then(
    ([reference, shares, clauses]) => {
      root.removeAttribute("aria-busy");
      const existing = clauses.find((c) => c.instrument === DEFAULT_INSTRUMENT) ?? clauses[0] ?? null;
      replaceChildren(root, ...buildForm(ctx, lot, reference, shares, existing, options));
    },
    (error: unknown) => {
      root.removeAttribute("aria-busy");
      replaceChildren(root, h("h2", {}, `Dimensionnement — lot ${lot.number}`), button("Retour au marché", {}, options.onClose));
      void ctx.reportError(error);
    },
  );
  return root;
}

function buildForm(ctx: PaneContext, lot: Lot, reference: Reference, shares: LabourShare[], existing: Clause | null, options: SizingViewOptions): Node[] {
  let clause = existing;
  const c = existing;
  const instrument = selectInput("instrument", reference.instruments, c?.instrument ?? DEFAULT_INSTRUMENT);
  const amount = textInput("amountHt", numberText(c?.amountHt ?? lot.amountHt), { inputmode: "decimal" });
  const trade = selectInput("trade", shares.map((s) => ({ code: s.trade, label: s.label })), lot.trade, "— Choisir le corps d'état —");
  const initialShare = shares.find((s) => s.trade === lot.trade);
  const share = textInput("labourShare", percentText(c?.labourShare ?? initialShare?.share ?? null), { inputmode: "decimal" });
  let shareSource: LabourShareSource | null = c?.labourShareSource ?? initialShare?.source ?? null;
  let shareReference: string | null = c ? null : initialShare?.reference ?? null;
  const shareBadge = h("p", { class: "share-source", "aria-live": "polite" });
  const rate = textInput("insertionRate", percentText(c?.insertionRate ?? null), { inputmode: "decimal", placeholder: "5" });
  const hourly = textInput("hourlyCost", numberText(c?.hourlyCost ?? DEFAULT_HOURLY_COST), { inputmode: "decimal" });
  const mode = selectInput("sizingMode", reference.sizingModes, c?.sizingMode ?? reference.sizingModes[0]?.code ?? null);
  const rounding = selectInput("roundingMode", reference.roundingModes, c?.roundingMode ?? reference.roundingModes[0]?.code ?? null);
  const preset = selectInput("preset", reference.presets, c?.preset ?? null, "— Aucun —");
  const presetHint = h("p", { class: "hint preset-explanation" });
  const awardWeight = textInput("awardWeight", percentText(c?.awardWeight ?? null), { inputmode: "decimal", placeholder: "15" });
  const awardField = field("Pondération du critère (%)", awardWeight);
  const modalities = checkboxGroup("Modalités de réalisation autorisées", "allowedModalities", reference.modalities, c?.allowedModalities ?? DEFAULT_MODALITIES);
  const criteria = checkboxGroup("Publics éligibles", "eligibleCriteria", reference.criteria, c?.eligibleCriteria ?? reference.criteria.map((o) => o.code));
  const penalty = textInput("penaltyPerHour", numberText(c?.penaltyPerHour ?? null), { inputmode: "decimal" });
  const penaltyCap = textInput("penaltyCap", numberText(c?.penaltyCap ?? null), { inputmode: "decimal" });
  const frequency = selectInput("reportingFrequency", reference.reportingFrequencies, c?.reportingFrequency ?? reference.reportingFrequencies[0]?.code ?? null);
  const contact = textInput("facilitatorContact", c?.facilitatorContact ?? "", { placeholder: "Nom, téléphone, courriel du facilitateur" });

  const result = h("div", { class: "sizing-result", "aria-live": "polite", "data-testid": "sizing-result" });
  const save = h("button", { type: "submit", class: "primary" }, "Enregistrer la clause");
  const insert = button("Insérer la clause", { "data-action": "insert-clause", disabled: !clause });
  const status = statusLine();

  const showShareSource = () => {
    const found = shares.find((s) => s.trade === trade.value);
    replaceChildren(
      shareBadge,
      shareSource === "table_a_valider" ? h("span", { class: "badge warning" }, "à valider") : null,
      shareSource === "table_sourcee" ? h("span", { class: "badge" }, "sourcée") : null,
      shareSource === "organisation" ? h("span", { class: "badge" }, "table de l'organisation") : null,
      shareSource === "saisie" ? h("span", { class: "badge" }, "saisie") : null,
      shareSource === "table_a_valider" ? " Valeur par défaut à valider avec le facilitateur." : null,
      shareReference ? ` Source : ${shareReference}` : null,
      shareSource === "saisie" && found ? ` (table : ${formatPercent(found.share)})` : null,
    );
  };
  const showPreset = () => {
    const p = reference.presets.find((x) => x.code === preset.value);
    presetHint.textContent = p ? `${p.explanation} Taux minimal : ${formatPercent(p.minRate)}.` : "";
  };
  const showAward = () => (awardField.hidden = instrument.value !== "critere_attribution");

  const parsers: [HTMLInputElement, (text: string) => Parsed][] = [
    [amount, parseAmount],
    [share, parsePercent],
    [rate, parsePercent],
    [hourly, parseAmount],
    [awardWeight, parsePercent],
    [penalty, parseAmount],
    [penaltyCap, parseAmount],
  ];
  const read = (): { values: Map<HTMLInputElement, number | null>; valid: boolean } => {
    const values = new Map<HTMLInputElement, number | null>();
    let valid = true;
    for (const [input, parse] of parsers) {
      const parsed = parse(input.value);
      setFieldError(input, parsed.ok ? null : parsed.message);
      if (parsed.ok) values.set(input, parsed.value);
      else valid = false;
    }
    return { values, valid };
  };
  const sizingInputs = (values: Map<HTMLInputElement, number | null>): SizingInputs => ({
    amountHt: values.get(amount) ?? null,
    labourShare: values.get(share) ?? null,
    labourShareSource: shareSource,
    insertionRate: values.get(rate) ?? null,
    hourlyCost: values.get(hourly) ?? null,
    sizingMode: mode.value || null,
    roundingMode: rounding.value || null,
    preset: preset.value || null,
    allowedModalities: modalities.values(),
  });

  const previewer = new SizingPreviewer(
    (inputs, signal) => wordApi.preview(ctx.api, inputs, signal),
    {
      onPending: () => result.setAttribute("aria-busy", "true"),
      onPreview: (preview) => {
        result.removeAttribute("aria-busy");
        replaceChildren(result, ...renderPreview(preview));
      },
      onError: (error) => {
        result.removeAttribute("aria-busy");
        void ctx.reportError(error);
      },
    },
    options.previewDelayMs,
  );
  const recompute = () => {
    const { values, valid } = read();
    if (!valid) {
      previewer.cancel();
      result.removeAttribute("aria-busy");
      return;
    }
    previewer.request(sizingInputs(values));
  };

  trade.addEventListener("change", () => {
    const found = shares.find((s) => s.trade === trade.value);
    if (found) {
      share.value = percentText(found.share);
      shareSource = found.source;
      shareReference = found.reference;
    }
    showShareSource();
  });
  share.addEventListener("input", () => {
    shareSource = "saisie";
    shareReference = null;
    showShareSource();
  });
  preset.addEventListener("change", () => {
    const p = reference.presets.find((x) => x.code === preset.value);
    const current = parsePercent(rate.value);
    if (p && (!current.ok || current.value === null || current.value < Number(p.minRate))) rate.value = percentText(p.minRate);
    showPreset();
  });
  instrument.addEventListener("change", showAward);

  const form = h(
    "form",
    { class: "sizing-form", "aria-label": `Dimensionnement de la clause du lot ${lot.number}`, novalidate: true },
    field("Instrument", instrument),
    field("Montant HT du lot (€)", amount),
    field("Corps d'état", trade),
    field("Part de main-d'œuvre (%)", share, shareBadge),
    field("Taux d'insertion (%)", rate, "Habituellement 5 à 10 %, jusqu'à 20 %."),
    field("Coût horaire chargé (€/h)", hourly),
    field("Mode", mode),
    field("Arrondi", rounding),
    field("Référentiel", preset, presetHint),
    awardField,
    result,
    modalities.element,
    criteria.element,
    field("Pénalité par heure manquante (€)", penalty),
    field("Plafond des pénalités (€)", penaltyCap),
    field("Fréquence du reporting", frequency),
    field("Contact du facilitateur", contact),
    h("div", { class: "actions sticky" }, save, insert),
    status,
  );
  form.addEventListener("input", recompute);
  form.addEventListener("change", recompute);

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const { values, valid } = read();
    if (!valid) {
      form.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
      return;
    }
    const body: ClauseRequest = {
      ...sizingInputs(values),
      instrument: instrument.value,
      awardWeight: instrument.value === "critere_attribution" ? values.get(awardWeight) ?? null : null,
      penaltyPerHour: values.get(penalty) ?? null,
      penaltyCap: values.get(penaltyCap) ?? null,
      eligibleCriteria: criteria.values(),
      reportingFrequency: frequency.value || null,
      facilitatorContact: contact.value.trim() || null,
    };
    void whileBusy([save, insert], form, async () => {
      ctx.clearError();
      status.textContent = "";
      try {
        clause = clause ? (await wordApi.updateClause(ctx.api, clause.id, body, clause.version)).data : await wordApi.createClause(ctx.api, lot.id, body);
        status.textContent = `Clause enregistrée : ${formatHours(clause.targetHours)} (version ${clause.version}).`;
      } catch (error) {
        await ctx.reportError(error);
      }
    }).then(() => (insert.disabled = !clause)); // whileBusy restored the state from before the save
  });

  insert.addEventListener("click", () => {
    if (!clause) return;
    const id = clause.id;
    void whileBusy([save, insert], form, async () => {
      ctx.clearError();
      status.textContent = "";
      try {
        const rendered = await wordApi.render(ctx.api, id);
        await ctx.host.insertOoxmlAtSelection(rendered.ooxml);
        status.textContent = "Clause insérée.";
      } catch (error) {
        await ctx.reportError(error);
      }
    }).then(() => (insert.disabled = !clause));
  });

  showShareSource();
  showPreset();
  showAward();
  recompute();
  return [h("h2", {}, `Dimensionnement — lot ${lot.number} — ${lot.title}`), form, button("Retour au marché", { class: "link" }, () => {
    previewer.cancel();
    options.onClose();
  })];
}

/** The preview panel: result in big type, formula, warnings (amber) and what is missing. */
export function renderPreview(preview: SizingPreview): Node[] {
  const errors = Object.values(preview.errors ?? {}).flat();
  const hasResult = preview.targetHours !== null && preview.targetHours !== undefined && errors.length === 0;
  const nodes: (HTMLElement | null)[] = [
    h("p", { class: "result-label" }, "Volume d'heures d'insertion"),
    h("p", { class: "result-hours", "data-testid": "target-hours" }, hasResult ? formatHours(preview.targetHours) : "—"),
    hasResult && preview.exactHours !== null && Number(preview.exactHours) !== Number(preview.targetHours)
      ? h("p", { class: "hint" }, `Valeur exacte : ${formatHours(preview.exactHours)}`)
      : null,
    preview.formula ? h("p", { class: "formula" }, preview.formula) : null,
    errors.length > 0 ? h("ul", { class: "preview-errors", "aria-label": "À compléter" }, ...errors.map((m) => h("li", {}, m))) : null,
    preview.warnings.length > 0
      ? h("ul", { class: "warnings", "aria-label": "Avertissements" }, ...preview.warnings.map((w) => h("li", { "data-code": w.code }, w.message)))
      : null,
  ];
  return nodes.filter((n): n is HTMLElement => n !== null);
}
