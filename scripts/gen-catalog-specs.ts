/**
 * Prints the EntrySpec values (the plain data the checker walks and the builders read their block
 * shapes from) into modules of their own, which import nothing at run time but each other:
 *
 *   src/schema/specs/<module>.gen.ts   `export const lokiWriteSpec: EntrySpec = {...}` for each entry
 *                                      of a catalog module, and `specs`, the module's specs by name
 *   src/schema/specs/shared.gen.ts     the AlloyType constants, and the spec parts used by more
 *                                      than one module
 *
 * A part that occurs more than once (a block spec such as `tls_config`, an argument list shared
 * by blocks of different names, a list of blocks) is declared once: in the module that uses it,
 * or in shared.gen.ts when several modules do. It is named after where it first occurs (see
 * `nameParts`).
 */
import type { ArgumentSpec, BlockSpec, EntrySpec } from "../src/schema/spec.js";
import { camelName, moduleFileName } from "./gen-catalog-model.js";
import { BANNER, IND, importLine, Names, str, TypeTable } from "./gen-catalog-text.js";

/** Repository-relative folder of the spec modules. */
export const SPECS_DIR = "src/schema/specs";
const SHARED_FILE = "shared.gen.ts";

/** Where a declaration lives: a catalog module's name, or null for shared.gen.ts. */
type Place = string | null;

type PartKind = "block" | "args" | "blocks";
const PART_TYPE = { block: "BlockSpec", args: "readonly ArgumentSpec[]", blocks: "readonly BlockSpec[]" } as const;
const PART_SUFFIX = { block: "Spec", args: "Args", blocks: "Blocks" } as const;

interface Body {
  readonly arguments: readonly ArgumentSpec[];
  readonly blocks: readonly BlockSpec[];
}

interface Decl {
  readonly name: string;
  readonly place: Place;
}

const partKey = (kind: PartKind, value: unknown): string => `${kind}:${JSON.stringify(value)}`;

/** The spec modules of the whole catalog, keyed by repository-relative path. */
export function emitSpecModules(byModule: ReadonlyMap<string, readonly EntrySpec[]>, source: string): Map<string, string> {
  return new SpecModules(byModule, source).files();
}

class SpecModules {
  private readonly types = new TypeTable();
  private readonly names = new Names();
  /** Which modules each block spec, argument list and block list occurs in (every occurrence). */
  private readonly modulesOf = new Map<string, Set<string>>();
  /** How often each block spec occurs (every occurrence). */
  private readonly blockCount = new Map<string, number>();
  /** How often each argument or block list occurs once repeated block specs are written once. */
  private readonly listCount = new Map<string, number>();
  private readonly hoisted = new Map<string, Decl>();
  /** The name of each part declared once (see nameParts). */
  private readonly partNames = new Map<string, string>();
  private readonly decls = new Map<Place, string[]>();
  /** Spec types (`BlockSpec`, ...) each place's declarations name. */
  private readonly specTypes = new Map<Place, Set<string>>();
  /** Names each module imports from shared.gen.ts. */
  private readonly imports = new Map<string, Set<string>>();
  /** Where the code being printed goes. */
  private place: Place = null;

  constructor(
    private readonly byModule: ReadonlyMap<string, readonly EntrySpec[]>,
    private readonly source: string,
  ) {
    const all = [...byModule.values()].flat();
    for (const [m, entries] of byModule) {
      if (moduleFileName(m) === SHARED_FILE) throw new Error(`catalog module ${m} would overwrite specs/${SHARED_FILE}`);
      const visit = (b: Body): void => {
        this.noteModule(partKey("args", b.arguments), m);
        this.noteModule(partKey("blocks", b.blocks), m);
        for (const c of b.blocks) {
          const k = partKey("block", c);
          this.noteModule(k, m);
          this.blockCount.set(k, (this.blockCount.get(k) ?? 0) + 1);
          visit(c);
        }
      };
      for (const e of entries) visit(e);
    }
    // Lists are counted as they are written: the body of a repeated block spec once.
    const written = new Set<string>();
    const visitOnce = (b: Body): void => {
      for (const k of [partKey("args", b.arguments), partKey("blocks", b.blocks)]) {
        this.listCount.set(k, (this.listCount.get(k) ?? 0) + 1);
      }
      for (const c of b.blocks) {
        const k = partKey("block", c);
        if (this.repeats("block", k)) {
          if (written.has(k)) continue;
          written.add(k);
        }
        visitOnce(c);
      }
    };
    for (const e of all) visitOnce(e);
    const reserved = new Set(["specs", ...all.map((e) => `${camelName(e.name)}Spec`)]);
    for (const n of reserved) this.names.take(n);
    this.nameParts(byModule, reserved);
  }

