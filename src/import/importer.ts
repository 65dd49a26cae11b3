import { blockName, children, type Attribute, type Block, type Expr, type File, type Node, type ObjectKey, type Stmt } from "../ast/index.js";
import { isValidIdentifier } from "../ast/index.js";
import { quoteInner } from "../ast/quote.js";
import type { LineIndex } from "../diag/index.js";
import type { BlockShape, BuilderModel, Shape } from "./model.js";
import { Namer } from "./names.js";
import { tsKey, tsString, unquote } from "./strings.js";
import { type ContainerTrivia, TriviaReader } from "./trivia.js";
import { dotted, ValueWriter } from "./values.js";
import { wrap, type Wrapped } from "./writer.js";

/**
 * One Alloy file (as `alloy fmt` prints it) → one TypeScript module: a `const` per component, in
 * an order where each is declared before it is used, then `export default config(...)` listing
 * every block in file order with its comments. Bodies follow the builders' shapes; what the
 * builders cannot write back exactly is reported (`unsupported`), and values they cannot express
 * go through `raw(...)` (`raws`).
 */

export interface ImportInput {
  /** The name the messages use. */
  readonly path: string;
  /** The tree of the formatted text and its bytes. */
  readonly file: File;
  readonly bytes: Uint8Array;
  /** The file as written, to report places in (it has the formatted file's tree). */
  readonly original?: { readonly file: File; readonly lines: LineIndex };
  /** The formatted file's lines, when there is no original. */
  readonly lines: LineIndex;
  /** Components of the other files of the same configuration (a folder), by `kind\0label`. */
  readonly siblings?: ReadonlyMap<string, ExternalTarget>;
  /** Modules this file imports (`import.file "label"`): their module path and declares. */
  readonly modules?: ReadonlyMap<string, ImportedModule>;
}

/** A const of another module. */
export interface ExternalTarget {
  /** `./a.js` */
  readonly module: string;
  readonly name: string;
  readonly exports: ReadonlySet<string> | undefined;
}

export interface ImportedModule {
  readonly module: string;
  /** declare name → its const in that module. */
  readonly declares: ReadonlyMap<string, { readonly name: string; readonly exports: ReadonlySet<string> | undefined }>;
}

export interface Located {
  readonly line: number;
  readonly column: number;
  readonly message: string;
}

export interface ModuleResult {
  /** The TypeScript, not yet formatted. */
  readonly code: string;
  /** Each `raw(...)` the module uses: where, and the Alloy text. */
  readonly raws: readonly Located[];
  /** What the builders cannot write back exactly (the module compiles to something else). */
  readonly unsupported: readonly Located[];
  /** Attributes imported (the denominator of the raw-use rate). */
  readonly attributes: number;
  /** The module's top-level component consts, by `kind\0label` (for the other files of a folder). */
  readonly targets: ReadonlyMap<string, { readonly name: string; readonly exports: ReadonlySet<string> | undefined }>;
  /** Its declares by name (for the files that import it). */
  readonly declares: ReadonlyMap<string, { readonly name: string; readonly exports: ReadonlySet<string> | undefined }>;
}

/** The alloyc names a module may import; a const never takes one. */
const IMPORTABLE = [
  "op", "quoted", "rawString", "untyped", "argument", "array", "call", "coalesce", "comment", "config", "constants", "convert", "declare", "encoding", "field", "file",
  "index", "inline", "json_path", "lines", "raw", "ref", "relabel", "std", "string", "sys", "trivia",
];

interface Target {
  readonly name: string;
  /** Export names; undefined when any is accepted. */
  readonly exports: ReadonlySet<string> | undefined;
}

interface Scope {
  /** `kind\0label` → const. */
  readonly targets: Map<string, Target>;
  /** declare name → its const and exports. */
  readonly customs: Map<string, Target>;
  readonly args?: { readonly name: string; readonly names: ReadonlySet<string> };
  readonly parent?: Scope;
}

interface Decl {
  readonly name: string;
  code: string;
  readonly deps: Set<string>;
}

const RELABEL_ACTIONS = new Set(["replace", "keep", "drop", "keepequal", "dropequal", "hashmod", "labelmap", "labelkeep", "labeldrop", "lowercase", "uppercase"]);

export class Importer {
  readonly trivia: TriviaReader;
  readonly values = new ValueWriter(this);
  private readonly namer: Namer;
  private readonly imports = new Set<string>();
  private readonly namespaces = new Set<string>();
  private readonly raws: Located[] = [];
  private readonly problems: Located[] = [];
  private attributes = 0;
  private readonly root: Scope = { targets: new Map(), customs: new Map() };
  private scope: Scope = this.root;
  /** Names imported from other modules: module → (name → local alias). */
  private readonly external = new Map<string, Map<string, string>>();
  private current: Decl | undefined;
  private mapping: Map<Node, Node> | undefined;

