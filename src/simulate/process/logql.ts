/**
 * The LogQL a `stage.match` selector may hold: a stream selector `{name op "value", ...}` (ops =,
 * !=, =~, !~; regexes anchored `^(?s:…)$` as Prometheus' matchers anchor them) followed by line
 * filters (`|= "text"`, `!= "text"`, `|~ "re"`, `!~ "re"`, each optionally `or "another"`). Any
 * other pipeline stage is a config error, as upstream's `selector.Filter()` refuses it; the
 * pattern filters `|>` / `!>` are not supported by the simulator.
 */
import { compileGo, type GoRegexp } from "./regex.js";

export interface Selector {
  /** Whether an entry with these labels and this line is selected. */
  matches(labels: Record<string, string>, line: string): boolean;
}

export class SelectorError extends Error {}

interface Tok {
  t: "ident" | "str" | "op" | "punct";
  v: string;
  at: number;
}

function unquote(raw: string): string {
  if (raw.startsWith("`")) return raw.slice(1, -1);
  const v: unknown = JSON.parse(raw.replace(/\\([0-7]{3}|x[0-9a-fA-F]{2}|[abfv'])/g, (_, e: string) => {
    const code = e.length === 3 && /^[0-7]+$/.test(e) ? parseInt(e, 8) : e[0] === "x" ? parseInt(e.slice(1), 16) : { a: 7, b: 8, f: 12, v: 11, "'": 39 }[e]!;
    return "\\u" + code.toString(16).padStart(4, "0");
  }));
  return v as string;
}

function lex(src: string): Tok[] {
  const out: Tok[] = [];
  const re = /\s+|([a-zA-Z_][a-zA-Z0-9_]*)|("(?:[^"\\]|\\.)*"|`[^`]*`)|(\|=|\|~|\|>|!=|!~|!>|=~|=)|([{},|()])/y;
  let m: RegExpExecArray | null;
  re.lastIndex = 0;
  while (re.lastIndex < src.length) {
    const at = re.lastIndex;
    m = re.exec(src);
    if (!m) throw new SelectorError(`parse error at line 1, col ${at + 1}: syntax error: unexpected ${JSON.stringify(src[at])}`);
    if (m[1]) out.push({ t: "ident", v: m[1], at });
    else if (m[2]) out.push({ t: "str", v: unquote(m[2]), at });
    else if (m[3]) out.push({ t: "op", v: m[3], at });
    else if (m[4]) out.push({ t: "punct", v: m[4], at });
  }
  return out;
}

interface LabelMatcher {
  name: string;
  op: string;
  value: string;
  re?: GoRegexp;
}

function labelMatches(m: LabelMatcher, value: string): boolean {
  switch (m.op) {
    case "=":
      return value === m.value;
    case "!=":
      return value !== m.value;
    case "=~":
      return m.re!.test(value);
    default:
      return !m.re!.test(value);
  }
}

type LineFilter = (line: string) => boolean;

function compileRegex(source: string, anchored: boolean): GoRegexp {
  try {
    return compileGo(anchored ? `^(?s:${source})$` : source);
  } catch (e) {
    throw new SelectorError(`invalid regex ${JSON.stringify(source)}: ${(e as Error).message}`);
  }
}

export function parseSelector(src: string): Selector {
  const toks = lex(src);
  let i = 0;
  const expect = (pred: (t: Tok) => boolean, what: string): Tok => {
    const t = toks[i];
    if (!t || !pred(t)) throw new SelectorError(`parse error: syntax error: unexpected ${t ? JSON.stringify(t.v) : "end of input"}, expecting ${what}`);
    i++;
    return t;
  };
  expect((t) => t.v === "{", "{");
  const matchers: LabelMatcher[] = [];
  while (toks[i]?.v !== "}") {
    const name = expect((t) => t.t === "ident", "label name").v;
    const op = expect((t) => t.t === "op" && ["=", "!=", "=~", "!~"].includes(t.v), "= != =~ !~").v;
    const value = expect((t) => t.t === "str", "string").v;
    matchers.push({ name, op, value, ...(op === "=~" || op === "!~" ? { re: compileRegex(value, true) } : {}) });
    if (toks[i]?.v === ",") i++;
    else break;
  }
  expect((t) => t.v === "}", "}");
  if (matchers.length === 0) throw new SelectorError("parse error: syntax error: unexpected }, expecting IDENTIFIER");
  const filters: LineFilter[] = [];
  while (i < toks.length) {
    const op = expect((t) => t.t === "op" || t.v === "|", "a line filter").v;
    if (op === "|") throw new SelectorError("invalid selector: only line filters may follow the stream selector in stage.match");
    if (op === "|>" || op === "!>") throw new SelectorError(`not supported by the simulator: line filter ${op}`);
    if (!["|=", "!=", "|~", "!~"].includes(op)) throw new SelectorError(`parse error: syntax error: unexpected ${op}`);
    const alternatives = [expect((t) => t.t === "str", "string").v];
    while (toks[i]?.v === "or") {
      i++;
      alternatives.push(expect((t) => t.t === "str", "string").v);
    }
    const regexes = op === "|~" || op === "!~" ? alternatives.map((a) => compileRegex(a, false)) : undefined;
    const any = (line: string) => (regexes ? regexes.some((r) => r.test(line)) : alternatives.some((a) => line.includes(a)));
    filters.push(op.startsWith("!") ? (line) => !any(line) : any);
  }
  return {
    matches(labels, line) {
      for (const m of matchers) if (!labelMatches(m, labels[m.name] ?? "")) return false;
      return filters.every((f) => f(line));
    },
  };
}
