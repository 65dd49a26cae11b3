/**
 * Go's text/template, the part loki.process templates use: text and `{{ }}` actions with `{{-`
 * / `-}}` trimming and comments, pipelines with `|`, `$x :=` variables, `.Field` lookups, string,
 * number, bool and nil literals, parentheses, if / else if / else / with / range / end, Go's
 * built-in functions, Alloy's extras and a subset of sprig (functions.ts). A function the
 * simulator does not have is a parse error naming it: "not supported by the simulator: NAME".
 * Integers are bigint and floats number, so printing follows Go (`{{ add 7 3 }}` is `10`).
 */
import { FUNCTIONS, isTruthy, printValue, TemplateExecError } from "./template-functions.js";

export { TemplateExecError };

type Arg =
  | { kind: "field"; path: string[]; base: "dot" | "root" | { variable: string } }
  | { kind: "literal"; value: unknown }
  | { kind: "func"; name: string }
  | { kind: "pipe"; pipe: Pipe; path: string[] };
interface Command {
  args: Arg[];
}
interface Pipe {
  decl?: { name: string; assign: boolean };
  commands: Command[];
}
type Node =
  | { kind: "text"; text: string }
  | { kind: "action"; pipe: Pipe }
  | { kind: "if" | "with" | "range"; pipe: Pipe; then: Node[]; else: Node[] };

export class TemplateParseError extends Error {}

// ---------- lexing actions ----------

interface Token {
  t: "str" | "num" | "ident" | "field" | "var" | "punct" | "char";
  v: string;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = src.slice(i);
    let m: RegExpExecArray | null;
    if ((m = /^"(?:[^"\\\n]|\\.)*"/.exec(rest))) out.push({ t: "str", v: m[0] });
    else if ((m = /^`[^`]*`/.exec(rest))) out.push({ t: "str", v: m[0] });
    else if ((m = /^'(?:[^'\\]|\\.)+'/.exec(rest))) out.push({ t: "char", v: m[0] });
    else if ((m = /^:=|^[|()=,]/.exec(rest))) out.push({ t: "punct", v: m[0] });
    else if ((m = /^[+-]?(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|(?:\d[\d_]*)?\.?\d[\d_]*(?:[eE][+-]?\d+)?)/.exec(rest)) && m[0] !== "") out.push({ t: "num", v: m[0] });
    else if ((m = /^\$[\p{L}\p{Nd}_]*/u.exec(rest))) out.push({ t: "var", v: m[0] });
    else if ((m = /^(?:\.[\p{L}\p{Nd}_]+)+/u.exec(rest))) out.push({ t: "field", v: m[0] });
    else if ((m = /^\./.exec(rest))) out.push({ t: "field", v: "." });
    else if ((m = /^[\p{L}_][\p{L}\p{Nd}_]*/u.exec(rest))) out.push({ t: "ident", v: m[0] });
    else throw new TemplateParseError(`unexpected ${JSON.stringify(c)} in command`);
    i += m[0].length;
  }
  return out;
}

function unquoteGo(s: string): string {
  if (s.startsWith("`")) return s.slice(1, -1);
  const body = s.slice(1, -1).replace(/\\([0-7]{3}|x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|.)/g, (_, e: string) => {
    switch (e[0]) {
      case "n":
        return "\n";
      case "t":
        return "\t";
      case "r":
        return "\r";
      case "a":
        return "\x07";
      case "b":
        return "\b";
      case "f":
        return "\f";
      case "v":
        return "\v";
      case "x":
      case "u":
      case "U":
        return String.fromCodePoint(parseInt(e.slice(1), 16));
      default:
        return /^[0-7]{3}$/.test(e) ? String.fromCharCode(parseInt(e, 8)) : e;
    }
  });
  return body;
}

function numberLiteral(text: string): unknown {
  const t = text.replace(/_/g, "");
  if (/^[+-]?(0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|\d+)$/.test(t)) {
    const neg = t.startsWith("-");
    const body = t.replace(/^[+-]/, "");
    const v = /^0\d/.test(body) ? BigInt("0o" + body.slice(1)) : BigInt(body);
    return neg ? -v : v;
  }
  const f = Number(t);
  if (Number.isNaN(f)) throw new TemplateParseError(`bad number syntax: ${JSON.stringify(text)}`);
  return f;
}

// ---------- parsing ----------

class ActionParser {
  private pos = 0;
  constructor(private readonly toks: Token[]) {}

  done(): boolean {
    return this.pos >= this.toks.length;
  }

  peek(): Token | undefined {
    return this.toks[this.pos];
  }

