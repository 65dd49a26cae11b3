import { capsuleOf } from "../../schema/types.js";
import type { Rule, RuleContext } from "../context.js";
import type { ScopeNode } from "../scope.js";
import { nodeSpan } from "../spans.js";

/**
 * unused-export — a component that only does something when others use its exports, and that
 * nobody references: a `loki.write` or `prometheus.remote_write` no pipeline forwards to, a
 * `loki.process` or `otelcol.processor.*` that receives nothing, a `prometheus.exporter.*`
 * whose targets nobody scrapes. The telemetry meant for it is silently lost (or never
 * collected), which Alloy does not report.
 */
export const meta = {
  code: "check/unused-export",
  severity: "warning",
  description: "A receiver or exporter component whose exports nobody references.",
  docs: "src/check/rules/README.md#unused-export",
  phase: "node",
} as const satisfies Rule["meta"];

/** Capsules through which telemetry flows into a component. */
const DATA_CAPSULES = new Set(["loki.LogsReceiver", "storage.Appendable", "pyroscope.Appendable", "otelcol.Consumer"]);

export function check(ctx: RuleContext): void {
  const referenced = new Set<ScopeNode>();
  for (const ref of ctx.analysis.references) if (ref.resolution.kind === "block") referenced.add(ref.resolution.target);
  for (const node of ctx.analysis.nodes) {
    if (node.kind !== "component" || node.duplicateOf || referenced.has(node) || node.label === undefined) continue;
    const r = ctx.analysis.registration(node);
    if (r.kind !== "builtin" || !r.spec || r.blocked) continue;
    // Undocumented Go-only exports (the `input` of otelcol.receiver.googlecloudpubsub) are not wiring points.
    const inputs = r.spec.exports.filter((e) => e.provenance !== "go" && DATA_CAPSULES.has(capsuleOf(e.type) ?? ""));
    const span = nodeSpan(node, "id");
    if (inputs.length > 0) {
      const names = inputs.map((e) => e.name).join(", ");
      ctx.report({
        node,
        span,
        rank: 10,
        message: `${node.id} receives no data: no component references its ${names}`,
        help: `forward to it (for example [${node.id}.${inputs[0]?.name}]) or remove it`,
      });
    } else if (node.name.startsWith("prometheus.exporter.") && r.spec.exports.some((e) => e.name === "targets")) {
      ctx.report({
        node,
        span,
        rank: 10,
        message: `${node.id} is never scraped: no component references its targets`,
        help: `scrape it, for example with prometheus.scrape { targets = ${node.id}.targets }`,
      });
    }
  }
}