  /**
   * Names every part that will be declared after the first place it occurs (in printing order):
   * `tlsConfigSpec` when no other declared part (or entry spec, `httpSpec` of `http`) is called
   * that, else the full path (`lokiWriteEndpointTlsConfigSpec`), so names say where a part comes
   * from, never a counter.
   */
  private nameParts(byModule: ReadonlyMap<string, readonly EntrySpec[]>, reserved: ReadonlySet<string>): void {
    const firstPath = new Map<string, readonly string[]>();
    const note = (kind: PartKind, value: unknown, at: readonly string[]): void => {
      const k = partKey(kind, value);
      if (this.repeats(kind, k) && !firstPath.has(k)) firstPath.set(k, at);
    };
    const visit = (b: Body, at: readonly string[]): void => {
      if (b.arguments.length > 0) note("args", b.arguments, at);
      const single = b.blocks.length === 1 && this.repeats("block", partKey("block", b.blocks[0]));
      if (b.blocks.length > 0 && !single) note("blocks", b.blocks, at);
      for (const c of b.blocks) {
        note("block", c, [...at, c.name]);
        visit(c, [...at, c.name]);
      }
    };
    for (const m of [...byModule.keys()].sort()) for (const e of byModule.get(m)!) visit(e, [e.name]);
    const short = (k: string, at: readonly string[]): string =>
      `${camelName(at[at.length - 1]!)}${PART_SUFFIX[k.slice(0, k.indexOf(":")) as PartKind]}`;
    const byShort = new Map<string, number>();
    for (const [k, at] of firstPath) byShort.set(short(k, at), (byShort.get(short(k, at)) ?? 0) + 1);
    for (const [k, at] of firstPath) {
      const base = short(k, at);
      const full = `${camelName(at.join("."))}${PART_SUFFIX[k.slice(0, k.indexOf(":")) as PartKind]}`;
      this.partNames.set(k, this.names.take(byShort.get(base) === 1 && !reserved.has(base) ? base : full));
    }
  }

  files(): Map<string, string> {
    const out = new Map<string, string>();
    for (const m of [...this.byModule.keys()].sort()) {
      out.set(`${SPECS_DIR}/${moduleFileName(m)}`, this.module(m, this.byModule.get(m)!));
    }
    out.set(`${SPECS_DIR}/${SHARED_FILE}`, this.shared());
    return out;
  }

  private module(m: string, entries: readonly EntrySpec[]): string {
    this.place = m;
    this.imports.set(m, new Set());
    this.specTypesAt(m).add("EntrySpec");
    const bodies = entries.map((e) => `export const ${camelName(e.name)}Spec: EntrySpec = ${this.entrySpec(e)};`);
    const decls = this.decls.get(m) ?? [];
    return [
      BANNER,
      `// Specs of catalog module \`${m}\`: ${entries.length} ${entries.length === 1 ? "entry" : "entries"}, plain data. Source: ${this.source}.`,
      "",
      importLine([...this.specTypesAt(m)].sort(), "../spec.js", true),
      ...(this.imports.get(m)!.size ? [importLine([...this.imports.get(m)!].sort(), `./${SHARED_FILE.replace(/\.ts$/, ".js")}`)] : []),
      "",
      ...(decls.length ? [...decls.join("\n\n").split("\n"), ""] : []),
      bodies.join("\n\n"),
      "",
      "/** This module's specs by Alloy name (what `loadSpec` reads). */",
      "export const specs = {",
      ...entries.map((e) => `${IND}${str(e.name)}: ${camelName(e.name)}Spec,`),
      "} as const;",
      "",
    ].join("\n");
  }

