import type { Rule, RuleContext } from "../context.js";
import { durationError } from "../duration.js";
import { holdsPrimitive, typedLiterals } from "../literals.js";

/**
 * invalid-duration — a duration argument written as a string Alloy cannot parse
 * (`scrape_interval = "60"`, `"1 m"`, `"5mins"`). Alloy fails to load the component with Go's
 * message (`time: missing unit in duration "60"`), which is reused.
 */
export const meta = {
  code: "check/invalid-duration",
  severity: "error",
  description: "A duration that Alloy cannot parse.",
  docs: "src/check/rules/README.md#invalid-duration",
  phase: "typecheck",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  for (const { node, body } of ctx.analysis.allBodies) {
    for (const a of body.attributes) {
      // Only values whose type can hold a duration: decoding every other literal finds nothing.
      if (!a.spec || !holdsPrimitive(a.spec.type, "duration")) continue;
      for (const { literal, value, type } of typedLiterals(a.attr.value, a.spec.type)) {
        if (type.kind !== "primitive" || type.name !== "duration") continue;
        const text = value.type === "string" ? value.value : value.type === "number" ? String(value.value) : undefined;
        const message = text === undefined ? undefined : durationError(text);
        if (message) ctx.report({ node, span: literal.span, message, help: `write a number with a unit, such as "30s", "5m" or "1h30m"` });
      }
    }
  }
}