  constructor(
    private readonly input: ImportInput,
    private readonly model: BuilderModel,
  ) {
    this.trivia = new TriviaReader(input.bytes, input.file);
    this.namer = new Namer([...IMPORTABLE, ...NAMESPACE_ROOTS, "args"]);
  }

  run(): ModuleResult {
    const file = this.input.file;
    this.collect(file.body);
    const decls: Decl[] = [];
    const items = this.scopeItems(file.body, 0, this.input.bytes.length, decls, "config");
    for (const c of this.trivia.unclaimed()) this.problem(c.span.start, `a comment where the builders cannot place one: ${c.text}`);
    const consts = [
      ...this.untypedDecls.map((d) => `const ${d.name} = ${d.code};`),
      ...ordered(decls).map((d) => `export const ${d.name} = ${d.code};`),
    ];
    const body = `${consts.join("\n\n")}\n\nexport default config(${items.join(", ")});\n`;
    this.imports.add("config");
    const names = [...this.imports, ...this.namespaces].sort();
    let header = `import { ${names.join(", ")} } from "alloyc";\n`;
    for (const [module, list] of this.external) header += `import { ${[...list].map(([n, a]) => (n === a ? n : `${n} as ${a}`)).join(", ")} } from "${module}";\n`;
    return {
      code: `${header}\n${body}`,
      raws: this.raws,
      unsupported: this.problems,
      attributes: this.attributes,
      targets: this.root.targets,
      declares: this.root.customs,
    };
  }

  // --- blocks alloyc has no builder for: untyped builders ----------------------------------------

  /** Every reference path in the file, and every block by name (for untyped builders). */
  private readonly paths: string[][] = [];
  private readonly blocksByName = new Map<string, Block[]>();
  private readonly untypedBuilders = new Map<string, { name: string; shape: Shape; exports: ReadonlySet<string> }>();
  private readonly untypedDecls: Decl[] = [];

  private collect(stmts: readonly Stmt[]): void {
    const visitExpr = (e: Node): void => {
      if (e.kind === "Access" || e.kind === "Identifier") {
        const p = dotted(e);
        if (p) {
          this.paths.push(p);
          return;
        }
      }
      for (const c of children(e)) visitExpr(c);
    };
    for (const s of stmts) {
      if (s.kind === "Attribute") visitExpr(s.value);
      else {
        const name = blockName(s);
        const list = this.blocksByName.get(name) ?? [];
        list.push(s);
        this.blocksByName.set(name, list);
        this.collect(s.body);
      }
    }
  }

  /** The untyped builder for `kind` (declared once per module): its exports as the file uses them, its blocks as written. */
  private untypedBuilder(kind: string): { name: string; shape: Shape; exports: ReadonlySet<string> } {
    let b = this.untypedBuilders.get(kind);
    if (b) return b;
    const segs = kind.split(".");
    const exports = new Set<string>();
    for (const p of this.paths) {
      if (p.length > segs.length + 1 && segs.every((s, i) => p[i] === s)) exports.add(p[segs.length + 1] as string);
    }
    const [shape, text] = shapeOf(this.blocksByName.get(kind) ?? []);
    const name = this.namer.plain(kind, "component");
    const options = [
      ...(exports.size > 0 ? [`exports: [${[...exports].map(tsString).join(", ")}]`] : []),
      ...(text !== "" ? [`blocks: ${tsString(text)}`] : []),
    ];
    this.use("untyped", "");
    this.untypedDecls.push({ name, code: `untyped(${tsString(kind)}${options.length > 0 ? `, { ${options.join(", ")} }` : ""})`, deps: new Set() });
    b = { name, shape, exports };
    this.untypedBuilders.set(kind, b);
    return b;
  }

  // --- scopes: the file, a declare's body ----------------------------------------------------

  /**
   * The items of a scope: its blocks become consts in `decls` (or inline calls), and the returned
   * list is what `config(...)` (or a declare's body) lists, comments included.
   */
  private scopeItems(stmts: readonly Stmt[], from: number, to: number, decls: Decl[], where: "config" | "declare"): string[] {
    const t = this.trivia.container(from, to, stmts.map((s) => s.span));
    // Names first, so references may point forward.
    const planned = stmts.map((s) => (s.kind === "Block" ? this.plan(s) : undefined));
    const items: string[] = [];
    stmts.forEach((s, i) => {
      const prev = stmts[i - 1];
      const blank = i > 0 && (s.kind === "Block" || prev?.kind === "Block");
      if (s.kind === "Attribute") {
        this.problem(s.span.start, "an attribute outside any block");
        return;
      }
      const code = this.topBlock(s, planned[i], decls);
      if (code === undefined) return;
      const w = wrap(code, t.items[i], this.containerTrivia.get(s), { blank }, true, false);
      items.push(...this.usingItems(w));
    });
    if (t.end.length > 0) {
      const lines = t.end;
      if (where === "config" && lines[0] === "" && lines.slice(1).every((l) => l.startsWith("//") && l !== "" && !l.includes("\n"))) {
        items.push(...lines.slice(1).map((l) => this.use("comment", `comment(${tsString(l)})`)));
      } else this.problem(to, "comments after the last block that the builders cannot place");
    }
    return items;
  }

