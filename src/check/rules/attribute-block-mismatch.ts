import type { Rule, RuleContext } from "../context.js";

/**
 * attribute-block-mismatch — a block written as an attribute (`endpoint = {url = "..."}` in
 * `loki.write`) or an attribute written as a block (`forward_to { }`). Alloy's messages:
 * `"endpoint" must be a block, but is used as an attribute` and the reverse.
 */
export const meta = {
  code: "check/attribute-block-mismatch",
  severity: "error",
  description: "A block is written as an attribute, or an attribute as a block.",
  docs: "src/check/rules/README.md#attribute-block-mismatch",
  phase: "typecheck",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  for (const { node, body } of ctx.analysis.allBodies) {
    for (const a of body.attributes) {
      if (a.blockSpec) {
        const name = a.attr.name.name;
        ctx.report({ node, span: a.attr.span, message: `"${name}" must be a block, but is used as an attribute`, help: `write it as a block: ${name} { ... }` });
      }
    }
    for (const b of body.blocks) {
      if (b.argumentSpec) {
        ctx.report({ node, span: b.block.span, message: `"${b.name}" must be an attribute, but is used as a block`, help: `write it as an attribute: ${b.name} = ...` });
      }
    }
  }
}
