/**
 * What an editor shows on hover (the language server's `textDocument/hover`): the catalog's facts
 * about the name under a byte offset of one Alloy file: a component or config block (kind,
 * stability, exports and their types, docs link), an argument or nested block (type, required,
 * default, allowed values, docs link), a reference to a component's export (its type), a stdlib
 * function (signature, docs). Spans parse and schema, so it lives in the facade. The parser
 * recovers, so it answers after a syntax error too.
 */
import { blockName, traversalPath, walk, type Block, type Node } from "./ast/index.js";
import type { Span } from "./diag/index.js";
import { blockSpecAt } from "./block-spec-at.js";
import { parseFile } from "./parse/index.js";
import { formatType, info, loadSpec, stdlibLookup, type ArgumentSpec, type BlockSpec, type EntrySpec } from "./schema/index.js";

export interface HoverInfo {
  /** Markdown. */
  readonly contents: string;
  /** The name it is about. */
  readonly span: Span;
}

const inside = (s: Span, offset: number): boolean => s.start <= offset && offset < s.end;

/** The hover of the name at `offset` in `bytes`, or undefined where there is nothing to say. */
export async function hoverAt(bytes: Uint8Array, offset: number): Promise<HoverInfo | undefined> {
  const { file } = parseFile(bytes, "<hover>");
  // The chain of blocks around the offset, outermost first, and the innermost node under it.
  const blocks: Block[] = [];
  const path: Node[] = [];
  walk(file, (node) => {
    if (!inside(node.span, offset)) return false;
    path.push(node);
    if (node.kind === "Block") blocks.push(node);
    return true;
  });
  const top = blocks[0];
  if (!top) return undefined;
  const entryName = blockName(top);
  const entry = info(entryName) ? await loadSpec(entryName) : undefined;
  const innermost = blocks[blocks.length - 1] as Block;
  const onName = (b: Block): Span | undefined => {
    const first = b.name[0];
    const last = b.name[b.name.length - 1];
    return first && last && offset >= first.span.start && offset < last.span.end ? { start: first.span.start, end: last.span.end } : undefined;
  };
  // A block's name: the component itself, or a nested block.
  const nameSpan = onName(innermost);
  if (nameSpan) {
    if (innermost === top) return entry ? { contents: entryHover(entry), span: nameSpan } : undefined;
    const spec = blockSpecAt(entry, blocks.slice(1));
    return spec && entry ? { contents: blockHover(spec, entry), span: nameSpan } : undefined;
  }
  // An attribute's name.
  for (const node of path) {
    if (node.kind === "Attribute" && inside(node.name.span, offset)) {
      const body = innermost === top ? entry : blockSpecAt(entry, blocks.slice(1));
      const arg = body?.arguments.find((a) => a.name === node.name.name);
      return arg && entry ? { contents: argumentHover(arg, entry), span: node.name.span } : undefined;
    }
  }
  // A stdlib function called, or a reference: the longest traversal under the offset.
  for (const node of path) {
    if (node.kind === "Call") {
      const name = traversalPath(node.callee)?.join(".");
      const fn = name ? stdlibLookup(name) : undefined;
      if (fn && inside(node.callee.span, offset)) {
        const params = (fn.params ?? []).map((p) => `${p.name}${p.optional ? "?" : ""}: ${formatType(p.type)}`).join(", ");
        return { contents: `\`\`\`alloy\n${fn.name}(${params}${fn.variadic ? ", ..." : ""}) → ${formatType(fn.returns)}\n\`\`\`\n${fn.deprecated ? `Deprecated${fn.replacement ? `: use ${fn.replacement}` : ""}.\n\n` : ""}[docs](${fn.docs})`, span: node.callee.span };
      }
    }
  }
  for (let i = path.length - 1; i >= 0; i--) {
    const node = path[i] as Node;
    if (node.kind === "Access" || node.kind === "Identifier") {
      let outer = i;
      while (outer > 0 && (path[outer - 1] as Node).kind === "Access") outer--;
      const ref = path[outer] as Node;
      if (ref.kind !== "Access") break;
      const parts = traversalPath(ref);
      if (!parts) break;
      return referenceHover(parts, ref.span);
    }
  }
  return undefined;
}

function entryHover(entry: EntrySpec): string {
  const lines = [`**${entry.name}** — ${entry.kind === "component" ? "component" : "config block"}${entry.stability ? `, ${entry.stability}` : ""}`];
  if (entry.exports.length > 0) lines.push("", "Exports:", ...entry.exports.map((e) => `- \`${e.name}\`: \`${formatType(e.type)}\``));
  lines.push("", `[docs](${entry.docs})`);
  return lines.join("\n");
}

function blockHover(spec: BlockSpec, entry: EntrySpec): string {
  const facts = [spec.required ? "required" : "optional", ...(spec.multiple ? ["may be repeated"] : []), ...(spec.labeled ? ["labelled"] : [])];
  return `**${spec.name}** — block of ${entry.name} (${facts.join(", ")})\n\n[docs](${entry.docs})`;
}

function argumentHover(arg: ArgumentSpec, entry: EntrySpec): string {
  const lines = [`**${arg.name}** \`${formatType(arg.type)}\` — argument of ${entry.name}, ${arg.required ? "required" : "optional"}`];
  if (arg.default !== undefined) lines.push("", `Default: \`${JSON.stringify(arg.default)}\``);
  else if (arg.defaultRaw !== undefined) lines.push("", `Default: ${arg.defaultRaw}`);
  if (arg.enum) lines.push("", `Allowed values${arg.enforcedBy ? "" : " (as documented)"}: ${arg.enum.map((v) => `\`"${v}"\``).join(", ")}`);
  lines.push("", `[docs](${entry.docs})`);
  return lines.join("\n");
}

/** `loki.write.default.receiver`: the component it names and the export's type. */
async function referenceHover(parts: readonly string[], span: Span): Promise<HoverInfo | undefined> {
  for (let n = parts.length - 2; n >= 1; n--) {
    const name = parts.slice(0, n).join(".");
    if (!info(name)) continue;
    const entry = await loadSpec(name);
    const exported = entry?.exports.find((e) => e.name === parts[n + 1]);
    const label = parts[n];
    if (!entry || label === undefined) return undefined;
    const head = `**${name} "${label}"**${exported ? `.${exported.name}: \`${formatType(exported.type)}\`` : ""}`;
    return { contents: `${head}\n\n[docs](${entry.docs})`, span };
  }
  return undefined;
}
