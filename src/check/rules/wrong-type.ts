import type { Rule, RuleContext } from "../context.js";

/**
 * wrong-type — a literal value of the wrong type (`encoding = true` where a string is expected,
 * `forward_to = "x"` where a list is expected), or an operator applied to literals of the wrong
 * types. Only what Alloy's static type check sees (spec §5.4): literals, array and object literals,
 * and operators on literals; Alloy's messages (`expected string, got bool`) and positions.
 */
export const meta = {
  code: "check/wrong-type",
  severity: "error",
  description: "A literal value has the wrong type for its attribute.",
  docs: "src/check/rules/README.md#wrong-type",
  phase: "typecheck",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  for (const { node, body } of ctx.analysis.allBodies) {
    for (const a of body.attributes) {
      for (const f of a.findings) {
        if (f.kind !== "type") continue;
        if (!f.wrap) {
          ctx.report({ node, span: f.span, message: f.message });
          continue;
        }
        // One element where a list goes: the brackets are the fix.
        const edits = [{ span: { start: f.span.start, end: f.span.start }, newText: "[" }, { span: { start: f.span.end, end: f.span.end }, newText: "]" }];
        ctx.report({ node, span: f.span, message: f.message, help: `${f.span.start === a.attr.value.span.start ? `${a.attr.name.name} takes` : "this takes"} a list: wrap it in [ ]`, fixes: [{ description: "wrap it in [ ]", edits }] });
      }
    }
  }
}
