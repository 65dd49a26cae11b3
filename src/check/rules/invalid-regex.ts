import type { Rule, RuleContext } from "../context.js";
import { re2Error } from "../re2.js";
import type { BoundBody } from "../validate.js";
import { literalValue } from "../values.js";

/**
 * invalid-regex — a regular expression that Go's RE2 engine rejects, in a relabel rule
 * (`regex` of `rule` / `write_relabel_config` blocks, compiled anchored as `^(?s:...)$`) or in a
 * `loki.process` stage that compiles one (`stage.regex`, `stage.replace`, `stage.drop`
 * `expression`). RE2 is not JavaScript's dialect: lookarounds and backreferences are errors,
 * `(?P<name>...)` and `(?i)` are fine. Go's message is reused.
 */
export const meta = {
  code: "check/invalid-regex",
  severity: "error",
  description: "A regular expression that Alloy's RE2 engine cannot compile.",
  docs: "src/check/rules/README.md#invalid-regex",
  phase: "typecheck",
} as const satisfies Rule["meta"];

const STAGES_WITH_EXPRESSION = new Set(["stage.regex", "stage.replace", "stage.drop"]);

/** The attribute of this body that holds a regex, if the body is a relabel rule or a regex stage. */
function regexAttribute(body: BoundBody): { name: string; anchored: boolean } | undefined {
  const names = body.attributeNames;
  if (names.includes("source_labels") && names.includes("regex") && names.includes("action")) return { name: "regex", anchored: true };
  const last = body.blockName;
  if (last !== undefined && STAGES_WITH_EXPRESSION.has(last)) return { name: "expression", anchored: false };
  return undefined;
}

export function check(ctx: RuleContext): void {
  for (const { node, body } of ctx.analysis.allBodies) {
    const which = regexAttribute(body);
    if (!which) continue;
    for (const a of body.attributes) {
      if (!a.spec || a.attr.name.name !== which.name || a.attr.value.kind !== "Literal") continue;
      const v = literalValue(a.attr.value);
      if (v.type !== "string") continue;
      const error = re2Error(which.anchored ? `^(?s:${v.value})$` : v.value);
      if (error) ctx.report({ node, span: a.attr.value.span, message: error.replace(/`\^\(\?s:([\s\S]*)\)\$`$/, "`$1`") });
    }
  }
}
