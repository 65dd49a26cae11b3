import type { Identifier } from "../../ast/index.js";
import type { Rule, RuleContext } from "../context.js";

/**
 * shadowed-stdlib — a reference that resolves to a block whose name starts like a
 * standard-library namespace (a `declare "sys"` used as `sys.x.y`): the block wins, and the
 * namespace becomes unreachable there. Alloy's warning and position (the first name) are kept.
 */
export const meta = {
  code: "check/shadowed-stdlib",
  severity: "warning",
  description: "A block name shadows a standard-library name.",
  docs: "src/check/rules/README.md#shadowed-stdlib",
  phase: "references",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  const { roots } = ctx.catalog.stdlib;
  for (const ref of ctx.analysis.references) {
    if (ref.resolution.kind !== "block") continue;
    const first = ref.traversal.parts[0] as Identifier;
    if (!roots.has(first.name)) continue;
    ctx.report({ node: ref.from, span: first.span, message: "a component is shadowing an existing stdlib name" });
  }
}