  /** Declares the const a block will have, so that references before it resolve. */
  private plan(b: Block): Target | undefined {
    const kind = blockName(b);
    const label = b.label ? this.label(b.label.value) : undefined;
    if (kind === "declare" && label !== undefined) {
      const exports = new Set(b.body.filter((s): s is Block => s.kind === "Block" && blockName(s) === "export" && !!s.label).map((s) => s.label!.value));
      const target = { name: this.namer.plain(label, "component"), exports };
      this.scope.customs.set(label, target);
      return target;
    }
    if (label === undefined) return undefined;
    const info = this.model.builder(kind);
    const custom = this.customOf(kind);
    const imported = this.fromModule(kind);
    const exports = info ? info.exports : custom ? custom.exports : imported ? imported.exports : this.untypedBuilder(kind).exports;
    const target = { name: this.namer.component(kind, label), exports };
    this.scope.targets.set(`${kind}\u0000${label}`, target);
    return target;
  }

  /** `mod.X` where `import.file "mod"` is a module of this file that declares X: its const, and the import block's const. */
  private fromModule(kind: string): { module: string; name: string; exports: ReadonlySet<string> | undefined; via: string } | undefined {
    const dot = kind.indexOf(".");
    if (dot < 0 || this.scope !== this.root) return undefined;
    const m = this.input.modules?.get(kind.slice(0, dot));
    const d = m?.declares.get(kind.slice(dot + 1));
    const via = this.root.targets.get(`import.file\u0000${kind.slice(0, dot)}`);
    if (!m || !d || !via) return undefined;
    return { module: m.module, name: d.name, exports: d.exports, via: via.name };
  }

  private customOf(kind: string): Target | undefined {
    for (let s: Scope | undefined = this.scope; s; s = s.parent) {
      const c = s.customs.get(kind);
      if (c) return c;
    }
    return undefined;
  }

  /** A top-level (or declare-level) block: the const it defines, or an inline call; its item code. */
  private topBlock(b: Block, target: Target | undefined, decls: Decl[]): string | undefined {
    const kind = blockName(b);
    if (kind === "declare") {
      if (!target) return this.skip(b, "a declare without a label");
      const decl: Decl = { name: target.name, code: "", deps: new Set() };
      decls.push(decl);
      this.within(decl, () => (decl.code = this.declare(b)));
      return target.name;
    }
    const info = this.model.builder(kind);
    const custom = this.customOf(kind);
    if (info) {
      const path = builderPath(kind);
      this.namespaces.add(path.split(".")[0] as string);
      if (!info.labeled) {
        if (b.label) return this.skip(b, `${kind} takes no label`);
        const decl: Decl = { name: "", code: "", deps: new Set() };
        return this.within(decl, () => {
          const args = this.args(b, info.shape, kind);
          return `${path}(${args})`;
        });
      }
      if (!target) return this.skip(b, `${kind} needs a label`);
      const decl: Decl = { name: target.name, code: "", deps: new Set() };
      decls.push(decl);
      this.within(decl, () => (decl.code = `${path}(${tsString(this.label(b.label!.value) ?? "")}, ${this.args(b, info.shape, kind)})`));
      return target.name;
    }
    if (custom && target) {
      const decl: Decl = { name: target.name, code: "", deps: new Set([custom.name]) };
      decls.push(decl);
      this.within(decl, () => (decl.code = `${custom.name}(${tsString(this.label(b.label!.value) ?? "")}, ${this.args(b, {}, kind)})`));
      return target.name;
    }
    const imported = this.fromModule(kind);
    if (imported && target) {
      const decl: Decl = { name: target.name, code: "", deps: new Set([imported.via]) };
      decls.push(decl);
      const local = this.importName(imported.module, imported.name);
      this.within(decl, () => (decl.code = `${local}.from(${imported.via})(${tsString(this.label(b.label!.value) ?? "")}, ${this.args(b, {}, kind)})`));
      return target.name;
    }
    if (!target) return this.skip(b, `${kind} is not a block alloyc has a builder for, and has no label`);
    const u = this.untypedBuilder(kind);
    const decl: Decl = { name: target.name, code: "", deps: new Set() };
    decls.push(decl);
    this.within(decl, () => (decl.code = `${u.name}(${tsString(this.label(b.label!.value) ?? "")}, ${this.args(b, u.shape, kind)})`));
    return target.name;
  }

