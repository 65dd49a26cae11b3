import type { Identifier } from "../../ast/index.js";
import { replaceWith, type Fix } from "../../diag/index.js";
import type { Rule, RuleContext } from "../context.js";
import type { Registration } from "../analyze.js";
import { dotted, type Reference } from "../resolve.js";
import { moduleExports, type Scope, type ScopeNode } from "../scope.js";
import { CandidateIndex, closest } from "../suggest.js";

/**
 * unresolved-reference — a reference to nothing: no block with that name and label in scope
 * (Alloy's `component "loki.write.defualt.receiver" does not exist or is out of scope`), an
 * `argument.x` that the module does not declare, or an export the component does not have
 * (`loki.write.default.reciever`). Blocks inside a `declare` see only their module; blocks in a
 * foreach template also see the blocks around the foreach, not the other way round.
 */
export const meta = {
  code: "check/unresolved-reference",
  severity: "error",
  description: "A reference to a component, argument or export that does not exist in scope.",
  docs: "src/check/rules/README.md#unresolved-reference",
  phase: "references",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  const hints = new Hints(ctx);
  for (const ref of ctx.analysis.references) {
    const { resolution: res, traversal } = ref;
    const name = dotted(traversal.parts);
    const first = (traversal.parts[0] as Identifier).name;
    if (res.kind === "unresolved" || (res.kind === "variable" && first === "argument" && traversal.parts.length > 1)) {
      const hint = res.kind === "variable" ? { help: hints.arguments(ref.from.scope) } : hints.unresolved(ref);
      ctx.report({
        node: ref.from,
        span: traversal.span,
        message: `component "${name}" does not exist or is out of scope`,
        ...(hint ? { help: hint.help } : {}),
        ...(hint?.fix ? { fixes: [hint.fix] } : {}),
      });
      continue;
    }
    if (res.kind !== "block" || res.rest.length === 0) continue;
    const exported = hints.exportsOf(res.target);
    const field = res.rest[0] as Identifier;
    if (!exported || exported.names.has(field.name)) continue;
    const suggestion = exported.index.closest(field.name);
    const help =
      suggestion !== undefined
        ? `did you mean "${suggestion}"?`
        : exported.names.size > 0
          ? `it exports ${listed(exported.names)}`
          : `${res.target.name} has no exports`;
    ctx.report({
      node: ref.from,
      span: { start: field.span.start, end: traversal.span.end },
      message: `${res.target.id} has no export named "${field.name}"`,
      help,
      ...(suggestion !== undefined ? { fixes: [replaceWith(field.span, suggestion)] } : {}),
    });
  }
}

/** Names in a help text: the first few, quoted, and how many more (a help stays short however many there are). */
const SHOWN = 10;
function listed(names: Iterable<string>): string {
  const all = [...names];
  const shown = all.slice(0, SHOWN).map((n) => `"${n}"`).join(", ");
  return all.length > SHOWN ? `${shown} and ${all.length - SHOWN} more` : shown;
}

interface Exports {
  readonly names: ReadonlySet<string>;
  readonly index: CandidateIndex;
}

/**
 * The helps' facts, each computed once per check and shared by every finding that needs it
 * (thousands of unresolved references cost each a bounded lookup, not a scan of the scope).
 */
class Hints {
  /** Per scope and number of dotted parts: the ids a reference there can see. */
  private readonly visible = new Map<Scope, Map<number, CandidateIndex>>();
  /** For each block id: the first two scopes (in processing order) that declare it. */
  private declaredIn: Map<string, Scope[]> | undefined;
  private readonly args = new Map<Scope, string>();
  private readonly exported = new Map<unknown, Exports>();

  constructor(private readonly ctx: RuleContext) {}

