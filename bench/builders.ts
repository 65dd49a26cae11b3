// The compiler's benchmarks, for `npm run bench` (bench/run.ts calls `benchBuilders()`; run alone
// with `npx tsx bench/builders.ts`). Each figure sits beside its baseline from the same run:
// - cold start: `alloyc examples/lab.ts` against `node --import tsx -e 0` (target ≤ 1.5×);
// - building and emitting a generated 10,000-component config, time and peak memory, and the same
//   with 10× the components (target: at most 11× the time).
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { hasShared, repoRoot, sharedPath } from "../test/shared.js";
import type { BuildersMeasure } from "./builders-worker.js";

export interface BuildersBench {
  /** Report lines, in the style of bench/run.ts. */
  readonly rows: string[];
  /** alloyc examples/lab.ts ÷ node --import tsx -e 0 (median wall times); undefined without dist/. */
  readonly coldRatio: number | undefined;
  readonly small: BuildersMeasure;
  readonly large: BuildersMeasure;
  /** Time of the large config ÷ time of the small one. */
  readonly scaleRatio: number;
}

export interface BuildersBenchOptions {
  /** Components of the small config (the large one has `factor` times as many). */
  readonly components?: number;
  readonly factor?: number;
  /** Interleaved cold starts of each command. */
  readonly coldRuns?: number;
}

const MB = 1024 * 1024;
const tsxLoader = pathToFileURL(join(repoRoot, "node_modules/tsx/dist/loader.mjs")).href;

/**
 * `processes` fresh processes (bench/builders-worker.ts), each timing one build of `components`
 * after a small warm-up, as the compiler builds once per run; the median one by total time, with
 * the highest peak RSS. (Best-of-N in one process flatters small sizes: later runs find the heap
 * already grown, so the 10x ratio would mostly measure that.)
 */
function measure(components: number, processes: number): BuildersMeasure {
  const runs: BuildersMeasure[] = [];
  for (let i = 0; i < processes; i++) {
    const out = execFileSync(process.execPath, ["--import", tsxLoader, join(repoRoot, "bench/builders-worker.ts"), String(components), "1"], {
      cwd: repoRoot,
      encoding: "utf8",
      maxBuffer: 16 * MB,
    });
    runs.push(JSON.parse(out) as BuildersMeasure);
  }
  runs.sort((a, b) => a.totalMs - b.totalMs);
  const median = runs[runs.length >> 1] as BuildersMeasure;
  return { ...median, maxRssKb: Math.max(...runs.map((r) => r.maxRssKb)) };
}

/** Median wall time of each command; runs interleaved so that machine noise hits both alike. */
function coldStarts(commands: Record<string, string[]>, runs: number): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < runs; i++) {
    for (const [name, args] of Object.entries(commands)) {
      const t0 = performance.now();
      const r = spawnSync(process.execPath, args, { cwd: repoRoot, stdio: "ignore" });
      if (r.status !== 0) throw new Error(`bench: ${args.join(" ")} exited with ${r.status}`);
      (times[name] as number[]).push(performance.now() - t0);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, v.sort((a, b) => a - b)[v.length >> 1] as number]));
}

function line(label: string, m: BuildersMeasure): string {
  return (
    `${label} ${m.components.toLocaleString("en-US")} components: ` +
    `build ${m.buildMs.toFixed(0)} ms + lower ${m.synthMs.toFixed(0)} ms + emit ${m.emitMs.toFixed(0)} ms = ${m.totalMs.toFixed(0)} ms, ` +
    `${(m.bytes / MB).toFixed(1)} MB of Alloy, peak RSS ${(m.maxRssKb / 1024).toFixed(0)} MB`
  );
}

export function benchBuilders(options: BuildersBenchOptions = {}): BuildersBench {
  const components = options.components ?? 10_000;
  const factor = options.factor ?? 10;
  const rows: string[] = [];

  let coldRatio: number | undefined;
  const cli = join(repoRoot, "bin/alloyc.js");
  if (!existsSync(join(repoRoot, "dist/cli/main.js"))) {
    rows.push("cold start: skipped (dist/ is not built; npm run bench builds it)");
  } else {
    const lab = spawnSync(process.execPath, [cli, "examples/lab.ts"], { cwd: repoRoot, encoding: "utf8" });
    if (hasShared && lab.stdout !== readFileSync(sharedPath("lab", "config.expected.alloy"), "utf8")) {
      throw new Error(`bench: alloyc examples/lab.ts does not print the lab's expected output\n${lab.stderr}`);
    }
    const t = coldStarts({ tsx: ["--import", tsxLoader, "-e", "0"], alloyc: [cli, "examples/lab.ts"] }, options.coldRuns ?? 21);
    coldRatio = (t["alloyc"] as number) / (t["tsx"] as number);
    rows.push(
      `cold start: node --import tsx -e 0 ${(t["tsx"] as number).toFixed(0)} ms; alloyc examples/lab.ts ${(t["alloyc"] as number).toFixed(0)} ms; ` +
        `ratio ${coldRatio.toFixed(2)}x  (target ≤ 1.5x)`,
    );
  }

  const small = measure(components, 5);
  const large = measure(components * factor, 3);
  const scaleRatio = large.totalMs / small.totalMs;
  rows.push(
    line("builders", small),
    line("builders", large),
    `builders ${factor}x the components: ${scaleRatio.toFixed(1)}x the time  (target ≤ ${factor + 1}x)`,
  );
  return { rows, coldRatio, small, large, scaleRatio };
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(benchBuilders().rows.join("\n"));
}
