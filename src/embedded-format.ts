/**
 * Formatting the Alloy text inside a YAML file (`alloyc fmt` on .yaml/.yml): each scalar's text
 * through `format`, written back into its literal block scalar by src/yaml. Apart from
 * embedded.ts so that linting YAML never loads the formatter.
 */
import type { Located } from "./diag/index.js";
import { regionsOf, toYaml, type YamlRefusal } from "./embedded.js";
import { format } from "./format.js";
import type { LintSource } from "./lint.js";
import { chompedBody, escapeTpl, escapeTplKeeping, readTplLine, replaceableBy, replaceBlocks, type AlloyRegion, type Replacement } from "./yaml/index.js";

export type YamlFormat =
  | YamlRefusal
  /** Regions that do not parse (their syntax errors, at the YAML's lines) or cannot be rewritten in place (`problems`). */
  | { readonly kind: "unformattable"; readonly found: Located[]; readonly problems: string[] }
  | { readonly kind: "formatted"; readonly bytes: Uint8Array; readonly changed: boolean; readonly regions: number };

/**
 * Formats the Alloy in a YAML file as `alloyc fmt` formats a file, rewriting each literal block
 * scalar's lines in place (src/yaml/rewrite.ts); every other byte stays. In chart values the
 * text is escaped for tpl again, and the `{{ ... }}` that tpl evaluates are kept as written.
 * Nothing is rewritten when a region does not parse, when one that must change is not a literal
 * block scalar, or when an action tpl evaluates touches text fmt would escape.
 */
export function formatYaml(input: LintSource): YamlFormat {
  const got = regionsOf(input);
  if ("kind" in got) return got;
  const { regions, text, file } = got;
  const found: Located[] = [];
  const problems: string[] = [];
  const replacements: Replacement[] = [];
  const where = (r: AlloyRegion): string => {
    const at = file.lines.position(r.map.toYaml(0));
    return `${input.name}:${at.line}:${at.column}`;
  };
  for (const r of regions) {
    const result = format(r.text, input.name);
    if (!result.ok) {
      for (const d of result.diagnostics) found.push({ file, diagnostic: toYaml(d, r) });
      continue;
    }
    if (chompedBody(result.text) === chompedBody(r.text)) continue;
    // The value to write: escaped for tpl, the actions tpl evaluates kept as they are.
    const value = !r.tpl ? result.text : r.actions.length === 0 ? escapeTpl(result.text) : escapeTplKeeping(r.value.split("\n").map(readTplLine), result.text);
    if (value === undefined) {
      problems.push(`${where(r)}: ${r.path} holds {{ ... }} that Helm's tpl evaluates, touching text alloyc fmt would escape: escape them (alloyc lint gives the escaped form) to format it`);
    } else if (!r.block) {
      problems.push(`${where(r)}: ${r.path} is a ${r.style} scalar; alloyc fmt rewrites only literal block scalars (|) in place: write it as one to format it`);
    } else {
      const refused = replaceableBy(r.block, value);
      if (refused) problems.push(`${where(r)}: ${r.path}: ${refused}`);
      else replacements.push({ region: r as Replacement["region"], text: value });
    }
  }
  if (found.length > 0 || problems.length > 0) return { kind: "unformattable", found, problems };
  if (replacements.length === 0) return { kind: "formatted", bytes: input.bytes, changed: false, regions: regions.length };
  return { kind: "formatted", bytes: new TextEncoder().encode(replaceBlocks(text, replacements)), changed: true, regions: regions.length };
}
