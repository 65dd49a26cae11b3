import type { DiscoveryRelabelRuleBlock } from "./components/discovery.gen.js";
import { callSite } from "./origin.js";
import { siteTag } from "./tags.js";

/**
 * Relabel rules: the `rule` blocks of `discovery.relabel`, `prometheus.relabel`, `loki.relabel`,
 * `pyroscope.relabel` (one Go struct, so one type). `relabel.replace({...})` is
 * `{ source_labels, action = "replace", ... }`: the action goes right after `source_labels`, where
 * Alloy's docs and most configs write it, and the remaining keys keep their order.
 */

export type RelabelRule = DiscoveryRelabelRuleBlock;
/** The actions the catalog lists for `action` (the property also takes an expression). */
export type RelabelAction = Extract<NonNullable<RelabelRule["action"]>, string>;

/** A rule without its action: what the per-action helpers take. */
export type RuleBody = Omit<RelabelRule, "action">;

function rule(body: RelabelRule): RelabelRule {
  return Object.freeze({ ...body, [siteTag]: callSite() });
}

function withAction(action: RelabelAction) {
  return (body: RuleBody = {}): RelabelRule => {
    const out: Record<string | symbol, unknown> = {};
    if (body.source_labels !== undefined) out["source_labels"] = body.source_labels;
    out["action"] = action;
    for (const [k, v] of Object.entries(body)) if (k !== "source_labels") out[k] = v;
    out[siteTag] = callSite();
    return Object.freeze(out) as RelabelRule;
  };
}

export const relabel = Object.freeze({
  /** A rule written out in full, keys in the order given. */
  rule,
  replace: withAction("replace"),
  keep: withAction("keep"),
  drop: withAction("drop"),
  keepequal: withAction("keepequal"),
  dropequal: withAction("dropequal"),
  hashmod: withAction("hashmod"),
  labelmap: withAction("labelmap"),
  labelkeep: withAction("labelkeep"),
  labeldrop: withAction("labeldrop"),
  lowercase: withAction("lowercase"),
  uppercase: withAction("uppercase"),
} satisfies Record<RelabelAction | "rule", unknown>);