  private shared(): string {
    const decls = this.decls.get(null) ?? [];
    const specTypes = [...this.specTypesAt(null)].sort();
    return [
      BANNER,
      `// Spec parts that several catalog modules use (see the other files of this folder). Source: ${this.source}.`,
      "",
      ...(specTypes.length ? [importLine(specTypes, "../spec.js", true)] : []),
      `import type { AlloyType } from "../types.js";`,
      "",
      ...this.types.decls.map((d) => `export ${d}`),
      "",
      ...(decls.length ? [...decls.join("\n\n").split("\n"), ""] : []),
    ].join("\n");
  }

  private noteModule(key: string, module: string): void {
    const s = this.modulesOf.get(key);
    if (s) s.add(module);
    else this.modulesOf.set(key, new Set([module]));
  }

  private specTypesAt(place: Place): Set<string> {
    let s = this.specTypes.get(place);
    if (!s) this.specTypes.set(place, (s = new Set()));
    return s;
  }

  private repeats(kind: PartKind, key: string): boolean {
    return ((kind === "block" ? this.blockCount : this.listCount).get(key) ?? 0) > 1;
  }

  /** A reference to a declaration from the code being printed. */
  private use(d: Decl): string {
    if (d.place === null && this.place !== null) this.imports.get(this.place)!.add(d.name);
    return d.name;
  }

  private typeRef(t: ArgumentSpec["type"]): string {
    return this.use({ name: this.types.ref(t), place: null });
  }

  /**
   * A spec part printed inline at `depth`, or, when it repeats, a reference to its declaration
   * (printed once, where every module that uses it can import it).
   */
  private part(kind: PartKind, value: unknown, depth: number, print: (depth: number) => string): string {
    const key = partKey(kind, value);
    const hit = this.hoisted.get(key);
    if (hit !== undefined) return this.use(hit);
    if (!this.repeats(kind, key)) return print(depth);
    const modules = this.modulesOf.get(key)!;
    const place = modules.size > 1 ? null : [...modules][0]!;
    if (place !== null && place !== this.place) throw new Error(`spec part of ${place} printed for ${this.place}`);
    const outer = this.place;
    this.place = place;
    const code = print(0);
    this.place = outer;
    const name = this.partNames.get(key);
    if (name === undefined) throw new Error(`spec part without a name: ${key.slice(0, 80)}`);
    const decl = { name, place };
    this.hoisted.set(key, decl);
    this.specTypesAt(place).add(kind === "args" ? "ArgumentSpec" : "BlockSpec");
    const list = this.decls.get(place) ?? [];
    this.decls.set(place, list);
    list.push(`${place === null ? "export " : ""}const ${decl.name}: ${PART_TYPE[kind]} = ${code};`);
    return this.use(decl);
  }

  /** The literal of an entry's spec: its facts on one line, then its arguments, blocks and exports. */
  private entrySpec(e: EntrySpec): string {
    const d = 1;
    const facts = [
      `name: ${str(e.name)}`,
      `kind: ${str(e.kind)}`,
      `stability: ${e.stability === null ? "null" : str(e.stability)}`,
      `docs: ${str(e.docs)}`,
      `labeled: ${e.labeled}`,
      ...(e.community ? ["community: true"] : []),
      ...(e.removed ? ["removed: true"] : []),
      ...(e.allowedIn ? [`allowedIn: [${e.allowedIn.map(str).join(", ")}]`] : []),
      ...(e.body ? [`body: ${str(e.body)}`] : []),
      ...(e.exportsDynamic ? ["exportsDynamic: true"] : []),
    ];
    const parts = [
      facts.join(", "),
      `arguments: ${this.argSpecs(e.arguments, d)}`,
      `blocks: ${this.blockSpecs(e.blocks, d)}`,
      `exports: [${e.exports
        .map((x) => `{ name: ${str(x.name)}, type: ${this.typeRef(x.type)}, provenance: ${str(x.provenance)} }`)
        .join(", ")}]`,
    ];
    return `{${parts.map((p) => `\n${IND}${p},`).join("")}\n}`;
  }

