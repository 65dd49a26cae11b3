import type { Identifier } from "../../ast/index.js";
import type { Rule, RuleContext } from "../context.js";
import type { Registration } from "../analyze.js";
import { dotted, type Reference } from "../resolve.js";
import { moduleExports, type Scope, type ScopeNode } from "../scope.js";
import { closest } from "../suggest.js";

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
  for (const ref of ctx.analysis.references) {
    const { resolution: res, traversal } = ref;
    const name = dotted(traversal.parts);
    const first = (traversal.parts[0] as Identifier).name;
    if (res.kind === "unresolved" || (res.kind === "variable" && first === "argument" && traversal.parts.length > 1)) {
      const help = res.kind === "variable" ? argumentHelp(ref.from.scope) : unresolvedHelp(ctx, ref);
      ctx.report({
        node: ref.from,
        span: traversal.span,
        message: `component "${name}" does not exist or is out of scope`,
        ...(help ? { help } : {}),
      });
      continue;
    }
    if (res.kind !== "block" || res.rest.length === 0) continue;
    const exported = exportsOf(res.target, ctx.analysis.registration);
    const field = res.rest[0] as Identifier;
    if (!exported || exported.includes(field.name)) continue;
    const suggestion = closest(field.name, exported);
    const help =
      suggestion !== undefined
        ? `did you mean "${suggestion}"?`
        : exported.length > 0
          ? `it exports ${exported.map((e) => `"${e}"`).join(", ")}`
          : `${res.target.name} has no exports`;
    ctx.report({
      node: ref.from,
      span: { start: field.span.start, end: traversal.span.end },
      message: `${res.target.id} has no export named "${field.name}"`,
      help,
    });
  }
}

/** What a block exports, when it is known; undefined when anything may be accessed. */
function exportsOf(target: ScopeNode, registration: (n: ScopeNode) => Registration): readonly string[] | undefined {
  if (target.name === "argument") return ["value"];
  if (target.kind !== "component") return undefined;
  const r = registration(target);
  if (r.kind === "builtin") return r.spec && !r.blocked ? r.spec.exports.map((e) => e.name) : undefined;
  if (r.kind === "declare") return moduleExports(r.module).map((n) => n.label as string);
  if (r.kind === "import" && r.member?.kind === "declare" && r.member.node.inner && target.name.split(".").length === 2) {
    return moduleExports(r.member.node.inner).map((n) => n.label as string);
  }
  return undefined;
}

function argumentHelp(scope: Scope): string {
  const args = scope.nodes.filter((n) => n.name === "argument" && n.label !== undefined).map((n) => `"${n.label}"`);
  return args.length > 0 ? `this module declares the arguments ${args.join(", ")}` : "this module declares no arguments";
}

/** A close block id, or where the block lives when it exists in another scope. */
function unresolvedHelp(ctx: RuleContext, ref: Reference): string | undefined {
  const parts = ref.traversal.parts.map((p) => p.name);
  const visible: string[] = [];
  for (let s: Scope | undefined = ref.from.scope; s; s = s.kind === "foreach" ? s.parent : undefined) visible.push(...s.byId.keys());
  for (let k = Math.min(parts.length, 6); k >= 1; k--) {
    const prefix = parts.slice(0, k).join(".");
    const sameLength = visible.filter((id) => id.split(".").length === k);
    const suggestion = closest(prefix, sameLength);
    if (suggestion !== undefined) return `did you mean "${suggestion}"?`;
    for (const scope of ctx.analysis.scopes) {
      if (scope === ref.from.scope || !scope.byId.has(prefix)) continue;
      const owner = scope.owner;
      const where = owner ? `${owner.name === "declare" ? `declare "${owner.label ?? ""}"` : `the template of ${owner.id}`}` : "the top level";
      return `${prefix} is declared in ${where}, which this block cannot see`;
    }
  }
  if (ref.traversal.call) {
    const fn = closest(parts.join("."), ctx.catalog.stdlib.members.keys());
    if (fn !== undefined) return `did you mean the standard-library function "${fn}"?`;
  }
  return undefined;
}
