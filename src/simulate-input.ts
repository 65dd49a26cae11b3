/**
 * The data `alloyc simulate`, `alloyc test` and `alloyc/simulate` take: targets (label maps) and
 * log entries, read from JSON (an array) or JSON Lines, checked value by value, with mistakes
 * reported at the line and column of the element they are in.
 */
import { LineIndex } from "./diag/index.js";
import { SimulateError } from "./simulate/errors.js";
import type { Entry, Labels, SourcePos } from "./simulate/types.js";

/** One value read from the input, with where it starts. */
interface Located {
  readonly value: unknown;
  readonly pos: SourcePos;
}

/** A JSON array's elements, or JSON Lines' values, each with its position. */
export function readJsonValues(text: string, file: string): Located[] {
  const lines = LineIndex.fromText(text);
  const posAt = (charOffset: number): SourcePos => {
    const byteOffset = Buffer.byteLength(text.slice(0, charOffset));
    const line = lines.line(byteOffset);
    return { file, line, col: byteOffset - (lines.lineStarts[line - 1] ?? 0) + 1 };
  };
  const first = text.search(/\S/);
  if (first === -1) throw new SimulateError("no input: expected a JSON array or JSON Lines", { file, line: 1, col: 1 });
  if (text[first] === "[") {
    let whole: unknown;
    try {
      whole = JSON.parse(text);
    } catch (e) {
      throw new SimulateError(`not JSON: ${jsonReason(e)}`, posAt(jsonErrorOffset(e) ?? first));
    }
    const starts = arrayElementStarts(text, first);
    return (whole as unknown[]).map((value, i) => ({ value, pos: posAt(starts[i] ?? first) }));
  }
  const out: Located[] = [];
  let offset = 0;
  for (const line of text.split("\n")) {
    const at = offset;
    offset += line.length + 1;
    if (line.trim() === "") continue;
    try {
      out.push({ value: JSON.parse(line) as unknown, pos: posAt(at + line.search(/\S/)) });
    } catch (e) {
      throw new SimulateError(`not JSON: ${jsonReason(e)}`, posAt(at + (jsonErrorOffset(e) ?? 0)));
    }
  }
  return out;
}

function jsonReason(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/ in JSON at position \d+.*$/s, "").replace(/^JSON\.parse: /, "");
}

function jsonErrorOffset(e: unknown): number | undefined {
  const m = /at position (\d+)/.exec(e instanceof Error ? e.message : "");
  return m ? Number(m[1]) : undefined;
}

/** Start offsets of the top-level elements of the (valid) JSON array starting at `open`. */
function arrayElementStarts(text: string, open: number): number[] {
  const starts: number[] = [];
  let depth = 0;
  let expectValue = false;
  for (let i = open; i < text.length; i++) {
    const ch = text[i] as string;
    if (ch === '"') {
      if (depth === 1 && expectValue) starts.push(i);
      expectValue = false;
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
      continue;
    }
    if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t") continue;
    if (depth === 1 && expectValue && ch !== "]") starts.push(i);
    expectValue = false;
    if (ch === "[" || ch === "{") {
      depth++;
      if (depth === 1) expectValue = true;
    } else if (ch === "]" || ch === "}") {
      depth--;
      if (depth === 0) break;
    } else if (ch === "," && depth === 1) expectValue = true;
  }
  return starts;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function stringMap(v: unknown, what: string, pos: SourcePos): Record<string, string> {
  if (!isRecord(v)) throw new SimulateError(`${what} must be an object of strings`, pos);
  for (const [k, value] of Object.entries(v)) {
    if (typeof value !== "string") throw new SimulateError(`${what}.${k} must be a string, not ${JSON.stringify(value)}`, pos);
  }
  return v as Record<string, string>;
}

/** A target: an object of string values. */
export function toTargets(values: readonly Located[]): Labels[] {
  return values.map(({ value, pos }, i) => ({ ...stringMap(value, `target ${i}`, pos) }));
}

const ENTRY_KEYS = new Set(["line", "labels", "timestamp", "structured_metadata", "extracted"]);
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

/** An entry `{line, labels?, timestamp?, structured_metadata?, extracted?}`, defaults filled in. */
export function toEntries(values: readonly Located[]): Entry[] {
  return values.map(({ value, pos }, i) => toEntry(value, `entry ${i}`, pos));
}

export function toEntry(value: unknown, what: string, pos: SourcePos): Entry {
  if (!isRecord(value)) throw new SimulateError(`${what} must be an object {line, labels, timestamp, structured_metadata, extracted}`, pos);
  for (const key of Object.keys(value)) {
    if (!ENTRY_KEYS.has(key)) throw new SimulateError(`${what} has an unknown key ${JSON.stringify(key)} (keys: ${[...ENTRY_KEYS].join(", ")})`, pos);
  }
  if (typeof value.line !== "string") throw new SimulateError(`${what}.line must be a string`, pos);
  const ts = value.timestamp ?? null;
  if (ts !== null && (typeof ts !== "string" || !RFC3339.test(ts))) throw new SimulateError(`${what}.timestamp must be RFC3339 (2024-01-01T00:00:00.123Z) or null`, pos);
  if (value.extracted !== undefined && !isRecord(value.extracted)) throw new SimulateError(`${what}.extracted must be an object`, pos);
  return {
    line: value.line,
    labels: { ...stringMap(value.labels ?? {}, `${what}.labels`, pos) },
    timestamp: ts,
    structured_metadata: { ...stringMap(value.structured_metadata ?? {}, `${what}.structured_metadata`, pos) },
    extracted: { ...((value.extracted as Record<string, unknown> | undefined) ?? {}) },
  };
}

/**
 * The fixed "now" of a run (`--now`, a test file's `now:`): an RFC3339 instant that exists
 * (no February 30th), or undefined. A Date keeps milliseconds; finer digits are dropped.
 */
export function parseNow(text: string): Date | undefined {
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [date, time] = text.slice(0, 19).split(/[Tt]/) as [string, string];
  const [y, mo, d] = date.split("-").map(Number) as [number, number, number];
  const [h, mi, s] = time.split(":").map(Number) as [number, number, number];
  const days = new Date(Date.UTC(y, mo - 1, d)).getUTCDate();
  if (mo < 1 || mo > 12 || d !== days || h > 23 || mi > 59 || s > 59) return undefined;
  const offset = m[2] ?? "Z";
  if (offset !== "Z" && offset !== "z" && (Number(offset.slice(1, 3)) > 23 || Number(offset.slice(4, 6)) > 59)) return undefined;
  const ms = Date.parse(`${text.slice(0, 19).replace("t", "T")}${(m[1] ?? "").slice(0, 4)}${offset.toUpperCase()}`);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}

/** The largest sampling seed: the generator keeps 32 bits. */
export const MAX_SEED = 2 ** 32 - 1;

/** A sampling seed (`--seed`, a test file's `seed:`): a whole number 0..2^32-1, or undefined. */
export function parseSeed(text: string): number | undefined {
  if (!/^\d{1,10}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= MAX_SEED ? n : undefined;
}
