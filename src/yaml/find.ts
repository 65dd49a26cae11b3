/**
 * Finding the Alloy text in a YAML stream, with where each of its bytes is in the file.
 *
 * Which scalars hold Alloy (the rule README.md states):
 * - a Kubernetes ConfigMap (`kind: ConfigMap`, also inside a `kind: List`): each `data` key
 *   ending in `.alloy` (`config.alloy`, `modules.alloy`);
 * - a Helm values document (no `apiVersion` and `kind`): a value at a path ending in
 *   `alloy.configMap.content` (the Alloy chart, also as a subchart), and an `extraConfig` value at
 *   depth 1 to 3 (`extraConfig`, `alloy-metrics.extraConfig`, `collectors.logs.extraConfig`: the
 *   k8s-monitoring chart's keys). Both are rendered by Helm's `tpl`.
 * Only string scalars count; a mapping under such a key is not Alloy.
 */
import { isMap, isScalar, isSeq, parseAllDocuments, type Document, type Scalar } from "yaml";
import { ByteCursor, OffsetMap, type Anchor } from "./offsets.js";
import { readTplLine } from "./tpl.js";
import { utf8Length } from "../diag/utf8.js";

/** How YAML writes the scalar: only a literal block (`|`) maps line for line and is rewritten in place. */
export type ScalarStyle = "literal" | "folded" | "plain" | "single-quoted" | "double-quoted";

/** A literal block scalar's content, for rewriting it (UTF-16 offsets of the YAML text). */
export interface BlockSite {
  /** Where the first content line starts (after the header's line break). */
  readonly contentStart: number;
  /** Just past the line break of the last line that holds text (trailing empty lines are chomping's). */
  readonly bodyEnd: number;
  /** Whether that last line ends with a line break (a file may end without one). */
  readonly bodyEndsWithBreak: boolean;
  /** Spaces before each content line. */
  readonly indent: number;
  /** The file's line break, as the scalar's header line ends. */
  readonly eol: "\n" | "\r\n";
  /** Whether the header gives the indentation (`|2`): then a first line may start with spaces. */
  readonly explicitIndent: boolean;
}

/** One scalar of Alloy text. */
export interface AlloyRegion {
  /** Where it is, for messages: `data["config.alloy"]`, `alloy.configMap.content`. */
  readonly path: string;
  /** 0-based index of its document in the stream. */
  readonly document: number;
  /** Whether Helm's `tpl` renders it (chart values) or it is used as written (a ConfigMap). */
  readonly tpl: boolean;
  readonly style: ScalarStyle;
  /** The scalar's value, as YAML reads it. */
  readonly value: string;
  /** The Alloy text: the value, with tpl's escapes undone when tpl renders it. */
  readonly text: string;
  /** Alloy byte offset → YAML byte offset. */
  readonly map: OffsetMap;
  /** Actions tpl would evaluate, as YAML byte spans, with their text. */
  readonly actions: ReadonlyArray<{ readonly start: number; readonly end: number; readonly text: string; readonly unclosed: boolean }>;
  /** Set for a literal block scalar. */
  readonly block?: BlockSite;
}

/** A stream the YAML library rejects: its first error, at a byte offset of the file. */
export interface YamlSyntaxError {
  readonly message: string;
  readonly offset: number;
}

export type Found = { readonly ok: true; readonly text: string; readonly regions: readonly AlloyRegion[] } | { readonly ok: false; readonly error: YamlSyntaxError };

const decoder = new TextDecoder("utf-8", { ignoreBOM: true });

/** Every Alloy scalar of a YAML stream (UTF-8 bytes), in file order; or the stream's first syntax error. */
export function findAlloy(bytes: Uint8Array): Found {
  const text = decoder.decode(bytes);
  const docs = parseAllDocuments(text, { keepSourceTokens: true, prettyErrors: false });
  const list = Array.isArray(docs) ? docs : [];
  const cursor = new ByteCursor(text);
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) return { ok: false, error: { message: error.message.split("\n")[0] as string, offset: cursor.byteAt(error.pos[0]) } };
  }
  const found: Array<{ scalar: Scalar; path: string; document: number; tpl: boolean }> = [];
  list.forEach((doc, document) => collect(doc, document, found));
  found.sort((a, b) => (a.scalar.range?.[0] ?? 0) - (b.scalar.range?.[0] ?? 0));
  return { ok: true, text, regions: found.map((f) => region(text, cursor, f)) };
}

