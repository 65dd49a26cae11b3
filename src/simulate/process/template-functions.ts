/**
 * The functions a loki.process template can call in the simulator: Go's text/template built-ins,
 * the ones Alloy adds (ToLower, Replace, Hash, regexReplaceAll, ...) and the sprig functions
 * configurations commonly use. Values: string, bigint (Go int), number (float64), boolean, null,
 * arrays, plain objects. Anything not listed here is rejected when the template is parsed.
 */
import { createHash } from "node:crypto";
import { marshal } from "./gojson.js";
import { compileGo, quoteMeta } from "./regex.js";
import { formatGoFloat, goTrimSpace } from "./values.js";

export class TemplateExecError extends Error {}

function str(v: unknown, fn: string): string {
  if (typeof v !== "string") throw new TemplateExecError(`wrong type for value in ${fn}; expected string; got ${goType(v)}`);
  return v;
}

function goType(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  if (typeof v === "bigint") return "int";
  if (typeof v === "number") return "float64";
  if (typeof v === "boolean") return "bool";
  if (typeof v === "string") return "string";
  return Array.isArray(v) ? "[]interface {}" : "map[string]interface {}";
}

/** Go's `%v` of a float64: shortest digits, exponent form when the exponent is < -4 or >= 21. */
function printFloat(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? "NaN" : n > 0 ? "+Inf" : "-Inf";
  if (n === 0) return Object.is(n, -0) ? "-0" : "0";
  const exp = Math.floor(Math.log10(Math.abs(n)));
  if (exp < -4 || exp >= 21) {
    const [m, e] = n.toExponential().split("e");
    const sign = e!.startsWith("-") ? "-" : "+";
    return `${m}e${sign}${e!.replace(/^[+-]/, "").padStart(2, "0")}`;
  }
  return formatGoFloat(n);
}

/** fmt.Sprint of one value. */
export function printValue(v: unknown): string {
  if (v === null || v === undefined) return "<nil>";
  switch (typeof v) {
    case "string":
      return v;
    case "bigint":
      return v.toString();
    case "number":
      return printFloat(v);
    case "boolean":
      return v ? "true" : "false";
  }
  if (Array.isArray(v)) return "[" + v.map(printValue).join(" ") + "]";
  const obj = v as Record<string, unknown>;
  return "map[" + Object.keys(obj).sort().map((k) => `${k}:${printValue(obj[k])}`).join(" ") + "]";
}

export function isTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === "" || v === 0 || v === 0n) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

/** sprig's toInt64 (cast.ToInt64): numbers truncate, numeric strings parse, anything else is 0. */
function toInt(v: unknown): bigint {
  if (typeof v === "bigint") return v;
  if (typeof v === "number") return Number.isFinite(v) ? BigInt(Math.trunc(v)) : 0n;
  if (typeof v === "boolean") return v ? 1n : 0n;
  if (typeof v === "string" && /^[+-]?\d+$/.test(v.trim())) return BigInt(v.trim());
  return 0n;
}

function toFloat(v: unknown): number {
  if (typeof v === "bigint") return Number(v);
  if (typeof v === "number") return v;
  if (typeof v === "string") {
    const f = Number(v);
    return Number.isNaN(f) || v.trim() === "" ? 0 : f;
  }
  return v === true ? 1 : 0;
}

/** Go's basic-kind comparison for eq/lt/...: ints with ints, floats with floats, strings with strings. */
function compare(a: unknown, b: unknown, fn: string): number {
  const kind = (v: unknown) => (typeof v === "bigint" ? "int" : typeof v);
  if (kind(a) !== kind(b) || !["int", "number", "string", "boolean"].includes(kind(a))) {
    if (a === null || b === null) throw new TemplateExecError(`error calling ${fn}: invalid type for comparison`);
    throw new TemplateExecError(`error calling ${fn}: incompatible types for comparison`);
  }
  if (typeof a === "boolean") {
    if (fn !== "eq" && fn !== "ne") throw new TemplateExecError(`error calling ${fn}: invalid type for comparison`);
    return a === b ? 0 : 1;
  }
  return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
}

