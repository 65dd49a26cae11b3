import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { UsageError } from "./io.js";

/**
 * Expands command-line paths: files as given, folders recursively to their `*.alloy` files
 * (sorted; dot-folders and node_modules skipped). A path that does not exist is a usage error.
 */
export async function collectAlloyFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  for (const p of paths) {
    const abs = resolve(cwd, p);
    let info;
    try {
      info = await stat(abs);
    } catch {
      throw new UsageError(`${p}: no such file or directory`);
    }
    if (info.isDirectory()) await walkDir(abs, p, out);
    else out.push(p);
  }
  return out;
}

async function walkDir(abs: string, shown: string, out: string[]): Promise<void> {
  const entries = (await readdir(abs, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const e of entries) {
    if (e.name.startsWith(".") || e.name === "node_modules") continue;
    const childAbs = join(abs, e.name);
    const childShown = join(shown, e.name);
    if (e.isDirectory()) await walkDir(childAbs, childShown, out);
    else if (e.isFile() && e.name.endsWith(".alloy")) out.push(childShown);
  }
}
