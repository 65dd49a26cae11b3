/**
 * What an editor offers at a byte offset of one Alloy file (the language server's
 * `textDocument/completion`): at the top level, components and config blocks with their
 * stability; at the start of a statement inside a block, the arguments and blocks not yet set
 * (type, required, default, docs); after `name =`, the argument's allowed values, true/false for a
 * bool, the exports of the file's components (only those of the capsule kind expected, where one
 * is), and stdlib functions. Spans parse and schema, so it lives in the facade; the parser
 * recovers, so it answers in a file with syntax errors too.
 */
import { blockName, walk, type Block } from "./ast/index.js";
import { blockSpecAt } from "./block-spec-at.js";
import { parseFile } from "./parse/index.js";
import { capsuleOf, formatType, info, loadSpec, names, stdlibFunctions, type AlloyType } from "./schema/index.js";

export type CompletionKind = "component" | "block" | "argument" | "value" | "reference" | "function" | "keyword";

export interface CompletionItem {
  readonly label: string;
  readonly kind: CompletionKind;
  /** One line: a type, a stability. */
  readonly detail?: string;
  /** Markdown: default, allowed values, docs link. */
  readonly documentation?: string;
  /** What to insert, when it is not the label. */
  readonly insertText?: string;
}

const decoder = new TextDecoder();

export async function completeAt(bytes: Uint8Array, offset: number): Promise<CompletionItem[]> {
  const { file } = parseFile(bytes, "<completion>");
  const lineStart = bytes.lastIndexOf(0x0a, offset - 1) + 1;
  const before = decoder.decode(bytes.subarray(lineStart, offset));
  const blocks: Block[] = [];
  walk(file, (node) => {
    // At the end of the file, a block left open (being typed) still holds the cursor.
    if (!(node.span.start <= offset && (offset < node.span.end || (offset === bytes.length && bytes[node.span.end - 1] !== 0x7d)))) return false;
    if (node.kind === "Block" && offset > node.lbrace) blocks.push(node);
    return true;
  });
  const top = blocks[0];
  if (!top) return /^\s*[\w.]*$/.test(before) ? topLevel() : [];
  const entry = info(blockName(top)) ? await loadSpec(blockName(top)) : undefined;
  const body = blocks.length === 1 ? entry : blockSpecAt(entry, blocks.slice(1));
  const innermost = blocks[blocks.length - 1] as Block;
  const assigned = /^\s*([\w.]+)\s*=\s*[^=]*$/.exec(before);
  if (assigned) {
    const arg = body?.arguments.find((a) => a.name === assigned[1]);
    return valuesFor(arg?.type, arg?.enum, file.body.filter((s): s is Block => s.kind === "Block"));
  }
  if (!/^\s*[\w.]*$/.test(before) || !body || !entry) return [];
  const set = new Set(innermost.body.map((s) => (s.kind === "Attribute" ? s.name.name : s.kind === "Block" ? blockName(s) : "")));
  const items: CompletionItem[] = [];
  for (const a of body.arguments) {
    if (set.has(a.name) || a.rejected) continue;
    const dflt = a.default !== undefined ? `Default: \`${JSON.stringify(a.default)}\`` : a.defaultRaw !== undefined ? `Default: ${a.defaultRaw}` : undefined;
    const allowed = a.enum ? `Allowed values: ${a.enum.map((v) => `\`"${v}"\``).join(", ")}` : undefined;
    const documentation = [dflt, allowed, `[docs](${entry.docs})`].filter((x) => x !== undefined).join("\n\n");
    items.push({ label: a.name, kind: "argument", detail: `${formatType(a.type)}${a.required ? " (required)" : ""}`, documentation, insertText: `${a.name} = ` });
  }
  for (const b of body.blocks) {
    if ((set.has(b.name) && !b.multiple) || b.rejected) continue;
    items.push({ label: b.name, kind: "block", detail: `block${b.required ? " (required)" : ""}`, documentation: `[docs](${entry.docs})`, insertText: `${b.name}${b.labeled ? ' "LABEL"' : ""} {\n}` });
  }
  return items;
}

function topLevel(): CompletionItem[] {
  return names().map((name) => {
    const e = info(name);
    return {
      label: name,
      kind: e?.kind === "component" ? "component" : "block",
      detail: `${e?.kind === "component" ? "component" : "config block"}${e?.stability ? `, ${e.stability}` : ""}`,
      documentation: `[docs](${e?.docs})`,
    };
  });
}

/** The capsule kind a value of `type` holds (directly or as list elements). */
function expectedCapsule(type: AlloyType | undefined): string | undefined {
  if (!type) return undefined;
  return capsuleOf(type) ?? (type.kind === "list" ? capsuleOf(type.element) : undefined);
}

/** Values after `name =`: allowed values, booleans, references to exports (of the expected capsule kind), functions. */
async function valuesFor(type: AlloyType | undefined, allowed: readonly string[] | undefined, components: readonly Block[]): Promise<CompletionItem[]> {
  const items: CompletionItem[] = [];
  for (const v of allowed ?? []) items.push({ label: `"${v}"`, kind: "value" });
  const capsule = expectedCapsule(type);
  if (!capsule && (type === undefined || (type.kind === "primitive" && type.name === "bool"))) items.push({ label: "true", kind: "keyword" }, { label: "false", kind: "keyword" });
  if (!capsule) items.push({ label: "null", kind: "keyword" });
  for (const block of components) {
    const name = blockName(block);
    if (!info(name) || block.label === undefined) continue;
    const spec = await loadSpec(name);
    for (const e of spec?.exports ?? []) {
      if (capsule && capsuleOf(e.type) !== capsule) continue;
      items.push({ label: `${name}.${block.label.value}.${e.name}`, kind: "reference", detail: formatType(e.type) });
    }
  }
  if (!capsule) {
    for (const f of stdlibFunctions) {
      if (f.kind !== "function" || f.deprecated) continue;
      const params = (f.params ?? []).map((p) => `${p.name}: ${formatType(p.type)}`).join(", ");
      items.push({ label: f.name, kind: "function", detail: `(${params}${f.variadic ? ", ..." : ""}) → ${formatType(f.returns)}`, documentation: `[docs](${f.docs})` });
    }
  }
  return items;
}