  private within<T>(decl: Decl, f: () => T): T {
    const saved = this.current;
    this.current = decl;
    try {
      return f();
    } finally {
      this.current = saved;
    }
  }

  /** `declare "name" { argument ... body ... export ... }` → `declare(name, {args}, (args) => ...)`. */
  private declare(b: Block): string {
    const label = this.label(b.label!.value) as string;
    const stmts = b.body;
    // declare() writes the arguments (those not placed in the body by `args.x`), the body, then the exports.
    const rank = (s: Stmt) => (s.kind === "Block" && blockName(s) === "argument" ? 0 : s.kind === "Block" && blockName(s) === "export" ? 2 : 1);
    let lastBody = -1;
    stmts.forEach((s, i) => {
      if (rank(s) === 1) lastBody = i;
    });
    // Arguments after the first item of the body list (a block, or an export placed there) go in it too.
    const firstBody = stmts.findIndex((s, i) => rank(s) === 1 || (rank(s) === 2 && i < lastBody));
    // An export before the body's last block is placed in the body: its value, held in a const, is listed there too.
    const hoisted: string[] = [];
    const hoistedName = new Map<Stmt, string>();
    const t = this.trivia.container(b.lbrace + 1, b.span.end - 1, stmts.map((s) => s.span));
    const argNames = new Set<string>();
    const argCode: string[] = [];
    const bodyStmts: Stmt[] = [];
    const exportCode: string[] = [];
    const outer = this.scope;
    this.scope = { targets: new Map(), customs: new Map(), parent: outer, args: { name: "args", names: argNames } };
    for (const s of stmts) if (s.kind === "Block" && blockName(s) === "argument" && s.label) argNames.add(s.label.value);
    const decls: Decl[] = [];
    const bodyIndex: number[] = [];
    // The body's names first, so the exports (and the body) may refer to any of its blocks.
    const planned = new Map<Stmt, Target | undefined>();
    for (const s of stmts) if (rank(s) === 1 && s.kind === "Block") planned.set(s, this.plan(s));
    try {
      stmts.forEach((s, i) => {
        const blank = i > 0 && (s.kind === "Block" || stmts[i - 1]?.kind === "Block");
        const r = rank(s);
        if (r === 1 || (r === 0 && firstBody >= 0 && i > firstBody) || (r === 2 && i < lastBody)) {
          bodyStmts.push(s);
          bodyIndex.push(i);
          if (r === 1) return;
        }
        const blk = s as Block;
        if (!blk.label) return void this.skip(blk, `${blockName(blk)} needs a label`);
        const name = blk.label.value;
        if (r === 0) {
          // A default may use other arguments: outside the body function, by their Alloy path.
          const inner = this.scope;
          this.scope = { ...inner, args: undefined as never };
          const options = this.fields(blk, {}, "argument");
          this.scope = inner;
          const optional = blk.body.find((a): a is Attribute => a.kind === "Attribute" && a.name.name === "optional");
          if (optional && !(optional.value.kind === "Literal" && (optional.value.raw === "true" || optional.value.raw === "false"))) {
            this.problem(optional.span.start, "optional = something other than true or false");
          }
          const call = this.use("argument", `argument<any>(${options.length > 0 ? `{ ${options.join(", ")} }` : ""})`);
          // An argument after the body's first block is placed in the body (`args.x`), with its trivia there.
          const inBody = firstBody >= 0 && i > firstBody;
          argCode.push(`${tsKey(name)}: ${inBody ? call : this.using(wrap(call, t.items[i], this.containerTrivia.get(blk), { blank }, false, false))}`);
        } else {
          const inner = this.trivia.container(blk.lbrace + 1, blk.span.end - 1, blk.body.map((x) => x.span));
          if (inner.open !== undefined || inner.end.length > 0 || inner.items.some((x) => x.lines.length > 0 || x.after !== undefined)) {
            this.problem(blk.span.start, "comments inside an export block");
          }
          const value = blk.body[0];
          if (blk.body.length !== 1 || value?.kind !== "Attribute" || value.name.name !== "value") {
            return void this.problem(blk.span.start, "an export block other than `value = ...`");
          }
          this.attributes++;
          const code = this.values.value(value.value, "statement");
          if (i < lastBody) {
            const held = this.namer.plain(`${name}_export`, "value");
            // Its own object: an export whose value is an argument's must not place the argument.
            hoisted.push(`const ${held} = ${code.startsWith("args.") ? this.use("trivia", `trivia({}, ${code})`) : code};`);
            hoistedName.set(s, held);
            exportCode.push(`${tsKey(name)}: ${held}`);
          } else exportCode.push(`${tsKey(name)}: ${this.using(wrap(code, t.items[i], undefined, { blank }, false, false))}`);
        }
      });
      // The body's own items, with the trivia read above (the container was read once).
      const items: string[] = [];
      bodyStmts.forEach((s, j) => {
        const i = bodyIndex[j] as number;
        const blank = i > 0 && (s.kind === "Block" || stmts[i - 1]?.kind === "Block");
        if (s.kind === "Attribute") return void this.problem(s.span.start, "an attribute directly inside declare");
        const held = hoistedName.get(s);
        if (held !== undefined) {
          items.push(...this.usingItems(wrap(held, t.items[i], undefined, { blank }, true, false)));
          return;
        }
        if (rank(s) === 0) {
          const code = `args.${(s as Block).label?.value ?? ""}`;
          items.push(...this.usingItems(wrap(code, t.items[i], this.containerTrivia.get(s as Block), { blank }, true, false)));
          return;
        }
        const code = this.topBlock(s, planned.get(s), decls);
        if (code === undefined) return;
        items.push(...this.usingItems(wrap(code, t.items[i], this.containerTrivia.get(s), { blank }, true, false)));
      });
      if (t.end.length > 0 || t.open !== undefined) this.problem(b.span.start, "comments at the start or end of a declare body");
      this.use("declare", "");
      const consts = [...ordered(decls).map((d) => `const ${d.name} = ${d.code};`), ...hoisted];
      const ret = exportCode.length > 0 ? `{ body: [${items.join(", ")}], exports: { ${exportCode.join(", ")} } }` : `[${items.join(", ")}]`;
      const fn = consts.length > 0 ? `(args) => {\n${consts.join("\n")}\nreturn ${ret};\n}` : `(args) => (${ret})`;
      return `declare(${tsString(label)}, { ${argCode.join(", ")} }, ${argNames.size === 0 ? fn.replace("(args)", "()") : fn})`;
    } finally {
      this.scope = outer;
    }
  }

