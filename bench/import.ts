/**
 * alloyc import's throughput: MB/s of Alloy in (the corpus files that parse, each imported as
 * `alloyc import` does, Prettier included), beside alloyc fmt's parse + format of the same bytes,
 * alternating in this process, best of each (`npx tsx bench/import.ts` runs it alone).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { format, formatSource } from "../src/format.js";
import { importAlloy } from "../src/import.js";
import { listFiles, sharedPath } from "../test/shared.js";

export async function benchImport(rounds = 3): Promise<string[]> {
  const dir = sharedPath("corpus", "real");
  const inputs = listFiles(dir)
    .map((rel) => ({ rel, bytes: new Uint8Array(readFileSync(join(dir, rel))) }))
    .filter((f) => format(f.bytes, f.rel).ok);
  const bytes = inputs.reduce((n, f) => n + f.bytes.length, 0);
  const timeImport = async (prettier = true) => {
    const t = performance.now();
    for (const f of inputs) await importAlloy(f.bytes, { filename: f.rel, prettier });
    return performance.now() - t;
  };
  const timeFmt = async () => {
    const t = performance.now();
    for (const f of inputs) formatSource(f.bytes, f.rel);
    return performance.now() - t;
  };
  await timeImport(); // loads the builders, the catalog and Prettier
  let bestImport = Infinity;
  let bestBare = Infinity;
  let bestFmt = Infinity;
  for (let i = 0; i < rounds; i++) {
    bestFmt = Math.min(bestFmt, await timeFmt());
    bestImport = Math.min(bestImport, await timeImport());
    bestBare = Math.min(bestBare, await timeImport(false));
  }
  const mbs = (ms: number) => (bytes / 1024 / 1024 / (ms / 1000)).toFixed(2);
  return [
    `import             ${mbs(bestImport)} MB/s of Alloy in (${inputs.length} corpus files, ${(bytes / 1024 / 1024).toFixed(1)} MB, ${bestImport.toFixed(0)} ms, Prettier included)`,
    `  without Prettier ${mbs(bestBare)} MB/s (${bestBare.toFixed(0)} ms): ${(bestBare / bestFmt).toFixed(1)}x fmt's time; Prettier is the rest`,
    `  beside fmt       ${mbs(bestFmt)} MB/s on the same bytes (${bestFmt.toFixed(0)} ms): import takes ${(bestImport / bestFmt).toFixed(1)}x fmt's time`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const row of await benchImport()) console.log(row);
