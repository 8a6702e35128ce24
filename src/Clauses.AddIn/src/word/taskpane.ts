// Word task pane entry point: waits for Office, shows the shared home, then the Word workspace
// (contracts, relevance analysis, sizing, clauses in the document).

import { bootstrap } from "../shared/home.js";
import { officeReady } from "../shared/office.js";
import { WordApp } from "./word-app.js";

async function main(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  const office = await officeReady();
  // Opened outside Office, the header still names the pane's host.
  await bootstrap({
    root,
    office: office.host === "none" ? { ...office, hostName: "Word (hors Office)" } : office,
    showContracts: true,
    openOrganisation: (workspace) => new WordApp(workspace).start(),
  });
}

void main();
