import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root and ../shared beside it (upstream data, read in place, never copied). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const sharedDir = resolve(repoRoot, "../shared");
export const hasShared = existsSync(join(sharedDir, "DESIGN.md"));

if (!hasShared) {
  console.warn(`[alloyc tests] ${sharedDir} is absent: conformance tests against ../shared are skipped`);
}

export function sharedPath(...parts: string[]): string {
  return join(sharedDir, ...parts);
}

export function readShared(...parts: string[]): Buffer {
  return readFileSync(sharedPath(...parts));
}

export function readSharedJson<T = any>(...parts: string[]): T {
  return JSON.parse(readShared(...parts).toString("utf8")) as T;
}

/** Every file below `dir` (recursive), as paths relative to it, sorted. */
export function listFiles(dir: string, filter: (rel: string) => boolean = () => true): string[] {
  const out: string[] = [];
  const visit = (rel: string): void => {
    for (const name of readdirSync(join(dir, rel))) {
      const child = rel ? `${rel}/${name}` : name;
      if (statSync(join(dir, child)).isDirectory()) visit(child);
      else if (filter(child)) out.push(child);
    }
  };
  visit("");
  return out.sort();
}

/** Parses corpus/MANIFEST.tsv into rows keyed by column name. */
export function corpusManifest(): Array<Record<string, string>> {
  const [header, ...rows] = readShared("corpus", "MANIFEST.tsv").toString("utf8").trimEnd().split("\n");
  const cols = (header as string).split("\t");
  return rows.map((r) => Object.fromEntries(r.split("\t").map((v, i) => [cols[i], v])));
}