  // --- bodies ---------------------------------------------------------------------------------

  /** A block's argument object, by the shape of its builder. */
  args(b: Block, shape: Shape, entry: string): string {
    const fields = this.fields(b, shape, entry);
    return fields.length === 0 ? "{}" : `{ ${fields.join(", ")} }`;
  }

  /** The `key: value` entries of a body (its attributes, blocks and groups) in order. */
  private fields(b: Block, shape: Shape, entry: string): string[] {
    const stmts = b.body;
    const t = this.trivia.container(b.lbrace + 1, b.span.end - 1, stmts.map((s) => s.span));
    this.containerTrivia.set(b, t);
    type Entry = { key: string; kind: "attr" | "block" | "group"; parts: number[]; shape?: BlockShape };
    const entries: Entry[] = [];
    const byKey = new Map<string, Entry>();
    stmts.forEach((s, i) => {
      let key: string;
      let kind: Entry["kind"];
      let bs: BlockShape | undefined;
      if (s.kind === "Attribute") {
        key = s.name.name;
        kind = "attr";
        if (shape.blocks?.[key] || shape.groups?.[key]) return void this.problem(s.span.start, `${key} is a block in ${entry}, written here as an attribute`);
      } else {
        const name = blockName(s);
        const group = Object.entries(shape.groups ?? {}).find(([, g]) => g[name] !== undefined);
        if (shape.blocks?.[name]) {
          key = name;
          kind = "block";
          bs = shape.blocks[name];
        } else if (group) {
          key = group[0];
          kind = "group";
        } else return void this.problem(s.span.start, `${name} is not a block of ${entry}`);
      }
      const existing = byKey.get(key);
      if (existing) {
        if (existing !== entries[entries.length - 1] || existing.kind === "attr") return void this.problem(s.span.start, `${key} appears again after other statements (the builders write each key once)`);
        existing.parts.push(i);
        return;
      }
      const e: Entry = { key, kind, parts: [i], ...(bs ? { shape: bs } : {}) };
      entries.push(e);
      byKey.set(key, e);
    });
    const blankOf = (i: number) => i > 0 && (stmts[i]?.kind === "Block" || stmts[i - 1]?.kind === "Block");
    return entries.map((e) => {
      if (e.kind === "attr") {
        const i = e.parts[0] as number;
        const a = stmts[i] as Attribute;
        this.attributes++;
        const code = this.values.value(a.value, "statement");
        const fresh = a.value.kind === "Literal" || a.value.kind === "Array" || a.value.kind === "Object";
        return `${tsKey(e.key)}: ${this.using(wrap(code, t.items[i], undefined, { blank: blankOf(i) }, false, fresh))}`;
      }
      const one = e.kind === "block" && e.parts.length === 1 && !e.shape?.labeled;
      const codes = e.parts.map((i) => {
        const blk = stmts[i] as Block;
        const code = e.kind === "group" ? this.groupMember(blk, shape, e.key, entry) : this.nestedBlock(blk, e.shape as BlockShape, entry);
        const inner = this.containerTrivia.get(blk);
        return { i, code, inner };
      });
      if (one || (e.kind === "block" && !e.shape?.multiple)) {
        const c = codes[0]!;
        return `${tsKey(e.key)}: ${this.using(wrap(c.code, t.items[c.i], c.inner, { blank: blankOf(c.i) }, false, true))}`;
      }
      const list = codes.flatMap((c) => this.usingItems(wrap(c.code, t.items[c.i], c.inner, { blank: blankOf(c.i) }, true, false)));
      return `${tsKey(e.key)}: [${list.join(", ")}]`;
    });
  }

