// `npm run bench`: throughput and start-up, always side by side with a baseline in the same run.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { repoRoot, sharedPath, hasShared } from "../test/shared.js";
import { corpusInput, jsonOfSize } from "./input.js";

if (!hasShared) {
  console.log("bench: ../shared is absent; nothing to measure");
  process.exit(0);
}

const tmp = join(repoRoot, ".bench-tmp");
mkdirSync(tmp, { recursive: true });
const MB = 1024 * 1024;

interface Measured { ms: number; median: number; maxRssKb: number }

function measure(task: string, file: string, runs = 5): Measured {
  const out = execFileSync(process.execPath, ["--import", "tsx", join(repoRoot, "bench/worker.ts"), task, file, String(runs)], {
    cwd: repoRoot,
    encoding: "utf8",
    maxBuffer: 16 * MB,
  });
  return JSON.parse(out) as Measured;
}

function coldStart(args: string[], runs = 15): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, args, { cwd: repoRoot, stdio: "ignore" });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[times.length >> 1] as number;
}

const alloy = corpusInput(10 * MB);
const alloyFile = join(tmp, "input.alloy");
writeFileSync(alloyFile, alloy);
const json = jsonOfSize(alloy, alloy.length);
const jsonFile = join(tmp, "input.json");
writeFileSync(jsonFile, json);

const rows: string[] = [];
const rate = (bytes: number, ms: number): string => `${(bytes / MB / (ms / 1000)).toFixed(1)} MB/s`;

const parse = measure("parse", alloyFile);
const jsonParse = measure("json-parse", jsonFile);
rows.push(
  `parse            ${(alloy.length / MB).toFixed(1)} MB alloy: ${rate(alloy.length, parse.ms)} (${parse.ms.toFixed(0)} ms), peak RSS ${(parse.maxRssKb / 1024).toFixed(0)} MB`,
  `JSON.parse       ${(json.length / MB).toFixed(1)} MB json:  ${rate(json.length, jsonParse.ms)} (${jsonParse.ms.toFixed(0)} ms), peak RSS ${(jsonParse.maxRssKb / 1024).toFixed(0)} MB`,
  `parse / JSON.parse time ratio (per byte): ${((parse.ms / alloy.length) / (jsonParse.ms / json.length)).toFixed(2)}x  (target ≤ 10x)`,
);

const lab = sharedPath("lab", "config.alloy");
const baseline = coldStart(["-e", "0"]);
const lint = coldStart([join(repoRoot, "bin/alloyc.js"), "lint", lab]);
rows.push(
  `cold start: node -e 0 ${baseline.toFixed(0)} ms; alloyc lint lab/config.alloy ${lint.toFixed(0)} ms; ratio ${(lint / baseline).toFixed(2)}x  (target ≤ 2x)`,
);

console.log(rows.join("\n"));
