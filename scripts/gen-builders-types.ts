/**
 * The named TypeScript interfaces of a builder module (see gen-builders-emit.ts): for each entry
 * `<Entry>Arguments`, one `<Entry><Path>Block` per distinct block body, `<Entry><Path><Group>Element`
 * per block group, and `<Entry>Exports`. Property types are written with the aliases of
 * src/builders/types.ts; each property's doc comment holds catalog facts only (Alloy type,
 * required or not, default, allowed values, stability) and a link to the entry's docs page.
 *
 * Interfaces are shared within an entry (two blocks with the same body get one interface), not
 * across entries: each property's link points at its own component's page. A property's doc
 * comment sits on the property's line (TypeScript reads it the same), which keeps the modules
 * about half as long.
 */
import type { AlloyType, ArgumentSpec, BlockSpec, EntrySpec } from "../src/schema/index.js";
import { formatType } from "../src/schema/types.js";
import { pascalName } from "./gen-catalog-model.js";

interface SpecBody {
  readonly arguments: readonly ArgumentSpec[];
  readonly blocks: readonly BlockSpec[];
  readonly body?: "config";
  readonly blocksRef?: BlockSpec["blocksRef"];
  readonly labeled?: boolean;
}

const IND = "  ";

/** A property key: bare when it is an identifier, quoted otherwise (`"stage.json"`). */
export function key(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : JSON.stringify(name);
}

/** A doc comment on one line; `*\/` in a fact (a default value) must not end it. */
function doc(text: string): string {
  return `/** ${text.replace(/\*\//g, "*\\/")} */`;
}

function wrap(t: string): string {
  return /^[\w.]+(<.*>)?$/.test(t) ? t : `(${t})`;
}

/** The TypeScript type of a value of Alloy type `t` (what an expression yields, what an export is). */
export function valueType(t: AlloyType): string {
  switch (t.kind) {
    case "primitive":
      if (t.name === "bool") return "boolean";
      if (t.name === "number") return "number";
      if (t.name === "secret") return "Secret";
      return "string";
    case "list":
      return `${wrap(valueType(t.element))}[]`;
    case "map":
      return `Record<string, ${valueType(t.value)}>`;
    case "capsule":
      return `Capsule<${JSON.stringify(t.capsule)}>`;
    case "object":
      return `{ ${t.fields.map((f) => `${key(f.name)}${f.required ? "" : "?"}: ${valueType(f.type)}`).join("; ")} }`;
    case "any":
      return "unknown";
    case "function":
      return "(...args: never[]) => unknown";
  }
}

/** For plain values the input is `Attr<T>`; this is that `T`, or undefined for the others. */
function plainType(t: AlloyType): string | undefined {
  if (t.kind !== "primitive") return undefined;
  switch (t.name) {
    case "bool":
      return "boolean";
    case "number":
      return "number";
    case "secret":
    case "optional_secret":
      return "Secret";
    default:
      return "string";
  }
}

/** What a builder accepts for an attribute of type `t` (`allowed`: its enum, for strings and lists of strings). */
export function inputType(t: AlloyType, allowed?: readonly string[]): string {
  if (allowed && t.kind === "primitive") return `OneOf<${allowed.map((x) => JSON.stringify(x)).join(" | ")}>`;
  const plain = plainType(t);
  if (plain !== undefined) return `Attr<${plain}>`;
  switch (t.kind) {
    case "list": {
      const el = plainType(t.element);
      if (el !== undefined && !allowed) return `AttrList<${el}>`;
      return `ListOf<${inputType(t.element, allowed)}, ${valueType(t.element)}>`;
    }
    case "map": {
      const v = plainType(t.value);
      if (v !== undefined) return `AttrMap<${v}>`;
      return `MapOf<${inputType(t.value)}, ${valueType(t.value)}>`;
    }
    case "capsule": {
      // Written out (not an alias), so that a wrong wire's error names both capsule kinds.
      const c = valueType(t);
      return `${c} | Expression<${c}>`;
    }
    case "object":
      return `{ ${t.fields.map((f) => `readonly ${key(f.name)}${f.required ? "" : "?"}: ${inputType(f.type)}`).join("; ")} }`;
    default:
      return "unknown";
  }
}

