/**
 * Reading a stage's evaluated arguments with the types Alloy decodes them into. A wrong type or a
 * value Alloy would reject is a SimulateError at the stage (`stage.json: …`), as Alloy refuses to
 * load such a configuration.
 */
import { SimulateError } from "../errors.js";
import type { SourcePos, StageBlockValue, StageSpec } from "../types.js";

export class Args {
  constructor(
    readonly stage: string,
    readonly args: Record<string, unknown>,
    readonly span: SourcePos,
  ) {}

  static of(spec: StageSpec | StageBlockValue, stage: string): Args {
    return new Args(stage, spec.args, spec.span);
  }

  fail(message: string): never {
    throw new SimulateError(`${this.stage}: ${message}`, this.span);
  }

  has(name: string): boolean {
    return this.args[name] !== undefined && this.args[name] !== null;
  }

  string(name: string, fallback = ""): string {
    const v = this.args[name];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== "string") this.fail(`${name} must be a string`);
    return v;
  }

  optString(name: string): string | undefined {
    return this.has(name) ? this.string(name) : undefined;
  }

  required(name: string): string {
    if (!this.has(name)) this.fail(`missing required attribute "${name}"`);
    return this.string(name);
  }

  bool(name: string, fallback = false): boolean {
    const v = this.args[name];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== "boolean") this.fail(`${name} must be a bool`);
    return v;
  }

  number(name: string, fallback: number): number {
    const v = this.args[name];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== "number" || !Number.isFinite(v)) this.fail(`${name} must be a number`);
    return v;
  }

  strings(name: string): string[] {
    const v = this.args[name];
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v) || v.some((x) => typeof x !== "string")) this.fail(`${name} must be a list of strings`);
    return v as string[];
  }

  /** map(string): `{ a = "x", b = "" }`; null values (Go nil *string) read as "". */
  stringMap(name: string): Record<string, string> | undefined {
    const v = this.args[name];
    if (v === undefined) return undefined;
    if (v === null || typeof v !== "object" || Array.isArray(v)) this.fail(`${name} must be an object of strings`);
    const out: Record<string, string> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      if (x !== null && typeof x !== "string") this.fail(`${name}: the value of "${k}" must be a string`);
      out[k] = x ?? "";
    }
    return out;
  }

  /** A Go duration (`1h30m`, `500ms`) in nanoseconds; 0 when absent. */
  duration(name: string): bigint {
    const v = this.args[name];
    if (v === undefined || v === null) return 0n;
    if (typeof v === "number") return BigInt(Math.round(v));
    if (typeof v !== "string") this.fail(`${name} must be a duration`);
    const ns = parseDuration(v);
    if (ns === undefined) this.fail(`${name}: time: invalid duration ${JSON.stringify(v)}`);
    return ns;
  }

  /** A size in bytes (`units.Base2Bytes`: `10B`, `1KB` = 1024, `1MiB`); 0 when absent. */
  bytes(name: string): number {
    const v = this.args[name];
    if (v === undefined || v === null) return 0;
    if (typeof v === "number") return v;
    if (typeof v !== "string") this.fail(`${name} must be a size`);
    const n = parseBase2Bytes(v);
    if (n === undefined) this.fail(`${name}: invalid size ${JSON.stringify(v)}`);
    return n;
  }
}

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, "µs": 1e3, "μs": 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's time.ParseDuration, in nanoseconds. */
export function parseDuration(text: string): bigint | undefined {
  let s = text;
  let sign = 1n;
  if (s.startsWith("-") || s.startsWith("+")) {
    if (s[0] === "-") sign = -1n;
    s = s.slice(1);
  }
  if (s === "0") return 0n;
  if (s === "") return undefined;
  let total = 0;
  const part = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;
  while (s.length > 0) {
    const m = part.exec(s);
    if (!m || (m[1] === "" && (m[2] ?? "") === "")) return undefined;
    total += Number(`${m[1] || "0"}.${m[2] || "0"}`) * DURATION_UNITS[m[3]!]!;
    s = s.slice(m[0].length);
  }
  return sign * BigInt(Math.round(total));
}

const SIZE_UNITS: Record<string, number> = { B: 1, KB: 1024, KiB: 1024, MB: 1024 ** 2, MiB: 1024 ** 2, GB: 1024 ** 3, GiB: 1024 ** 3, TB: 1024 ** 4, TiB: 1024 ** 4, PB: 1024 ** 5, PiB: 1024 ** 5, EB: 1024 ** 6, EiB: 1024 ** 6 };

export function parseBase2Bytes(text: string): number | undefined {
  let s = text.trim();
  let total = 0;
  if (s === "") return undefined;
  const part = /^(\d+(?:\.\d+)?)([A-Za-z]*)/;
  while (s.length > 0) {
    const m = part.exec(s);
    if (!m) return undefined;
    const unit = SIZE_UNITS[m[2] || "B"];
    if (unit === undefined) return undefined;
    total += Number(m[1]) * unit;
    s = s.slice(m[0].length);
  }
  return Math.floor(total);
}
