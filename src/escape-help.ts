/**
 * Help for `unknown escape sequence`, a syntax error the parser reports without knowing what the
 * string is for: most come from a regular expression written as in other languages (`"\d+"`),
 * where Alloy needs `"\\d+"` or a backtick raw string (`` `\d+` ``). Lint adds the help and the
 * fixes (double the backslash; or, when nothing else in the string is escaped, the raw string).
 */
import { blockName, walk, type Attribute, type Expr, type File, type Node } from "./ast/index.js";
import type { Diagnostic, Fix } from "./diag/index.js";

/** Characters that follow a backslash in a regular expression rather than in a string. */
const REGEX_ESCAPES = new Set([..."dDwWsSbBAzpPQE.()[]{}+*?|^$/-"]);
/** Blocks whose string attributes are regular expressions (loki.process stages that compile one). */
const REGEX_STAGES = new Set(["stage.regex", "stage.replace", "stage.drop"]);
const BACKSLASH = 0x5c;

export function withEscapeHelp(file: File, bytes: Uint8Array, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  if (!diagnostics.some((d) => d.message === "unknown escape sequence")) return [...diagnostics];
  return diagnostics.map((d) => (d.message === "unknown escape sequence" ? explain(file, bytes, d) : d));
}

function explain(file: File, bytes: Uint8Array, d: Diagnostic): Diagnostic {
  const at = d.span.start;
  const where = literalAt(file, at);
  const escaped = String.fromCharCode(bytes[at] ?? 0);
  const asRegex = (where !== undefined && (/regex|expression|pattern/.test(where.attribute) || REGEX_STAGES.has(where.block))) || REGEX_ESCAPES.has(escaped);
  const help = asRegex
    ? `in a regular expression, write the backslash twice ("\\\\${escaped}") or write the string between backticks, where backslashes stay as written`
    : `a backslash starts an escape sequence in an Alloy string: write "\\\\" for a backslash, or write the string between backticks`;
  const fixes: Fix[] = [{ description: "double the backslash", edits: [{ span: { start: at, end: at }, newText: "\\" }] }];
  const raw = where && rawString(bytes, where.literal.span);
  if (raw !== undefined) fixes.push({ description: "use a backtick raw string", edits: [{ span: where!.literal.span, newText: raw }] });
  return { ...d, help, fixes: [...(d.fixes ?? []), ...fixes] };
}

/** The string literal holding `offset`, with the attribute and block it is in. */
function literalAt(file: File, offset: number): { literal: Expr; attribute: string; block: string } | undefined {
  let found: { literal: Expr; attribute: string; block: string } | undefined;
  let attribute = "";
  let block = "";
  const holds = (n: Node): boolean => "span" in n && n.span.start <= offset && offset < n.span.end;
  walk(file, (node) => {
    if (found || (node.kind !== "File" && !holds(node))) return false;
    if (node.kind === "Block") block = blockName(node);
    else if (node.kind === "Attribute") attribute = (node as Attribute).name.name;
    else if (node.kind === "Literal") found = { literal: node, attribute, block };
    return true;
  });
  return found;
}

/**
 * The literal as a backtick raw string, when that means the same once the unknown escapes are
 * meant literally: no backtick inside and no backslash that starts a valid escape.
 */
function rawString(bytes: Uint8Array, span: { start: number; end: number }): string | undefined {
  if (bytes[span.start] !== 0x22 || bytes[span.end - 1] !== 0x22) return undefined;
  const inner = bytes.subarray(span.start + 1, span.end - 1);
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i] as number;
    if (c === 0x60) return undefined;
    if (c === BACKSLASH) {
      if (!REGEX_ESCAPES.has(String.fromCharCode(inner[i + 1] ?? 0)) || /[abfnrtvxuU0-7\\"]/.test(String.fromCharCode(inner[i + 1] ?? 0))) return undefined;
      i++;
    }
  }
  return `\`${new TextDecoder().decode(inner)}\``;
}
