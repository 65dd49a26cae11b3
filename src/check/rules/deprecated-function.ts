import type { Identifier } from "../../ast/index.js";
import { replaceWith } from "../../diag/index.js";
import type { Rule, RuleContext } from "../context.js";

/**
 * deprecated-function — a pre-namespace standard-library alias (`env`, `concat`, `format`, ...).
 * They still work, but Alloy's validator warns (its wording is kept) and the docs name a
 * namespaced replacement (`sys.env`, `array.concat`, `string.format`).
 */
export const meta = {
  code: "check/deprecated-function",
  severity: "warning",
  description: "A deprecated standard-library alias.",
  docs: "src/check/rules/README.md#deprecated-function",
  phase: "references",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  const { deprecated } = ctx.catalog.stdlib;
  for (const ref of ctx.analysis.references) {
    if (ref.resolution.kind !== "stdlib") continue;
    const first = (ref.traversal.parts[0] as Identifier).name;
    const replacement = Object.hasOwn(deprecated, first) ? deprecated[first] : undefined;
    if (replacement === undefined) continue;
    ctx.report({
      node: ref.from,
      span: ref.traversal.span,
      message: "this stdlib function is deprecated; please refer to the documentation for updated usage and alternatives",
      help: `use ${replacement} instead`,
      fixes: [replaceWith((ref.traversal.parts[0] as Identifier).span, replacement)],
    });
  }
}
