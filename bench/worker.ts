// One measurement in a fresh process, so peak memory (maxRSS) belongs to that task alone.
// Each timed run is a batch of `batch` back-to-back calls and reports the time per call, so that
// a small input is charged for the garbage collection its calls cause (one call on a small input
// often finishes before any major collection, leaving the bill to the next).
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { check, loadCatalogFor } from "../src/check/index.js";
import { formatSource } from "../src/format.js";
import { formatBytes } from "../src/emit/index.js";
import type { File } from "../src/ast/index.js";
import { parseFile } from "../src/parse/index.js";

const [task, file, runsArg, batchArg] = process.argv.slice(2);
const bytes = readFileSync(file as string);
const runs = Number(runsArg ?? 5);
const batch = Number(batchArg ?? 1);
// The calls of a batch read separate copies of the input, as that many files would be: one buffer
// read again and again stays in the processor's cache, which no single call on a file enjoys.
// (The formatter-alone and checker-alone tasks read a tree, not the input.)
const copies = task === "format" || task === "check" ? 1 : batch;
const inputs = Array.from({ length: copies }, (_, i) => (i === 0 ? bytes : Buffer.from(bytes)));
// Every task that parses is measured on valid Alloy (what fmt and lint are for). Only the
// formatter-alone and checker-alone tasks keep a tree: any other would make the collector trace
// it all along.
let parsedTree: File | undefined;
if (task === "parse+format") {
  // Checked through the task's own path, so that peak memory is that path's.
  if (!("formatted" in formatSource(bytes))) throw new Error(`bench input ${file} does not parse`);
} else if (!task?.startsWith("json")) {
  const { file: tree, diagnostics } = parseFile(bytes);
  if (diagnostics.length > 0) throw new Error(`bench input ${file} does not parse`);
  if (task === "lint" || task === "check") await loadCatalogFor([tree]);
  if (task === "format" || task === "check") parsedTree = tree;
}

const tasks: Record<string, (input: Buffer) => unknown> = {
  parse: (input) => parseFile(input),
  // What `alloyc fmt` does: bytes in, bytes out (a large file in pieces).
  "parse+format": (input) => formatSource(input),
  // The library path: one tree for the whole file.
  "parse+format, one tree": (input) => formatBytes(parseFile(input).file),
  // The formatter alone, on one tree parsed once (copies would keep `batch` trees alive).
  format: () => formatBytes(parsedTree as File),
  lint: (input) => check(parseFile(input).file),
  // The checker alone, on one tree parsed once.
  check: () => check(parsedTree as File),
  "json-parse": (input) => JSON.parse(input.toString("utf8")),
  "json-parse+stringify": (input) => JSON.stringify(JSON.parse(input.toString("utf8")), null, 2),
};
const run = tasks[task as string];
if (!run) throw new Error(`unknown task ${task}`);
run(bytes); // warm-up
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  for (let b = 0; b < batch; b++) run(inputs[b % copies] as Buffer);
  times.push((performance.now() - t0) / batch);
}
times.sort((a, b) => a - b);
// Peak RSS of this process: VmHWM, which exec resets; getrusage's maxRSS on Linux carries the forking
// bench process's own peak over exec (a worker that used 40 MB reported the bench's 490 MB).
let maxRssKb = process.resourceUsage().maxRSS;
try {
  maxRssKb = Number(/VmHWM:\s*(\d+)/.exec(readFileSync("/proc/self/status", "utf8"))?.[1] ?? maxRssKb);
} catch {
  // Not Linux: maxRSS is the figure there.
}
process.stdout.write(JSON.stringify({ ms: times[0], median: times[times.length >> 1], maxRssKb }));
