/**
 * loki.process throughput in the simulator: entries per second through the lab's pod-log and
 * events pipelines and a json + regex + labels + timestamp pipeline, beside JSON.parse of the same
 * entry lines, alternating, best of each.
 */
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import { simulate } from "../src/simulate.js";
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

async function best(stages: StageSpec[], input: Entry[], rounds: number): Promise<{ ms: number; jsonMs: number; sink: number }> {
  await runStages(stages, input.slice(0, 100)); // loads the engines, warms up
  let ms = Infinity;
  let jsonMs = Infinity;
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    let t = performance.now();
    const out = await runStages(stages, input);
    ms = Math.min(ms, performance.now() - t);
    sink += out.entries.length;
    t = performance.now();
    for (const e of input) sink += (JSON.parse(e.line) as { level: string }).level.length;
    jsonMs = Math.min(jsonMs, performance.now() - t);
  }
  return { ms, jsonMs, sink };
}

/** `labPath`: the lab's config.alloy, whose loki.process pipelines are measured too. */
export async function benchProcess(labPath?: string, count = 20_000, rounds = 5): Promise<string[]> {
  const input = entries(count);
  const pipelines: [string, StageSpec[]][] = [];
  if (labPath) {
    const lab = await simulate(readFileSync(labPath, "utf8"), { filename: labPath });
    pipelines.push(["lab loki.process.pod_logs", lab.stages("loki.process.pod_logs")], ["lab loki.process.cluster_events", lab.stages("loki.process.cluster_events")]);
  }
  pipelines.push(["json+regex+labels+timestamp", JSON_REGEX_PIPELINE]);
  const perSec = (ms: number) => `${Math.round(count / (ms / 1000)).toLocaleString("en-US")} entries/s`;
  const rows = [`loki.process simulator, ${count} entries each (best of ${rounds}, alternating with JSON.parse of the same lines):`];
  for (const [name, stages] of pipelines) {
    const m = await best(stages, input, rounds);
    rows.push(`  ${name}: ${perSec(m.ms)} (${m.ms.toFixed(0)} ms); JSON.parse: ${perSec(m.jsonMs)} (${m.jsonMs.toFixed(0)} ms); ratio ${(m.ms / m.jsonMs).toFixed(1)}x (checksum ${m.sink})`);
  }
  return rows;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const row of await benchProcess(process.argv[2])) console.log(row);
