import type { Rule, RuleContext } from "../context.js";
import { literalString } from "../values.js";

/**
 * import-unresolved — an `import.file` whose module could not be read next to the importing
 * file. The components of its namespace are then checked only by namespace. A warning, not an
 * error: Alloy resolves the path where it runs, which may not be where the file is linted.
 */
export const meta = {
  code: "check/import-unresolved",
  severity: "warning",
  description: "An import.file module that could not be read, so its components go unchecked.",
  docs: "src/check/rules/README.md#import-unresolved",
  phase: "node",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  for (const node of ctx.analysis.nodes) {
    if (node.name !== "import.file" || node.label === undefined || node.duplicateOf) continue;
    if (ctx.analysis.importedModule(node) !== "unreadable") continue;
    const path = literalString(node.block, "filename") as string;
    const attr = node.block.body.find((s) => s.kind === "Attribute" && s.name.name === "filename");
    ctx.report({
      node,
      span: attr && attr.kind === "Attribute" ? attr.value.span : node.block.span,
      rank: 10,
      message: `cannot read module ${JSON.stringify(path)}; components of "${node.label}" are checked only by namespace`,
    });
  }
}
