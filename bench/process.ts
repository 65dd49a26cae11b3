/**
 * loki.process throughput in the simulator: entries per second through a json + regex + labels +
 * timestamp pipeline, beside JSON.parse of the same entry lines, alternating, best of each.
 */
import { performance } from "node:perf_hooks";
import { runStages } from "../src/simulate/process/index.js";
import type { Entry, SourcePos, StageSpec } from "../src/simulate/types.js";

const at: SourcePos = { file: "bench.alloy", line: 1, col: 1 };
const stage = (name: string, args: Record<string, unknown>): StageSpec => ({ name, args, blocks: {}, span: at });

export const JSON_REGEX_PIPELINE: StageSpec[] = [
  stage("json", { expressions: { ts: "", level: "", app: "", msg: "" } }),
  stage("regex", { source: "msg", expression: "^(?P<method>\\S+) (?P<path>\\S+) (?P<status>\\d{3}) (?P<duration>\\S+)$" }),
  stage("labels", { values: { level: "", app: "", method: "", status: "" } }),
  stage("timestamp", { source: "ts", format: "RFC3339Nano" }),
];

function entries(n: number): Entry[] {
  const levels = ["info", "warn", "error", "debug"];
  const methods = ["GET", "POST", "PUT", "DELETE"];
  return Array.from({ length: n }, (_, i) => ({
    line: JSON.stringify({
      ts: new Date(Date.UTC(2024, 0, 2, 3, 4, 5) + i * 7).toISOString().replace("Z", `${String(i % 1000).padStart(3, "0")}123Z`),
      level: levels[i % 4],
      app: `app-${i % 7}`,
      msg: `${methods[i % 4]} /api/v1/users/${i} ${200 + (i % 5) * 100} ${i % 97}ms`,
      trace_id: (i * 2654435761).toString(16),
    }),
    labels: { job: "bench", namespace: "default" },
    timestamp: null,
    structured_metadata: {},
    extracted: {},
  }));
}

export async function benchProcess(count = 20_000, rounds = 5): Promise<string[]> {
  const input = entries(count);
  await runStages(JSON_REGEX_PIPELINE, input.slice(0, 100)); // loads the engines, warms up
  let best = Infinity;
  let bestJson = Infinity;
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    const out = await runStages(JSON_REGEX_PIPELINE, input);
    best = Math.min(best, performance.now() - t);
    sink += out.entries.length;
    t = performance.now();
    for (const e of input) sink += (JSON.parse(e.line) as { level: string }).level.length;
    bestJson = Math.min(bestJson, performance.now() - t);
  }
  const perSec = (ms: number) => `${Math.round(count / (ms / 1000)).toLocaleString("en-US")} entries/s`;
  return [
    `loki.process simulator, json+regex+labels+timestamp, ${count} entries (best of ${rounds}, alternating; checksum ${sink}):`,
    `  runStages: ${perSec(best)} (${best.toFixed(0)} ms); JSON.parse of the same lines: ${perSec(bestJson)} (${bestJson.toFixed(0)} ms); ratio ${(best / bestJson).toFixed(1)}x`,
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) for (const row of await benchProcess()) console.log(row);
