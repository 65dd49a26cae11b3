// One measurement in a fresh process, so peak memory (maxRSS) belongs to that task alone.
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { check, loadCatalogFor } from "../src/check/index.js";
import { format } from "../src/emit/index.js";
import { parseFile } from "../src/parse/index.js";

const [task, file, runsArg] = process.argv.slice(2);
const bytes = readFileSync(file as string);
const runs = Number(runsArg ?? 5);
// Every task that parses is measured on valid Alloy (what fmt and lint are for).
if (!task?.startsWith("json") && parseFile(bytes).diagnostics.length > 0) throw new Error(`bench input ${file} does not parse`);
if (task === "lint") await loadCatalogFor([parseFile(bytes).file]);

const tasks: Record<string, () => unknown> = {
  parse: () => parseFile(bytes),
  "parse+format": () => format(parseFile(bytes).file),
  lint: () => check(parseFile(bytes).file),
  "json-parse": () => JSON.parse(bytes.toString("utf8")),
  "json-parse+stringify": () => JSON.stringify(JSON.parse(bytes.toString("utf8")), null, 2),
};
const run = tasks[task as string];
if (!run) throw new Error(`unknown task ${task}`);
run(); // warm-up
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  run();
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const mean = times.reduce((a, b) => a + b, 0) / times.length;
process.stdout.write(JSON.stringify({ ms: times[0], median: times[times.length >> 1], mean, maxRssKb: process.resourceUsage().maxRSS }));