function collect(doc: Document, document: number, out: Array<{ scalar: Scalar; path: string; document: number; tpl: boolean }>): void {
  const visitManifest = (node: unknown): void => {
    if (!isMap(node)) return;
    const kind = scalarString(node.get("kind", true));
    if (kind === "List") {
      const items = node.get("items", true);
      if (isSeq(items)) for (const item of items.items) visitManifest(item);
      return;
    }
    if (kind !== "ConfigMap") return;
    const data = node.get("data", true);
    if (!isMap(data)) return;
    for (const pair of data.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
      if (key?.endsWith(".alloy") && isStringScalar(pair.value)) out.push({ scalar: pair.value, path: `data${step(key)}`, document, tpl: false });
    }
  };
  const visitValues = (node: unknown, keys: readonly string[]): void => {
    if (!isMap(node)) return;
    for (const pair of node.items) {
      if (!isScalar(pair.key)) continue;
      const path = [...keys, String(pair.key.value)];
      if (isStringScalar(pair.value)) {
        const content = path.length >= 3 && path.slice(-3).join("\u0000") === ["alloy", "configMap", "content"].join("\u0000");
        const extra = path.at(-1) === "extraConfig" && path.length <= 3;
        if (content || extra) out.push({ scalar: pair.value, path: path.map((k, i) => (i === 0 && /^[\w-]+$/.test(k) ? k : step(k))).join(""), document, tpl: true });
      } else if (path.length < 8) visitValues(pair.value, path);
    }
  };
  const root = doc.contents;
  if (!isMap(root)) return;
  if (root.has("apiVersion") && root.has("kind")) visitManifest(root);
  else visitValues(root, []);
}

