import type { ArgumentSpec } from "../../schema/spec.js";
import { capsuleOf, formatType } from "../../schema/types.js";
import { nodeRank, type Rule, type RuleContext } from "../context.js";
import { exportsOfKind, listSome, rankProducers } from "../producers.js";
import type { ScopeNode } from "../scope.js";

/**
 * missing-required — a required attribute or block is not written.
 *
 * Required means what Alloy's decoder enforces (the Go struct tag), not what the docs' table
 * says: where the docs call something required but Alloy only checks it later (or accepts one
 * of several alternatives), this rule stays quiet rather than risk a false error. Also covers
 * required keys of object-typed attributes and a `foreach` without `template`. Alloy's wording:
 * `missing required attribute "url"`, over the whole enclosing block.
 */
export const meta = {
  code: "check/missing-required",
  severity: "error",
  description: "A required attribute or block is missing.",
  docs: "src/check/rules/README.md#missing-required",
  phase: "typecheck",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  for (const node of ctx.analysis.nodes) {
    if (node.name === "foreach" && !node.template) {
      ctx.report({ node, span: node.block.span, message: `missing required block "template"`, phase: "node", rank: nodeRank(node, "template") });
    }
  }
  for (const { node, body } of ctx.analysis.allBodies) {
    const orderAt = body.block.span.end - 1;
    for (const a of body.missingAttributes) {
      const help = capsuleHelp(ctx, node, a);
      ctx.report({ node, span: body.block.span, orderAt, message: `missing required attribute "${a.name}"`, ...(help ? { help } : {}) });
    }
    for (const b of body.missingBlocks) {
      ctx.report({ node, span: body.block.span, orderAt, message: `missing required block "${b.name}"` });
    }
    for (const a of body.attributes) {
      for (const f of a.findings) {
        if (f.kind === "missing-key") ctx.report({ node, span: f.span, orderAt: f.span.end - 1, message: f.message });
      }
    }
  }
}

/**
 * For a missing argument that takes component exports (`forward_to`): the exports of that kind the
 * configuration has, or else the components that provide one.
 */
function capsuleHelp(ctx: RuleContext, node: ScopeNode, a: ArgumentSpec): string | undefined {
  const capsule = capsuleOf(a.type);
  if (capsule === undefined) return undefined;
  const present = exportsOfKind(ctx.analysis, node.scope, capsule, node);
  const takes = `${a.name} takes ${formatType(a.type)}`;
  if (present.length > 0) return `${takes}; this config has ${listSome(present, 5)}`;
  const producers = rankProducers(capsule, ctx.catalog.exportersOf(capsule), node.name);
  return producers.length > 0 ? `${takes}, which comes from ${listSome(producers, 6)}` : undefined;
}
