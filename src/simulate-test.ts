/**
 * Running an `alloyc test` file (format in simulate-test-file.ts) against its configuration:
 * relabel cases, process cases, and Alloy pipeline-test inputs and assertions over whole
 * pipelines. Each case passes or fails with the expected and actual text and their unified diff;
 * a case the simulator cannot run (unknown component, an argument it cannot evaluate) is a
 * SimulateError at the case's line, which the caller reports as an error, not a failure.
 */
import { unifiedDiff } from "./diag/index.js";
import { SimulateError, toEntry, type Entry, type ProcessOptions, type Simulation } from "./simulate.js";
import type { ExpectedEntry, InputEntry, LoadedTestFile, LokiMatch } from "./simulate-test-file.js";
import { parseNow } from "./simulate-input.js";
import type { SourcePos } from "./simulate/types.js";

export interface TestCaseResult {
  readonly name: string;
  readonly ok: boolean;
  readonly pos: SourcePos;
  /** On failure: what was expected and what came out, as text, and their diff. */
  readonly expected?: string;
  readonly actual?: string;
  readonly diff?: string;
}

/**
 * Runs every case of a test file on `sim`, in file order. `options` are the stage runner's (the
 * caller reads geoip_db's file); the file's `now` and `seed` are applied here.
 */
export async function runTestFile(loaded: LoadedTestFile, sim: Simulation, options: ProcessOptions = {}): Promise<TestCaseResult[]> {
  const { test, posOf } = loaded;
  const results: TestCaseResult[] = [];
  const stageOptions: ProcessOptions = {
    ...options,
    ...(test.now !== undefined ? { now: parseNow(test.now) } : {}),
    ...(test.seed !== undefined ? { seed: test.seed } : {}),
  };
  const guard = async <T>(path: (string | number)[], label: string, run: () => Promise<T> | T): Promise<T> => {
    try {
      return await run();
    } catch (e) {
      if (!(e instanceof SimulateError)) throw e;
      // A position in the test file itself is the best one; one in the configuration goes along.
      if (e.pos?.file === loaded.file) throw new SimulateError(`${label}: ${e.message}`, e.pos);
      const where = e.pos ? ` (${e.pos.file}:${e.pos.line}:${e.pos.col})` : "";
      throw new SimulateError(`${label}: ${e.message}${where}`, posOf(path));
    }
  };

  for (const [i, c] of (test.relabel ?? []).entries()) {
    const name = c.name ?? `relabel ${c.component} #${i}`;
    const out = await guard(["relabel", i, "component"], name, () => sim.relabel(c.component, c.targets));
    const actual = out.targets.map((t) => (t === null ? "dropped" : t));
    results.push(compare(name, posOf(["relabel", i]), c.expect, actual));
  }

  for (const [i, c] of (test.process ?? []).entries()) {
    const name = c.name ?? `process ${c.component} #${i}`;
    const entries = await guard(["process", i, "entries"], name, () => c.entries.map((e, j) => inputEntry(e, `entries[${j}]`, posOf(["process", i, "entries", j]))));
    const out = await guard(["process", i, "component"], name, () => sim.process(c.component, entries, stageOptions));
    const projected = out.entries.map((e, j) => project(e, c.expect[j]));
    results.push(compare(name, posOf(["process", i]), c.expect.map(normalizeExpected), projected));
  }

  const inputs = test.inputs?.loki ?? [];
  const assertions = test.assert?.loki ?? [];
  if (inputs.length > 0 || assertions.length > 0) {
    const received: Entry[] = [];
    for (const [i, input] of inputs.entries()) {
      const entries = await guard(["inputs", "loki", i, "entries"], `inputs.loki[${i}]`, () =>
        (input.entries ?? []).map((e, j) => inputEntry(e, `entries[${j}]`, posOf(["inputs", "loki", i, "entries", j]))),
      );
      for (const [j, ref] of input.components.entries()) {
        const id = ref.replace(/\.receiver$/, "");
        const starts = await guard(["inputs", "loki", i, "components", j], `inputs.loki[${i}]`, () => (/^loki\.source\./.test(sim.componentName(id)) ? sim.forwardTo(id) : [id]));
        for (const start of starts) {
          const out = await guard(["inputs", "loki", i, "components", j], `inputs.loki[${i}]`, () => sim.pipeline(start, entries, stageOptions));
          for (const list of Object.values(out.outputs)) received.push(...list);
        }
      }
    }
    for (const [i, a] of assertions.entries()) {
      const matching = received.filter((e) => matches(e, a.match));
      const what = a.match ? ` ${JSON.stringify(a.match)}` : "";
      const pos = posOf(["assert", "loki", i]);
      const ok = a.type === "count" ? matching.length === a.count : matching.length > 0;
      const name = a.type === "count" ? `assert.loki[${i}]: ${a.count} entries${what ? ` matching${what}` : ""}` : `assert.loki[${i}]: contains${what}`;
      if (ok) results.push({ name, ok, pos });
      else {
        const expected = a.type === "count" ? `${a.count} entries${what ? ` matching${what}` : ""}` : `an entry matching${what}`;
        const actual = `${matching.length} matching of ${received.length} received:\n${received.map((e) => `  ${JSON.stringify(e)}`).join("\n")}`;
        results.push({ name, ok, pos, expected, actual });
      }
    }
  }
  return results;
}

