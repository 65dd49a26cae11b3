import type { Attribute, Block, Expr, Identifier } from "../../src/ast/index.js";
import type { Analysis } from "../../src/check/analyze.js";
import type { ScopeNode } from "../../src/check/scope.js";
import type { BoundAttribute, BoundBlock, BoundBody } from "../../src/check/validate.js";

/**
 * One mutator per rule: each finds the places in a valid file where that kind of mistake can be
 * made, and makes it at one of them (chosen by the seeded `pick`). The mutation says which code
 * must then be reported, and on which line of the mutated text.
 */
export interface Original {
  readonly text: string;
  readonly analysis: Analysis;
  readonly pick: <T>(items: readonly T[]) => T | undefined;
}

export interface Mutation {
  readonly text: string;
  readonly code: string;
  /** Byte offset, in the mutated text, that must be on the reported line. */
  readonly at: number;
}

export interface Mutator {
  readonly rule: string;
  mutate(o: Original): Mutation | undefined;
}

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Replaces bytes [start, end) of `text` (offsets are UTF-8 bytes, as spans are). */
function splice(text: string, start: number, end: number, insert: string): string {
  const b = enc.encode(text);
  return dec.decode(b.subarray(0, start)) + insert + dec.decode(b.subarray(end));
}

function bytesOf(text: string, start: number, end: number): string {
  return dec.decode(enc.encode(text).subarray(start, end));
}

const bodies = (o: Original): BoundBody[] => o.analysis.allBodies.map((b) => b.body);
const attributes = (o: Original): BoundAttribute[] => bodies(o).flatMap((b) => b.attributes.filter((a) => a.spec));
const nested = (o: Original): Array<{ body: BoundBody; b: BoundBlock }> => bodies(o).flatMap((body) => body.blocks.filter((b) => b.spec).map((b) => ({ body, b })));
const components = (o: Original): ScopeNode[] =>
  o.analysis.nodes.filter((n) => n.kind === "component" && !n.duplicateOf && o.analysis.registration(n).kind === "builtin");
const rootComponents = (o: Original): ScopeNode[] => components(o).filter((n) => n.scope.kind === "root");
const topLevel = (o: Original): Block[] => o.analysis.nodes.filter((n) => n.scope === o.analysis.root).map((n) => n.block);
const typeName = (a: BoundAttribute): string | undefined => (a.spec?.type.kind === "primitive" ? a.spec.type.name : undefined);
const literal = (a: BoundAttribute): boolean => a.attr.value.kind === "Literal" && a.attr.value.raw !== "null";
const stringAttrs = (o: Original): BoundAttribute[] => attributes(o).filter((a) => typeName(a) === "string" && literal(a) && !a.spec?.enum);

function renameIdent(o: Original, id: Identifier, taken: (name: string) => boolean, code: string): Mutation {
  let name = `${id.name}x`;
  while (taken(name)) name += "x";
  return { text: splice(o.text, id.span.start, id.span.end, name), code, at: id.span.start };
}

function replaceValue(o: Original, a: Attribute, value: string, code: string): Mutation {
  return { text: splice(o.text, a.value.span.start, a.value.span.end, value), code, at: a.value.span.start };
}

/** Inserts whole lines before a random top-level block; the finding is expected `lineOffset` lines in. */
function insertTopLevel(o: Original, lines: string, code: string, lineOffset = 0): Mutation | undefined {
  const before = o.pick(topLevel(o));
  if (!before) return undefined;
  const at = before.span.start;
  const text = splice(o.text, at, at, lines);
  const skipped = lines.split("\n").slice(0, lineOffset).join("\n").length + (lineOffset > 0 ? 1 : 0);
  return { text, code, at: at + enc.encode(lines.slice(0, skipped)).length };
}

function appendTopLevel(o: Original, block: string): string {
  return `${o.text}${o.text.endsWith("\n") ? "" : "\n"}\n${block}\n`;
}

function replaceWithCall(call: string, code: string): Mutator["mutate"] {
  return (o) => {
    const a = o.pick(stringAttrs(o));
    return a && replaceValue(o, a.attr, call, code);
  };
}

