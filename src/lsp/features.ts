/**
 * Request handlers over the open buffers: formatting (alloyc fmt's text as one edit; none for a
 * buffer that does not parse or is already formatted), hover and completion (the facade's hoverAt
 * and completeAt), code actions (each diagnostic's fixes, kept in its `data`, and "format file").
 */
import { formatSource } from "../format.js";
import { completeAt, type CompletionKind } from "../complete.js";
import { hoverAt } from "../hover.js";
import { uriPath } from "./documents.js";
import { isYamlFile } from "./configuration.js";
import type { LspFix, LspTextEdit } from "./diagnostics.js";
import type { ServerState } from "./server.js";
import type { Document } from "./documents.js";
import type { LspPosition } from "./positions.js";

const decoder = new TextDecoder();

/** LSP's CompletionItemKind numbers. */
const COMPLETION_KIND: Record<CompletionKind, number> = { component: 7, block: 22, argument: 10, value: 12, reference: 18, function: 3, keyword: 14 };

export function registerFeatures(state: ServerState): void {
  const { connection } = state;
  connection.onRequest("textDocument/formatting", async (params: { textDocument: { uri: string } }) => {
    const doc = state.documents.get(params.textDocument.uri);
    return doc ? await formatEdits(doc) : null;
  });
  connection.onRequest("textDocument/completion", async (params: { textDocument: { uri: string }; position: LspPosition }) => {
    const doc = state.documents.get(params.textDocument.uri);
    if (!doc || isYamlFile(uriPath(doc.uri) ?? doc.uri)) return null;
    const items = await completeAt(doc.bytes, doc.positions.offset(params.position));
    return items.map((i) => ({
      label: i.label,
      kind: COMPLETION_KIND[i.kind],
      ...(i.detail ? { detail: i.detail } : {}),
      ...(i.documentation ? { documentation: { kind: "markdown", value: i.documentation } } : {}),
      ...(i.insertText ? { insertText: i.insertText } : {}),
    }));
  });
  connection.onRequest("textDocument/codeAction", async (params: { textDocument: { uri: string }; context: { diagnostics?: Array<{ data?: { fixes?: LspFix[] } }> } }) => {
    const doc = state.documents.get(params.textDocument.uri);
    if (!doc) return null;
    const uri = doc.uri;
    const actions: unknown[] = [];
    for (const diagnostic of params.context?.diagnostics ?? []) {
      for (const fix of diagnostic.data?.fixes ?? []) {
        actions.push({ title: fix.title, kind: "quickfix", diagnostics: [diagnostic], edit: { changes: { [uri]: fix.edits } } });
      }
    }
    const formatting = await formatEdits(doc);
    if (formatting.length > 0) actions.push({ title: "Format file (alloyc fmt)", kind: "source.format", edit: { changes: { [uri]: formatting } } });
    return actions;
  });
  connection.onRequest("textDocument/hover", async (params: { textDocument: { uri: string }; position: LspPosition }) => {
    const doc = state.documents.get(params.textDocument.uri);
    if (!doc || isYamlFile(uriPath(doc.uri) ?? doc.uri)) return null;
    const found = await hoverAt(doc.bytes, doc.positions.offset(params.position));
    return found ? { contents: { kind: "markdown", value: found.contents }, range: doc.positions.range(found.span.start, found.span.end) } : null;
  });
}

/** `alloyc fmt` of the buffer as one edit replacing it, or none. */
export async function formatEdits(doc: Document): Promise<LspTextEdit[]> {
  const bytes = doc.bytes;
  let formatted: Uint8Array | undefined;
  const path = uriPath(doc.uri) ?? doc.uri;
  if (isYamlFile(path)) {
    const { formatYaml } = await import("../embedded-format.js");
    const result = formatYaml({ name: path, bytes });
    formatted = result.kind === "formatted" && result.changed ? result.bytes : undefined;
  } else {
    const result = formatSource(bytes, path);
    formatted = "formatted" in result ? result.formatted : undefined;
  }
  if (!formatted || sameBytes(formatted, bytes)) return [];
  return [{ range: doc.positions.range(0, bytes.length), newText: decoder.decode(formatted) }];
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
