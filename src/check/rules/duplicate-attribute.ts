import type { SourceInput } from "../analyze.js";
import type { Rule, RuleContext } from "../context.js";
import { positionOf } from "../spans.js";

/**
 * duplicate-attribute — the same attribute twice in one block. Alloy rejects the repeat
 * (`attribute "url" may only be provided once`); the first one is named in the help.
 */
export const meta = {
  code: "check/duplicate-attribute",
  severity: "error",
  description: "An attribute is set twice in the same block.",
  docs: "src/check/rules/README.md#duplicate-attribute",
  phase: "typecheck",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  for (const { node, body } of ctx.analysis.allBodies) {
    for (const a of body.attributes) {
      if (!a.duplicateOf) continue;
      const { file, filename } = ctx.analysis.files[node.file] as SourceInput;
      const at = positionOf(file, a.duplicateOf.span.start);
      ctx.report({
        node,
        span: a.attr.span,
        message: `attribute "${a.attr.name.name}" may only be provided once`,
        help: `first set at ${filename}:${at.line}:${at.column}`,
        related: [{ message: "first set here", span: a.duplicateOf.span }],
      });
    }
  }
}
