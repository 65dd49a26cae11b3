import type { Expr, Identifier } from "../ast/index.js";
import type { ArgumentSpec, EntrySpec } from "../schema/spec.js";
import type { AlloyType } from "../schema/types.js";
import type { Catalog } from "./catalog.js";
import type { Registration } from "./analyze.js";
import { chain, resolveTraversal } from "./resolve.js";
import { isOptionalArgument, moduleArguments, moduleExports, type Scope, type ScopeNode } from "./scope.js";
import { bindBody, flattenBodies, type BodySpec, type BoundBody } from "./validate.js";

/**
 * Types through `declare`: what a custom component's arguments and exports are, inferred from
 * its body, so its instances are checked like catalog components. An argument's type is what the
 * places that use it expect (`forward_to = argument.logs.value` makes `logs` a
 * `list(capsule(loki.LogsReceiver))`; `[argument.to.value]` makes `to` one receiver); an argument
 * used where two different types are expected, or only where any value goes, stays untyped. An
 * export's type is its value's: a component export, an argument, a nested custom component's
 * export, or a list of one of those. Nested declares and `import.file` modules are typed the same
 * way, on demand and once each.
 */
export interface ModuleTypes {
  /** Argument label → the type its uses expect, when they agree. */
  readonly arguments: ReadonlyMap<string, AlloyType>;
  /** Export label → the type of its value, when known. */
  readonly exports: ReadonlyMap<string, AlloyType>;
}

const UNTYPED: ModuleTypes = { arguments: new Map(), exports: new Map() };

/** How deep custom components may nest before the rest is left untyped (bounds the call stack). */
const MAX_NESTING = 64;

export interface TypeSources {
  readonly catalog: Catalog;
  registration(node: ScopeNode): Registration;
  /** The analysis' own binding of a block, when it has bound it already (bound once, not twice). */
  bound?(node: ScopeNode): BoundBody | undefined;
}

export interface DeclareTypes {
  /** The inferred types of a module (a `declare` body or an imported declare's body). */
  of(module: Scope): ModuleTypes;
  /** The type of `target.field` when `target` is a component block (catalog or custom). */
  exportType(target: ScopeNode, field: string): AlloyType | undefined;
  /** The body spec of a component block: the catalog's, or its custom component's arguments. */
  bodySpec(node: ScopeNode): { readonly body: BodySpec; readonly entry: EntrySpec | undefined } | undefined;
}

/** The arguments a custom component accepts: its module's `argument` blocks, typed when known. */
export function customSpec(module: Scope, types: ModuleTypes = UNTYPED): BodySpec {
  const args: ArgumentSpec[] = moduleArguments(module).map((n) => ({
    name: n.label as string,
    type: types.arguments.get(n.label as string) ?? { kind: "any" },
    required: !isOptionalArgument(n.block),
    provenance: "docs+go",
  }));
  return { arguments: args, blocks: [] };
}

