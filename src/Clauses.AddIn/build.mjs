// Bundles the task panes with esbuild and copies their static files into the API's web root,
// which serves them under /addin/ (word/taskpane.html, excel/taskpane.html, shared/styles.css,
// assets/icon-*.png), the import page for facilitators without the add-in (pages/import.html) and the charts of the
// SPAR dashboard page (dashboard/dashboard.js, Chart.js bundled in: the page loads nothing from a CDN).
//   node build.mjs                 → ../Clauses.Api/wwwroot/addin/
//   node build.mjs --outdir <dir>  → somewhere else (e.g. a temporary folder)
import { build } from "esbuild";
import { cp, mkdir, rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outdirArg = process.argv.indexOf("--outdir");
const outdir = resolve(outdirArg >= 0 && process.argv[outdirArg + 1] ? process.argv[outdirArg + 1] : join(here, "..", "Clauses.Api", "wwwroot", "addin"));

const hosts = ["word", "excel"];
const icons = [16, 32, 64, 80, 128].map((size) => `icon-${size}.png`);

await rm(outdir, { recursive: true, force: true });
await mkdir(outdir, { recursive: true });

await build({
  entryPoints: {
    ...Object.fromEntries(hosts.map((host) => [`${host}/taskpane`, join(here, "src", host, "taskpane.ts")])),
    "pages/import": join(here, "src", "pages", "import.ts"),
    "dashboard/dashboard": join(here, "src", "dashboard", "dashboard.ts"),
  },
  outdir,
  bundle: true,
  format: "iife",
  platform: "browser",
  target: "es2020",
  minify: true,
  sourcemap: true,
  legalComments: "none",
  logLevel: "warning",
});

const copies = [
  ...hosts.map((host) => [join("src", host, "taskpane.html"), join(host, "taskpane.html")]),
  [join("src", "pages", "import.html"), join("pages", "import.html")],
  [join("src", "shared", "styles.css"), join("shared", "styles.css")],
  [join("src", "commands.html"), "commands.html"],
  ...icons.map((icon) => [join("assets", icon), join("assets", icon)]),
];
for (const [from, to] of copies) {
  await mkdir(dirname(join(outdir, to)), { recursive: true });
  await cp(join(here, from), join(outdir, to));
}

console.log(`Task panes built into ${outdir}`);