function inputEntry(e: InputEntry, what: string, pos: SourcePos): Entry {
  return toEntry({ line: e.line ?? "", ...e }, what, pos);
}

function compare(name: string, pos: SourcePos, expected: unknown, actual: unknown): TestCaseResult {
  const e = stableJson(expected);
  const a = stableJson(actual);
  if (e === a) return { name, ok: true, pos };
  return { name, ok: false, pos, expected: e, actual: a, diff: unifiedDiff(e, a, { fromName: "expected", toName: "actual" }) };
}

/** JSON with object keys sorted (label order is not part of a label set), one item per line. */
function stableJson(v: unknown): string {
  return `${JSON.stringify(sortKeys(v), null, 2)}\n`;
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, sortKeys(x)]));
  return v;
}

function normalizeExpected(e: ExpectedEntry): Record<string, unknown> {
  return Object.fromEntries(Object.entries(e).map(([k, v]) => [k, k === "timestamp" && typeof v === "string" ? instantText(v) : v]));
}

/** The fields of `e` that the expectation names (all of them for an entry nobody expected). */
function project(e: Entry, expected: ExpectedEntry | undefined): Record<string, unknown> {
  const keys = expected ? Object.keys(expected) : Object.keys(e);
  return Object.fromEntries(keys.map((k) => [k, k === "timestamp" && e.timestamp ? instantText(e.timestamp) : e[k as keyof Entry]]));
}

function matches(e: Entry, m: LokiMatch | undefined): boolean {
  if (!m) return true;
  if (m.line !== undefined && m.line !== "" && e.line !== m.line) return false;
  if (m.timestamp && (e.timestamp === null || instantText(e.timestamp) !== instantText(m.timestamp))) return false;
  if (m.labels?.values && !mapMatches(e.labels, m.labels.values, m.labels.mode === "partial")) return false;
  if (m.structured_metadata?.values && !mapMatches(e.structured_metadata, m.structured_metadata.values, m.structured_metadata.mode === "partial")) return false;
  return true;
}

function mapMatches(actual: Record<string, string>, want: Record<string, string>, partial: boolean): boolean {
  if (!partial && Object.keys(actual).length !== Object.keys(want).length) return false;
  return Object.entries(want).every(([k, v]) => actual[k] === v);
}

/** An RFC3339 time as UTC with nanoseconds, so two spellings of one instant compare equal. */
export function instantText(ts: string): string {
  const m = /^(\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2})(?:\.(\d+))?([Zz]|[+-]\d{2}:\d{2})$/.exec(ts);
  if (!m) return ts;
  const ms = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(ms)) return ts;
  const nanos = (m[2] ?? "").padEnd(9, "0").slice(0, 9);
  return `${new Date(ms).toISOString().slice(0, 19)}.${nanos}Z`;
}