function replaceN(s: string, old: string, repl: string, n: bigint): string {
  if (n < 0n) return s.split(old).join(repl);
  let out = "";
  let rest = s;
  for (let i = 0n; i < n; i++) {
    const at = old === "" ? (i === 0n ? 0 : 1) : rest.indexOf(old);
    if (at < 0 || (old === "" && rest.length === 0 && i > 0n)) break;
    out += rest.slice(0, at) + repl;
    rest = rest.slice(at + old.length);
    if (old === "") {
      out += rest.slice(0, 1);
      rest = rest.slice(1);
    }
  }
  return out + rest;
}

const cutsetRe = (cutset: string) => "[" + [...cutset].map((c) => c.replace(/[\]\\^-]/g, "\\$&")).join("") + "]";
const trimLeft = (s: string, cutset: string) => (cutset === "" ? s : s.replace(new RegExp("^" + cutsetRe(cutset) + "+", "u"), ""));
const trimRight = (s: string, cutset: string) => (cutset === "" ? s : s.replace(new RegExp(cutsetRe(cutset) + "+$", "u"), ""));
const hex = (algo: string, s: string) => createHash(algo).update(s, "utf8").digest("hex");

function sprint(args: unknown[]): string {
  let out = "";
  args.forEach((a, i) => {
    if (i > 0 && typeof a !== "string" && typeof args[i - 1] !== "string") out += " ";
    out += printValue(a);
  });
  return out;
}

