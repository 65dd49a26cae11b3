/**
 * Writing new Alloy text into literal block scalars in place: only the lines of each scalar that
 * hold text change; its header (chomping and indentation indicators, a comment), the trailing
 * empty lines that chomping decides on, and every other byte of the file stay as they were.
 */
import type { AlloyRegion, BlockSite } from "./find.js";

/** New Alloy text for one region that is a literal block scalar. */
export interface Replacement {
  readonly region: AlloyRegion & { readonly block: BlockSite };
  /** The scalar's new value (escaped for tpl already when the chart renders it with tpl). */
  readonly text: string;
}

/** The scalar's lines for `text`: each line indented, empty ones empty, in the file's line breaks. */
function contentLines(text: string, block: BlockSite): string {
  const body = text.replace(/\n+$/, "");
  if (body === "") return "";
  const pad = " ".repeat(block.indent);
  const lines = body.split("\n").map((l) => (l === "" ? "" : pad + l));
  return lines.join(block.eol) + (block.bodyEndsWithBreak ? block.eol : "");
}

/**
 * Whether `text` can replace the scalar's lines: a first line starting with a space would be
 * read as more indentation unless the header gives it, and a CR would be a line break.
 */
export function replaceableBy(block: BlockSite, text: string): string | undefined {
  if (!block.explicitIndent && /^[ \t]/.test(text)) return "the new text starts with white space and the block scalar's header has no indentation indicator";
  if (/[\r\u0085\u2028\u2029]/.test(text)) return "the new text holds a character YAML reads as a line break";
  return undefined;
}

/** `yaml` (the decoded file) with each replacement's scalar lines rewritten. */
export function replaceBlocks(yaml: string, replacements: readonly Replacement[]): string {
  const sorted = [...replacements].sort((a, b) => a.region.block.contentStart - b.region.block.contentStart);
  let out = "";
  let from = 0;
  for (const r of sorted) {
    out += yaml.slice(from, r.region.block.contentStart);
    out += contentLines(r.text, r.region.block);
    from = r.region.block.bodyEnd;
  }
  return out + yaml.slice(from);
}

/** The text without the line breaks that chomping adds or strips at its end. */
export function chompedBody(text: string): string {
  return text.replace(/\n+$/, "");
}
