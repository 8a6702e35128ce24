// Excel task pane entry point: checks ExcelApi 1.4, waits for Office, shows the shared home,
// then the Excel workspace (contract, month, hours sheet, statement).

import { bootstrap } from "../shared/home.js";
import { officeReady, requirementSetSupported } from "../shared/office.js";
import { ExcelApp } from "./excel-app.js";

async function main(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  const office = await officeReady();
  // The manifest serves Word and Excel, so each pane checks its own requirement set.
  if (office.host === "excel" && !requirementSetSupported("ExcelApi", "1.4")) {
    root.textContent = "Cette version d'Excel est trop ancienne pour Clauses (ExcelApi 1.4 requise) : mettez Excel à jour ou utilisez Excel pour le web.";
    root.setAttribute("role", "alert");
    return;
  }
  // Opened outside Office, the header still names the pane's host.
  await bootstrap({
    root,
    office: office.host === "none" ? { ...office, hostName: "Excel (hors Office)" } : office,
    showContracts: false,
    openOrganisation: (workspace) => new ExcelApp(workspace).start(),
  });
}

void main();
