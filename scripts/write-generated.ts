import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * Writes a generator's output (repo-relative path → content) below `root`, and removes `.gen.ts`
 * files in the generated folders that the generator no longer produces.
 */
export function writeGenerated(root: string, dirs: readonly string[], files: ReadonlyMap<string, string>): void {
  for (const dir of dirs) {
    const abs = path.join(root, dir);
    mkdirSync(abs, { recursive: true });
    for (const f of readdirSync(abs)) {
      if (f.endsWith(".gen.ts") && !files.has(`${dir}/${f}`)) rmSync(path.join(abs, f));
    }
  }
  for (const [rel, content] of files) writeFileSync(path.join(root, rel), content);
}