function sprintf(format: string, args: unknown[]): string {
  let i = 0;
  return format.replace(/%([-+# 0]*)(\d+)?(?:\.(\d+))?([vsdqfxXtgeT%])/g, (_, _flags: string, width: string | undefined, prec: string | undefined, verb: string) => {
    if (verb === "%") return "%";
    if (i >= args.length) return `%!${verb}(MISSING)`;
    const a = args[i++];
    let s: string;
    switch (verb) {
      case "d":
        s = typeof a === "bigint" ? a.toString() : `%!d(${goType(a)}=${printValue(a)})`;
        break;
      case "q":
        s = typeof a === "string" ? JSON.stringify(a) : printValue(a);
        break;
      case "f":
        s = toFloat(a).toFixed(prec === undefined ? 6 : Number(prec));
        break;
      case "x":
      case "X":
        s = typeof a === "bigint" ? a.toString(16) : Buffer.from(printValue(a)).toString("hex");
        if (verb === "X") s = s.toUpperCase();
        break;
      case "T":
        s = goType(a);
        break;
      default:
        s = printValue(a);
    }
    return width ? s.padStart(Number(width)) : s;
  });
}

type Fn = (...args: unknown[]) => unknown;

export const FUNCTIONS: Readonly<Record<string, Fn>> = {
  // text/template built-ins
  and: (...a) => a.find((x) => !isTruthy(x)) ?? a[a.length - 1],
  or: (...a) => a.find((x) => isTruthy(x)) ?? a[a.length - 1],
  not: (a) => !isTruthy(a),
  len: (a) => BigInt(typeof a === "string" ? Buffer.byteLength(a) : Array.isArray(a) ? a.length : a && typeof a === "object" ? Object.keys(a).length : 0),
  index: (a, ...keys) => keys.reduce((v: unknown, k) => (Array.isArray(v) ? v[Number(k)] : v && typeof v === "object" ? (v as Record<string, unknown>)[String(k)] : null), a),
  print: (...a) => sprint(a),
  println: (...a) => a.map(printValue).join(" ") + "\n",
  printf: (f, ...a) => sprintf(str(f, "printf"), a),
  html: (...a) => sprint(a).replace(/[<>&'"\0]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&#39;", '"': "&#34;", "\0": "\uFFFD" })[c]!),
  // url.QueryEscape: only [A-Za-z0-9-_.~] stay, a space is "+".
  urlquery: (...a) => encodeURIComponent(sprint(a)).replace(/[!'()*]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase()).replace(/%20/g, "+"),
  eq: (a, ...b) => b.some((x) => compare(a, x, "eq") === 0),
  ne: (a, b) => compare(a, b, "ne") !== 0,
  lt: (a, b) => compare(a, b, "lt") < 0,
  le: (a, b) => compare(a, b, "le") <= 0,
  gt: (a, b) => compare(a, b, "gt") > 0,
  ge: (a, b) => compare(a, b, "ge") >= 0,
  // Alloy's additions (stages/template.go)
  ToLower: (s) => str(s, "ToLower").toLowerCase(),
  ToUpper: (s) => str(s, "ToUpper").toUpperCase(),
  Replace: (s, o, r, n) => replaceN(str(s, "Replace"), str(o, "Replace"), str(r, "Replace"), toInt(n)),
  Trim: (s, c) => trimRight(trimLeft(str(s, "Trim"), str(c, "Trim")), c as string),
  TrimLeft: (s, c) => trimLeft(str(s, "TrimLeft"), str(c, "TrimLeft")),
  TrimRight: (s, c) => trimRight(str(s, "TrimRight"), str(c, "TrimRight")),
  TrimPrefix: (s, p) => (str(s, "TrimPrefix").startsWith(str(p, "TrimPrefix")) ? (s as string).slice((p as string).length) : s),
  TrimSuffix: (s, p) => (str(s, "TrimSuffix").endsWith(str(p, "TrimSuffix")) && (p as string) !== "" ? (s as string).slice(0, -(p as string).length) : s),
  TrimSpace: (s) => goTrimSpace(str(s, "TrimSpace")),
  Hash: (salt, input) => hex("sha3-256", str(salt, "Hash") + str(input, "Hash")),
  Sha2Hash: (salt, input) => hex("sha256", str(salt, "Sha2Hash") + str(input, "Sha2Hash")),
  regexReplaceAll: (re, s, r) => compileGo(str(re, "regexReplaceAll")).replaceAll(str(s, "regexReplaceAll"), str(r, "regexReplaceAll")),
  regexReplaceAllLiteral: (re, s, r) => compileGo(str(re, "regexReplaceAllLiteral")).replaceAll(str(s, "regexReplaceAllLiteral"), str(r, "regexReplaceAllLiteral"), true),
  // sprig (the commonly used, deterministic part)
  lower: (s) => str(s, "lower").toLowerCase(),
  upper: (s) => str(s, "upper").toUpperCase(),
  title: (s) => str(s, "title").replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase()),
  trim: (s) => goTrimSpace(str(s, "trim")),
  trimAll: (c, s) => trimRight(trimLeft(str(s, "trimAll"), str(c, "trimAll")), c as string),
  trimPrefix: (p, s) => (str(s, "trimPrefix").startsWith(str(p, "trimPrefix")) ? (s as string).slice((p as string).length) : s),
  trimSuffix: (p, s) => (str(s, "trimSuffix").endsWith(str(p, "trimSuffix")) && (p as string) !== "" ? (s as string).slice(0, -(p as string).length) : s),
  replace: (o, r, s) => str(s, "replace").split(str(o, "replace")).join(str(r, "replace")),
  contains: (sub, s) => str(s, "contains").includes(str(sub, "contains")),
  hasPrefix: (p, s) => str(s, "hasPrefix").startsWith(str(p, "hasPrefix")),
  hasSuffix: (p, s) => str(s, "hasSuffix").endsWith(str(p, "hasSuffix")),
  repeat: (n, s) => str(s, "repeat").repeat(Math.max(0, Number(toInt(n)))),
  substr: (start, end, s) => {
    const t = str(s, "substr");
    let a = Number(toInt(start));
    let b = Number(toInt(end));
    if (a < 0) return t.slice(0, b);
    if (b < 0 || b > t.length) b = t.length;
    if (a > b) a = b;
    return t.slice(a, b);
  },
  trunc: (n, s) => {
    const t = str(s, "trunc");
    const c = Number(toInt(n));
    return c < 0 ? t.slice(Math.max(0, t.length + c)) : t.slice(0, c);
  },
  quote: (...a) => a.filter((x) => x !== null).map((x) => JSON.stringify(printValue(x))).join(" "),
  squote: (...a) => a.filter((x) => x !== null).map((x) => `'${printValue(x)}'`).join(" "),
  cat: (...a) => a.filter((x) => x !== null).map(printValue).join(" "),
  nospace: (s) => str(s, "nospace").replace(/\s+/g, ""),
  indent: (n, s) => str(s, "indent").replace(/^/gm, " ".repeat(Number(toInt(n)))),
  nindent: (n, s) => "\n" + str(s, "nindent").replace(/^/gm, " ".repeat(Number(toInt(n)))),
  splitList: (sep, s) => str(s, "splitList").split(str(sep, "splitList")),
  join: (sep, v) => (Array.isArray(v) ? v.map(printValue) : [printValue(v)]).join(str(sep, "join")),
  toString: (v: unknown) => printValue(v),
  default: (d, ...given) => (given.length > 0 && isTruthy(given[0]) ? given[0] : d),
  empty: (v) => !isTruthy(v),
  coalesce: (...a) => a.find(isTruthy) ?? null,
  ternary: (vt, vf, c) => (c === true ? vt : vf),
  b64enc: (s) => Buffer.from(str(s, "b64enc"), "utf8").toString("base64"),
  b64dec: (s) => Buffer.from(str(s, "b64dec"), "base64").toString("utf8"),
  sha256sum: (s) => hex("sha256", str(s, "sha256sum")),
  sha1sum: (s) => hex("sha1", str(s, "sha1sum")),
  regexMatch: (re, s) => compileGo(str(re, "regexMatch")).test(str(s, "regexMatch")),
  regexFind: (re, s) => {
    const m = compileGo(str(re, "regexFind")).findSubmatch(str(s, "regexFind"));
    return m ? m[0] : "";
  },
  regexFindAll: (re, s, n) => {
    const text = str(s, "regexFindAll");
    const all = compileGo(str(re, "regexFindAll")).findAllIndex(text).map((m) => text.slice(m[0], m[1]));
    const limit = Number(toInt(n));
    return limit < 0 ? all : all.slice(0, limit);
  },
  regexQuoteMeta: (s) => quoteMeta(str(s, "regexQuoteMeta")),
  toJson: (v) => marshal(v),
  atoi: (s) => (/^[+-]?\d+$/.test(str(s, "atoi")) ? BigInt(s as string) : 0n),
  int: (v) => toInt(v),
  int64: (v) => toInt(v),
  float64: (v) => toFloat(v),
  add: (...a) => a.reduce((x: bigint, y) => x + toInt(y), 0n),
  add1: (a) => toInt(a) + 1n,
  sub: (a, b) => toInt(a) - toInt(b),
  mul: (...a) => a.reduce((x: bigint, y) => x * toInt(y), 1n),
  div: (a, b) => {
    const d = toInt(b);
    if (d === 0n) throw new TemplateExecError("error calling div: runtime error: integer divide by zero");
    return toInt(a) / d;
  },
  mod: (a, b) => {
    const d = toInt(b);
    if (d === 0n) throw new TemplateExecError("error calling mod: runtime error: integer divide by zero");
    return toInt(a) % d;
  },
  max: (a, ...r) => r.reduce((x: bigint, y) => (toInt(y) > x ? toInt(y) : x), toInt(a)),
  min: (a, ...r) => r.reduce((x: bigint, y) => (toInt(y) < x ? toInt(y) : x), toInt(a)),
  list: (...a) => a,
  dict: (...a) => {
    const out: Record<string, unknown> = {};
    for (let i = 0; i < a.length; i += 2) out[printValue(a[i])] = i + 1 < a.length ? a[i + 1] : "";
    return out;
  },
  get: (d, k) => (d && typeof d === "object" ? ((d as Record<string, unknown>)[str(k, "get")] ?? "") : ""),
  hasKey: (d, k) => !!d && typeof d === "object" && Object.hasOwn(d, str(k, "hasKey")),
  keys: (...ds) => ds.flatMap((d) => (d && typeof d === "object" ? Object.keys(d) : [])),
  first: (l) => (Array.isArray(l) && l.length > 0 ? l[0] : null),
  last: (l) => (Array.isArray(l) && l.length > 0 ? l[l.length - 1] : null),
};
