import type { Rule, RuleContext } from "../context.js";

/**
 * block-count — a block that may appear only once is repeated (two `client` blocks in
 * `otelcol.exporter.otlp`). Alloy reports every occurrence: `block "client" may only be
 * specified once`.
 */
export const meta = {
  code: "check/block-count",
  severity: "error",
  description: "A block that may appear only once is repeated.",
  docs: "src/check/rules/README.md#block-count",
  phase: "typecheck",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  for (const { node, body } of ctx.analysis.allBodies) {
    for (const b of body.blocks) {
      if (b.spec && !b.spec.multiple && b.count > 1) {
        ctx.report({ node, span: b.block.span, message: `block "${b.name}" may only be specified once` });
      }
    }
  }
}
