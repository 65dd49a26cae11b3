/**
 * Readable text for what the simulator did: per target or entry, each rule or stage with what it
 * changed (+ added, ~ changed, - removed), why it was dropped, and the result. Colour (ANSI) only
 * when asked, for a terminal.
 */
import type { Entry, Labels, MetricSample, TraceStep, ValueChange } from "./simulate/types.js";

export interface TraceTextOptions {
  readonly color?: boolean;
}

interface Paint {
  add(s: string): string;
  del(s: string): string;
  mod(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

function paint(color: boolean): Paint {
  const wrap = (code: string) => (s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  return { add: wrap("32"), del: wrap("31"), mod: wrap("33"), dim: wrap("2"), bold: wrap("1") };
}

const show = (v: unknown): string => (typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v) ?? "undefined");

function changeLines(prefix: string, changes: readonly ValueChange<unknown>[], p: Paint): string[] {
  return changes.map((c) => {
    if (c.before === null) return p.add(`+ ${prefix}${c.name}=${show(c.after)}`);
    if (c.after === null) return p.del(`- ${prefix}${c.name} (was ${show(c.before)})`);
    return p.mod(`~ ${prefix}${c.name}=${show(c.after)} (was ${show(c.before)})`);
  });
}

/** The lines of one step: where it is written, its name, then what changed. */
function stepLines(step: TraceStep, p: Paint): string[] {
  const where = `${step.span.file}:${step.span.line}:${step.span.col}`;
  const indent = "  ".repeat(step.depth + 1);
  const head = `${indent}${p.dim(where)}  ${p.bold(step.kind === "stage" ? `stage.${step.name}` : step.name)}`;
  const body = [
    ...changeLines("", step.labels, p),
    ...changeLines("extracted.", step.extracted ?? [], p),
    ...changeLines("structured_metadata.", step.structured_metadata ?? [], p),
    ...(step.line ? [p.mod(`~ line ${show(step.line.after)} (was ${show(step.line.before)})`)] : []),
    ...(step.timestamp ? [p.mod(`~ timestamp ${show(step.timestamp.after)} (was ${show(step.timestamp.before)})`)] : []),
    ...(step.note ? [p.dim(step.note)] : []),
    ...(step.dropped ? [p.del(`dropped: ${step.dropped}`)] : []),
  ];
  if (body.length === 0) return [`${head}  ${p.dim("(no change)")}`];
  return [head, ...body.map((l) => `${indent}    ${l}`)];
}

/** Text for a relabel run: per target, the steps, then the labels or "dropped". */
export function relabelText(targets: readonly Labels[], results: readonly (Labels | null)[], trace: readonly TraceStep[], options: TraceTextOptions = {}): string {
  const p = paint(options.color ?? false);
  let out = "";
  targets.forEach((_, i) => {
    out += `${p.bold(`target ${i}`)}\n`;
    for (const step of trace.filter((s) => s.input === i)) out += `${stepLines(step, p).join("\n")}\n`;
    const result = results[i];
    out += result ? `  => ${labelsText(result)}\n` : `  => ${p.del("dropped")}\n`;
  });
  return out;
}

/** Text for a loki.process run: per input entry, the steps; then the entries that came out. */
export function processText(
  inputs: readonly Entry[],
  outputs: readonly Entry[],
  trace: readonly TraceStep[],
  options: TraceTextOptions = {},
  metrics: readonly MetricSample[] = [],
): string {
  const p = paint(options.color ?? false);
  let out = "";
  inputs.forEach((entry, i) => {
    out += `${p.bold(`entry ${i}`)} ${p.dim(show(entry.line))}\n`;
    for (const step of trace.filter((s) => s.input === i)) out += `${stepLines(step, p).join("\n")}\n`;
  });
  out += `${p.bold(`${outputs.length} ${outputs.length === 1 ? "entry" : "entries"} out`)}\n`;
  for (const e of outputs) out += `  ${show(e.line)} ${labelsText(e.labels)}${e.timestamp ? ` ${e.timestamp}` : ""}\n`;
  if (metrics.length > 0) out += `${p.bold("metrics")}\n`;
  for (const m of metrics) out += `  ${m.name}${labelsText(m.labels)} ${m.type} ${m.value}\n`;
  return out;
}

export function labelsText(labels: Labels): string {
  return `{${Object.entries(labels)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(", ")}}`;
}
