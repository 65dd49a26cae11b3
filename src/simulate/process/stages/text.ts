/**
 * Stages that rewrite text: template, replace, pack, decolorize, truncate, luhn.
 */
import { marshal, quoteJSON, compareBytes } from "../gojson.js";
import { compileGo, type GoRegexp } from "../regex.js";
import { GoTemplate, TemplateExecError } from "../template.js";
import { byteLength, byteSlice, getString } from "../values.js";
import type { Work } from "../work.js";
import { compileOrFail } from "./labels.js";
import { Args, mapStage, sourceText, type StageFactory } from "./stage.js";

function parseTemplateOrFail(args: Args, text: string): GoTemplate {
  try {
    return new GoTemplate(text);
  } catch (e) {
    return args.fail(`template: pipeline_template: ${(e as Error).message}`);
  }
}

/** Extracted values that have a string form (the data templates see). */
function stringData(e: Work): Record<string, string> {
  const td: Record<string, string> = {};
  for (const [k, v] of Object.entries(e.extracted)) {
    const s = getString(v);
    if (s !== undefined) td[k] = s;
  }
  return td;
}

const template: StageFactory = (spec, args) => {
  const source = args.string("source");
  if (source === "") args.fail("template source value is required");
  const tpl = parseTemplateOrFail(args, args.required("template"));
  return mapStage(spec, (e) => {
    const td: Record<string, unknown> = stringData(e);
    if (Object.hasOwn(td, source)) td["Value"] = td[source];
    td["Entry"] = e.line;
    let result: string;
    try {
      result = tpl.execute(td);
    } catch (err) {
      if (err instanceof TemplateExecError) return; // Go: Execute failed, the stage leaves the entry alone
      throw err;
    }
    if (result === "") delete e.extracted[source];
    else e.extracted[source] = result;
  });
};

const replace: StageFactory = (spec, args) => {
  const expression = args.string("expression");
  if (expression === "") args.fail("expression is required");
  let re: GoRegexp;
  try {
    re = compileGo(expression);
  } catch (e) {
    return args.fail(`could not compile regular expression: ${(e as Error).message}`);
  }
  const tpl = parseTemplateOrFail(args, args.string("replace"));
  const source = args.string("source");
  return mapStage(spec, (e) => {
    const input = sourceText(e, source === "" ? undefined : source);
    if (input === undefined) return;
    const first = re.findSubmatch(input);
    const all = re.findAllIndex(input);
    if (all.length === 0) return;
    const td = stringData(e);
    let result = "";
    let prevEnd = 0;
    const captured = new Map<string, string>();
    try {
      for (const m of all) {
        for (let i = 2; i < m.length; i += 2) {
          if (m[i]! < 0) continue;
          const text = input.slice(m[i], m[i + 1]);
          td["Value"] = text;
          const st = tpl.execute(td, true);
          if (prevEnd === 0 || prevEnd <= m[i]!) {
            result += input.slice(prevEnd, m[i]) + st;
            prevEnd = m[i + 1]!;
          }
          captured.set(text, st);
        }
      }
    } catch (err) {
      if (err instanceof TemplateExecError) return;
      throw err;
    }
    result += input.slice(prevEnd);
    if (source !== "") e.extracted[source] = result;
    else e.line = result;
    re.subexpNames.forEach((name, i) => {
      if (i === 0 || name === "" || !first) return;
      const v = captured.get(first[i] ?? "");
      if (v !== undefined) e.extracted[name] = v;
    });
  });
};

const pack: StageFactory = (spec, args) => {
  if (!args.has("labels")) args.fail('missing required attribute "labels"');
  const wanted = args.strings("labels");
  const ingestTimestamp = args.bool("ingest_timestamp", true);
  return mapStage(spec, (e, ctx) => {
    const packed: Record<string, string> = {};
    const found: string[] = [];
    for (const [k, v] of Object.entries(e.extracted)) {
      if (!wanted.includes(k)) continue;
      const s = getString(v);
      if (s === undefined) continue;
      packed[k] = s;
      found.push(k);
    }
    const keys = Object.keys(packed).sort(compareBytes);
    const body = keys.map((k) => quoteJSON(k) + ":" + quoteJSON(packed[k]!));
    body.push('"_entry":' + marshal(e.line));
    for (const k of found) delete e.labels[k];
    e.line = "{" + body.join(",") + "}";
    if (ingestTimestamp) e.ts = ctx.now;
  });
};

const ANSI = "[\u001B\u009B][[\\]()#;?]*(?:(?:(?:[a-zA-Z\\d]*(?:;[a-zA-Z\\d]*)*)?\u0007)|(?:(?:\\d{1,4}(?:;\\d{0,4})*)?[\\dA-PRZcf-ntqry=><~]))";

const decolorize: StageFactory = (spec) => {
  const re = compileGo(ANSI);
  return mapStage(spec, (e) => {
    e.line = re.replaceAll(e.line, "", true);
  });
};

interface TruncateRule {
  limit: number;
  suffix: string;
  sources: string[];
  sourceType: string;
}