  /** A close block id (and the fix putting it in place of the first parts), or where the block lives when it exists in another scope. */
  unresolved(ref: Reference): { help: string; fix?: Fix } | undefined {
    const parts = ref.traversal.parts.map((p) => p.name);
    const over = (k: number): { start: number; end: number } => ({
      start: (ref.traversal.parts[0] as Identifier).span.start,
      end: (ref.traversal.parts[k - 1] as Identifier).span.end,
    });
    const visible = this.visibleFrom(ref.from.scope);
    for (let k = Math.min(parts.length, 6); k >= 1; k--) {
      const prefix = parts.slice(0, k).join(".");
      const suggestion = visible.get(k)?.closest(prefix);
      if (suggestion !== undefined) return { help: `did you mean "${suggestion}"?`, fix: replaceWith(over(k), suggestion) };
      const scope = this.elsewhere(prefix, ref.from.scope);
      if (!scope) continue;
      const owner = scope.owner;
      const where = owner ? `${owner.name === "declare" ? `declare "${owner.label ?? ""}"` : `the template of ${owner.id}`}` : "the top level";
      return { help: `${prefix} is declared in ${where}, which this block cannot see` };
    }
    if (ref.traversal.call) {
      const fn = closest(parts.join("."), this.ctx.catalog.stdlib.members.keys());
      if (fn !== undefined) return { help: `did you mean the standard-library function "${fn}"?`, fix: replaceWith(over(parts.length), fn) };
    }
    return undefined;
  }

  arguments(scope: Scope): string {
    let help = this.args.get(scope);
    if (help === undefined) {
      const args = scope.nodes.filter((n) => n.name === "argument" && n.label !== undefined).map((n) => n.label as string);
      help = args.length > 0 ? `this module declares the arguments ${listed(args)}` : "this module declares no arguments";
      this.args.set(scope, help);
    }
    return help;
  }

  /** What a block exports, when it is known; undefined when anything may be accessed. */
  exportsOf(target: ScopeNode): Exports | undefined {
    const known = exportSource(target, this.ctx.analysis.registration);
    if (!known) return undefined;
    // Keyed by where the names come from (a spec, a module), so targets of one kind share it.
    let exports = this.exported.get(known.source);
    if (!exports) {
      const names = known.names();
      exports = { names: new Set(names), index: new CandidateIndex(names) };
      this.exported.set(known.source, exports);
    }
    return exports;
  }

  private visibleFrom(scope: Scope): Map<number, CandidateIndex> {
    let byParts = this.visible.get(scope);
    if (!byParts) {
      const ids = new Map<number, string[]>();
      for (let s: Scope | undefined = scope; s; s = s.kind === "foreach" ? s.parent : undefined) {
        for (const id of s.byId.keys()) {
          const k = id.split(".").length;
          const list = ids.get(k);
          if (list) list.push(id);
          else ids.set(k, [id]);
        }
      }
      byParts = new Map([...ids].map(([k, list]) => [k, new CandidateIndex(list)]));
      this.visible.set(scope, byParts);
    }
    return byParts;
  }

  /** The first scope other than `from` that declares `id`. */
  private elsewhere(id: string, from: Scope): Scope | undefined {
    if (!this.declaredIn) {
      this.declaredIn = new Map();
      for (const scope of this.ctx.analysis.scopes) {
        for (const key of scope.byId.keys()) {
          const list = this.declaredIn.get(key);
          if (!list) this.declaredIn.set(key, [scope]);
          else if (list.length < 2) list.push(scope);
        }
      }
    }
    return this.declaredIn.get(id)?.find((s) => s !== from);
  }
}

/** Where a block's exports come from and how to list them; undefined when anything may be accessed. */
function exportSource(target: ScopeNode, registration: (n: ScopeNode) => Registration): { source: unknown; names: () => string[] } | undefined {
  if (target.name === "argument") return { source: "argument", names: () => ["value"] };
  if (target.kind !== "component") return undefined;
  const r = registration(target);
  if (r.kind === "builtin") return r.spec && !r.blocked ? { source: r.spec, names: () => (r.spec?.exports ?? []).map((e) => e.name) } : undefined;
  const module = r.kind === "declare" ? r.module : r.kind === "import" && r.member?.kind === "declare" && target.name.split(".").length === 2 ? r.member.node.inner : undefined;
  return module ? { source: module, names: () => moduleExports(module).map((n) => n.label as string) } : undefined;
}