/** The facts every property of an entry shares: its stability when not GA, community. */
function entryFacts(e: EntrySpec): string[] {
  const out: string[] = [];
  if (e.stability !== null && e.stability !== "generally-available") out.push(e.stability);
  if (e.community) out.push("community");
  return out;
}

function requiredFact(required: boolean, inDocs: boolean | undefined): string {
  const r = required ? "required" : "optional";
  return inDocs !== undefined && inDocs !== required ? `${r} (docs: ${inDocs ? "required" : "optional"})` : r;
}

/** The one-line doc comment of an attribute. */
function argumentDoc(e: EntrySpec, a: ArgumentSpec, link: string): string {
  const facts = [`\`${formatType(a.type)}\``, requiredFact(a.required, a.requiredInDocs)];
  if (a.default !== undefined) facts.push(`default \`${JSON.stringify(a.default)}\``);
  // Say whose list it is: Alloy refuses anything else (enforcedBy), or the docs list these values.
  if (a.enum) facts.push(`one of ${a.enum.map((x) => `\`${JSON.stringify(x)}\``).join(", ")} (${a.enforcedBy ? "Alloy checks" : "as the docs list"})`);
  facts.push(...entryFacts(e), `[docs](${link})`);
  return doc(facts.join(" · "));
}

function blockDoc(e: EntrySpec, b: BlockSpec, link: string): string {
  const kind = ["block", ...(b.multiple ? ["repeated"] : []), ...(b.labeled ? ["labelled"] : [])].join(", ");
  return doc([kind, requiredFact(b.required, b.requiredInDocs), ...entryFacts(e), `[docs](${link})`].join(" · "));
}

/** Type helpers (from ../types.js and elsewhere) a module's interfaces use. */
export const TYPE_HELPERS = ["Attr", "AttrList", "AttrMap", "Blocks", "ListOf", "MapOf", "OneOf"] as const;

/** The interfaces of one builder module; names are unique in the module (a clash is an error, never a counter). */
export class ModuleTypes {
  readonly decls: string[] = [];
  private readonly taken = new Set<string>();

  /** Declares the interfaces of an entry; returns the names of its arguments and exports types. */
  entry(e: EntrySpec): { readonly args: string; readonly exports: string } {
    const id = pascalName(e.name);
    const names = new EntryTypes(e, this, id);
    const args = this.take(`${id}Arguments`);
    const exportsName = this.take(`${id}Exports`);
    const props = names.props(e, [], `${e.docs}#arguments`);
    this.decls.push(
      [doc(`The arguments and blocks of \`${e.name}\` ([docs](${e.docs}#arguments)).`), iface(args, props)].join("\n"),
    );
    const exportProps = e.exports.map(
      (x) =>
        `${IND}${doc([`\`${formatType(x.type)}\``, ...entryFacts(e), `[docs](${e.docs}#exported-fields)`].join(" · "))} ` +
        `readonly ${key(x.name)}: ${x.type.kind === "capsule" ? valueType(x.type) : `Expression<${valueType(x.type)}>`};`,
    );
    this.decls.push(
      [doc(`What \`${e.name}\` exports: \`${e.name}${e.labeled ? ".LABEL" : ""}.NAME\` in Alloy.`), iface(exportsName, exportProps)].join("\n"),
    );
    names.flush();
    return { args, exports: exportsName };
  }

  take(name: string): string {
    if (this.taken.has(name)) throw new Error(`generated type name used twice in one module: ${name}`);
    this.taken.add(name);
    return name;
  }
}

function iface(name: string, props: readonly string[]): string {
  return props.length === 0 ? `export interface ${name} {}` : `export interface ${name} {\n${props.join("\n")}\n}`;
}

