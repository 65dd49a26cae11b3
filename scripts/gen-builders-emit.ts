/**
 * Text of the generated builder modules (see generate.ts): one module of builders per catalog
 * module (named interfaces, gen-builders-types.ts, and one builder per entry with its block shape,
 * gen-builders-shape.ts), the namespace tree, and the typed standard library.
 */
import type { AlloyType, EntrySpec, StdlibNamespaceSpec, StdlibSpec } from "../src/schema/index.js";
import { formatType } from "../src/schema/types.js";
import { shapeText } from "./gen-builders-shape.js";
import { key, ModuleTypes, TYPE_HELPERS } from "./gen-builders-types.js";
import { camelName, moduleFileName } from "./gen-catalog-model.js";
import { BANNER } from "./gen-catalog-text.js";

const RESERVED = new Set(["break", "case", "catch", "class", "const", "continue", "debugger", "default", "delete", "do", "else", "enum", "export", "extends", "false", "finally", "for", "function", "if", "import", "in", "instanceof", "new", "null", "return", "super", "switch", "this", "throw", "true", "try", "typeof", "var", "void", "while", "with", "yield", "let", "static", "implements", "interface", "package", "private", "protected", "public", "await"]);

/** A JavaScript binding name for an Alloy name part: reserved words get a trailing `_`. */
export function binding(name: string): string {
  return RESERVED.has(name) ? `${name}_` : name;
}

/** The builder's binding in its module: `lokiSourceKubernetesEvents`. */
export function builderName(entry: string): string {
  return binding(camelName(entry));
}

// --- one module of builders ------------------------------------------------------------------

/** The builder's doc comment: what it is, its stability, its exports, its docs page (facts only). */
export function builderDoc(e: EntrySpec): string {
  const kind = e.kind === "config-block" ? "config block" : "component";
  const flags = [e.stability ?? "", e.community ? "community" : ""].filter((x) => x);
  const exports = e.exports.map((x) => `\`${x.name}\` (\`${formatType(x.type)}\`)`);
  const parts = [
    `\`${e.name}\`: ${kind}${flags.length ? ` (${flags.join(", ")})` : ""}.`,
    exports.length ? `Exports ${exports.join(", ")}.` : "No exports.",
    `[docs](${e.docs})`,
  ];
  return `/** ${parts.join(" ")} */`;
}

export function emitBuilderModule(module: string, entries: readonly EntrySpec[]): string {
  const types = new ModuleTypes();
  const kinds = new Set<string>();
  const builders: string[] = [];
  for (const e of entries) {
    const fn = e.labeled ? "component" : "configBlock";
    kinds.add(fn);
    const t = types.entry(e);
    const type = `${e.labeled ? "ComponentBuilder" : "ConfigBlockBuilder"}<${t.args}, ${t.exports}>`;
    const exports = e.exports.map((x) => `${key(x.name)}: ${x.type.kind === "capsule" ? JSON.stringify(x.type.capsule) : "null"}`);
    const args = [JSON.stringify(e.name), exports.length > 0 ? `{ ${exports.join(", ")} }` : "{}", JSON.stringify(shapeText(e))];
    builders.push(`${builderDoc(e)}\nexport const ${builderName(e.name)}: ${type} = ${fn}(${args.join(", ")});`);
  }
  const text = [...types.decls, ...builders].join("\n\n");
  const uses = (n: string): boolean => new RegExp(`\\b${n}\\b`).test(text);
  const helpers = [...TYPE_HELPERS, ...[...kinds].sort().map((k) => (k === "component" ? "ComponentBuilder" : "ConfigBlockBuilder"))].filter(uses);
  const expressionTypes = ["Expression", "Secret"].filter(uses);
  return [
    BANNER,
    `// Builders of catalog module \`${module}\`: ${entries.length} entries, typed by named interfaces.`,
    "",
    ...(uses("Capsule") ? [`import type { Capsule } from "../../schema/capsules.js";`] : []),
    `import { ${[...kinds].sort().join(", ")} } from "../component.js";`,
    ...(expressionTypes.length ? [`import type { ${expressionTypes.join(", ")} } from "../expression.js";`] : []),
    `import type { ${helpers.join(", ")} } from "../types.js";`,
    "",
    text,
    "",
  ].join("\n");
}

// --- the namespace tree ----------------------------------------------------------------------

interface Tree {
  [name: string]: Tree | string;
}

export function emitNamespaces(entries: readonly EntrySpec[], moduleOf: (e: EntrySpec) => string): string {
  const tree: Tree = {};
  const imports = new Map<string, string[]>();
  const docs = new Map<string, string>();
  for (const e of entries) {
    docs.set(builderName(e.name), builderDoc(e));
    const parts = e.name.split(".");
    let node = tree;
    for (const p of parts.slice(0, -1)) {
      const next = node[p];
      if (typeof next === "string") throw new Error(`${e.name}: ${p} is both a builder and a namespace`);
      node = next ?? (node[p] = {});
    }
    const leaf = parts[parts.length - 1] as string;
    if (node[leaf] !== undefined) throw new Error(`${e.name}: ${leaf} is both a builder and a namespace`);
    node[leaf] = builderName(e.name);
    const file = moduleFileName(moduleOf(e)).replace(/\.ts$/, ".js");
    imports.set(file, [...(imports.get(file) ?? []), builderName(e.name)]);
  }
  const obj = (t: Tree, indent: string): string => {
    const inner = indent + "  ";
    const lines = Object.keys(t)
      .sort()
      .map((k) => {
        const v = t[k] as Tree | string;
        // The doc comment again, so that hovering `loki.write` shows it (a property does not inherit its value's).
        if (typeof v === "string") return `${inner}${docs.get(v)}\n${inner}${key(k)}: ${v},`;
        return `${inner}${key(k)}: ${obj(v, inner)},`;
      });
    return `Object.freeze({\n${lines.join("\n")}\n${indent}})`;
  };
  const out = [BANNER, "// Every builder under its Alloy name: `loki.source.kubernetes`, `otelcol.exporter.otlphttp`, ...", ""];
  for (const [file, names] of [...imports].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.push(`import { ${names.sort().join(", ")} } from "./components/${file}";`);
  }
  out.push("");
  for (const top of Object.keys(tree).sort()) {
    const v = tree[top] as Tree | string;
    if (typeof v === "string") {
      if (v !== binding(top)) out.push(docs.get(v) as string, `export const ${binding(top)} = ${v};`);
      else out.push(`export { ${v} };`);
    } else out.push(`export const ${binding(top)} = ${obj(v, "")};`);
  }
  return out.join("\n") + "\n";
}

