import type { SourceInput } from "../analyze.js";
import { nodeRank, type Rule, type RuleContext } from "../context.js";
import { nodeSpan, positionOf, relatedAt } from "../spans.js";

/**
 * duplicate-block — two blocks with the same id (name and label) in one scope.
 *
 * Alloy keeps one block per id: the second `loki.write "default"` is rejected before anything
 * runs. Reported on the repeat, from its name over the length of the id, naming where the first
 * one is (Alloy's wording: `block ID already declared at FILE:LINE:COL`). When the two are in
 * different files of one configuration (a folder), the help says why they clash and how to check
 * the files separately: users often keep variants of one config side by side.
 */
export const meta = {
  code: "check/duplicate-block",
  severity: "error",
  description: "A component or configuration block is declared twice with the same name and label.",
  docs: "src/check/rules/README.md#duplicate-block",
  phase: "node",
} as const satisfies Rule["meta"];

export function check(ctx: RuleContext): void {
  for (const node of ctx.analysis.nodes) {
    const first = node.duplicateOf;
    if (!first) continue;
    const { file, filename } = ctx.analysis.files[first.file] as SourceInput;
    const at = positionOf(file, first.block.span.start);
    ctx.report({
      node,
      span: nodeSpan(node, "id"),
      message: `block ${node.id} already declared at ${filename}:${at.line}:${at.column}`,
      ...(node.file !== first.file && node.scope === ctx.analysis.root ? { help: otherFileHelp(filename, (ctx.analysis.files[node.file] as SourceInput).filename) } : {}),
      related: [relatedAt(ctx.analysis.files, node.file, first.file, nodeSpan(first, "id"), "first declared here")],
      rank: nodeRank(node, "duplicate"),
    });
  }
}

function otherFileHelp(first: string, repeat: string): string {
  return (
    `the *.alloy files of a folder are one configuration, as \`alloy run DIR\` loads them, so a block may be declared in only one of them; ` +
    `to check the files as separate configurations, lint them one by one: \`alloyc lint ${shellWord(first)}\`, \`alloyc lint ${shellWord(repeat)}\``
  );
}

/** A file name as a shell word: quoted when it holds anything but plain name characters. */
function shellWord(name: string): string {
  return /^[\w./@%+=:,-]+$/.test(name) ? name : `'${name.replaceAll("'", "'\\''")}'`;
}
