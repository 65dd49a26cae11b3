/**
 * Writes one generated module (`src/schema/components/<module>.gen.ts`): for each entry its zod
 * schemas (arguments and exports), the z.infer types, and the entry object that pairs them with
 * the entry's plain-data spec. The specs have modules of their own (gen-catalog-specs.ts), which
 * this module imports and re-exports; both are printed from the same EntrySpec.
 */
import type { ArgumentSpec, BlockSpec, EntrySpec } from "../src/schema/spec.js";
import type { AlloyType } from "../src/schema/types.js";
import { camelName, pascalName } from "./gen-catalog-model.js";
import { specModuleImport } from "./gen-catalog-specs.js";
import { BANNER, IND, importLine, key, Names, str } from "./gen-catalog-text.js";

interface Body {
  readonly arguments: readonly ArgumentSpec[];
  readonly blocks: readonly BlockSpec[];
  readonly labeled?: boolean;
  readonly body?: "config";
  readonly blocksRef?: BlockSpec["blocksRef"];
}

const accepted = <T extends { readonly rejected?: true }>(xs: readonly T[]): T[] => xs.filter((x) => !x.rejected);

/** What a body's schema depends on: two bodies with the same key get the same schema. */
function schemaKey(b: Body): string {
  return JSON.stringify({
    l: b.labeled ?? false,
    c: b.body ?? null,
    r: b.blocksRef ?? null,
    a: accepted(b.arguments).map((a) => [a.name, a.type, a.required, a.enum ?? null]),
    b: accepted(b.blocks).map((c) => [c.name, c.required, c.multiple, c.group ?? null, schemaKey(c)]),
  });
}

function hasBlocksRef(b: Body): boolean {
  return b.blocksRef !== undefined || b.blocks.some(hasBlocksRef);
}

function forEachBlock(b: Body, f: (x: BlockSpec) => void): void {
  for (const c of b.blocks) {
    f(c);
    forEachBlock(c, f);
  }
}

/** A group whose element schema is recursive (`stage.match` nests any `stage.*` block). */
interface RecursiveGroup {
  readonly constName: string;
  readonly typeName: string;
  /** The member that nests the group again. */
  readonly nester: BlockSpec;
}

export class ModuleEmitter {
  private readonly names = new Names();
  private readonly schemaCounts = new Map<string, number>();
  private readonly schemaHoisted = new Map<string, string>();
  /** Declarations shared by several entries, in dependency order. */
  readonly sharedDecls: string[] = [];
  private usesV = false;

  constructor(entries: readonly EntrySpec[]) {
    for (const e of entries) {
      forEachBlock(e, (b) => {
        if (!b.rejected && b.body !== "config" && !hasBlocksRef(b)) {
          const k = schemaKey(b);
          this.schemaCounts.set(k, (this.schemaCounts.get(k) ?? 0) + 1);
        }
      });
    }
  }

  get needsV(): boolean {
    return this.usesV;
  }

  /** The module-level code for one entry. */
  entry(e: EntrySpec): string {
    const id = camelName(e.name);
    const Id = pascalName(e.name);
    for (const n of [`${id}Schemas`, `${id}Spec`, `${id}Entry`, `${Id}Arguments`, `${Id}Exports`]) this.names.take(n);
    const out: string[] = [];
    const recursive = this.recursiveGroups(e, out);
    const d = 2;
    const args = e.body === "config" ? this.openBody() : this.bodySchema(e, [], recursive, d);
    const exportsSchema = e.exportsDynamic
      ? this.openBody()
      : e.exports.length === 0
        ? "z.strictObject({})"
        : `z.strictObject({${e.exports.map((x) => `\n${IND.repeat(d + 1)}${key(x.name)}: ${this.valueSchema(x.type)},`).join("")}\n${IND.repeat(d)}})`;
    const flags = [e.kind, e.stability ?? "no stability level", e.community ? "community" : "", e.removed ? "removed" : ""];
    out.push(
      `/**\n * \`${e.name}\` (${flags.filter((f) => f).join(", ")})\n * ${e.docs}\n */`,
      // Schemas are built on first use (defineEntry), so importing a module stays cheap.
      `function ${id}Schemas() {`,
      `${IND}return {`,
      `${IND}${IND}arguments: ${args},`,
      `${IND}${IND}exports: ${exportsSchema},`,
      `${IND}};`,
      `}`,
      `export type ${Id}Arguments = z.infer<ReturnType<typeof ${id}Schemas>["arguments"]>;`,
      `export type ${Id}Exports = z.infer<ReturnType<typeof ${id}Schemas>["exports"]>;`,
      `export { ${id}Spec };`,
      `export const ${id}Entry = defineEntry(${id}Spec, ${id}Schemas);`,
    );
    return out.join("\n");
  }

  // ---- zod ----

  private openBody(): string {
    this.usesV = true;
    return "v.openBody()";
  }

