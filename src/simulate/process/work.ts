/**
 * The entry as the stages work on it (`Work`), the contract of a stage (`StageRun`) and what a run
 * shares (`RunContext`): the clock, the seeded random source, metrics, the trace being recorded.
 */
import type { MetricSample, SourcePos, TraceStep } from "../types.js";
import type { GoTime } from "./gotime.js";

/** One entry in flight. Stages mutate it in place, as upstream mutates its Entry. */
export interface Work {
  line: string;
  labels: Record<string, string>;
  /** null: the input had none (upstream: time.Now() or the zero time, nothing asserted). */
  ts: GoTime | null;
  /** Ordered, as upstream's push.LabelsAdapter. */
  sm: [string, string][];
  extracted: Record<string, unknown>;
  /** Index of the input entry this one comes from (traces). */
  readonly input: number;
}

export function cloneWork(e: Work): Work {
  return { line: e.line, labels: { ...e.labels }, ts: e.ts, sm: e.sm.map(([k, v]) => [k, v]), extracted: { ...e.extracted }, input: e.input };
}

/**
 * What a stage does with one entry: the entries that go on (none: held back), or a drop: why in
 * words, and the `reason` label upstream counts it under in loki_process_dropped_lines_total
 * (absent when upstream counts nothing, as json's drop_malformed).
 */
export type Outcome = Work[] | { readonly dropped: string; readonly reason?: string };

export interface StageRun {
  /** The stage name without `stage.`. */
  readonly name: string;
  readonly span: SourcePos;
  process(e: Work, ctx: RunContext): Outcome;
  /** End of input: entries the stage still holds (multiline blocks, partial CRI lines). */
  flush?(ctx: RunContext): Work[];
  /** Nested pipeline (stage.match), so its stages flush too. */
  readonly inner?: { flush(ctx: RunContext): Work[] };
}

export class Metrics {
  private readonly samples = new Map<string, MetricSample>();

  sample(name: string, type: MetricSample["type"], labels: Record<string, string>): MetricSample {
    const key = name + JSON.stringify(Object.entries(labels).sort());
    let s = this.samples.get(key);
    if (!s) {
      s = { name, type, labels, value: 0 };
      this.samples.set(key, s);
    }
    return s;
  }

  list(): MetricSample[] {
    return [...this.samples.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}

export interface RunContext {
  /** The wall clock: drop older_than, pack ingest_timestamp, yearless timestamps. */
  readonly now: GoTime;
  /** Uniform [0, 1), seeded (stage.sampling). */
  readonly random: () => number;
  readonly metrics: Metrics;
  /** Steps recorded when tracing, else null. */
  readonly trace: TraceStep[] | null;
  /** Nesting depth of the pipeline running (0 = top level). */
  readonly depth: number;
}

/** mulberry32: a small seeded generator, so a sampling run repeats exactly with the same seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
