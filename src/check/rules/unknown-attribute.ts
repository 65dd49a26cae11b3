import { replaceWith } from "../../diag/index.js";
import type { Rule, RuleContext } from "../context.js";
import { closest } from "../suggest.js";

/**
 * unknown-attribute — an attribute the block does not accept (also an unknown key in an
 * object-typed attribute such as `otelcol.processor.tail_sampling > decision_cache`).
 *
 * Alloy's message (`unrecognized attribute name "forward_too"`) over the whole attribute, with
 * the closest accepted name as help. Names the docs list but Alloy's decoder has no field for
 * (catalog provenance `docs`) are reported too, saying so: Alloy rejects them.
 */
export const meta = {
  code: "check/unknown-attribute",
  severity: "error",
  description: "An attribute that the block does not accept.",
  docs: "src/check/rules/README.md#unknown-attribute",
  phase: "typecheck",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  for (const { node, body } of ctx.analysis.allBodies) {
    for (const a of body.attributes) {
      if (!a.spec && !a.blockSpec && !a.duplicateOf) {
        const name = a.attr.name.name;
        const suggestion = closest(name, body.attributeNames);
        const hint = suggestion !== undefined ? `did you mean "${suggestion}"?` : undefined;
        const versionNote = a.rejected?.versionNote;
        const help = a.rejected && versionNote === undefined
          ? `the docs list "${name}", but Alloy's decoder has no such field${hint ? `; ${hint}` : ""}`
          : hint;
        const fixes = suggestion !== undefined ? [replaceWith(a.attr.name.span, suggestion)] : undefined;
        ctx.report({ node, span: a.attr.span, message: `unrecognized attribute name "${name}"${versionNote !== undefined ? `: ${versionNote}` : ""}`, ...(help ? { help } : {}), ...(fixes ? { fixes } : {}) });
      }
      for (const f of a.findings) {
        if (f.kind !== "unknown-key") continue;
        const suggestion = closest(f.key as string, f.keys ?? []);
        const written = f.keyWritten;
        const fixes = suggestion !== undefined && written ? [replaceWith(written.span, written.quoted ? `"${suggestion}"` : suggestion)] : undefined;
        ctx.report({ node, span: f.span, message: f.message, ...(suggestion !== undefined ? { help: `did you mean "${suggestion}"?` } : {}), ...(fixes ? { fixes } : {}) });
      }
    }
  }
}