  valueSchema(t: AlloyType, allowed?: readonly string[]): string {
    switch (t.kind) {
      case "primitive":
        switch (t.name) {
          case "string":
            return allowed ? `z.enum([${allowed.map(str).join(", ")}])` : "z.string()";
          case "number":
            if (t.numberKind === "int" || t.numberKind === "uint") {
              this.usesV = true;
              return `v.${t.numberKind}()`;
            }
            return "z.number()";
          case "bool":
            return "z.boolean()";
          case "duration":
            this.usesV = true;
            return "v.duration()";
          case "secret":
            this.usesV = true;
            return "v.secret()";
          case "optional_secret":
            this.usesV = true;
            return "v.optionalSecret()";
        }
        break;
      case "list":
        return `z.array(${this.valueSchema(t.element, allowed)})`;
      case "map":
        return `z.record(z.string(), ${this.valueSchema(t.value)})`;
      case "capsule":
        this.usesV = true;
        return `v.capsule(${str(t.capsule)})`;
      case "object":
        return `z.strictObject({ ${t.fields
          .map((f) => `${key(f.name)}: ${this.valueSchema(f.type)}${f.required ? "" : ".optional()"}`)
          .join(", ")} })`;
      case "any":
        return "z.unknown()";
      case "function":
        this.usesV = true;
        return "v.func()";
    }
    throw new Error(`unhandled type ${JSON.stringify(t)}`);
  }

  /**
   * The schema of a block body, inline or as a call of a shared factory (bodies repeated within
   * the module, such as `tls_config`, are written once; a factory returns fresh instances because
   * the metadata registry is keyed by instance).
   */
  private bodySchema(b: Body, path: readonly string[], rec: Map<string, RecursiveGroup>, depth: number): string {
    const k = schemaKey(b);
    const hoisted = this.schemaHoisted.get(k);
    if (hoisted !== undefined) return `${hoisted}()`;
    const empty = accepted(b.arguments).length === 0 && accepted(b.blocks).length === 0 && !b.labeled;
    const shared = (this.schemaCounts.get(k) ?? 0) > 1 && path.length > 0 && !hasBlocksRef(b) && !empty;
    const code = this.objectSchema(b, path, rec, shared ? 1 : depth);
    if (!shared) return code;
    const name = this.names.take(`${camelName(path[path.length - 1] ?? "body")}Body`);
    this.schemaHoisted.set(k, name);
    this.sharedDecls.push(`function ${name}() {\n${IND}return ${code};\n}`);
    return `${name}()`;
  }

  private objectSchema(b: Body, path: readonly string[], rec: Map<string, RecursiveGroup>, depth: number): string {
    const fields = this.fields(b, path, rec, depth + 1);
    if (fields.length === 0) return "z.strictObject({})";
    return `z.strictObject({${fields.map((f) => `\n${IND.repeat(depth + 1)}${f},`).join("")}\n${IND.repeat(depth)}})`;
  }

  /** The `key: schema` pairs of a body (without the blocks_ref group, see recursiveGroups). */
  private fields(b: Body, path: readonly string[], rec: Map<string, RecursiveGroup>, depth: number): string[] {
    const out: string[] = [];
    const keys = new Set<string>();
    const add = (k: string, code: string): void => {
      if (keys.has(k)) throw new Error(`${path.join(" > ")}: duplicate field ${k}`);
      keys.add(k);
      out.push(`${key(k)}: ${code}`);
    };
    // A block label lives in the body value; an entry's own label (`loki.write "default"`) does not.
    if (b.labeled && path.length > 0) add("label", "z.string()");
    for (const a of accepted(b.arguments)) {
      add(a.name, `${this.valueSchema(a.type, a.enum)}${a.required ? "" : ".optional()"}`);
    }
    const groups = new Set<string>();
    for (const c of accepted(b.blocks)) {
      if (c.group !== undefined) {
        if (groups.has(c.group)) continue;
        groups.add(c.group);
        const r = rec.get(groupKey(path, c.group));
        const element = r ? r.constName : this.groupElement(b, c.group, path, rec, depth);
        add(c.group, `z.array(${element}).optional()`);
        continue;
      }
      add(c.name, this.blockField(c, [...path, c.name], rec, depth));
    }
    return out;
  }

  private groupElement(b: Body, group: string, path: readonly string[], rec: Map<string, RecursiveGroup>, depth: number): string {
    this.usesV = true;
    const members = accepted(b.blocks).filter((c) => c.group === group);
    const inner = members.map(
      (m) => `\n${IND.repeat(depth + 1)}${key(m.name)}: ${this.bodySchema(m, [...path, m.name], rec, depth + 1)}.optional(),`,
    );
    return `v.oneBlockOf({${inner.join("")}\n${IND.repeat(depth)}})`;
  }

  private blockField(c: BlockSpec, path: readonly string[], rec: Map<string, RecursiveGroup>, depth: number): string {
    const body = c.body === "config" ? this.openBody() : this.bodySchema(c, path, rec, depth);
    if (c.multiple) return `z.array(${body})${c.required ? ".min(1)" : ".optional()"}`;
    return c.required ? body : `${body}.optional()`;
  }

