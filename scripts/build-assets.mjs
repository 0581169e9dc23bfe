// Copy the front-end assets Kohtaanto uses from node_modules into the Django static folder.
//
//   npm ci && node scripts/build-assets.mjs      (or: npm ci && npm run build)
//
// Output: src/kohtaanto/web/static/vendor/ (git-ignored, never edited by hand).
// - hds/hds.min.css: Helsinki Design System base CSS and the component CSS we use, in one file.
//   HDS fonts are NOT copied: hds-core's fonts.css loads Helsinki Grotesk from the City of
//   Helsinki CDN, and that typeface is licensed to the City only. We fall back to Arial-like
//   system fonts (see web/static/kohtaanto/site.css).
// - htmx/htmx.min.js: progressive enhancement only; every page works without JavaScript.
// - axe/axe.min.js: used by the browser tests (tests/e2e), never included in a page.
// - redoc/redoc.standalone.js: the API documentation page (/api/docs/) served from our own
//   static files, so that it works offline and no CDN sees who reads it.
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const modules = join(root, "node_modules");
const out = join(root, "src", "kohtaanto", "web", "static", "vendor");

const HDS_COMPONENTS = [
  "button",
  "card",
  "checkbox",
  "container",
  "error-summary",
  "fieldset",
  "link",
  "notification",
  "pagination",
  "radio-button",
  "status-label",
  "table",
  "tag",
  "text-input",
];

function version(pkg) {
  return JSON.parse(readFileSync(join(modules, pkg, "package.json"), "utf8")).version;
}

function copy(pkg, relative, target) {
  const source = join(modules, pkg, relative);
  mkdirSync(dirname(join(out, target)), { recursive: true });
  copyFileSync(source, join(out, target));
  console.log(`vendor/${target}  <-  ${pkg}@${version(pkg)}/${relative}`);
}

function buildHds() {
  const lib = join(modules, "hds-core", "lib");
  const parts = [`/* hds-core ${version("hds-core")} (MIT): base + ${HDS_COMPONENTS.join(", ")} */`];
  parts.push(readFileSync(join(lib, "base.min.css"), "utf8"));
  for (const name of HDS_COMPONENTS) {
    const css = readFileSync(join(lib, "components", name, `${name}.min.css`), "utf8");
    // Drop source-map comments: the maps are not copied.
    parts.push(css.replace(/\/\*# sourceMappingURL=.*?\*\//g, ""));
  }
  mkdirSync(join(out, "hds"), { recursive: true });
  writeFileSync(join(out, "hds", "hds.min.css"), parts.join("\n") + "\n");
  console.log(`vendor/hds/hds.min.css  <-  hds-core@${version("hds-core")} (${HDS_COMPONENTS.length} components)`);
}

// Redoc's sidebar shows a "powered by" logo loaded from Redocly's CDN: the one request to another
// site. It points at an empty data: URL instead (the image then hides itself).
const REDOC_CDN_LOGO = "https://cdn.redoc.ly/redoc/logo-mini.svg";

function buildRedoc() {
  const relative = "bundles/redoc.standalone.js";
  const code = readFileSync(join(modules, "redoc", relative), "utf8");
  if (!code.includes(REDOC_CDN_LOGO)) {
    console.error(`redoc@${version("redoc")}: the CDN logo URL has moved; check for external requests.`);
    process.exit(1);
  }
  mkdirSync(join(out, "redoc"), { recursive: true });
  // The source map is not copied: drop its comment, or collectstatic's manifest storage fails
  // looking for it (production).
  const bundle = code.split(REDOC_CDN_LOGO).join("data:,").replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n");
  writeFileSync(join(out, "redoc", "redoc.standalone.js"), bundle);
  console.log(`vendor/redoc/redoc.standalone.js  <-  redoc@${version("redoc")}/${relative} (no CDN logo)`);
}

function main() {
  for (const pkg of ["hds-core", "htmx.org", "axe-core", "redoc"]) {
    if (!existsSync(join(modules, pkg, "package.json"))) {
      console.error(`node_modules/${pkg} is missing: run \`npm ci\` first.`);
      process.exit(1);
    }
  }
  rmSync(out, { recursive: true, force: true });
  buildHds();
  copy("hds-core", "LICENSE", "hds/LICENSE");
  copy("htmx.org", "dist/htmx.min.js", "htmx/htmx.min.js");
  copy("htmx.org", "LICENSE", "htmx/LICENSE");
  copy("axe-core", "axe.min.js", "axe/axe.min.js");
  copy("axe-core", "LICENSE", "axe/LICENSE");
  buildRedoc();
  copy("redoc", "LICENSE", "redoc/LICENSE");
}

main();