  pipe(inner = false): Pipe {
    const pipe: Pipe = { commands: [] };
    const a = this.toks[this.pos];
    const b = this.toks[this.pos + 1];
    if (a?.t === "var" && b?.t === "punct" && (b.v === ":=" || b.v === "=")) {
      pipe.decl = { name: a.v, assign: b.v === "=" };
      this.pos += 2;
    }
    for (;;) {
      const cmd: Command = { args: [] };
      while (!this.done()) {
        const t = this.peek()!;
        if (t.t === "punct" && (t.v === "|" || (t.v === ")" && inner))) break;
        cmd.args.push(this.operand());
      }
      if (cmd.args.length === 0) throw new TemplateParseError("missing value for command");
      pipe.commands.push(cmd);
      const t = this.peek();
      if (t?.t === "punct" && t.v === "|") {
        this.pos++;
        continue;
      }
      break;
    }
    return pipe;
  }

  private operand(): Arg {
    const t = this.toks[this.pos++]!;
    switch (t.t) {
      case "str":
        return { kind: "literal", value: unquoteGo(t.v) };
      case "char":
        return { kind: "literal", value: BigInt(unquoteGo('"' + t.v.slice(1, -1) + '"').codePointAt(0) ?? 0) };
      case "num":
        return { kind: "literal", value: numberLiteral(t.v) };
      case "field":
        return { kind: "field", base: "dot", path: t.v === "." ? [] : t.v.slice(1).split(".") };
      case "var": {
        const next = this.peek();
        const path = next?.t === "field" && next.v !== "." ? (this.pos++, next.v.slice(1).split(".")) : [];
        return { kind: "field", base: t.v === "$" ? "root" : { variable: t.v }, path };
      }
      case "ident":
        if (t.v === "true" || t.v === "false") return { kind: "literal", value: t.v === "true" };
        if (t.v === "nil") return { kind: "literal", value: null };
        if (!Object.hasOwn(FUNCTIONS, t.v)) throw new TemplateParseError(`not supported by the simulator: ${t.v}`);
        return { kind: "func", name: t.v };
      case "punct":
        if (t.v === "(") {
          const pipe = this.pipe(true);
          const close = this.toks[this.pos++];
          if (close?.v !== ")") throw new TemplateParseError("unclosed left paren");
          const next = this.peek();
          const path = next?.t === "field" && next.v !== "." ? (this.pos++, next.v.slice(1).split(".")) : [];
          return { kind: "pipe", pipe, path };
        }
    }
    throw new TemplateParseError(`unexpected ${JSON.stringify(t.v)} in operand`);
  }
}

const ACTION = /\{\{(-\s)?([\s\S]*?)(\s-)?\}\}/g;

export function parseTemplate(src: string): Node[] {
  const root: Node[] = [];
  const stack: { node: Extract<Node, { then: Node[] }>; inElse: boolean }[] = [];
  const target = (): Node[] => {
    const top = stack[stack.length - 1];
    return top ? (top.inElse ? top.node.else : top.node.then) : root;
  };
  let last = 0;
  let trimNext = false;
  for (const m of src.matchAll(ACTION)) {
    let text = src.slice(last, m.index);
    if (trimNext) text = text.replace(/^\s+/, "");
    if (m[1]) text = text.replace(/\s+$/, "");
    if (text !== "") target().push({ kind: "text", text });
    last = m.index + m[0].length;
    trimNext = m[3] !== undefined;
    const body = m[2]!.trim();
    if (body.startsWith("/*")) {
      if (!body.endsWith("*/")) throw new TemplateParseError("unclosed comment");
      continue;
    }
    const toks = tokenize(body);
    const head = toks[0];
    const keyword = head?.t === "ident" ? head.v : "";
    if (keyword === "end") {
      if (!stack.pop()) throw new TemplateParseError("unexpected {{end}}");
      continue;
    }
    if (keyword === "else") {
      const top = stack[stack.length - 1];
      if (!top || top.inElse) throw new TemplateParseError("unexpected {{else}}");
      top.inElse = true;
      if (toks[1]?.t === "ident" && toks[1].v === "if") {
        // `else if` lives in the else branch and closes with the same {{end}}: it takes the frame's place.
        const node: Node = { kind: "if", pipe: new ActionParser(toks.slice(2)).pipe(), then: [], else: [] };
        top.node.else.push(node);
        stack[stack.length - 1] = { node, inElse: false };
      }
      continue;
    }
    if (keyword === "if" || keyword === "with" || keyword === "range") {
      const p = new ActionParser(toks.slice(1));
      const node: Node = { kind: keyword, pipe: p.pipe(), then: [], else: [] };
      target().push(node);
      stack.push({ node, inElse: false });
      continue;
    }
    if (["define", "template", "block", "break", "continue"].includes(keyword)) throw new TemplateParseError(`not supported by the simulator: {{${keyword}}}`);
    if (toks.length === 0) throw new TemplateParseError("missing value for command");
    const p = new ActionParser(toks);
    const pipe = p.pipe();
    if (!p.done()) throw new TemplateParseError(`unexpected ${JSON.stringify(p.peek()!.v)} in command`);
    target().push({ kind: "action", pipe });
  }
  if (stack.length > 0) throw new TemplateParseError("unexpected EOF");
  let text = src.slice(last);
  if (trimNext) text = text.replace(/^\s+/, "");
  if (text !== "") root.push({ kind: "text", text });
  return root;
}

// ---------- execution ----------

const NO_VALUE = Symbol("no value");

interface Scope {
  dot: unknown;
  root: unknown;
  vars: Map<string, unknown>;
  /** Missing map keys: "<no value>" for map[string]any data, "" for map[string]string. */
  missingAsEmpty: boolean;
}

function lookupField(value: unknown, name: string, scope: Scope): unknown {
  if (value === null || value === undefined || value === NO_VALUE) throw new TemplateExecError(`nil pointer evaluating .${name}`);
  if (typeof value === "object" && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    if (Object.hasOwn(obj, name)) return obj[name];
    return scope.missingAsEmpty ? "" : NO_VALUE;
  }
  throw new TemplateExecError(`can't evaluate field ${name} in type ${typeof value}`);
}

function evalArg(arg: Arg, scope: Scope, final: unknown[] | undefined): unknown {
  switch (arg.kind) {
    case "literal":
      return arg.value;
    case "func":
      return callFunc(arg.name, final ?? []);
    case "field": {
      let v: unknown = arg.base === "dot" ? scope.dot : arg.base === "root" ? scope.root : scope.vars.get(arg.base.variable);
      if (typeof arg.base === "object" && !scope.vars.has(arg.base.variable)) throw new TemplateExecError(`undefined variable: ${arg.base.variable}`);
      for (const name of arg.path) v = lookupField(v, name, scope);
      return v;
    }
    case "pipe": {
      let v = evalPipe(arg.pipe, scope);
      for (const name of arg.path) v = lookupField(v, name, scope);
      return v;
    }
  }
}

function callFunc(name: string, args: unknown[]): unknown {
  const fn = FUNCTIONS[name]!;
  try {
    return fn(...args.map((a) => (a === NO_VALUE ? null : a)));
  } catch (e) {
    if (e instanceof TemplateExecError) throw e;
    throw new TemplateExecError(`error calling ${name}: ${(e as Error).message}`);
  }
}

function evalCommand(cmd: Command, scope: Scope, piped: unknown, hasPiped: boolean): unknown {
  const [first, ...rest] = cmd.args;
  if (first!.kind === "func") {
    if ((first!.name === "and" || first!.name === "or") && !hasPiped) {
      // Go evaluates and/or left to right and stops when the result is known.
      let v: unknown = null;
      for (const a of rest) {
        v = evalArg(a, scope, undefined);
        const truth = v !== NO_VALUE && isTruthy(v);
        if (first!.name === "and" ? !truth : truth) return v;
      }
      return v;
    }
    const args = rest.map((a) => evalArg(a, scope, undefined));
    if (hasPiped) args.push(piped);
    return callFunc(first!.name, args);
  }
  if (rest.length > 0 || hasPiped) throw new TemplateExecError("can't give argument to non-function");
  return evalArg(first!, scope, undefined);
}

function evalPipe(pipe: Pipe, scope: Scope): unknown {
  let value: unknown = undefined;
  pipe.commands.forEach((cmd, i) => {
    value = evalCommand(cmd, scope, value, i > 0);
  });
  if (pipe.decl) scope.vars.set(pipe.decl.name, value);
  return value;
}

function execNodes(nodes: Node[], scope: Scope, out: string[]): void {
  for (const node of nodes) {
    switch (node.kind) {
      case "text":
        out.push(node.text);
        break;
      case "action": {
        const v = evalPipe(node.pipe, scope);
        if (!node.pipe.decl) out.push(v === NO_VALUE ? "<no value>" : printValue(v));
        break;
      }
      case "if":
      case "with": {
        const v = evalPipe(node.pipe, scope);
        const truth = v !== NO_VALUE && isTruthy(v);
        if (truth) execNodes(node.then, node.kind === "with" ? { ...scope, dot: v } : scope, out);
        else execNodes(node.else, scope, out);
        break;
      }
      case "range": {
        const v = evalPipe(node.pipe, scope);
        const items: [unknown, unknown][] = Array.isArray(v)
          ? v.map((x, i) => [BigInt(i), x])
          : v && typeof v === "object"
            ? Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])
            : typeof v === "bigint"
              ? Array.from({ length: Number(v) }, (_, i) => [BigInt(i), BigInt(i)])
              : [];
        if (items.length === 0) execNodes(node.else, scope, out);
        for (const [, item] of items) execNodes(node.then, { ...scope, dot: item }, out);
        break;
      }
    }
  }
}

/** A parsed template; `execute` throws TemplateExecError where Go's Execute returns an error. */
export class GoTemplate {
  private readonly nodes: Node[];
  constructor(src: string) {
    this.nodes = parseTemplate(src);
  }

  execute(data: Record<string, unknown>, missingAsEmpty = false): string {
    const out: string[] = [];
    execNodes(this.nodes, { dot: data, root: data, vars: new Map([["$", data]]), missingAsEmpty }, out);
    return out.join("");
  }
}