  /** Container trivia of blocks already read (open and end lines of their bodies). */
  private readonly containerTrivia = new Map<Block, ContainerTrivia>();

  /** A nested block's body object: `{ label: "x", ... }`, a relabel rule, an otelcol output. */
  private nestedBlock(b: Block, shape: BlockShape, entry: string): string {
    const name = blockName(b);
    if (name === "rule" && entry.endsWith(".relabel") && !shape.labeled) return this.relabelRule(b, shape, entry);
    if (name === "output" && entry.startsWith("otelcol.") && !shape.labeled) {
      const out = this.output(b, shape, entry);
      if (out !== undefined) return out;
    }
    const fields = this.fields(b, shape.body, `${entry} > ${name}`);
    if (shape.labeled) {
      if (!b.label) return this.skipCode(b, `${name} blocks need a label`);
      fields.unshift(`label: ${tsString(this.label(b.label.value) ?? "")}`);
    } else if (b.label) return this.skipCode(b, `${name} blocks take no label`);
    return fields.length === 0 ? "{}" : `{ ${fields.join(", ")} }`;
  }

  /** `relabel.replace({...})` where the action follows `source_labels` (or comes first), else `relabel.rule`. */
  private relabelRule(b: Block, shape: BlockShape, entry: string): string {
    const attrs = b.body;
    const at = attrs.findIndex((s) => s.kind === "Attribute" && s.name.name === "action");
    const action = attrs[at] as Attribute | undefined;
    const sourceFirst = attrs[0]?.kind === "Attribute" && attrs[0].name.name === "source_labels";
    const hasSource = attrs.some((s) => s.kind === "Attribute" && s.name.name === "source_labels");
    const literal = action?.value.kind === "Literal" && action.value.literalKind === "string" ? unquote(action.value.raw) : undefined;
    const t = this.trivia.container(b.lbrace + 1, b.span.end - 1, attrs.map((s) => s.span));
    const actionTrivia = action ? t.items[at] : undefined;
    const plainAction = actionTrivia !== undefined && actionTrivia.lines.length === 0 && actionTrivia.after === undefined;
    this.use("relabel", "");
    if (literal !== undefined && RELABEL_ACTIONS.has(literal) && action?.value.kind === "Literal" && `"${literal}"` === action.value.raw && (sourceFirst ? at === 1 : at === 0 && !hasSource) && plainAction && !attrs.some((s) => s.kind === "Block")) {
      // Read the body without the action: same trivia (already read), the action's left out.
      const fields = this.fields(b, shape.body, `${entry} > rule`).filter((f) => !f.startsWith("action: "));
      return `relabel.${literal}(${fields.length === 0 ? "" : `{ ${fields.join(", ")} }`})`;
    }
    const fields = this.fields(b, shape.body, `${entry} > rule`);
    return `relabel.rule({ ${fields.join(", ")} })`;
  }

  /** `otelcol.output({ traces: [x.input] })` when every attribute is a list of consumers. */
  private output(b: Block, shape: BlockShape, entry: string): string | undefined {
    if (b.body.some((s) => s.kind !== "Attribute" || !["metrics", "logs", "traces"].includes(s.name.name) || s.value.kind !== "Array")) return undefined;
    const fields = this.fields(b, shape.body, `${entry} > output`);
    this.namespaces.add("otelcol");
    return `otelcol.output(${fields.length === 0 ? "{}" : `{ ${fields.join(", ")} }`})`;
  }

