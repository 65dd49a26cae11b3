import type { Block } from "../../ast/index.js";
import { nodeRank, type Rule, type RuleContext } from "../context.js";
import type { ScopeNode } from "../scope.js";
import { headerSpan, nodeSpan } from "../spans.js";
import type { BoundBody } from "../validate.js";

/**
 * block-label — a label that is missing or not allowed.
 *
 * Every component needs a label (`loki.write "default"`), and so do `declare`, `argument`,
 * `export`, `foreach` and `import.*`; nested blocks take one only when the catalog says so
 * (`prometheus.exporter.cloudwatch > static "name"`). Alloy's messages are kept:
 * `component "x" must have a label`, `NAME block must have a label`,
 * `block "x" requires non-empty label`, `block "x" does not support specifying labels`.
 */
export const meta = {
  code: "check/block-label",
  severity: "error",
  description: "A block is missing a label it needs, or has one it cannot take.",
  docs: "src/check/rules/README.md#block-label",
  phase: "node",
} as const satisfies Rule["meta"];

const LABELLED_CONFIG = /^(declare|argument|export|foreach|import\.(file|string|http|git))$/;

export function check(ctx: RuleContext): void {
  for (const node of ctx.analysis.nodes) {
    if (node.label !== undefined) continue;
    const span = nodeSpan(node);
    if (node.kind === "component") {
      ctx.report({ node, span, message: `component "${node.name}" must have a label`, rank: nodeRank(node, "label") });
    } else if (LABELLED_CONFIG.test(node.name)) {
      ctx.report({ node, span, message: `${node.name} block must have a label`, rank: nodeRank(node, "label") });
    }
  }
  for (const { node, body } of ctx.analysis.allBodies) checkNested(ctx, node, body);
}

function checkNested(ctx: RuleContext, node: ScopeNode, body: BoundBody): void {
  for (const b of body.blocks) {
    if (!b.spec) continue;
    const block: Block = b.block;
    if (b.spec.labeled && block.label === undefined) {
      ctx.report({ node, span: headerSpan(block), message: `block "${b.name}" requires non-empty label`, phase: "typecheck" });
    } else if (!b.spec.labeled && block.label !== undefined) {
      ctx.report({ node, span: headerSpan(block), message: `block "${b.name}" does not support specifying labels`, phase: "typecheck" });
    }
  }
}
