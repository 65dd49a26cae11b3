import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * alloyc's own version, from the nearest package.json above this module (the source tree, the
 * compiled tree and the CLI bundle sit at different depths below it).
 */
function readVersion(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, "utf8")) as { name?: string; version?: string };
      if (pkg.name === "alloyc" && pkg.version) return pkg.version;
    }
    const parent = dirname(dir);
    if (parent === dir) return "unknown";
    dir = parent;
  }
}

export const VERSION: string = readVersion();

/**
 * Where alloyc's docs are on the web, for SARIF's absolute `helpUri`: the package.json
 * `repository` (a GitHub URL, `git+` and `.git` dropped) at `/blob/main/`; undefined without one,
 * and SARIF's docs links stay relative to the repository root.
 */
function readDocsBase(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, "utf8")) as { name?: string; repository?: string | { url?: string } };
      if (pkg.name === "alloyc") {
        const url = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
        const web = url?.replace(/^git\+/, "").replace(/\.git$/, "");
        return web && /^https:\/\/github\.com\/[^/]+\/[^/]+$/.test(web) ? `${web}/blob/main/` : undefined;
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export const DOCS_BASE: string | undefined = readDocsBase();
