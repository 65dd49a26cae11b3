import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildErrorInfo } from "../builders/errors.js";
import { type Origin, parseFrame } from "../builders/origin.js";
import type { Placed } from "../compile.js";
import { locateProperty, propertyPathOf } from "../locate-property.js";
import { codeFrame, type Diagnostic, findingHeader, type Position, type Severity, sourceFile } from "../diag/index.js";
import { utf8Length } from "../diag/utf8.js";
import type { TypeScriptFinding } from "../typecheck-pipeline.js";
import { colorFor, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, UsageError, type CliIO } from "./io.js";

/**
 * `alloyc build --typecheck`: the TypeScript compiler's findings on the pipeline, printed like
 * alloyc's own before anything runs; exit 1 when any is an error. The compiler is loaded only here,
 * from the user's project (src/typecheck-pipeline.ts); without one, a usage error saying to install it.
 */
export async function typecheckFirst(path: string, io: CliIO): Promise<number> {
  if (!existsSync(path)) return EXIT_OK; // the build says "no such file"
  const { typecheckPipeline, TypeScriptMissing } = await import("../typecheck-pipeline.js");
  let findings: TypeScriptFinding[];
  try {
    findings = await typecheckPipeline(path);
  } catch (e) {
    if (e instanceof TypeScriptMissing) throw new UsageError(e.message);
    throw e;
  }
  return new BuildReporter(io).typeScript(findings);
}

/**
 * What `alloyc build` prints on stderr about a pipeline: findings of the compiler placed on the
 * TypeScript line that made the block, builder errors, TypeScript that does not compile, and
 * errors the pipeline threw, each as `FILE:LINE:COL: severity: message [code]`, the TypeScript
 * line with carets under the call, and notes. Lines are rendered by src/diag (colour included).
 */
export class BuildReporter {
  private readonly sources = new Map<string, Buffer | null>();
  private readonly texts = new Map<string, string | undefined>();
  private readonly color: boolean;

  constructor(private readonly io: CliIO) {
    this.color = colorFor(io, "stderr");
  }

  /** The pipeline ran but did not give a config. */
  notAConfig(pipeline: string): number {
    this.io.stderr(
      findingHeader(this.name(pipeline), "error", "the default export must be config(...), or a function returning one (or a promise of one)", undefined, { color: this.color }),
    );
    return EXIT_FINDINGS;
  }

  name(file: string): string {
    const rel = relative(this.io.cwd, file);
    return rel.startsWith("..") ? file : rel;
  }

  /** A finding of the checker (or the builder), placed (by the facade) on the TypeScript that made the block. */
  diagnostic(d: Diagnostic, placed: Placed, alloy: string, pipeline: string): void {
    const alloyLine = alloy.split("\n")[placed.alloyLine - 1]?.trim() ?? "";
    const notes = [`in ${placed.path || "the config"}, generated line ${placed.alloyLine}: ${alloyLine}`];
    if (d.help) notes.push(`help: ${d.help}`);
    const origin = placed.origin;
    let at: Origin = origin ?? { file: pipeline, line: 0, column: 0 };
    if (origin && placed.property) {
      const created = `created at ${this.name(origin.file)}:${origin.line}:${origin.column}`;
      const what = placed.property.steps.map((s) => s.name).join(".");
      const text = this.text(origin.file);
      const found = text === undefined ? undefined : locateProperty(text, origin, placed.property);
      if (found) at = { file: origin.file, line: found.line, column: found.column };
      if (found?.complete) notes.push(`note: ${created}`);
      else if (found) notes.push(`note: ${created}; \`${what}\` is not written in the object literal there, so this is \`${found.deepest}\`, whose value is built elsewhere`);
      else notes.push(`note: at the call: \`${what}\` is not written in an object literal passed to it (the object is built elsewhere, e.g. in a variable)`);
    }
    this.at(at, d.severity, d.message, d.code, notes);
  }

  /** Findings of the TypeScript compiler: the first line of each message as the header, the rest as notes. */
  typeScript(findings: readonly TypeScriptFinding[]): number {
    for (const f of findings) {
      const [first, ...rest] = f.message.split("\n");
      this.at({ file: f.file, line: f.line, column: f.column }, f.severity, first ?? "", f.code, rest.map((l) => l.trim()));
    }
    return findings.some((f) => f.severity === "error") ? EXIT_FINDINGS : EXIT_OK;
  }

  /**
   * An error while loading or running the pipeline: exit 1 for its mistakes, 2 when it crashed
   * (`threw`), or left a promise rejected that nothing handled (`rejected`). While its config
   * compiles (`compiling`), an error with no frame of the user's is alloyc's own, and said to be.
   * The stack is printed only with ALLOYC_DEBUG.
   */
  failure(e: unknown, pipeline: string, how: "threw" | "rejected" | "compiling" = "threw"): number {
    const info = buildErrorInfo(e);
    const message = e instanceof Error ? e.message : String(e);
    if (info) {
      const notes = info.related.flatMap((r) => {
        const o = r.origin();
        return o ? [`${r.message}: ${this.name(o.file)}:${o.line}:${o.column}`] : [];
      });
      const origin = info.origin();
      let at: Origin = origin ?? { file: pipeline, line: 0, column: 0 };
      // A value the builder could not lower: at its property in the object literal, when written there.
      const path = info.path && propertyPathOf(info.path);
      const text = origin && path ? this.text(origin.file) : undefined;
      const found = origin && path && text !== undefined ? locateProperty(text, origin, path) : undefined;
      if (origin && found) {
        at = { file: origin.file, line: found.line, column: found.column };
        notes.unshift(`note: created at ${this.name(origin.file)}:${origin.line}:${origin.column}`);
      }
      this.at(at, "error", message, info.code, notes);
      return EXIT_FINDINGS;
    }
    const syntax = compileErrors(e);
    if (syntax.length > 0) {
      for (const s of syntax) this.at(s.origin, "error", s.message, undefined, []);
      return EXIT_FINDINGS;
    }
    const frame = e instanceof Error ? userFrame(e.stack ?? "") : undefined;
    if (how === "compiling" && !frame) {
      this.io.stderr(`alloyc: internal error while compiling the config of ${this.name(pipeline)}: ${message}\n`);
    } else {
      const what = how === "rejected" ? "the pipeline left a promise rejected with nothing to handle it" : "the pipeline threw";
      this.at(frame ?? { file: pipeline, line: 0, column: 0 }, "error", `${what}: ${message}`, undefined, []);
    }
    if (this.io.env["ALLOYC_DEBUG"] && e instanceof Error && e.stack) this.io.stderr(`${e.stack}\n`);
    return EXIT_USAGE;
  }

