// "Mettre à jour les clauses du document" and "Vérifier le document": compare the document's
// content controls tagged clauses:… with the server, rewrite only the outdated ones.

import { h } from "../shared/dom.js";
import { instrumentShortLabel } from "../shared/format.js";
import type { PaneContext } from "./context.js";
import { wordApi, type DocumentCheck } from "./word-api.js";

export interface UpdatedClause {
  lotNumber: number;
  instrument: string;
  fromVersion: number;
  toVersion: number;
  controls: number;
}

/** The document's clause tags, without duplicates (a clause may appear twice). */
async function documentTags(ctx: PaneContext): Promise<string[]> {
  const controls = await ctx.host.listClauseControls();
  return [...new Set(controls.map((c) => c.tag))];
}

export async function checkDocument(ctx: PaneContext, contractId: string): Promise<DocumentCheck> {
  return wordApi.documentCheck(ctx.api, contractId, await documentTags(ctx));
}

/** Rewrites every outdated control (content and tag); up-to-date and unknown ones are not touched. */
export async function updateDocument(ctx: PaneContext, contractId: string): Promise<{ updated: UpdatedClause[]; check: DocumentCheck }> {
  const check = await checkDocument(ctx, contractId);
  const updated: UpdatedClause[] = [];
  for (const entry of check.outdated) {
    const rendered = await wordApi.render(ctx.api, entry.clauseId);
    const newTag = rendered.tag || entry.currentTag;
    const controls = await ctx.host.replaceControlContent(entry.tag, rendered.contentOoxml, newTag);
    updated.push({ lotNumber: entry.lotNumber, instrument: entry.instrument, fromVersion: entry.fromVersion, toVersion: rendered.version ?? entry.toVersion, controls });
  }
  return { updated, check };
}

const clauseName = (lotNumber: number, instrument: string) => `Lot ${lotNumber} – ${instrumentShortLabel(instrument)}`;

export function renderUpdateResult(updated: UpdatedClause[]): HTMLElement {
  if (updated.length === 0) return h("p", { class: "status", role: "status" }, "Toutes les clauses sont à jour.");
  return h(
    "div",
    { role: "status" },
    h("p", { class: "status" }, updated.length === 1 ? "1 clause mise à jour :" : `${updated.length} clauses mises à jour :`),
    h("ul", { class: "changes" }, ...updated.map((u) => h("li", {}, `${clauseName(u.lotNumber, u.instrument)} : version ${u.fromVersion} → ${u.toVersion}`))),
  );
}

/** The check's findings; an item whose control is in the document selects it when clicked. */
export function renderCheckResult(check: DocumentCheck, onSelect: (tag: string) => void): HTMLElement {
  const item = (text: string, tag: string | null) => {
    if (!tag) return h("li", {}, text);
    const b = h("button", { type: "button", class: "link", "data-tag": tag, title: "Sélectionner dans le document" }, text);
    b.addEventListener("click", () => onSelect(tag));
    return h("li", {}, b);
  };
  const sections: HTMLElement[] = [];
  if (check.missing.length > 0) {
    sections.push(
      h("h4", {}, "Clauses absentes du document"),
      h("ul", { class: "check-missing" }, ...check.missing.map((m) => item(clauseName(m.lotNumber, m.instrument), null))),
    );
  }
  if (check.outdated.length > 0) {
    sections.push(
      h("h4", {}, "Clauses à mettre à jour"),
      h("ul", { class: "check-outdated" }, ...check.outdated.map((o) => item(`${clauseName(o.lotNumber, o.instrument)} : version ${o.fromVersion}, version actuelle ${o.toVersion}`, o.tag))),
    );
  }
  if (check.unknown.length > 0) {
    sections.push(
      h("h4", {}, "Clauses inconnues (supprimées ou d'un autre marché)"),
      h("ul", { class: "check-unknown" }, ...check.unknown.map((tag) => item(tag, tag))),
    );
  }
  const ok = check.upToDate.length;
  return h(
    "div",
    { class: "check-result", role: "status" },
    h("p", { class: "status" }, sections.length === 0 ? "Le document est conforme : toutes les clauses sont présentes et à jour." : `${ok} clause${ok > 1 ? "s" : ""} à jour dans le document.`),
    ...sections,
  );
}
