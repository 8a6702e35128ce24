// Word task pane entry point: waits for Office, shows the shared home, then the Word workspace
// (contracts, relevance analysis, sizing, clauses in the document).

import { bootstrap } from "../shared/home.js";
import { officeReady, requirementSetSupported } from "../shared/office.js";
import { WordApp } from "./word-app.js";

async function main(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  const office = await officeReady();
  // The manifest serves Word and Excel, so each pane checks its own requirement set.
  if (office.host === "word" && !requirementSetSupported("WordApi", "1.3")) {
    root.textContent = "Cette version de Word est trop ancienne pour Clauses (WordApi 1.3 requise) : mettez Word à jour ou utilisez Word pour le web.";
    root.setAttribute("role", "alert");
    return;
  }
  // Opened outside Office, the header still names the pane's host.
  await bootstrap({
    root,
    office: office.host === "none" ? { ...office, hostName: "Word (hors Office)" } : office,
    showContracts: true,
    openOrganisation: (workspace) => new WordApp(workspace).start(),
  });
}

void main();