// --- the standard library --------------------------------------------------------------------

function tsType(t: AlloyType, input: boolean): string {
  switch (t.kind) {
    case "primitive":
      if (t.name === "bool") return "boolean";
      if (t.name === "number") return "number";
      if (t.name === "secret") return input ? "string" : "Secret";
      return "string";
    case "list":
      return `${wrap(tsType(t.element, input))}[]`;
    case "map":
      return `Record<string, ${tsType(t.value, input)}>`;
    case "any":
      return input ? "unknown" : "any";
    case "object":
      return `Record<string, ${input ? "unknown" : "any"}>`;
    case "capsule":
      return "unknown";
    case "function":
      return "never";
  }
}

function wrap(t: string): string {
  return /^[\w.]+(<.*>)?$/.test(t) ? t : `(${t})`;
}

interface Member {
  readonly docs: string;
  /** The value: an arrow function, or a `ref` for a constant. */
  readonly value: string;
}

function stdlibMember(s: StdlibSpec): Member {
  const head = `\`${s.name}\`${s.experimental ? " (experimental)" : ""}: ${s.docs}`;
  // A JSDoc tag only counts at the start of a line.
  const docs = s.deprecated ? `/**\n   * ${head}\n   * @deprecated use \`${s.replacement}\`\n   */` : `/** ${head} */`;
  if (s.kind === "constant") return { docs, value: `ref<${tsType(s.returns, false)}>(${JSON.stringify(s.name)})` };
  const params = s.params ?? [];
  const names = params.map((p) => binding(p.name));
  const last = params.length - 1;
  const decl = params.map((p, i) => {
    const type = `Arg<${tsType(p.type, true)}>`;
    if (i === last && s.variadic) return `...${names[i]}: ${wrap(type)}[]`;
    return `${names[i]}${p.optional ? "?" : ""}: ${type}`;
  });
  const args = params.map((p, i) => {
    const n = names[i] as string;
    if (i === last && s.variadic) return `...${n}`;
    return p.optional ? `...(${n} === undefined ? [] : [${n}])` : n;
  });
  const ret = `Expression<${tsType(s.returns, false)}>`;
  return { docs, value: `(${decl.join(", ")}): ${ret} => call(${[JSON.stringify(s.name), ...args].join(", ")})` };
}

function objectOf(members: ReadonlyArray<readonly [string, Member]>): string {
  return `Object.freeze({\n${members.map(([k, m]) => `  ${m.docs}\n  ${key(k)}: ${m.value},`).join("\n")}\n})`;
}

export function emitStdlib(functions: readonly StdlibSpec[], namespaces: readonly StdlibNamespaceSpec[]): string {
  const byName = new Map(functions.map((f) => [f.name, f]));
  const out = [
    BANNER,
    "// The standard library, typed by its signatures (src/schema/stdlib.gen.ts).",
    "",
    "IMPORTS",
    `import type { Arg } from "./types.js";`,
    "",
  ];
  for (const ns of [...namespaces].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const members = ns.members.map((m) => [m.slice(ns.name.length + 1), stdlibMember(byName.get(m) as StdlibSpec)] as const);
    out.push(`/** The \`${ns.name}\` namespace. */`, `export const ${binding(ns.name)} = ${objectOf(members)};`, "");
  }
  const top = functions.filter((f) => f.namespace === null).sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const f of top.filter((x) => !x.deprecated)) {
    const m = stdlibMember(f);
    out.push(m.docs, `export const ${binding(f.name)} = ${m.value};`, "");
  }
  const current = [...namespaces.map((n) => n.name), ...top.filter((x) => !x.deprecated).map((f) => f.name)].sort();
  const deprecated = top.filter((x) => x.deprecated).map((f) => [f.name, stdlibMember(f)] as const);
  out.push(
    "/** The whole standard library, with the deprecated pre-namespace aliases (`std.env`, `std.concat`, `std.format`, ...). */",
    `export const std = Object.freeze({\n${current.map((n) => `  ${key(n)}: ${binding(n)},`).join("\n")}\n${deprecated.map(([k, m]) => `  ${m.docs}\n  ${key(k)}: ${m.value},`).join("\n")}\n});`,
    "",
  );
  const text = out.join("\n");
  const names = ["call", "ref", "type Expression", "type Secret"].filter((n) => new RegExp(`\\b${n.replace("type ", "")}\\b[(<]`).test(text));
  return text.replace("IMPORTS", `import { ${names.join(", ")} } from "./expression.js";`);
}
