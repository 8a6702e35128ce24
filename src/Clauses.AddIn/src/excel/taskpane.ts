// Excel task pane entry point: waits for Office, then shows the shared home.

import { bootstrap } from "../shared/home.js";
import { officeReady } from "../shared/office.js";

async function main(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  const office = await officeReady();
  // Opened outside Office, the header still names the pane's host.
  await bootstrap({ root, office: office.host === "none" ? { ...office, hostName: "Excel (hors Office)" } : office, showContracts: false });
}

void main();