export const mutators: readonly Mutator[] = [
  {
    rule: "unknown-component",
    mutate: (o) => {
      const n = o.pick(components(o));
      const last = n?.block.name[n.block.name.length - 1];
      return n && last && renameIdent(o, last, (x) => o.analysis.nodes.some((m) => m.name.endsWith(`.${x}`)), "check/unknown-component");
    },
  },
  {
    rule: "removed-component",
    mutate: (o) => {
      const n = o.pick(components(o));
      const first = n?.block.name[0];
      const last = n?.block.name[n.block.name.length - 1];
      return first && last ? { text: splice(o.text, first.span.start, last.span.end, "otelcol.exporter.logging"), code: "check/removed-component", at: first.span.start } : undefined;
    },
  },
  {
    rule: "unknown-attribute",
    mutate: (o) => {
      const a = o.pick(attributes(o).filter((x) => !x.duplicateOf));
      return a && renameIdent(o, a.attr.name, (x) => a.body.attributeNames.includes(x) || a.body.blockNames.includes(x), "check/unknown-attribute");
    },
  },
  {
    rule: "unknown-block",
    mutate: (o) => {
      const s = o.pick(nested(o));
      const last = s?.b.block.name[s.b.block.name.length - 1];
      return s && last && renameIdent(o, last, (x) => s.body.blockNames.some((n) => n.endsWith(x)) || s.body.attributeNames.includes(x), "check/unknown-block");
    },
  },
  {
    rule: "attribute-block-mismatch",
    mutate: (o) => {
      const body = o.pick(bodies(o).filter((b) => b.blockNames.some((n) => !n.includes("."))));
      const name = body && o.pick(body.blockNames.filter((n) => !n.includes(".")));
      if (!body || !name) return undefined;
      const at = body.block.lbrace + 1;
      return { text: splice(o.text, at, at, `\n${name} = 1\n`), code: "check/attribute-block-mismatch", at: at + 1 };
    },
  },
  {
    rule: "duplicate-attribute",
    mutate: (o) => {
      const a = o.pick(attributes(o));
      if (!a) return undefined;
      const copy = bytesOf(o.text, a.attr.span.start, a.attr.span.end);
      return { text: splice(o.text, a.attr.span.end, a.attr.span.end, `\n${copy}`), code: "check/duplicate-attribute", at: a.attr.span.end + 1 };
    },
  },
  {
    rule: "block-count",
    mutate: (o) => {
      const s = o.pick(nested(o).filter((x) => !x.b.spec?.multiple && x.b.count === 1));
      if (!s) return undefined;
      const { span } = s.b.block;
      return { text: splice(o.text, span.end, span.end, `\n${bytesOf(o.text, span.start, span.end)}`), code: "check/block-count", at: span.start };
    },
  },
  {
    rule: "missing-required",
    mutate: (o) => {
      const a = o.pick(attributes(o).filter((x) => x.spec?.required && !x.duplicateOf));
      return a && { text: splice(o.text, a.attr.span.start, a.attr.span.end, ""), code: "check/missing-required", at: a.body.block.span.start };
    },
  },
  {
    rule: "wrong-type",
    mutate: (o) => {
      const a = o.pick(attributes(o).filter((x) => ["string", "bool", "number", "duration", "secret"].includes(typeName(x) ?? "") && literal(x)));
      return a && replaceValue(o, a.attr, typeName(a) === "bool" ? `"yes"` : "true", "check/wrong-type");
    },
  },
  {
    rule: "enum-value",
    mutate: (o) => {
      const a = o.pick(attributes(o).filter((x) => x.spec?.enum && typeName(x) === "string" && literal(x)));
      return a && replaceValue(o, a.attr, `"zz_not_a_value"`, "check/enum-value");
    },
  },
  {
    rule: "invalid-duration",
    mutate: (o) => {
      const a = o.pick(attributes(o).filter((x) => typeName(x) === "duration" && literal(x)));
      return a && replaceValue(o, a.attr, `"5 minutes"`, "check/invalid-duration");
    },
  },
  {
    rule: "invalid-regex",
    mutate: (o) => {
      const relabel = (b: BoundBody): boolean => ["source_labels", "regex", "action"].every((n) => b.attributeNames.includes(n));
      const sites = bodies(o).flatMap((b) =>
        b.attributes.filter((a) => a.spec && literal(a) && ((relabel(b) && a.attr.name.name === "regex") || (/^stage\.(regex|replace)$/.test(b.path.at(-1) ?? "") && a.attr.name.name === "expression"))),
      );
      const a = o.pick(sites);
      return a && replaceValue(o, a.attr, `"(unclosed"`, "check/invalid-regex");
    },
  },
  {
    rule: "block-label",
    mutate: (o) => {
      const n = o.pick(components(o).filter((x) => x.block.label));
      const label = n?.block.label;
      return n && label ? { text: splice(o.text, label.span.start, n.block.lbrace, ""), code: "check/block-label", at: n.block.span.start } : undefined;
    },
  },
  {
    rule: "duplicate-block",
    mutate: (o) => {
      const n = o.pick(rootComponents(o));
      if (!n) return undefined;
      const { span } = n.block;
      return { text: splice(o.text, span.end, span.end, `\n\n${bytesOf(o.text, span.start, span.end)}`), code: "check/duplicate-block", at: span.end + 2 };
    },
  },
  { rule: "block-placement", mutate: (o) => insertTopLevel(o, `level = "info"\n`, "check/block-placement") },
  {
    rule: "unresolved-reference",
    mutate: (o) => {
      const refs = o.analysis.references.filter((r) => r.resolution.kind === "block" && r.resolution.target.label !== undefined && r.resolution.target.kind === "component");
      const r = o.pick(refs);
      if (!r || r.resolution.kind !== "block") return undefined;
      const labelPart = r.traversal.parts[r.traversal.parts.length - r.resolution.rest.length - 1] as Identifier;
      const ids = new Set(o.analysis.scopes.flatMap((s) => [...s.byId.keys()]));
      const prefix = r.resolution.target.name;
      return renameIdent(o, labelPart, (x) => ids.has(`${prefix}.${x}`), "check/unresolved-reference");
    },
  },
  {
    rule: "capsule-mismatch",
    mutate: (o) => {
      const sites = o.analysis.allBodies.filter(({ node }) => node.scope.kind === "root").flatMap(({ body }) =>
        body.attributes.filter((a) => a.spec?.type.kind === "list" && a.spec.type.element.kind === "capsule" && a.attr.value.kind === "Array"),
      );
      const a = o.pick(sites);
      if (!a || a.spec?.type.kind !== "list" || a.spec.type.element.kind !== "capsule") return undefined;
      const consumer = a.spec.type.element.capsule === "otelcol.Consumer";
      const [block, ref] = consumer ? [`loki.echo "mutant" { }`, "loki.echo.mutant.receiver"] : [`otelcol.exporter.debug "mutant" { }`, "otelcol.exporter.debug.mutant.input"];
      const at = a.attr.value.span.start + 1;
      return { text: appendTopLevel({ ...o, text: splice(o.text, at, at, `${ref}, `) }, block), code: "check/capsule-mismatch", at };
    },
  },
  {
    rule: "cycle",
    mutate: (o) => {
      const sites = o.analysis.allBodies.filter(({ node, body }) => node.scope.kind === "root" && node.kind === "component" && body.block === node.block).flatMap(({ node, body }) => {
        const r = o.analysis.registration(node);
        const exp = r.kind === "builtin" ? r.spec?.exports[0]?.name : undefined;
        return exp ? body.attributes.filter((a) => a.spec?.type.kind === "list" && a.attr.value.kind === "Array").map((a) => ({ node, a, exp })) : [];
      });
      const s = o.pick(sites);
      if (!s) return undefined;
      const at = (s.a.attr.value as Expr).span.start + 1;
      return { text: splice(o.text, at, at, `${s.node.id}.${s.exp}, `), code: "check/cycle", at: s.node.block.span.start };
    },
  },
  { rule: "unknown-function", mutate: replaceWithCall(`string.to_lowr("X")`, "check/unknown-function") },
  { rule: "wrong-arity", mutate: replaceWithCall(`string.join(["a"])`, "check/wrong-arity") },
  { rule: "deprecated-function", mutate: replaceWithCall(`env("HOME")`, "check/deprecated-function") },
  {
    rule: "shadowed-stdlib",
    mutate: (o) => {
      const a = o.pick(o.analysis.allBodies.filter(({ node }) => node.scope.kind === "root").flatMap(({ body }) => body.attributes.filter((x) => typeName(x) === "string" && literal(x))));
      if (!a) return undefined;
      const m = replaceValue(o, a.attr, "sys.mutant.x", "check/shadowed-stdlib");
      return { ...m, text: appendTopLevel({ ...o, text: m.text }, `declare "sys" {\n  export "x" {\n    value = "y"\n  }\n}\n\nsys "mutant" { }`) };
    },
  },
  { rule: "stability", mutate: (o) => insertTopLevel(o, `foreach "mutant" {\n  collection = []\n  var        = "x"\n\n  template { }\n}\n\n`, "check/stability") },
  { rule: "community-component", mutate: (o) => insertTopLevel(o, `otelcol.exporter.splunkhec "mutant" { }\n\n`, "check/community-component") },
  { rule: "unused-export", mutate: (o) => insertTopLevel(o, `loki.write "mutant" {\n  endpoint {\n    url = "http://loki"\n  }\n}\n\n`, "check/unused-export") },
  { rule: "import-unresolved", mutate: (o) => insertTopLevel(o, `import.file "mutant" {\n  filename = "missing.alloy"\n}\n\n`, "check/import-unresolved", 1) },
];
