import type { ArgumentSpec } from "../../schema/spec.js";
import type { Rule, RuleContext } from "../context.js";
import { typedLiterals } from "../literals.js";
import { closest } from "../suggest.js";
import { orList } from "../text.js";

/**
 * enum-value — a string outside the set of values an argument accepts (`action = "kep"` in a
 * relabel rule, `min_version = "TLS1.2"`, `role = "pods"` in discovery.kubernetes).
 *
 * The catalog's sets come from the reference docs and some are incomplete, while Alloy's own
 * checks differ in letter case. So a value outside a docs-only set is a warning (compared
 * without case), and only the sets checked against Alloy's Go source — where Alloy refuses
 * anything else — are errors, compared the way Go compares them.
 */
export const meta = {
  code: "check/enum-value",
  severity: "warning",
  description: "A value that is not one of the values the argument accepts.",
  docs: "src/check/rules/README.md#enum-value",
  phase: "typecheck",
} as const satisfies Rule["meta"];

const RELABEL_ACTIONS = "drop,dropequal,hashmod,keep,keepequal,labeldrop,labelkeep,labelmap,lowercase,replace,uppercase";

/**
 * Sets verified against grafana/alloy: relabel.Action.UnmarshalText (exact match),
 * config.TLSVersion.UnmarshalText (exact), otelcol.auth.headers Action.UnmarshalText (lower-cased).
 */
function verified(entry: string, spec: ArgumentSpec): "exact" | "lowercase" | undefined {
  const set = [...(spec.enum ?? [])].sort().join(",");
  if (spec.name === "action" && set === RELABEL_ACTIONS) return "exact";
  if (spec.name === "min_version" && set === "TLS10,TLS11,TLS12,TLS13") return "exact";
  if (entry === "otelcol.auth.headers" && spec.name === "action") return "lowercase";
  return undefined;
}

export function check(ctx: RuleContext): void {
  for (const { node, body } of ctx.analysis.allBodies) {
    for (const a of body.attributes) {
      const allowed = a.spec?.enum;
      if (!a.spec || !allowed || allowed.length === 0) continue;
      const mode = verified(body.entry, a.spec);
      const accepted = new Set(mode === "exact" ? allowed : allowed.map((v) => v.toLowerCase()));
      for (const { literal, value } of typedLiterals(a.attr.value, a.spec.type)) {
        if (value.type !== "string" || (value.value === "" && !mode)) continue;
        if (accepted.has(mode === "exact" ? value.value : value.value.toLowerCase())) continue;
        const suggestion = closest(value.value, allowed) ?? allowed.find((v) => v.toLowerCase() === value.value.toLowerCase());
        const listed = orList(allowed.map((v) => JSON.stringify(v)));
        const known = mode ? "" : " (as the docs list them)";
        ctx.report({
          node,
          span: literal.span,
          severity: mode ? "error" : "warning",
          message: `${JSON.stringify(value.value)} is not a valid value for ${a.attr.name.name}; expected ${listed}${known}`,
          ...(suggestion !== undefined ? { help: `did you mean ${JSON.stringify(suggestion)}?` } : {}),
        });
      }
    }
  }
}
