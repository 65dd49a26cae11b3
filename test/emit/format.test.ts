import { describe, expect, it } from "vitest";
import type { Attribute, Expr, File, Identifier, Literal, Stmt } from "../../src/ast/index.js";
import { format, formatBytes, formatUpstream, keyText, print } from "../../src/emit/index.js";
import { fmt, parseOk, shape, SourceWriter } from "./helpers.js";

/** Trees written with SourceWriter: exact spans without the parser. */
function ident(w: SourceWriter, name: string): Identifier {
  return { kind: "Identifier", name, span: w.token(name) };
}

function literal(w: SourceWriter, raw: string, literalKind: Literal["literalKind"] = "number"): Literal {
  return { kind: "Literal", literalKind, raw, span: w.token(raw) };
}

function attribute(w: SourceWriter, name: string, value: (w: SourceWriter) => Expr): Attribute {
  const id = ident(w, name);
  w.space(" ");
  w.token("=");
  w.space(" ");
  const v = value(w);
  return { kind: "Attribute", name: id, value: v, span: { start: id.span.start, end: v.span.end } };
}

function file(build: (w: SourceWriter) => Stmt[]): { text: string; file: File } {
  const w = new SourceWriter();
  const body = build(w);
  return { text: w.text, file: w.file(body) };
}

describe("format on trees built in memory", () => {
  it("aligns `=` by code points (astral letters count once)", () => {
    const { file: f } = file((w) => {
      const a = attribute(w, "é", (w) => literal(w, "1"));
      w.space("\n");
      const b = attribute(w, "𝒳y", (w) => literal(w, "2"));
      w.space("\n");
      const c = attribute(w, "abc", (w) => literal(w, "3"));
      return [a, b, c];
    });
    expect(format(f)).toBe("é   = 1\n𝒳y  = 2\nabc = 3\n");
  });

  it("prints an empty file as one newline, and comments alone", () => {
    expect(format(file(() => []).file)).toBe("\n");
    expect(print(file(() => []).file)).toBe("");
    const { file: f } = file((w) => {
      w.space("\n\n");
      w.comment("// one");
      w.space("\n\n\n");
      w.comment("/* two */");
      w.space("\n\n");
      return [];
    });
    expect(format(f)).toBe("// one\n\n/* two */\n");
  });

  it("formatBytes is format as UTF-8", () => {
    const { file: f } = file((w) => [attribute(w, "métrica", (w) => literal(w, '"café 🙂"', "string"))]);
    expect(new TextDecoder().decode(formatBytes(f))).toBe(format(f));
    expect(format(f)).toBe('métrica = "café 🙂"\n');
  });
});