  /** A member of a block group: `loki.stage.json({...})` in loki.process, `{ "stage.x": {...} }` elsewhere. */
  private groupMember(b: Block, shape: Shape, group: string, entry: string): string {
    const name = blockName(b);
    const member = (shape.groups?.[group] ?? {})[name] as BlockShape;
    const fields = this.fields(b, member.body, `${entry} > ${name}`);
    const body = fields.length === 0 ? "{}" : `{ ${fields.join(", ")} }`;
    if (b.label) return this.skipCode(b, `${name} takes no label`);
    if (group === "stage" && name.startsWith("stage.") && (entry === "loki.process" || entry.startsWith("loki.process >"))) {
      this.namespaces.add("loki");
      return `loki.stage.${name.slice("stage.".length)}(${fields.length === 0 ? "" : body})`;
    }
    return `{ ${tsString(name)}: ${body} }`;
  }

  // --- references, names, reporting -------------------------------------------------------------

  /** A reference path as TypeScript, or undefined when it names nothing this module declares. */
  resolve(path: readonly string[]): string | undefined {
    const args = this.scope.args;
    if (args && path[0] === "argument" && path[2] === "value" && path.length >= 3 && args.names.has(path[1] as string)) {
      return this.fieldsOf(`${args.name}.${tsKey(path[1] as string).startsWith('"') ? `[${tsString(path[1] as string)}]` : path[1]}`, path.slice(3));
    }
    for (let k = path.length - 1; k >= 2; k--) {
      const key = `${path.slice(0, k - 1).join(".")}\u0000${path[k - 1]}`;
      const sibling = this.scope === this.root ? this.input.siblings?.get(key) : undefined;
      const target = this.scope.targets.get(key) ?? (sibling ? { name: this.importName(sibling.module, sibling.name), exports: sibling.exports } : undefined);
      if (!target) continue;
      const exp = path[k] as string;
      if (target.exports && !target.exports.has(exp)) return undefined;
      this.current?.deps.add(target.name);
      return this.fieldsOf(`${target.name}.${exp}`, path.slice(k + 1));
    }
    return undefined;
  }

  /** The local name of `name` from another module, imported once. */
  private importName(module: string, name: string): string {
    let list = this.external.get(module);
    if (!list) this.external.set(module, (list = new Map()));
    let alias = list.get(name);
    if (alias === undefined) {
      alias = this.namer.pick([[name]]);
      list.set(name, alias);
    }
    return alias;
  }

  private fieldsOf(base: string, rest: readonly string[]): string {
    let code = base;
    for (const r of rest) code = this.use("field", `field(${code}, ${tsString(r)})`);
    return code;
  }

  /** An object key as the builders would write it back, or undefined when they would write it differently. */
  keyName(key: ObjectKey): string | undefined {
    if (!key.quoted) return key.name;
    const text = this.input.bytes[key.span.start] === 0x22 ? unquote(`"${key.name}"`) : undefined;
    if (text === undefined || (!isValidIdentifier(text) && quoteInner(text) !== key.name)) return undefined;
    return text;
  }

  /** A label's value, or undefined when the builders would quote it differently. */
  label(written: string): string | undefined {
    const value = unquote(`"${written}"`);
    return value !== undefined && quoteInner(value) === written ? value : undefined;
  }

  /** Whether the text between two offsets has a line break. */
  broken(from: number, to: number): boolean {
    return this.input.bytes.subarray(from, to).includes(10);
  }

  /** How a call's arguments are broken (the same as a list's). */
  callLayout(e: Expr & { kind: "Call" }): "single" | "multi" | "mixed" {
    if (this.broken(e.callee.span.end, e.lparen + 1)) return "mixed";
    return this.gaps(e.lparen + 1, e.span.end - 1, e.args);
  }

  /** How a list or object is broken: on one line, one item per line, or otherwise. */
  layoutOf(e: Expr & { kind: "Array" | "Object" }): "single" | "multi" | "mixed" {
    return this.gaps(e.span.start + 1, e.span.end - 1, e.kind === "Array" ? e.elements : e.fields);
  }

  private gaps(from: number, to: number, items: readonly { readonly span: { readonly start: number; readonly end: number } }[]): "single" | "multi" | "mixed" {
    if (items.length === 0) return this.broken(from, to) ? "multi" : "single";
    const gaps: Array<[number, number]> = [];
    let pos = from;
    for (const x of items) {
      gaps.push([pos, x.span.start]);
      pos = x.span.end;
    }
    gaps.push([pos, to]);
    const broken = gaps.map(([a, b]) => this.input.bytes.subarray(a, b).includes(10));
    if (broken.every((x) => !x)) return "single";
    if (broken.every((x) => x)) return "multi";
    return "mixed";
  }

  use(name: string, code: string): string {
    this.imports.add(name);
    return code;
  }

  using(w: Wrapped): string {
    for (const u of w.uses) this.imports.add(u);
    return w.code;
  }

  usingItems(w: Wrapped): string[] {
    for (const u of w.uses) this.imports.add(u);
    return [...w.items, w.code];
  }