const truncate: StageFactory = (spec, args) => {
  const rules: TruncateRule[] = (spec.blocks["rule"] ?? []).map((block) => {
    const r = Args.of(block, "stage.truncate rule");
    const rule = { limit: r.bytes("limit"), suffix: r.string("suffix"), sources: r.strings("sources"), sourceType: r.string("source_type", "line") };
    if (!r.has("limit")) r.fail('missing required attribute "limit"');
    if (rule.limit <= 0) r.fail("limit must be greater than zero");
    if (!["line", "label", "structured_metadata", "extracted"].includes(rule.sourceType)) r.fail(`unknown source_type: ${rule.sourceType}`);
    if (rule.sourceType === "line" && rule.sources.length > 0) r.fail("sources cannot be set when source_type is 'line'");
    if (rule.suffix.length > 0 && rule.limit <= byteLength(rule.suffix)) r.fail("suffix length cannot be greater than or equal to limit");
    return rule;
  });
  if (rules.length === 0) args.fail('missing required block "rule"');
  return mapStage(spec, (e, ctx) => {
    const truncated = new Set<string>();
    const cut = (value: string, rule: TruncateRule, field: string): string => {
      const limit = rule.limit - byteLength(rule.suffix);
      if (byteLength(value) <= limit) return value;
      truncated.add(field);
      ctx.metrics.sample("loki_process_truncated_fields_total", "counter", { field }).value++;
      return byteSlice(value, limit) + rule.suffix;
    };
    for (const rule of rules) {
      switch (rule.sourceType) {
        case "line":
          e.line = cut(e.line, rule, "line");
          break;
        case "label":
          for (const name of rule.sources.length > 0 ? rule.sources : Object.keys(e.labels)) {
            if (Object.hasOwn(e.labels, name)) e.labels[name] = cut(e.labels[name]!, rule, "label");
          }
          break;
        case "structured_metadata":
          for (const kv of e.sm) if (rule.sources.length === 0 || rule.sources.includes(kv[0])) kv[1] = cut(kv[1], rule, "structured_metadata");
          break;
        case "extracted":
          for (const name of rule.sources.length > 0 ? rule.sources : Object.keys(e.extracted)) {
            const v = e.extracted[name];
            if (typeof v === "string") e.extracted[name] = cut(v, rule, "extracted");
          }
          break;
      }
      if (truncated.size > 0) {
        const existing = e.extracted["truncated"];
        if (typeof existing === "string") for (const s of existing.split(",")) truncated.add(s);
        e.extracted["truncated"] = [...truncated].sort().join(",");
      }
    }
  });
};

// --- luhn ---

const INT64_MAX = 9223372036854775807n;

/** strconv.Atoi then isLuhn: ASCII digits within int64 that pass the Luhn check. */
function luhnValid(digits: string): boolean {
  if (!/^[0-9]+$/.test(digits)) return false;
  const n = BigInt(digits);
  if (n > INT64_MAX) return false;
  let sum = Number(n % 10n);
  let rest = n / 10n;
  let checksum = 0;
  for (let i = 0; rest > 0n; i++) {
    let cur = Number(rest % 10n);
    if (i % 2 === 0) {
      cur *= 2;
      if (cur > 9) cur = (cur % 10) + Math.floor(cur / 10);
    }
    checksum += cur;
    rest /= 10n;
  }
  sum += checksum % 10;
  return sum % 10 === 0;
}

const DIGIT = /^\p{Nd}$/u;

/** Replaces Luhn-valid digit runs (delimiters may sit inside a run; skip-regex matches stay). */
export function redactLuhn(input: string, replacement: string, minLength: number, delimiters: string, skip: GoRegexp | undefined): string {
  let out = "";
  let digits = "";
  let start = -1;
  let textEnd = -1;
  let numberEnd = -1;
  let trailing = "";
  let skipMatches: number[][] | undefined;
  const isSkipped = (s: number, e: number) => {
    skipMatches ??= skip!.findAllIndex(input);
    return skipMatches.some((m) => m[0]! <= s && e <= m[1]!);
  };
  const flush = () => {
    const text = input.slice(start, textEnd);
    if (byteLength(digits) >= minLength && luhnValid(digits) && !(skip && isSkipped(start, numberEnd))) out += replacement + trailing;
    else if (digits.length > 0) out += text;
    digits = "";
    trailing = "";
    start = textEnd = numberEnd = -1;
  };
  let pos = 0;
  for (const ch of input) {
    if (DIGIT.test(ch)) {
      if (start < 0) start = pos;
      digits += ch;
      numberEnd = textEnd = pos + ch.length;
      trailing = "";
    } else if (delimiters !== "" && delimiters.includes(ch) && digits.length > 0) {
      textEnd = pos + ch.length;
      trailing = ch;
    } else {
      flush();
      out += ch;
    }
    pos += ch.length;
  }
  flush();
  return out;
}

const luhn: StageFactory = (spec, args) => {
  const replacement = args.string("replacement") || "**REDACTED**";
  let minLength = args.number("min_length", 0);
  if (minLength < 1) minLength = 13;
  const source = args.optString("source");
  if (source === "") args.fail("empty source");
  const delimiters = args.string("delimiters");
  const skipText = args.string("skip_regex");
  let skip: GoRegexp | undefined;
  if (skipText !== "") {
    try {
      skip = compileGo(skipText);
    } catch (e) {
      args.fail(`could not compile regular expression: ${(e as Error).message}`);
    }
  }
  return mapStage(spec, (e) => {
    let input = e.line;
    if (source !== undefined) {
      const v = e.extracted[source];
      if (typeof v !== "string") return;
      input = v;
    }
    // Upstream writes the result to the line, also when it read `source`.
    e.line = redactLuhn(input, replacement, minLength, delimiters, skip);
  });
};

export { compileOrFail };
export const TEXT_STAGES: Record<string, StageFactory> = { template, replace, pack, decolorize, truncate, luhn };