  /**
   * Declares the element schema of each group that a member nests again (`blocks_ref`), with an
   * explicit recursive type: TypeScript cannot infer a self-referencing schema. Each member's
   * type is still z.infer of its own schema; only the back edge is spelled out.
   */
  private recursiveGroups(e: EntrySpec, out: string[]): Map<string, RecursiveGroup> {
    const rec = new Map<string, RecursiveGroup>();
    const visit = (b: Body, path: readonly string[]): void => {
      for (const c of b.blocks) {
        if (c.blocksRef && !c.rejected) {
          const { group } = c.blocksRef;
          const target = c.blocksRef.path;
          if (c.group !== group || target.join(">") !== path.join(">")) {
            throw new Error(`${e.name} ${c.name}: blocks_ref is only supported for a member of the referenced group`);
          }
          const gk = groupKey(path, group);
          if (!rec.has(gk)) {
            const base = camelName(`${e.name}.${[...path, group].join(".")}`);
            rec.set(gk, {
              constName: this.names.take(`${base}Group`),
              typeName: this.names.take(`${pascalName(`${e.name}.${[...path, group].join(".")}`)}Element`),
              nester: c,
            });
            this.emitRecursiveGroup(e, b, path, rec.get(gk)!, rec, out);
          }
        }
        visit(c, [...path, c.name]);
      }
    };
    visit(e, []);
    return rec;
  }

  private emitRecursiveGroup(
    e: EntrySpec,
    owner: Body,
    path: readonly string[],
    r: RecursiveGroup,
    rec: Map<string, RecursiveGroup>,
    out: string[],
  ): void {
    this.usesV = true;
    const group = r.nester.blocksRef!.group;
    const members = accepted(owner.blocks).filter((c) => c.group === group);
    const memberConst = new Map<string, string>();
    const typeProps: string[] = [];
    for (const m of members) {
      const base = camelName(`${e.name}.${[...path, m.name].join(".")}`);
      if (m === r.nester) {
        const shape = this.names.take(`${base}Shape`);
        const bodyName = this.names.take(`${base}Body`);
        const fields = this.fields({ ...m, blocksRef: undefined }, [...path, m.name], rec, 1);
        out.push(`const ${shape} = {${fields.map((f) => `\n${IND}${f},`).join("")}\n};`);
        out.push(
          `const ${bodyName} = z.strictObject({\n${IND}...${shape},\n${IND}get ${key(group)}(): z.ZodOptional<z.ZodArray<z.ZodType<${r.typeName}>>> {\n${IND}${IND}return z.array(${r.constName}).optional();\n${IND}},\n});`,
        );
        memberConst.set(m.name, bodyName);
        typeProps.push(
          `${key(m.name)}?: z.infer<z.ZodObject<typeof ${shape}, z.core.$strict>> & { ${key(group)}?: ${r.typeName}[] };`,
        );
      } else {
        const bodyName = this.names.take(`${base}Body`);
        out.push(`const ${bodyName} = ${this.bodySchema(m, [...path, m.name], rec, 0)};`);
        memberConst.set(m.name, bodyName);
        typeProps.push(`${key(m.name)}?: z.infer<typeof ${bodyName}>;`);
      }
    }
    out.push(
      `/** One element of \`${[e.name, ...path, group].join(" > ")}\`: exactly one block; \`${r.nester.name}\` nests the group again. */`,
      `export type ${r.typeName} = {${typeProps.map((p) => `\n${IND}${p}`).join("")}\n};`,
      // A cast, not an annotation: relating the inferred object type to z.ZodType<...> makes tsc
      // compute the variance of zod's wrapper classes, which costs about a second.
      `const ${r.constName} = v.oneBlockOf({${members
        .map((m) => `\n${IND}${key(m.name)}: ${memberConst.get(m.name)}.optional(),`)
        .join("")}\n}) as unknown as z.ZodType<${r.typeName}>;`,
    );
  }

}

function groupKey(path: readonly string[], group: string): string {
  return `${path.join(">")}#${group}`;
}

/** The full text of a generated module for these entries. */
export function emitModule(module: string, entries: readonly EntrySpec[], source: string): string {
  const m = new ModuleEmitter(entries);
  const bodies = entries.map((e) => m.entry(e));
  const lines = [
    BANNER,
    `// Catalog module \`${module}\`: ${entries.length} ${entries.length === 1 ? "entry" : "entries"}. Source: ${source}.`,
    "",
    `import { z } from "zod";`,
    `import { defineEntry } from "../entry.js";`,
    importLine(entries.map((e) => `${camelName(e.name)}Spec`), specModuleImport(module)),
    ...(m.needsV ? [`import { v } from "../values.js";`] : []),
    "",
    ...(m.sharedDecls.length ? [...m.sharedDecls.join("\n\n").split("\n"), ""] : []),
    bodies.join("\n\n"),
    "",
    "/** This module's entries by Alloy name (what `catalog.load` reads). */",
    "export const entries = {",
    ...entries.map((e) => `${IND}${str(e.name)}: ${camelName(e.name)}Entry,`),
    "} as const;",
    "",
  ];
  return lines.join("\n");
}