/** `.key`, or `["key"]` when the key is not a plain name. */
function step(key: string): string {
  return /^[A-Za-z_][\w-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

function scalarString(node: unknown): string | undefined {
  return isScalar(node) && typeof node.value === "string" ? node.value : undefined;
}

function isStringScalar(node: unknown): node is Scalar<string> {
  return isScalar(node) && typeof node.value === "string" && node.range !== undefined && node.range !== null;
}

const STYLES: Readonly<Record<string, ScalarStyle>> = {
  BLOCK_LITERAL: "literal",
  BLOCK_FOLDED: "folded",
  PLAIN: "plain",
  QUOTE_SINGLE: "single-quoted",
  QUOTE_DOUBLE: "double-quoted",
};

function region(text: string, cursor: ByteCursor, f: { scalar: Scalar; path: string; document: number; tpl: boolean }): AlloyRegion {
  const scalar = f.scalar as Scalar<string> & { srcToken?: Token };
  const style = STYLES[scalar.type ?? "PLAIN"] ?? "plain";
  const value = scalar.value;
  const token = scalar.srcToken;
  if (style === "literal" && token?.type === "block-scalar") return literal(text, cursor, f, value, token);
  // A flow scalar written exactly as its value (one line, no escape) maps byte for byte;
  // otherwise every finding goes to the scalar's start.
  const start = (scalar.range as [number, number, number])[0];
  const source = token?.source ?? "";
  const inner = style === "plain" ? source : source.slice(1, -1);
  const valueStart = style === "plain" ? start : start + 1;
  const exact = style !== "folded" && inner === value && !value.includes("\n");
  const lineText = exact && f.tpl ? readTplLine(value) : undefined;
  const base = { alloy: 0, yaml: cursor.byteAt(exact ? valueStart : start) };
  const anchors: Anchor[] = [base];
  const actions: Array<AlloyRegion["actions"][number]> = [];
  let alloyText = value;
  if (lineText) {
    alloyText = lineText.text;
    for (const a of lineText.anchors) anchors.push({ alloy: utf8Length(lineText.text.slice(0, a.text)), yaml: base.yaml + utf8Length(value.slice(0, a.value)) });
    for (const a of lineText.actions) actions.push({ start: base.yaml + utf8Length(value.slice(0, a.start)), end: base.yaml + utf8Length(value.slice(0, a.end)), text: value.slice(a.start, a.end), unclosed: a.unclosed });
  } else if (f.tpl) {
    // Not mapped line by line: the actions are found all the same, placed at the scalar.
    for (const line of value.split("\n")) for (const a of readTplLine(line).actions) actions.push({ start: base.yaml, end: base.yaml + 1, text: line.slice(a.start, a.end), unclosed: a.unclosed });
    alloyText = value.split("\n").map((line) => readTplLine(line).text).join("\n");
  }
  return { path: f.path, document: f.document, tpl: f.tpl, style, value, text: alloyText, map: new OffsetMap(anchors, exact), actions };
}

/** What the YAML library keeps of a scalar's source (keepSourceTokens). */
interface Token {
  readonly type: string;
  readonly offset: number;
  readonly indent: number;
  readonly source: string;
  readonly props?: ReadonlyArray<{ readonly type: string; readonly offset: number; readonly source: string }>;
}

/**
 * A literal block scalar: value line k is content line k of the source with its indentation
 * removed (line breaks normalized to LF), so each line gets one anchor, plus one after each tpl
 * escape on it.
 */
function literal(text: string, cursor: ByteCursor, f: { path: string; document: number; tpl: boolean }, value: string, token: Token): AlloyRegion {
  const props = token.props ?? [];
  const last = props.at(-1);
  const contentStart = last ? last.offset + last.source.length : token.offset;
  const header = props.find((p) => p.type === "block-scalar-header")?.source ?? "|";
  const newline = props.find((p) => p.type === "newline")?.source;
  const eol: "\n" | "\r\n" = newline === "\r\n" ? "\r\n" : "\n";
  const explicit = /[1-9]/.exec(header);
  const source = token.source;
  // Content lines of the source: [start, end) without the line break, and where the next starts.
  const srcLines: Array<{ start: number; end: number; next: number }> = [];
  for (let at = 0; at < source.length; ) {
    const lf = source.indexOf("\n", at);
    const next = lf === -1 ? source.length : lf + 1;
    let end = lf === -1 ? source.length : lf;
    if (end > at && source.charCodeAt(end - 1) === 0x0d) end--;
    srcLines.push({ start: contentStart + at, end: contentStart + end, next: contentStart + next });
    at = next;
  }
  const valueLines = value.split("\n");
  let indent = explicit ? token.indent + Number(explicit[0]) : -1;
  if (indent < 0) {
    const k = valueLines.findIndex((l) => l.length > 0);
    const src = k === -1 ? undefined : srcLines[k];
    indent = src ? src.end - src.start - (valueLines[k] as string).length : token.indent + 2;
  }
  const anchors: Anchor[] = [];
  const actions: Array<AlloyRegion["actions"][number]> = [];
  const alloyLines: string[] = [];
  let alloy = 0;
  let lastText = -1;
  const endOfContent = contentStart + source.length;
  valueLines.forEach((line, k) => {
    const src = srcLines[k];
    if (line.length > 0) lastText = k;
    const lineStart = src ? Math.min(src.start + (line.length > 0 ? src.end - src.start - line.length : indent), src.end) : afterBlock(text, endOfContent, indent);
    const yaml = cursor.byteAt(lineStart);
    const read = f.tpl ? readTplLine(line) : { text: line, anchors: [], actions: [] };
    anchors.push({ alloy, yaml });
    for (const a of read.anchors) anchors.push({ alloy: alloy + utf8Length(read.text.slice(0, a.text)), yaml: yaml + utf8Length(line.slice(0, a.value)) });
    for (const a of read.actions) actions.push({ start: yaml + utf8Length(line.slice(0, a.start)), end: yaml + utf8Length(line.slice(0, a.end)), text: line.slice(a.start, a.end), unclosed: a.unclosed });
    alloyLines.push(read.text);
    alloy += utf8Length(read.text) + 1;
  });
  const lastLine = lastText === -1 ? undefined : srcLines[lastText];
  const block: BlockSite = {
    contentStart,
    bodyEnd: lastLine ? lastLine.next : contentStart,
    bodyEndsWithBreak: lastLine ? lastLine.next > lastLine.end : true,
    indent,
    eol,
    explicitIndent: explicit !== null,
  };
  return { path: f.path, document: f.document, tpl: f.tpl, style: "literal", value, text: alloyLines.join("\n"), map: new OffsetMap(anchors), actions, block };
}

/**
 * Where the line after a block scalar's last content line is, at the content's indentation (or
 * that line's end): the end of the Alloy text, so a finding at it is on the line after the text,
 * as it is in the file alone.
 */
function afterBlock(text: string, after: number, indent: number): number {
  if (after >= text.length) return text.length;
  const lf = text.indexOf("\n", after);
  const end = lf === -1 ? text.length : lf > after && text.charCodeAt(lf - 1) === 0x0d ? lf - 1 : lf;
  return Math.min(after + indent, end);
}
