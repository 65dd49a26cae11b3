import type { Comment, CommentGroup, File, Stmt } from "../../src/ast/index.js";
import { locate, type Diagnostic, type Span } from "../../src/diag/index.js";
import { format, formatUpstream } from "../../src/emit/index.js";
import { parseFile } from "../../src/parse/index.js";

/** Parses text that must be valid; throws with the first diagnostic otherwise. */
export function parseOk(input: string | Uint8Array, name = "config.alloy"): File {
  const r = parseFile(input, name);
  if (r.diagnostics.length > 0) throw new Error(`does not parse: ${render(name, r)}`);
  return r.file;
}

/** `alloy fmt`-style one-line rendering of the first diagnostic, or undefined when it parses. */
export function firstError(input: string | Uint8Array, name = "config.alloy"): string | undefined {
  const r = parseFile(input, name);
  return r.diagnostics.length === 0 ? undefined : render(name, r);
}

function render(name: string, r: ReturnType<typeof parseFile>): string {
  const d = r.diagnostics[0] as Diagnostic;
  const { start } = locate(r.source, d);
  return `${name}:${start.line}:${start.column}: ${d.message}`;
}

/** alloyc's fmt output for a source text. */
export function fmt(input: string | Uint8Array): string {
  return format(parseOk(input));
}

/** One run of upstream's `alloy fmt` (quirks included). */
export function fmtUpstream(input: string | Uint8Array): string {
  return formatUpstream(parseOk(input));
}

/**
 * What upstream settles to: `alloy fmt` run again until the output stops changing (undefined if
 * an output stops parsing, as for `f(⏎)`).
 */
export function settledUpstream(input: string, maxRuns = 10): string | undefined {
  let text = input;
  for (let i = 0; i < maxRuns; i++) {
    const r = parseFile(text);
    if (r.diagnostics.length > 0) return undefined;
    const next = formatUpstream(r.file);
    if (next === text) return text;
    text = next;
  }
  return undefined;
}

const POSITION_KEYS = new Set(["span", "lbrace", "lparen", "lbracket", "opSpan", "lineStarts", "comments"]);

/** The tree without positions, plus the comment texts in order: what formatting must keep. */
export function shape(file: File): { body: unknown; comments: string[] } {
  const strip = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(strip);
    if (v && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) if (!POSITION_KEYS.has(k)) out[k] = strip(x);
      return out;
    }
    return v;
  };
  return {
    body: strip(file.body),
    comments: file.comments.flatMap((g) => g.comments.map((c) => c.text)),
  };
}

// --- A writer that builds a tree with exact spans while writing its text ----------------------

const encoder = new TextEncoder();

function bytesOf(s: string): number {
  return encoder.encode(s).length;
}

/**
 * Writes Alloy source text piece by piece and returns the spans of what it wrote, so that test
 * code can build an AST whose positions describe that text exactly (as the parser would give
 * them). Comments are grouped as the parser groups them.
 */
export class SourceWriter {
  private readonly parts: string[] = [];
  private offset = 0;
  private line = 1;
  /** Tokens and comments in order: a comment or "token". */
  private readonly seq: Array<Comment | "token"> = [];

  get text(): string {
    return this.parts.join("");
  }

  get pos(): number {
    return this.offset;
  }

  /** Whitespace or newlines. */
  space(s: string): void {
    this.put(s);
  }

  /** A token; returns its span. */
  token(s: string): Span {
    const start = this.offset;
    this.put(s);
    this.seq.push("token");
    return { start, end: this.offset };
  }

  /** A comment (`// …` or `/* … *\/`, no CR); a line comment must be followed by a newline. */
  comment(text: string): void {
    const start = this.offset;
    this.put(text);
    this.seq.push({ kind: "Comment", text, span: { start, end: this.offset } });
  }

  private put(s: string): void {
    this.parts.push(s);
    this.offset += bytesOf(s);
    for (const ch of s) if (ch === "\n") this.line++;
  }

  /** The finished file. */
  file(body: readonly Stmt[]): File {
    const bytes = encoder.encode(this.text);
    const lineStarts = [0];
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x0a) lineStarts.push(i + 1);
    const lineOf = (off: number): number => {
      let n = 0;
      while (n + 1 < lineStarts.length && (lineStarts[n + 1] as number) <= off) n++;
      return n + 1;
    };
    const groups: CommentGroup[] = [];
    let cur: Comment[] = [];
    let endLine = 0;
    const close = (): void => {
      if (cur.length > 0) {
        const first = cur[0] as Comment;
        const last = cur[cur.length - 1] as Comment;
        groups.push({ kind: "CommentGroup", comments: cur, span: { start: first.span.start, end: last.span.end } });
      }
      cur = [];
    };
    for (const item of this.seq) {
      if (item === "token") {
        close();
        continue;
      }
      const line = lineOf(item.span.start);
      if (cur.length > 0 && line > endLine + 1) close();
      endLine = line + (item.text.startsWith("/*") ? [...item.text].filter((c) => c === "\n").length : 0);
      cur.push(item);
    }
    close();
    return { kind: "File", body, comments: groups, lineStarts, span: { start: 0, end: bytes.length } };
  }
}