export function declareTypes(src: TypeSources): DeclareTypes {
  const memo = new Map<Scope, ModuleTypes>();
  const active = new Set<Scope>();
  // One spec per module, shared by its instances (validate.ts indexes each spec object once).
  const specs = new Map<Scope, BodySpec>();

  const of = (module: Scope): ModuleTypes => {
    const known = memo.get(module);
    if (known) return known;
    // A module that (through others) uses itself, or nesting past the bound: left untyped.
    if (active.has(module) || active.size >= MAX_NESTING) return UNTYPED;
    active.add(module);
    try {
      const types = infer(module);
      memo.set(module, types);
      return types;
    } finally {
      active.delete(module);
    }
  };

  const customModule = (node: ScopeNode): Scope | undefined => {
    const r = src.registration(node);
    if (r.kind === "declare") return r.module;
    if (r.kind === "import" && r.member?.kind === "declare" && r.member.node.inner && node.name.split(".").length === 2) return r.member.node.inner;
    return undefined;
  };

  const bodySpec: DeclareTypes["bodySpec"] = (node) => {
    if (node.kind !== "component") return undefined;
    const r = src.registration(node);
    if (r.kind === "builtin") return r.spec && !r.blocked ? { body: r.spec, entry: r.spec } : undefined;
    const module = customModule(node);
    if (!module) return undefined;
    let body = specs.get(module);
    if (!body) {
      const types = of(module);
      body = customSpec(module, types);
      // Typed in the middle of typing itself (a cycle, or past the nesting bound): not kept.
      if (memo.has(module)) specs.set(module, body);
    }
    return { body, entry: undefined };
  };

  const exportType: DeclareTypes["exportType"] = (target, field) => {
    if (target.kind !== "component") return undefined;
    const r = src.registration(target);
    if (r.kind === "builtin") return r.spec?.exports.find((e) => e.name === field)?.type;
    const module = customModule(target);
    return module ? of(module).exports.get(field) : undefined;
  };

  function infer(module: Scope): ModuleTypes {
    const labels = new Set(moduleArguments(module).map((n) => n.label as string));
    const uses = new Map<string, { type: AlloyType; key: string } | "conflict">();
    const use = (label: string, type: AlloyType): void => {
      if (type.kind === "any") return;
      const key = JSON.stringify(type);
      const before = uses.get(label);
      if (before === undefined) uses.set(label, { type, key });
      else if (before !== "conflict" && before.key !== key) uses.set(label, "conflict");
    };
    // The module's own blocks and those of its foreach templates (which see `argument` too).
    for (const node of blocksOf(module)) {
      const spec = bodySpec(node);
      if (!spec) continue;
      for (const body of flattenBodies(src.bound?.(node) ?? bindBody(node.block, spec.body, spec.entry, node.name))) {
        for (const a of body.attributes) {
          if (a.spec) expectations(a.attr.value, a.spec.type, (label, type) => labels.has(label) && use(label, type));
        }
      }
    }
    const args = new Map<string, AlloyType>();
    for (const [label, u] of uses) if (u !== "conflict") args.set(label, u.type);
    const exports = new Map<string, AlloyType>();
    for (const e of moduleExports(module)) {
      const value = e.block.body.find((s) => s.kind === "Attribute" && s.name.name === "value");
      const type = value?.kind === "Attribute" ? valueType(value.value, module, args) : undefined;
      if (type) exports.set(e.label as string, type);
    }
    return { arguments: args, exports };
  }

  /** The type of an export's value, when it is a reference (or a list of references) we can type. */
  function valueType(expr: Expr, scope: Scope, args: ReadonlyMap<string, AlloyType>): AlloyType | undefined {
    if (expr.kind === "Array") {
      if (expr.elements.length === 0) return undefined;
      const types = expr.elements.map((e) => (e.kind === "Array" ? undefined : valueType(e, scope, args)));
      const first = types[0];
      if (!first || types.some((t) => !t || JSON.stringify(t) !== JSON.stringify(first))) return undefined;
      return { kind: "list", element: first };
    }
    const parts = chain(expr);
    if (!parts) return undefined;
    const r = resolveTraversal(parts, scope, src.catalog.stdlib.roots);
    if (r.kind !== "block" || r.rest.length !== 1) return undefined;
    const field = (r.rest[0] as Identifier).name;
    if (r.target.name === "argument") return field === "value" && r.target.label !== undefined ? args.get(r.target.label) : undefined;
    return exportType(r.target, field);
  }

  return { of, exportType, bodySpec };
}

/** A module's blocks and, below them, those of its foreach templates (not nested declares: other modules). */
function blocksOf(module: Scope): ScopeNode[] {
  const out: ScopeNode[] = [];
  const pending: Scope[] = [module];
  for (let s = pending.pop(); s; s = pending.pop()) {
    for (const n of s.nodes) {
      out.push(n);
      if (n.inner && n.kind !== "declare") pending.push(n.inner);
    }
  }
  return out;
}

/**
 * Every `argument.NAME.value` in a value, with the type expected where it stands: the attribute's
 * type, an element's in a list literal, a field's in an object literal. Iterative.
 */
function expectations(root: Expr, rootType: AlloyType, found: (label: string, type: AlloyType) => void): void {
  const stack: Array<{ expr: Expr; type: AlloyType }> = [{ expr: root, type: rootType }];
  for (let item = stack.pop(); item; item = stack.pop()) {
    const { expr, type } = item;
    if (type.kind === "any") continue;
    if (expr.kind === "Array") {
      if (type.kind === "list") for (const e of expr.elements) stack.push({ expr: e, type: type.element });
    } else if (expr.kind === "Object") {
      if (type.kind === "map") for (const f of expr.fields) stack.push({ expr: f.value, type: type.value });
      else if (type.kind === "object") {
        for (const f of expr.fields) {
          const field = type.fields.find((x) => x.name === f.key.name);
          if (field) stack.push({ expr: f.value, type: field.type });
        }
      }
    } else if (expr.kind === "Access" && expr.name.name === "value" && expr.value.kind === "Access" && expr.value.value.kind === "Identifier" && expr.value.value.name === "argument") {
      found(expr.value.name.name, type);
    }
  }
}