  /** `raw(...)` for this value only, counted and located. */
  raw(e: Expr): string {
    const text = new TextDecoder().decode(this.input.bytes.subarray(e.span.start, e.span.end));
    if (text.includes("\n")) return this.unsupported(e, "an expression over several lines that the typed helpers cannot express");
    this.raws.push(this.locate(e, text));
    return this.use("raw", `raw(${tsString(text)})`);
  }

  /** Reports what the builders cannot write back; the text stays, on one line, as `raw(...)`. */
  unsupported(node: Node, message: string): string {
    this.problems.push(this.locate(node, message));
    const text = "span" in node ? new TextDecoder().decode(this.input.bytes.subarray(node.span.start, node.span.end)) : "null";
    return this.use("raw", `raw(${tsString(text.replace(/\s*\n\s*/g, " "))})`);
  }

  private skip(node: Node, message: string): undefined {
    this.problems.push(this.locate(node, message));
    return undefined;
  }

  private skipCode(node: Node, message: string): string {
    return this.unsupported(node, message);
  }

  private problem(offset: number, message: string): void {
    const p = this.input.lines.position(offset);
    this.problems.push({ line: p.line, column: p.column, message });
  }

  /** Where a node of the formatted tree was in the file as written. */
  private locate(node: Node, message: string): Located {
    const original = this.input.original;
    if (original) {
      this.mapping ??= pair(this.input.file, original.file);
      const o = this.mapping.get(node);
      if (o && "span" in o) {
        const p = original.lines.position(o.span.start);
        return { line: p.line, column: p.column, message };
      }
    }
    const p = this.input.lines.position("span" in node ? node.span.start : 0);
    return { line: p.line, column: p.column, message };
  }
}

/** The builders' namespaces (a const never takes one of these names). */
const NAMESPACE_ROOTS = [
  "beyla", "database_observability", "discovery", "faro", "foreach", "http", "import_", "export_", "livedebugging", "local", "logging",
  "loki", "mimir", "otelcol", "prometheus", "pyroscope", "remote", "remotecfg", "tracing",
];

/** `loki.source.file` → itself; `import.file` → `import_.file` (a reserved word). */
export function builderPath(kind: string): string {
  const [first, ...rest] = kind.split(".");
  const root = first === "import" || first === "export" ? `${first}_` : (first as string);
  return [root, ...rest].join(".");
}

/** The shape of blocks as written (every nested block, repeated or labelled where one is), in the builders' notation too. */
function shapeOf(blocks: readonly Block[]): [Shape, string] {
  const names = new Map<string, { multiple: boolean; labeled: boolean; bodies: Block[] }>();
  for (const b of blocks) {
    const counts = new Map<string, number>();
    for (const s of b.body) {
      if (s.kind !== "Block") continue;
      const n = blockName(s);
      counts.set(n, (counts.get(n) ?? 0) + 1);
      const e = names.get(n) ?? { multiple: false, labeled: false, bodies: [] };
      e.bodies.push(s);
      if (s.label) e.labeled = true;
      names.set(n, e);
    }
    for (const [n, c] of counts) if (c > 1) (names.get(n) as { multiple: boolean }).multiple = true;
  }
  const shapes: Record<string, BlockShape> = {};
  const texts: string[] = [];
  for (const [n, e] of names) {
    const [body, text] = shapeOf(e.bodies);
    shapes[n] = { ...(e.multiple ? { multiple: true as const } : {}), ...(e.labeled ? { labeled: true as const } : {}), body };
    texts.push(`${n}${e.multiple ? "*" : ""}${e.labeled ? "@" : ""}${text !== "" ? `{${text}}` : ""}`);
  }
  return [names.size > 0 ? { blocks: shapes } : {}, texts.join(" ")];
}

/** Nodes of two trees of the same shape, paired. */
function pair(a: File, b: File): Map<Node, Node> {
  const out = new Map<Node, Node>();
  const stack: Array<[Node, Node]> = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop() as [Node, Node];
    out.set(x, y);
    const cx = children(x);
    const cy = children(y);
    if (cx.length !== cy.length) continue;
    for (let i = 0; i < cx.length; i++) stack.push([cx[i] as Node, cy[i] as Node]);
  }
  return out;
}

/** Decls in file order, each after the ones it uses (Alloy allows references forward). */
function ordered(decls: readonly Decl[]): Decl[] {
  const byName = new Map(decls.map((d) => [d.name, d]));
  const done = new Set<string>();
  const out: Decl[] = [];
  const visit = (d: Decl, path: Set<string>): void => {
    if (done.has(d.name) || path.has(d.name)) return;
    path.add(d.name);
    for (const dep of d.deps) {
      const x = byName.get(dep);
      if (x) visit(x, path);
    }
    done.add(d.name);
    out.push(d);
  };
  for (const d of decls) visit(d, new Set());
  return out;
}
