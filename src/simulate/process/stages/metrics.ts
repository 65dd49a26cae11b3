/**
 * stage.metrics: counters, gauges and histograms counted per entry and reported with the run's
 * result (they change no entry).
 */
import { parseDuration } from "../args.js";
import { getString } from "../values.js";
import type { RunContext, Work } from "../work.js";
import { Args, mapStage, type StageFactory } from "./stage.js";

/** upstream getFloat: numbers, booleans, numeric strings, else a Go duration in seconds. */
function toFloat(v: unknown): number | undefined {
  if (typeof v === "number") return v;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v !== "string") return undefined;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity|nan)$/i.test(v.trim()) && v.trim() === v) return Number(v.replace(/inf(inity)?/i, "Infinity"));
  const d = parseDuration(v);
  return d === undefined ? undefined : Number(d) / 1e9;
}

interface MetricDef {
  kind: "counter" | "gauge" | "histogram";
  name: string;
  source: string;
  value: string;
  action: string;
  matchAll: boolean;
  countBytes: boolean;
  buckets: number[];
}

const DEFAULT_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const metrics: StageFactory = (spec) => {
  const defs: MetricDef[] = [];
  for (const kind of ["counter", "gauge", "histogram"] as const) {
    for (const block of spec.blocks[`metric.${kind}`] ?? []) {
      const a = Args.of(block, `stage.metrics metric.${kind}`);
      const name = a.required("name");
      const action = a.string("action", kind === "histogram" ? "" : "");
      if (kind === "counter" && !["inc", "add"].includes(action)) a.fail(`action must be "inc" or "add"`);
      if (kind === "gauge" && !["set", "inc", "dec", "add", "sub"].includes(action)) a.fail(`action must be one of set, inc, dec, add, sub`);
      const buckets = Array.isArray(block.args["buckets"]) ? (block.args["buckets"] as number[]) : DEFAULT_BUCKETS;
      defs.push({
        kind,
        name: (a.string("prefix") || "loki_process_custom_") + name,
        source: a.string("source") || name,
        value: a.string("value"),
        action,
        matchAll: a.bool("match_all"),
        countBytes: a.bool("count_entry_bytes"),
        buckets: [...buckets].sort((x, y) => x - y),
      });
    }
  }
  const record = (def: MetricDef, e: Work, ctx: RunContext, v: unknown) => {
    if (def.value !== "" && getString(v) !== def.value) return;
    const sample = ctx.metrics.sample(def.name, def.kind, { ...e.labels });
    if (def.kind === "counter") {
      if (def.action === "inc") sample.value++;
      else {
        const f = toFloat(v);
        if (f !== undefined && f >= 0) sample.value += f;
      }
    } else if (def.kind === "gauge") {
      const f = toFloat(v);
      if (def.action === "inc") sample.value++;
      else if (def.action === "dec") sample.value--;
      else if (f !== undefined) sample.value = def.action === "set" ? f : def.action === "add" ? sample.value + f : sample.value - f;
    } else {
      const f = toFloat(v);
      if (f === undefined) return;
      sample.value++;
      sample.sum = (sample.sum ?? 0) + f;
      const buckets = (sample.buckets ??= Object.fromEntries([...def.buckets.map((b) => [String(b), 0]), ["+Inf", 0]]));
      for (const b of def.buckets) if (f <= b) buckets[String(b)]!++;
      buckets["+Inf"]!++;
    }
  };
  return mapStage(spec, (e, ctx) => {
    for (const def of defs) {
      if (def.kind === "counter" && def.matchAll) {
        record(def, e, ctx, def.countBytes ? Buffer.byteLength(e.line) : null);
        continue;
      }
      if (Object.hasOwn(e.extracted, def.source)) record(def, e, ctx, e.extracted[def.source]);
    }
  });
};

export const METRIC_STAGES: Record<string, StageFactory> = { metrics };
