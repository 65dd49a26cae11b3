import { nodeRank, type Rule, type RuleContext } from "../context.js";
import { nodeSpan } from "../spans.js";

/**
 * community-component — a component maintained by the community rather than Grafana
 * (`otelcol.exporter.datadog`, ...). Alloy loads it only with
 * `--feature.community-components.enabled`. Information by default; an error with Alloy's message
 * when the caller says it emulates a run without that flag.
 */
export const meta = {
  code: "check/community-component",
  severity: "info",
  description: "A community component, which needs --feature.community-components.enabled.",
  docs: "src/check/rules/README.md#community-component",
  phase: "node",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  for (const node of ctx.analysis.nodes) {
    if (node.kind !== "component") continue;
    const r = ctx.analysis.registration(node);
    if (r.kind !== "builtin" || !r.info.community) continue;
    const span = nodeSpan(node);
    const rank = nodeRank(node, "registry");
    if (ctx.analysis.communityComponents === false) {
      ctx.report({
        node,
        span,
        rank,
        severity: "error",
        message: `the component "${node.name}" is a community component. Use the --feature.community-components.enabled command-line flag to enable community components`,
      });
    } else if (ctx.analysis.communityComponents === undefined) {
      ctx.report({ node, span, rank, message: `component "${node.name}" is a community component: Alloy runs it only with --feature.community-components.enabled` });
    }
  }
}
