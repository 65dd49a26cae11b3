/**
 * A list of stages run as upstream's Pipeline runs them: the entry's labels are copied into the
 * extracted map first (when `copyLabels`), then each stage in order; an entry a stage drops goes
 * no further, an entry a stage splits goes on as several. Upstream runs stages as goroutines
 * linked by channels, each stage seeing entries in order, so running entries one at a time
 * through all stages gives the same results; at the end of input the stages are flushed in order
 * and what a flush releases runs through the stages after it.
 */
import type { TraceStep, ValueChange } from "../types.js";
import { formatRFC3339Nano } from "./gotime.js";
import type { RunContext, StageRun, Work } from "./work.js";

export class Pipeline {
  constructor(
    readonly stages: readonly StageRun[],
    private readonly copyLabels: boolean,
  ) {}

  /** One entry in; the entries that come out now. */
  push(e: Work, ctx: RunContext): Work[] {
    if (this.copyLabels) for (const [k, v] of Object.entries(e.labels)) e.extracted[k] = v;
    return this.runFrom(0, [e], ctx);
  }

  /** End of input: what the stages still hold, run through the stages after them. */
  flush(ctx: RunContext): Work[] {
    const out: Work[] = [];
    for (let i = 0; i < this.stages.length; i++) {
      const stage = this.stages[i]!;
      const held = [...(stage.inner?.flush(ctx) ?? []), ...(stage.flush?.(ctx) ?? [])];
      if (held.length > 0) out.push(...this.runFrom(i + 1, held, ctx));
    }
    return out;
  }

  private runFrom(first: number, entries: Work[], ctx: RunContext): Work[] {
    // One entry through stages that keep it one entry: no arrays in between.
    let one: Work | undefined = entries.length === 1 && !ctx.trace ? entries[0] : undefined;
    while (one && first < this.stages.length) {
      const outcome = this.stages[first]!.process(one, ctx);
      if (!Array.isArray(outcome)) {
        if (outcome.reason) ctx.metrics.sample("loki_process_dropped_lines_total", "counter", { reason: outcome.reason }).value++;
        return [];
      }
      first++;
      if (outcome.length !== 1) return this.runFrom(first, outcome, ctx);
      one = outcome[0];
    }
    if (one) return [one];
    let current = entries;
    for (let i = first; i < this.stages.length && current.length > 0; i++) {
      const stage = this.stages[i]!;
      const next: Work[] = [];
      for (const e of current) {
        const before = ctx.trace ? snapshot(e) : undefined;
        const outcome = stage.process(e, ctx);
        if (Array.isArray(outcome)) {
          next.push(...outcome);
          if (before) record(ctx, stage, before, outcome);
        } else {
          if (outcome.reason) ctx.metrics.sample("loki_process_dropped_lines_total", "counter", { reason: outcome.reason }).value++;
          if (before) ctx.trace!.push({ ...stepOf(stage, before, ctx), dropped: outcome.dropped });
        }
      }
      current = next;
    }
    return current;
  }
}

interface Snapshot {
  input: number;
  line: string;
  labels: Record<string, string>;
  ts: string | null;
  sm: Record<string, string>;
  extracted: Record<string, unknown>;
}

function snapshot(e: Work): Snapshot {
  return {
    input: e.input,
    line: e.line,
    labels: { ...e.labels },
    ts: e.ts ? formatRFC3339Nano(e.ts) : null,
    sm: Object.fromEntries(e.sm),
    extracted: { ...e.extracted },
  };
}

function stepOf(stage: StageRun, before: Snapshot, ctx: RunContext): TraceStep {
  return { kind: "stage", name: stage.name, span: stage.span, input: before.input, depth: ctx.depth, labels: [] };
}

function record(ctx: RunContext, stage: StageRun, before: Snapshot, outputs: Work[]): void {
  if (outputs.length === 0) {
    ctx.trace!.push({ ...stepOf(stage, before, ctx), note: "nothing came out for this entry yet (a partial line or multiline block held until it completes or the input ends; or an empty JSON array split into no entries)" });
    return;
  }
  for (const e of outputs) {
    const after = snapshot(e);
    const step = stepOf(stage, before, ctx);
    step.labels = changes(before.labels, after.labels);
    const extracted = changes<unknown>(before.extracted, after.extracted);
    if (extracted.length > 0) step.extracted = extracted;
    const sm = changes(before.sm, after.sm);
    if (sm.length > 0) step.structured_metadata = sm;
    if (before.line !== after.line) step.line = { before: before.line, after: after.line };
    if (before.ts !== after.ts) step.timestamp = { before: before.ts, after: after.ts };
    if (outputs.length > 1) step.note = `one of ${outputs.length} entries this stage made of the entry`;
    ctx.trace!.push(step);
  }
}

function changes<T>(before: Record<string, T>, after: Record<string, T>): ValueChange<T>[] {
  const out: ValueChange<T>[] = [];
  for (const [name, value] of Object.entries(after)) {
    const old = Object.hasOwn(before, name) ? before[name]! : null;
    if (JSON.stringify(old) !== JSON.stringify(value)) out.push({ name, before: old, after: value });
  }
  for (const [name, value] of Object.entries(before)) if (!Object.hasOwn(after, name)) out.push({ name, before: value, after: null });
  return out;
}
