import { describe, expect, it } from "vitest";
import { parseFile } from "../../src/parse/index.js";
import { evalContext, stageSpecs } from "../../src/simulate-arguments.js";
import { parseRFC3339Nano } from "../../src/simulate/process/golayout.js";
import { runStages } from "../../src/simulate/process/index.js";
import type { Entry } from "../../src/simulate/types.js";
import { hasShared, readSharedJson } from "../shared.js";

/**
 * stage_cases.json of ../shared/conformance/alloy-pipelines, matched as its README says: the
 * stage blocks are parsed and evaluated as `alloyc simulate` does (stageSpecs), the input entries
 * run through one pipeline (labels copied into the extracted map for harness "pipeline"), and
 * only the assertions upstream makes are checked. Counts are printed per upstream test file.
 */

interface CaseEntry {
  line: string;
  labels: Record<string, string>;
  timestamp: string | null;
  extracted?: Record<string, unknown>;
  structured_metadata?: Record<string, string>;
  timestamp_offset_from_now?: string;
}

interface Expected {
  dropped?: boolean;
  line?: string;
  labels?: Record<string, string>;
  labels_include?: Record<string, string>;
  labels_absent?: string[];
  extracted?: Record<string, unknown>;
  timestamp?: string;
  timestamp_after_input?: boolean;
  structured_metadata?: Record<string, string>;
  line_json?: unknown;
  outputs?: Expected[];
  outputs_order?: "emission" | "timestamp" | "set_of_lines";
}

interface StageCase {
  id: string;
  harness: "pipeline" | "stage";
  stages: string;
  input?: CaseEntry;
  inputs?: CaseEntry[];
  expected: Expected;
  compare?: { structured_metadata?: "ordered" | "unordered" | "unordered_json_canonical" };
  timestamp_precision?: "second";
  outputs_unordered_from?: number;
}

/** Cases that need what a simulator cannot have (README kinds only); each printed with its reason. */
const SKIPPED: Readonly<Record<string, string>> = {};

/** The exact number of passing cases: a regression (or an unexplained gain) fails the test. */
const EXPECTED_PASSES = 269;

const NOW = new Date("2026-06-15T12:00:00Z");

function canonical(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(canonical);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])]));
  return v;
}
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

function offsetNs(text: string): bigint {
  const m = /^([+-]?)(\d+)([hms])$/.exec(text);
  if (!m) throw new Error(`offset ${text}`);
  const unit = { h: 3600n, m: 60n, s: 1n }[m[3] as "h" | "m" | "s"];
  return (m[1] === "-" ? -1n : 1n) * BigInt(m[2]!) * unit * 1_000_000_000n;
}

function toInput(e: CaseEntry): Entry {
  let timestamp = e.timestamp;
  if (e.timestamp_offset_from_now) {
    const ns = BigInt(NOW.getTime()) * 1_000_000n + offsetNs(e.timestamp_offset_from_now);
    timestamp = new Date(Number(ns / 1_000_000n)).toISOString();
  }
  return { line: e.line, labels: e.labels, timestamp, structured_metadata: e.structured_metadata ?? {}, extracted: e.extracted ?? {} };
}

function instant(ts: string | null, precision: StageCase["timestamp_precision"]): bigint | null {
  if (ts === null) return null;
  const t = parseRFC3339Nano(ts);
  if (!t) return null;
  return precision === "second" ? t.ns / 1_000_000_000n : t.ns;
}

function smCanonical(sm: Record<string, string>, mode: string): unknown {
  const entries = Object.entries(sm).map(([k, v]) => {
    if (mode !== "unordered_json_canonical") return [k, v];
    try {
      return [k, JSON.stringify(canonical(JSON.parse(v)))];
    } catch {
      return [k, v];
    }
  });
  return mode === "ordered" ? entries : entries.sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1));
}

/** Problems of one output against one expectation (empty: it matches). */
function check(c: StageCase, exp: Expected, out: Entry, input: CaseEntry | undefined): string[] {
  const bad: string[] = [];
  if (exp.line !== undefined && out.line !== exp.line) bad.push(`line ${JSON.stringify(out.line)} != ${JSON.stringify(exp.line)}`);
  if (exp.labels !== undefined && !same(out.labels, exp.labels)) bad.push(`labels ${JSON.stringify(out.labels)} != ${JSON.stringify(exp.labels)}`);
  for (const [k, v] of Object.entries(exp.labels_include ?? {})) if (out.labels[k] !== v) bad.push(`label ${k}=${JSON.stringify(out.labels[k])} != ${JSON.stringify(v)}`);
  for (const k of exp.labels_absent ?? []) if (Object.hasOwn(out.labels, k)) bad.push(`label ${k} present`);
  if (exp.extracted !== undefined && !same(out.extracted, exp.extracted)) bad.push(`extracted ${JSON.stringify(canonical(out.extracted))} != ${JSON.stringify(canonical(exp.extracted))}`);
  if (exp.timestamp !== undefined && instant(out.timestamp, c.timestamp_precision) !== instant(exp.timestamp, c.timestamp_precision)) bad.push(`timestamp ${out.timestamp} != ${exp.timestamp}`);
  if (exp.timestamp_after_input) {
    const before = input && instant(toInput(input).timestamp, undefined);
    const after = instant(out.timestamp, undefined);
    if (before === null || before === undefined || after === null || !(after > before)) bad.push(`timestamp ${out.timestamp} not after the input's`);
  }
  if (exp.structured_metadata !== undefined) {
    const mode = c.compare?.structured_metadata ?? "unordered";
    if (!same(smCanonical(out.structured_metadata, mode), smCanonical(exp.structured_metadata, mode))) bad.push(`structured_metadata ${JSON.stringify(out.structured_metadata)} != ${JSON.stringify(exp.structured_metadata)}`);
  }
  if (exp.line_json !== undefined) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(out.line);
    } catch {
      parsed = Symbol("not JSON");
    }
    if (!same(parsed, exp.line_json)) bad.push(`line_json ${out.line} != ${JSON.stringify(exp.line_json)}`);
  }
  return bad;
}

