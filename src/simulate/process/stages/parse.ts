/**
 * Stages that parse text into the extracted map: json, split_json, logfmt, regex, pattern.
 */
import { marshal, unmarshalObject } from "../gojson.js";
import { compileJmespath, type Jmespath } from "../jmespath.js";
import { compileGo, type GoRegexp } from "../regex.js";
import { isLabelName, isLabelValue, isLegacyLabelName } from "../values.js";
import { cloneWork, type Work } from "../work.js";
import { compileOrFail } from "./labels.js";
import { decodeLogfmt } from "./logfmt.js";
import { compilePattern } from "./pattern.js";
import { mapStage, sourceText, type StageFactory } from "./stage.js";

/** json's simplifyType: scalars stay, anything else becomes its JSON text. */
function simplify(value: unknown): unknown {
  if (value === null || typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  return marshal(value);
}

const json: StageFactory = (spec, args) => {
  const expressions = args.stringMap("expressions") ?? {};
  const regexText = args.string("regex");
  if (Object.keys(expressions).length === 0 && regexText === "") args.fail("JMES expressions or regex is required");
  const source = args.optString("source");
  if (source === "") args.fail("empty source");
  const dropMalformed = args.bool("drop_malformed");
  const compiled: [string, Jmespath][] = Object.entries(expressions).map(([name, expr]) => {
    try {
      return [name, compileJmespath(expr === "" ? name : expr)];
    } catch (e) {
      return args.fail(`could not compile JMES expression: ${(e as Error).message}`);
    }
  });
  const regex = regexText === "" ? undefined : compileOrFail(args, regexText);
  return {
    name: spec.name,
    span: spec.span,
    process(e) {
      const input = sourceText(e, source);
      if (input === undefined) return [e];
      const data = unmarshalObject(input);
      if (data === undefined) return dropMalformed ? { dropped: "malformed json (drop_malformed)" } : [e];
      for (const [name, expr] of compiled) {
        let raw: unknown;
        try {
          raw = expr.search(data);
        } catch {
          continue;
        }
        e.extracted[name] = simplify(raw);
      }
      if (regex) for (const [key, raw] of Object.entries(data)) if (regex.test(key)) e.extracted[key] = simplify(raw);
      return [e];
    },
  };
};

/** Top-level elements of a JSON array, as raw text (Go json.RawMessage), or undefined. */
function splitArray(input: string): string[] | undefined {
  if (!input.replace(/^[ \t\r\n]+/, "").startsWith("[")) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(input);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parsed)) return undefined;
  // Raw element texts: scan the source once, cutting at top-level commas.
  const out: string[] = [];
  let depth = 0;
  let start = -1;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === '"') {
      i++;
      while (i < input.length && input[i] !== '"') i += input[i] === "\\" ? 2 : 1;
      continue;
    }
    if (c === "[" || c === "{") {
      depth++;
      if (depth === 1) start = i + 1;
      continue;
    }
    if (c === "]" || c === "}" || (c === "," && depth === 1)) {
      if (depth === 1) {
        const raw = input.slice(start, i).replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, "");
        if (raw !== "" || c === ",") out.push(raw);
        start = i + 1;
      }
      if (c !== ",") depth--;
    }
  }
  return out;
}

const splitJson: StageFactory = (spec, args) => {
  const source = args.optString("source");
  if (source === "") args.fail("source cannot be empty");
  return {
    name: spec.name,
    span: spec.span,
    process(e) {
      const input = sourceText(e, source);
      if (input === undefined) return [e];
      const elems = splitArray(input);
      if (!elems) return [e];
      return elems.map((raw, i) => {
        const child = i < elems.length - 1 ? cloneWork(e) : e;
        child.line = raw;
        return child;
      });
    },
  };
};

const logfmt: StageFactory = (spec, args) => {
  const mapping = args.stringMap("mapping") ?? {};
  const regexText = args.string("regex");
  if (Object.keys(mapping).length === 0 && regexText === "") args.fail("logfmt mapping or regex is required");
  const inverse = new Map<string, string>();
  for (const [k, v] of Object.entries(mapping)) inverse.set(v === "" ? k : v, k);
  const regex = regexText === "" ? undefined : compileOrFail(args, regexText);
  const source = args.string("source");
  return mapStage(spec, (e) => {
    const input = sourceText(e, source === "" ? undefined : source);
    if (input === undefined) return;
    decodeLogfmt(input, (key, value) => {
      const target = inverse.get(key);
      if (target !== undefined) e.extracted[target] = value;
      if (regex?.test(key)) e.extracted[key] = value;
    });
  });
};

/** regex and pattern: captures into the extracted map, and into labels with labels_from_groups. */
function setCapture(e: Work, name: string, value: string, toLabels: boolean, validName: (n: string) => boolean): void {
  e.extracted[name] = value;
  if (toLabels && validName(name) && isLabelValue(value)) e.labels[name] = value;
}

const regex: StageFactory = (spec, args) => {
  const expression = args.string("expression");
  if (expression === "") args.fail("expression is required");
  const source = args.optString("source");
  if (source === "") args.fail("empty source");
  let re: GoRegexp;
  try {
    re = compileGo(expression);
  } catch (e) {
    return args.fail(`could not compile regular expression: ${(e as Error).message}`);
  }
  const toLabels = args.bool("labels_from_groups");
  return mapStage(spec, (e) => {
    const input = sourceText(e, source);
    if (input === undefined) return;
    const match = re.findSubmatch(input);
    if (!match) return;
    re.subexpNames.forEach((name, i) => {
      if (i !== 0 && name !== "") setCapture(e, name, match[i] ?? "", toLabels, isLabelName);
    });
  });
};

const pattern: StageFactory = (spec, args) => {
  const text = args.string("pattern");
  if (text === "") args.fail("pattern is required");
  const source = args.optString("source");
  if (source === "") args.fail("empty source");
  const matcher = compilePattern(text, (m) => args.fail(`failed to parse pattern: ${m}`));
  for (const name of matcher.names) if (!isLegacyLabelName(name)) args.fail(`invalid capture label name '${name}'`);
  const toLabels = args.bool("labels_from_groups");
  return mapStage(spec, (e) => {
    const input = sourceText(e, source);
    if (input === undefined) return;
    const matches = matcher.match(input);
    if (!matches) return;
    matches.forEach((value, i) => setCapture(e, matcher.names[i]!, value, toLabels, isLegacyLabelName));
  });
};

export const PARSE_STAGES: Record<string, StageFactory> = { json, split_json: splitJson, logfmt, regex, pattern };
