import { replaceWith } from "../../diag/index.js";
import type { ArgumentSpec } from "../../schema/spec.js";
import type { Rule, RuleContext } from "../context.js";
import { typedLiterals } from "../literals.js";
import type { ConstValue } from "../values.js";
import { closest } from "../suggest.js";

/**
 * enum-value — a string outside the set of values an argument accepts (`level = "verbose"` in
 * `logging`, `action = "kep"` in a relabel rule, `compression = "brotli"` in an otelcol client).
 *
 * Two kinds of sets come with the catalog. Sets Alloy enforces (`enforcedBy`: recorded from the
 * Go code that refuses other values when the config loads) are errors, compared as Go compares
 * them (exactly, or lower-cased). Sets only the docs list may be incomplete, so a value outside
 * one is a warning, compared without case, and the message says the list is the docs'.
 */
export const meta = {
  code: "check/enum-value",
  severity: "warning",
  description: "A value that is not one of the values the argument accepts.",
  docs: "src/check/rules/README.md#enum-value",
  phase: "typecheck",
} as const satisfies Rule["meta"];

/** The string Alloy decodes a literal into: numbers convert (`role = 42` reads as "42"). */
function asString(value: ConstValue): string | undefined {
  if (value.type === "string") return value.value;
  if (value.type === "number" && Number.isFinite(value.value)) return String(value.value);
  return undefined;
}

/** Whether `value` is in the argument's set, compared the way the set's source compares. */
function enumAccepts(spec: ArgumentSpec, value: string): boolean {
  const allowed = spec.enum ?? [];
  if (spec.enforcedBy !== undefined && !spec.enumIgnoresCase) return allowed.includes(value);
  const lower = value.toLowerCase();
  return allowed.some((v) => v.toLowerCase() === lower);
}

export function check(ctx: RuleContext): void {
  for (const { node, body } of ctx.analysis.allBodies) {
    for (const a of body.attributes) {
      const allowed = a.spec?.enum;
      if (!a.spec || !allowed || allowed.length === 0) continue;
      const enforced = a.spec.enforcedBy !== undefined;
      for (const { literal, value: v } of typedLiterals(a.attr.value, a.spec.type)) {
        const value = asString(v);
        // An empty string in a docs-only set usually means "the default", which the docs omit.
        if (value === undefined || (value === "" && !enforced)) continue;
        if (enumAccepts(a.spec, value)) continue;
        const suggestion = closest(value, allowed.filter((x) => x !== "")) ?? allowed.find((x) => x.toLowerCase() === value.toLowerCase());
        // `""` (the default, where Go takes it) reads better said than listed.
        const listed = allowed.filter((x) => x !== "").map((x) => JSON.stringify(x)).join(", ") + (allowed.includes("") ? ' (or "" for the default)' : "");
        const name = a.attr.name.name;
        ctx.report({
          node,
          span: literal.span,
          severity: enforced ? "error" : "warning",
          message: enforced
            ? `invalid value ${JSON.stringify(value)} for ${name}: must be one of ${listed}`
            : `${JSON.stringify(value)} is not among the values the docs list for ${name}: ${listed}`,
          ...(suggestion !== undefined ? { help: `did you mean ${JSON.stringify(suggestion)}?`, fixes: [replaceWith(literal.span, JSON.stringify(suggestion))] } : {}),
        });
      }
    }
  }
}
