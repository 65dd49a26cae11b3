import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

interface OwnPackage {
  readonly version?: string;
  readonly repository?: string | { readonly url?: string };
}

let own: OwnPackage | null | undefined;

/**
 * alloyc's own package.json, the nearest one above this module named alloyc (the source tree, the
 * compiled tree and the CLI bundle sit at different depths below it). Read once, on first use, so
 * commands that never ask pay nothing at start-up.
 */
function ownPackage(): OwnPackage | null {
  if (own !== undefined) return own;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, "utf8")) as OwnPackage & { name?: string };
      if (pkg.name === "alloyc") return (own = pkg);
    }
    const parent = dirname(dir);
    if (parent === dir) return (own = null);
    dir = parent;
  }
}

/** alloyc's version ("unknown" outside its package). */
export function version(): string {
  return ownPackage()?.version ?? "unknown";
}

/**
 * Where alloyc's docs are on the web, for SARIF's absolute `helpUri`: the package.json
 * `repository` (a GitHub URL, `git+` and `.git` dropped) at `/blob/main/`; undefined without one,
 * and SARIF's docs links stay relative to the repository root.
 */
export function docsBase(): string | undefined {
  const repository = ownPackage()?.repository;
  const url = typeof repository === "string" ? repository : repository?.url;
  const web = url?.replace(/^git\+/, "").replace(/\.git$/, "");
  return web && /^https:\/\/github\.com\/[^/]+\/[^/]+$/.test(web) ? `${web}/blob/main/` : undefined;
}

/** What `alloyc --version` prints: alloyc's version and the Alloy release its catalog describes. */
export async function versionText(): Promise<string> {
  const { alloyCatalogVersion } = await import("../schema/version.gen.js");
  return `alloyc ${version()} (component catalog: ${alloyCatalogVersion})\n`;
}

/**
 * `alloyc --version` as bin/alloyc.js runs it when that is the only argument, without loading
 * the command line (main.ts prints the same text for `alloyc version` and the other forms).
 * A reader gone (EPIPE) is quiet; another write error is one line on stderr and exit code 2.
 */
export async function printVersion(): Promise<number> {
  const text = await versionText();
  const failure = await new Promise<Error | null | undefined>((resolve) => {
    process.stdout.once("error", () => undefined); // reported below, from the write's callback
    process.stdout.write(text, resolve);
  });
  if (!failure || (failure as NodeJS.ErrnoException).code === "EPIPE") return 0;
  const { ioErrorReason } = await import("../read-file.js");
  process.stderr.write(`alloyc: cannot write standard output: ${ioErrorReason(failure)}\n`);
  return 2;
}
