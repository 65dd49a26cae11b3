import { nodeRank, type Rule, type RuleContext } from "../context.js";
import { nodeSpan } from "../spans.js";

/**
 * removed-component — a component that Grafana Agent Flow or an older Alloy had and current
 * Alloy does not (`module.file`, `otelcol.exporter.logging`, `otelcol.receiver.opencensus`, ...).
 *
 * Old River files still use them; Alloy refuses them as unknown components. This says what
 * happened and what replaces them instead of a bare "cannot find" (names from src/schema's
 * legacy table, plus anything the catalog marks removed).
 */
export const meta = {
  code: "check/removed-component",
  severity: "error",
  description: "A component that Alloy no longer has.",
  docs: "src/check/rules/README.md#removed-component",
  phase: "node",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  for (const node of ctx.analysis.nodes) {
    if (node.kind !== "component" || ctx.analysis.registration(node).kind !== "removed") continue;
    const legacy = ctx.catalog.legacy(node.name);
    // In a view of an older release (--alloy-version), the release that removed it.
    const versionNote = ctx.catalog.versionNote?.(node.name, "entry");
    const what = legacy?.status === "renamed" ? `was renamed to ${legacy.replacement}` : versionNote?.startsWith("removed") ? `was ${versionNote}` : "was removed from Alloy";
    const help = legacy ? `${legacy.note}` : undefined;
    ctx.report({
      node,
      span: nodeSpan(node),
      message: `component "${node.name}" ${what}${legacy?.status === "removed" ? `; use ${legacy.replacement} instead` : ""}`,
      ...(help ? { help } : {}),
      rank: nodeRank(node, "registry"),
    });
  }
}