  private argSpecs(args: readonly ArgumentSpec[], depth: number): string {
    if (args.length === 0) return "[]";
    return this.part("args", args, depth, (d) =>
      `[${args.map((a) => `\n${IND.repeat(d + 1)}${this.argSpec(a)},`).join("")}\n${IND.repeat(d)}]`,
    );
  }

  private argSpec(a: ArgumentSpec): string {
    const parts = [
      `name: ${str(a.name)}`,
      `type: ${this.typeRef(a.type)}`,
      `required: ${a.required}`,
      ...(a.requiredInDocs !== undefined ? [`requiredInDocs: ${a.requiredInDocs}`] : []),
      ...(a.default !== undefined ? [`default: ${JSON.stringify(a.default)}`] : []),
      ...(a.defaultRaw !== undefined ? [`defaultRaw: ${str(a.defaultRaw)}`] : []),
      ...(a.enum ? [`enum: [${a.enum.map(str).join(", ")}]`] : []),
      ...(a.enforcedBy !== undefined ? [`enforcedBy: ${str(a.enforcedBy)}`] : []),
      ...(a.enumIgnoresCase ? ["enumIgnoresCase: true"] : []),
      `provenance: ${str(a.provenance)}`,
      ...(a.rejected ? ["rejected: true"] : []),
    ];
    return `{ ${parts.join(", ")} }`;
  }

  private blockSpecs(blocks: readonly BlockSpec[], depth: number): string {
    if (blocks.length === 0) return "[]";
    // A list of one declared block spec is as short written out as referenced.
    if (blocks.length === 1 && this.repeats("block", partKey("block", blocks[0]))) {
      return `[\n${IND.repeat(depth + 1)}${this.blockSpec(blocks[0]!, depth + 1)},\n${IND.repeat(depth)}]`;
    }
    return this.part("blocks", blocks, depth, (d) =>
      `[${blocks.map((b) => `\n${IND.repeat(d + 1)}${this.blockSpec(b, d + 1)},`).join("")}\n${IND.repeat(d)}]`,
    );
  }

  /** A block spec: its facts on one line, then its arguments and blocks (all on one line when short). */
  private blockSpec(b: BlockSpec, depth: number): string {
    return this.part("block", b, depth, (d) => {
      const facts = [
        `name: ${str(b.name)}`,
        `required: ${b.required}`,
        ...(b.requiredInDocs !== undefined ? [`requiredInDocs: ${b.requiredInDocs}`] : []),
        `multiple: ${b.multiple}`,
        `labeled: ${b.labeled}`,
        ...(b.group !== undefined ? [`group: ${str(b.group)}`] : []),
        ...(b.blocksRef
          ? [`blocksRef: { path: [${b.blocksRef.path.map(str).join(", ")}], group: ${str(b.blocksRef.group)} }`]
          : []),
        ...(b.body ? [`body: ${str(b.body)}`] : []),
        `provenance: ${str(b.provenance)}`,
        ...(b.rejected ? ["rejected: true"] : []),
      ].join(", ");
      const args = `arguments: ${this.argSpecs(b.arguments, d + 1)}`;
      const blocks = `blocks: ${this.blockSpecs(b.blocks, d + 1)}`;
      const one = `{ ${facts}, ${args}, ${blocks} }`;
      if (!one.includes("\n") && IND.length * d + one.length <= 160) return one;
      return `{${[facts, args, blocks].map((p) => `\n${IND.repeat(d + 1)}${p},`).join("")}\n${IND.repeat(d)}}`;
    });
  }
}