/** The block and group interfaces of one entry. */
class EntryTypes {
  /** Body structure → interface name: one interface per distinct body. */
  private readonly bodies = new Map<string, string>();
  private readonly groups = new Map<string, string>();
  private readonly pending: string[] = [];

  constructor(
    private readonly entry: EntrySpec,
    private readonly module: ModuleTypes,
    private readonly id: string,
  ) {}

  flush(): void {
    this.module.decls.push(...this.pending);
  }

  /** The properties of a body: its attributes, its blocks, its groups. */
  props(b: SpecBody, path: readonly string[], link: string): string[] {
    const e = this.entry;
    const blocksLink = `${e.docs}#blocks`;
    const out: string[] = [];
    if (b.labeled && path.length > 0) out.push(`${IND}${doc(`The block's label. [docs](${blocksLink})`)} readonly label: string;`);
    for (const a of b.arguments) {
      if (a.rejected) continue;
      out.push(`${IND}${argumentDoc(e, a, link)} readonly ${key(a.name)}${a.required ? "" : "?"}: ${inputType(a.type, a.enum)};`);
    }
    const groups: string[] = [];
    for (const c of b.blocks) {
      if (c.rejected) continue;
      if (c.group !== undefined) {
        if (!groups.includes(c.group)) groups.push(c.group);
        continue;
      }
      const body = this.blockBody(c, [...path, c.name]);
      out.push(`${IND}${blockDoc(e, c, blocksLink)} readonly ${key(c.name)}${c.required ? "" : "?"}: ${c.multiple ? `Blocks<${body}>` : body};`);
    }
    const groupProp = (group: string, at: readonly string[]): string =>
      `${IND}${doc(`blocks \`${group}.*\`, any number, in order · ${[...entryFacts(e), `[docs](${blocksLink})`].join(" · ")}`)} ` +
      `readonly ${key(group)}?: Blocks<${this.group(at, group)}>;`;
    for (const g of groups) out.push(groupProp(g, path));
    if (b.blocksRef) out.push(groupProp(b.blocksRef.group, b.blocksRef.path));
    return out;
  }

  /** The interface of a block's body (declared once per distinct body in the entry). */
  private blockBody(b: BlockSpec, path: readonly string[]): string {
    if (b.body === "config") return "Readonly<Record<string, unknown>>";
    const structure = JSON.stringify([b.labeled, b.arguments, b.blocks, b.blocksRef ?? null]);
    const known = this.bodies.get(structure);
    if (known) return known;
    const name = this.module.take(`${this.id}${pascalName(path.join("."))}Block`);
    this.bodies.set(structure, name);
    const props = this.props(b, path, `${this.entry.docs}#blocks`);
    this.pending.push(
      [doc(`The \`${path.join(" > ")}\` block of \`${this.entry.name}\` ([docs](${this.entry.docs}#blocks)).`), iface(name, props)].join("\n"),
    );
    return name;
  }

  /** The element type of a block group: an object holding one of its member blocks. */
  private group(path: readonly string[], group: string): string {
    const id = `${path.join(">")}>${group}`;
    const known = this.groups.get(id);
    if (known) return known;
    const name = this.module.take(`${this.id}${pascalName([...path, group].join("."))}Element`);
    this.groups.set(id, name);
    let at: SpecBody = this.entry;
    for (const p of path) at = at.blocks.find((x) => x.name === p) as BlockSpec;
    const members = at.blocks.filter((m) => m.group === group && !m.rejected);
    const props = members.map(
      (m) => `${IND}${blockDoc(this.entry, m, `${this.entry.docs}#blocks`)} readonly ${key(m.name)}?: ${this.blockBody(m, [...path, m.name])};`,
    );
    this.pending.push(
      [doc(`One block of the \`${group}\` group of \`${this.entry.name}\`: an object holding exactly one of these keys.`), iface(name, props)].join("\n"),
    );
    return name;
  }
}
