import { dirname, sep } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Where in the user's TypeScript a component was created, so that a finding about the Alloy it
 * became points at the line that wrote it. A builder captures an Error when it is called; the
 * stack is only formatted (through the loader's source maps) when a diagnostic needs it, which
 * keeps building 10,000 components cheap.
 */

export interface Origin {
  /** Absolute path of the file (a path, not a URL). */
  readonly file: string;
  readonly line: number;
  /** 1-based, in UTF-16 code units as the stack reports it. */
  readonly column: number;
}

/** A captured call; resolved with `originOf` only when needed. */
export type CallSite = Error;

/** Frames in alloyc itself (this folder, and the package entry beside it) are not the caller. */
const libraryDir = dirname(fileURLToPath(import.meta.url));
const libraryPrefixes = [libraryDir + sep, `${dirname(libraryDir)}${sep}index.`];

/** alloyc adds at most four frames above the caller (callSite ← helper ← builder ...); a captured
 * trace is held until a diagnostic needs it, so it is kept short. */
const STACK_DEPTH = 6;

export function callSite(): CallSite {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = STACK_DEPTH;
  const site = new Error("call site");
  Error.stackTraceLimit = limit;
  return site;
}

const cache = new WeakMap<CallSite, Origin | null>();

/** The first stack frame outside alloyc, or undefined when there is none (no stack, eval, ...). */
export function originOf(site: CallSite): Origin | undefined {
  let found = cache.get(site);
  if (found === undefined) {
    found = firstUserFrame(site.stack ?? "") ?? null;
    cache.set(site, found);
  }
  return found ?? undefined;
}

function firstUserFrame(stack: string): Origin | undefined {
  for (const line of stack.split("\n").slice(1)) {
    const frame = parseFrame(line);
    if (frame && !libraryPrefixes.some((p) => frame.file.startsWith(p))) return frame;
  }
  return undefined;
}

/** `    at fn (/a/b.ts:3:9)`, `    at /a/b.ts:3:9`, `    at async file:///a/b.ts:3:9` */
export function parseFrame(line: string): Origin | undefined {
  const trimmed = line.trim();
  if (!trimmed.startsWith("at ")) return undefined;
  let location = trimmed.endsWith(")") ? trimmed.slice(trimmed.lastIndexOf("(") + 1, -1) : trimmed.slice(3);
  if (location.startsWith("async ")) location = location.slice(6);
  const m = /^(.*?)(?:\?[^:]*)?:(\d+):(\d+)$/.exec(location);
  if (!m) return undefined;
  let file = m[1] as string;
  if (file.startsWith("file://")) file = fileURLToPath(file);
  if (!file.startsWith("/") && !/^[A-Za-z]:[\\/]/.test(file)) return undefined; // node:internal, eval, native
  return { file, line: Number(m[2]), column: Number(m[3]) };
}

/** `file:line:col` relative to `cwd` when below it. */
export function formatOrigin(origin: Origin, cwd?: string): string {
  let file = origin.file;
  if (cwd && file.startsWith(cwd + sep)) file = file.slice(cwd.length + 1);
  return `${file}:${origin.line}:${origin.column}`;
}
