import { replaceWith } from "../../diag/index.js";
import type { Rule, RuleContext } from "../context.js";
import { dottedNameSpan } from "../spans.js";
import { closest } from "../suggest.js";

/**
 * unknown-block — a nested block the enclosing block does not accept (`endpont { }` in
 * `loki.write`, a `stage.jsn` in `loki.process`). Alloy's message
 * (`unrecognized block name "endpont"`) over the whole block; the closest name as help.
 */
export const meta = {
  code: "check/unknown-block",
  severity: "error",
  description: "A nested block that the enclosing block does not accept.",
  docs: "src/check/rules/README.md#unknown-block",
  phase: "typecheck",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  for (const { node, body } of ctx.analysis.allBodies) {
    for (const b of body.blocks) {
      if (b.spec || b.argumentSpec) continue;
      const suggestion = closest(b.name, body.blockNames);
      const hint = suggestion !== undefined ? `did you mean "${suggestion}"?` : undefined;
      const versionNote = b.rejected?.versionNote;
      const help = versionNote !== undefined ? hint : b.rejected ? `the docs list "${b.name}", but Alloy's decoder has no such block${hint ? `; ${hint}` : ""}` : hint;
      const fixes = suggestion !== undefined ? [replaceWith(dottedNameSpan(b.block), suggestion)] : undefined;
      ctx.report({ node, span: b.block.span, message: `unrecognized block name "${b.name}"${versionNote !== undefined ? `: ${versionNote}` : ""}`, ...(help ? { help } : {}), ...(fixes ? { fixes } : {}) });
    }
  }
}