  /** `FILE:LINE:COL: severity: message [code]`, then the TypeScript line with carets, then notes. */
  private at(origin: Origin, severity: Severity, message: string, code: string | undefined, notes: readonly string[]): void {
    const file = this.name(origin.file);
    const source = this.source(origin.file);
    const color = { color: this.color };
    if (origin.line === 0 || !source) {
      this.io.stderr(findingHeader(file, severity, message, code, color));
    } else {
      const src = sourceFile(file, source);
      const start = this.position(source, src.lines.lineStart(origin.line), origin);
      const end = wordEnd(source, start);
      this.io.stderr(findingHeader(`${file}:${start.line}:${start.column}`, severity, message, code, color));
      this.io.stderr(codeFrame(src, start, end, { ...color, severity }));
    }
    for (const n of notes) this.io.stderr(`  = ${n}\n`);
  }

  /** The stack's UTF-16 column as Alloy-style UTF-8 byte column. */
  private position(bytes: Buffer, lineStart: number, origin: Origin): Position {
    const next = bytes.indexOf(0x0a, lineStart);
    const text = bytes.subarray(lineStart, next === -1 ? bytes.length : next).toString("utf8");
    const column = utf8Length(text.slice(0, Math.max(0, origin.column - 1))) + 1;
    return { offset: lineStart + column - 1, line: origin.line, column };
  }

  /** The source as a string (decoded once per file: many findings may need it). */
  private text(file: string): string | undefined {
    if (!this.texts.has(file)) this.texts.set(file, this.source(file)?.toString("utf8"));
    return this.texts.get(file);
  }

  private source(file: string): Buffer | undefined {
    if (!this.sources.has(file)) {
      try {
        this.sources.set(file, readFileSync(file));
      } catch {
        this.sources.set(file, null);
      }
    }
    return this.sources.get(file) ?? undefined;
  }
}

/**
 * The end of the name at `start` (`relabel` in `discovery.relabel(`, a key, `mimir.receiver`), or of the string,
 * list or object there (a property's value on one line), for the carets.
 */
function wordEnd(bytes: Buffer, start: Position): Position {
  let i = start.offset;
  const quote = bytes[i];
  if (quote === 0x22 || quote === 0x27 || quote === 0x60) {
    for (i++; i < bytes.length && bytes[i] !== quote && bytes[i] !== 0x0a; i++) if (bytes[i] === 0x5c) i++;
    if (bytes[i] === quote) i++;
  } else if (quote === 0x5b || quote === 0x7b) {
    // A list or object value that closes on its line: all of it (brackets in strings are rare).
    const close = quote + 2;
    let depth = 0;
    for (let j = i; j < bytes.length && bytes[j] !== 0x0a; j++) {
      if (bytes[j] === quote) depth++;
      else if (bytes[j] === close && --depth === 0) return { offset: j, line: start.line, column: start.column + j - start.offset };
    }
  }
  const word = (j: number): boolean => j < bytes.length && /[\w$]/.test(String.fromCharCode(bytes[j] as number));
  // A name, or a dotted one (`mimir.receiver`, a value).
  while (word(i) || (bytes[i] === 0x2e && i > start.offset && word(i + 1))) i++;
  const length = Math.max(1, i - start.offset);
  return { offset: start.offset + length - 1, line: start.line, column: start.column + length - 1 };
}

/** The first frame in the user's code: not Node's, not a dependency's, not alloyc's own. */
function userFrame(stack: string): Origin | undefined {
  // src/ (or dist/, or dist/cli/ in the CLI bundle): the folder above this one.
  const ownRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  for (const line of stack.split("\n").slice(1)) {
    const frame = parseFrame(line);
    if (frame && !frame.file.includes("/node_modules/") && !frame.file.startsWith(ownRoot)) return frame;
  }
  return undefined;
}

/** TypeScript that does not compile: esbuild's `FILE:LINE:COL: ERROR: text` lines (through tsx). */
function compileErrors(e: unknown): Array<{ origin: Origin; message: string }> {
  if (!(e instanceof Error) || !/Transform failed|TransformError/.test(`${e.name} ${e.message}`)) return [];
  const out: Array<{ origin: Origin; message: string }> = [];
  for (const m of e.message.matchAll(/^(.+?):(\d+):(\d+): ERROR: (.*)$/gm)) {
    out.push({ origin: { file: m[1] as string, line: Number(m[2]), column: Number(m[3]) + 1 }, message: m[4] as string });
  }
  return out;
}