function sortByTimestamp(entries: Entry[]): Entry[] {
  return [...entries].sort((a, b) => {
    const x = instant(a.timestamp, undefined) ?? 0n;
    const y = instant(b.timestamp, undefined) ?? 0n;
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/** Problems of a case's outputs against its expectation (empty: it passes). */
function verify(c: StageCase, outputs: Entry[]): string[] {
  const inputs = c.inputs ?? (c.input ? [c.input] : []);
  const exp = c.expected;
  if (!exp.outputs) {
    if (exp.dropped === true) return outputs.length === 0 ? [] : [`expected no output, got ${outputs.length}`];
    if (outputs.length !== 1) return [`expected one output, got ${outputs.length}`];
    return check(c, exp, outputs[0]!, inputs[0]);
  }
  if (outputs.length !== exp.outputs.length) return [`expected ${exp.outputs.length} outputs, got ${outputs.length}: ${JSON.stringify(outputs.map((o) => o.line))}`];
  if (exp.outputs_order === "set_of_lines") {
    const got = [...new Set(outputs.map((o) => o.line))].sort();
    const want = [...new Set(exp.outputs.map((o) => o.line))].sort();
    return same(got, want) ? [] : [`lines ${JSON.stringify(got)} != ${JSON.stringify(want)}`];
  }
  const ordered = exp.outputs_order === "timestamp" ? sortByTimestamp(outputs) : outputs;
  const bad: string[] = [];
  const unorderedFrom = c.outputs_unordered_from ?? exp.outputs.length;
  for (let i = 0; i < unorderedFrom; i++) bad.push(...check(c, exp.outputs[i]!, ordered[i]!, inputs[i]).map((p) => `output ${i}: ${p}`));
  // The tail is a multiset: match each expectation with a distinct output.
  const pool = ordered.slice(unorderedFrom);
  for (let i = unorderedFrom; i < exp.outputs.length; i++) {
    const at = pool.findIndex((o) => check(c, exp.outputs![i]!, o, undefined).length === 0);
    if (at < 0) bad.push(`output ${i}: no output matches ${JSON.stringify(exp.outputs[i])}`);
    else pool.splice(at, 1);
  }
  return bad;
}

async function runCase(c: StageCase): Promise<string[]> {
  const parsed = parseFile(c.stages, c.id);
  const errors = parsed.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) return [`parse: ${errors[0]!.message}`];
  const specs = stageSpecs(parsed.file.body, evalContext(c.id, parsed.file.lineStarts));
  const inputs = (c.inputs ?? (c.input ? [c.input] : [])).map(toInput);
  const result = await runStages(specs, inputs, { harness: c.harness, now: NOW, trace: true });
  return verify(c, result.entries);
}

describe.skipIf(!hasShared)("loki.process conformance (../shared/conformance/alloy-pipelines/stage_cases.json)", () => {
  it("gives every case's upstream assertions", async () => {
    const cases = readSharedJson<StageCase[]>("conformance/alloy-pipelines/stage_cases.json");
    const byFile = new Map<string, { pass: number; fail: number; skip: number }>();
    const failures: string[] = [];
    let passed = 0;
    for (const c of cases) {
      const file = c.id.split("/")[0]!;
      const counts = byFile.get(file) ?? { pass: 0, fail: 0, skip: 0 };
      byFile.set(file, counts);
      if (SKIPPED[c.id]) {
        counts.skip++;
        continue;
      }
      let problems: string[];
      try {
        problems = await runCase(c);
      } catch (e) {
        problems = [`threw: ${e instanceof Error ? e.message : String(e)}`];
      }
      if (problems.length === 0) {
        passed++;
        counts.pass++;
      } else {
        counts.fail++;
        failures.push(`${c.id}: ${problems.join("; ")}`);
      }
    }
    const rows = [...byFile].sort(([a], [b]) => (a < b ? -1 : 1)).map(([f, n]) => `  ${f.padEnd(26)} pass ${n.pass}  fail ${n.fail}  skip ${n.skip}`);
    const skipped = Object.entries(SKIPPED).map(([id, why]) => `\n  skipped ${id}: ${why}`);
    console.log(`loki.process conformance: ${passed}/${cases.length} pass, ${failures.length} fail, ${Object.keys(SKIPPED).length} skipped\n${rows.join("\n")}${skipped.join("")}`);
    expect(cases.length).toBe(269);
    expect(failures).toEqual([]);
    expect(passed).toBe(EXPECTED_PASSES);
  });
});