describe("format on deep and long input (no stack overflow)", () => {
  function chain(n: number, step: (w: SourceWriter, left: Expr, i: number) => Expr): { text: string; file: File } {
    return file((w) => [
      attribute(w, "x", (w) => {
        let e: Expr = ident(w, "a");
        for (let i = 0; i < n; i++) e = step(w, e, i);
        return e;
      }),
    ]);
  }

  it("a 100,000-term `+` chain, written across lines", () => {
    const { text, file: f } = chain(100_000, (w, left, i) => {
      w.space(" ");
      const opSpan = w.token("+");
      w.space(i % 10 === 9 ? "\n" : " ");
      const right = literal(w, String(i));
      return { kind: "Binary", op: "+", opSpan, left, right, span: { start: left.span.start, end: right.span.end } };
    });
    const out = format(f);
    expect(out.startsWith("x = a + 0 + 1 + 2")).toBe(true);
    expect(out.endsWith(" + 99999\n")).toBe(true);
    expect(out.split("\n").length).toBe(2);
    expect(out).toBe(fmt(text));
  });

  it("100,000-link access, index and call chains", () => {
    const access = chain(100_000, (w, value) => {
      w.token(".");
      const name = ident(w, "b");
      return { kind: "Access", value, name, span: { start: value.span.start, end: name.span.end } };
    });
    expect(format(access.file)).toBe(`x = a${".b".repeat(100_000)}\n`);
    const index = chain(100_000, (w, value) => {
      const lbracket = w.token("[").start;
      const i = literal(w, "0");
      const close = w.token("]");
      return { kind: "Index", value, index: i, lbracket, span: { start: value.span.start, end: close.end } };
    });
    expect(format(index.file)).toBe(`x = a${"[0]".repeat(100_000)}\n`);
    const call = chain(100_000, (w, callee) => {
      const lparen = w.token("(").start;
      const close = w.token(")");
      return { kind: "Call", callee, args: [], lparen, span: { start: callee.span.start, end: close.end } };
    });
    expect(format(call.file)).toBe(`x = a${"()".repeat(100_000)}\n`);
  });

  it("100,000-deep `^` and unary chains", () => {
    const { file: pow } = file((w) => [
      attribute(w, "x", (w) => {
        // a ^ (a ^ (a ^ ...)) written without parentheses: `^` is right-associative.
        const lefts: Array<[Identifier, { start: number; end: number }]> = [];
        for (let i = 0; i < 100_000; i++) {
          const l = ident(w, "a");
          w.space(" ");
          const op = w.token("^");
          w.space(" ");
          lefts.push([l, op]);
        }
        let e: Expr = ident(w, "z");
        for (let i = lefts.length - 1; i >= 0; i--) {
          const [l, opSpan] = lefts[i] as [Identifier, { start: number; end: number }];
          e = { kind: "Binary", op: "^", opSpan, left: l, right: e, span: { start: l.span.start, end: e.span.end } };
        }
        return e;
      }),
    ]);
    expect(format(pow)).toBe(`x = ${"a ^ ".repeat(100_000)}z\n`);
    const { file: not } = file((w) => [
      attribute(w, "x", (w) => {
        const ops: number[] = [];
        for (let i = 0; i < 100_000; i++) ops.push(w.token("!").start);
        let e: Expr = ident(w, "b");
        for (let i = ops.length - 1; i >= 0; i--) e = { kind: "Unary", op: "!", operand: e, span: { start: ops[i] as number, end: e.span.end } };
        return e;
      }),
    ]);
    expect(format(not)).toBe(`x = ${"!".repeat(100_000)}b\n`);
  });

  it("arrays, objects, parentheses and blocks nested as deep as the parser allows (400)", () => {
    const depth = 400;
    const arrays = `x = ${"[".repeat(depth)}1${"]".repeat(depth)}\n`;
    expect(fmt(arrays)).toBe(arrays);
    const parens = `x = ${"(".repeat(depth)}1${")".repeat(depth)}\n`;
    expect(fmt(parens)).toBe(parens);
    const objects = `x = ${"{a = ".repeat(depth)}1${"}".repeat(depth)}\n`;
    expect(fmt(objects)).toBe(objects);
    let blocks = "";
    for (let i = 0; i < depth; i++) blocks += `${"\t".repeat(i)}b {\n`;
    blocks += `${"\t".repeat(depth)}a = 1\n`;
    for (let i = depth - 1; i >= 0; i--) blocks += `${"\t".repeat(i)}}\n`;
    expect(fmt(blocks)).toBe(blocks);
    const multiline = `x = ${"[\n".repeat(depth)}1${",\n]".repeat(depth)}\n`;
    const out = fmt(multiline);
    expect(shape(parseOk(out))).toEqual(shape(parseOk(multiline)));
    expect(fmt(out)).toBe(out);
  });

  it("arrays, objects and calls nested 1,000 deep, built in memory", () => {
    const depth = 1000;
    const nest = (w: SourceWriter, d: number): Expr => {
      if (d === 0) return literal(w, "1");
      const k = d % 3;
      if (k === 0) {
        const open = w.token("[");
        w.space("\n");
        const el = nest(w, d - 1);
        w.token(",");
        w.space("\n");
        const close = w.token("]");
        return { kind: "Array", elements: [el], span: { start: open.start, end: close.end } };
      }
      if (k === 1) {
        const open = w.token("{");
        const key = { kind: "ObjectKey" as const, name: "k", quoted: false, span: w.token("k") };
        w.token("=");
        const value = nest(w, d - 1);
        const close = w.token("}");
        return { kind: "Object", fields: [{ kind: "ObjectField", key, value, span: { start: key.span.start, end: value.span.end } }], span: { start: open.start, end: close.end } };
      }
      const callee = ident(w, "f");
      const lparen = w.token("(").start;
      const arg = nest(w, d - 1);
      const close = w.token(")");
      return { kind: "Call", callee, args: [arg], lparen, span: { start: callee.span.start, end: close.end } };
    };
    const { file: f } = file((w) => [attribute(w, "x", (w) => nest(w, depth))]);
    const out = format(f);
    expect(out.startsWith("x = {k = [\n\t\tf({k = [\n")).toBe(true);
    expect([out.split("f(").length - 1, out.split("{k = ").length - 1, out.split("[").length - 1]).toEqual([333, 334, 333]);
  });
});

describe("key quoting", () => {
  it("keyText keeps a key's raw text readable back as the same text", () => {
    expect(keyText("a\\\"q")).toBe('"a\\"q"');
    expect(keyText("tab\there")).toBe('"tab\there"');
    expect(keyText('say "hi"')).toBe('`say "hi"`');
    expect(keyText("bad\\q")).toBe("`bad\\q`");
    expect(keyText("two\nlines")).toBe("`two\nlines`");
    expect(keyText("\\u00e9\\x41\\101\\U0001F600")).toBe('"\\u00e9\\x41\\101\\U0001F600"');
    expect(keyText("\\uD800")).toBe("`\\uD800`");
    expect(keyText("\\400")).toBe("`\\400`");
  });
});

describe("upstream mode", () => {
  it("reproduces one upstream run, quirks included", () => {
    expect(formatUpstream(parseOk('x = {"a\\"q" = 1}\n'))).toBe('x = {"a\\\\\\"q" = 1}\n');
    expect(formatUpstream(parseOk("x = f(\n)\n"))).toBe("x = f(,\n)\n");
    expect(formatUpstream(parseOk('a = "x\ty"\n'))).toBe('a = "x y"\n');
  });
});
