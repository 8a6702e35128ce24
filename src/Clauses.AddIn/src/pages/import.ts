// Import page entry point (served at /addin/pages/import.html): the shared home outside Office
// (demo sign-in in Development), then the import workspace.

import { bootstrap } from "../shared/home.js";
import { ImportPage } from "./import-page.js";

async function main(): Promise<void> {
  const root = document.getElementById("app");
  if (!root) return;
  await bootstrap({
    root,
    office: { host: "none", hostName: "Import Excel", platform: null },
    showContracts: false,
    openOrganisation: (workspace) => new ImportPage(workspace).start(),
  });
}

void main();
