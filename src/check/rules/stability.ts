import type { Span } from "../../diag/index.js";
import type { Stability } from "../../schema/spec.js";
import { nodeRank, type Rule, type RuleContext } from "../context.js";
import { dotted } from "../resolve.js";
import type { ScopeNode } from "../scope.js";
import { isBelow, nameSpan, nodeSpan } from "../spans.js";

/**
 * stability — a component, `foreach` block or stdlib function that is not generally available.
 *
 * Alloy refuses these unless started with `--stability.level=public-preview` or
 * `=experimental`. Without a known level (plain `alloyc lint`) this is information naming the
 * flag; when the caller gives the level Alloy runs with, anything below it is an error with
 * Alloy's own message (`... is at stability level "experimental", which is below the minimum
 * allowed stability level "generally-available". Use --stability.level ...`).
 */
export const meta = {
  code: "check/stability",
  severity: "info",
  description: "Uses a feature that Alloy only enables with --stability.level.",
  docs: "src/check/rules/README.md#stability",
  phase: "node",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  for (const node of ctx.analysis.nodes) {
    if (node.kind === "component") {
      const r = ctx.analysis.registration(node);
      if (r.kind !== "builtin" || r.info.community || !r.info.stability) continue;
      report(ctx, node, `component "${node.name}"`, r.info.stability, nodeSpan(node), "registry");
    } else if (node.name === "foreach") {
      const stability = ctx.catalog.info("foreach")?.stability;
      if (stability) report(ctx, node, `foreach block "foreach"`, stability, nameSpan(node.block, 7), "stability");
    }
  }
  for (const ref of ctx.analysis.references) {
    if (ref.resolution.kind !== "stdlib") continue;
    const name = dotted(ref.traversal.parts);
    const fn = ctx.catalog.stdlib.members.get(name);
    if (fn?.experimental) report(ctx, ref.from, name, "experimental", ref.traversal.span, undefined);
  }
}

function report(ctx: RuleContext, node: ScopeNode, what: string, stability: Stability, span: Span, rankOf: "registry" | "stability" | undefined): void {
  if (stability === "generally-available") return;
  const phase = rankOf === undefined ? "references" : "node";
  const rank = rankOf === undefined ? 0 : nodeRank(node, rankOf);
  const minimum = ctx.stabilityLevel;
  if (minimum !== undefined) {
    if (!isBelow(stability, minimum)) return;
    ctx.report({
      node,
      span,
      phase,
      rank,
      severity: "error",
      message:
        `${what} is at stability level "${stability}", which is below the minimum allowed stability level "${minimum}". ` +
        `Use --stability.level command-line flag to enable "${stability}" features`,
    });
    return;
  }
  const flag = stability === "experimental" ? "--stability.level=experimental" : "--stability.level=public-preview (or experimental)";
  ctx.report({ node, span, phase, rank, message: `${what} is at stability level "${stability}": Alloy runs it only with ${flag}` });
}
