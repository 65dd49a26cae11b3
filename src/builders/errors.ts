import type { Code } from "../diag/index.js";
import { type CallSite, type Origin, originOf } from "./origin.js";
import { buildErrorTag } from "./tags.js";

/**
 * A mistake in a pipeline that alloyc finds while building it (a duplicate label, a value with no
 * Alloy form, a stage with two blocks). It names the TypeScript line responsible; the CLI prints
 * it as a diagnostic, never with a stack trace. Recognised across loaded copies of alloyc by
 * `buildErrorTag`, not by `instanceof`.
 */
export interface BuildErrorInfo {
  readonly code: Code | undefined;
  /** Where the offending builder was called, when known. */
  readonly origin: () => Origin | undefined;
  /** Other places that matter (the first of two duplicates). */
  readonly related: ReadonlyArray<{ readonly message: string; readonly origin: () => Origin | undefined }>;
  /**
   * Where in the builder's argument object the mistake is: its keys and list indices from the
   * object passed at the call (`["endpoint", 0, "url"]`), for the CLI to point at that property.
   */
  readonly path?: ReadonlyArray<string | number>;
}

export class BuildError extends Error {
  override readonly name = "BuildError";
  readonly [buildErrorTag]: BuildErrorInfo;

  constructor(message: string, site: CallSite | undefined, code?: Code, related: BuildErrorInfo["related"] = [], path?: BuildErrorInfo["path"]) {
    super(message);
    this[buildErrorTag] = { code, origin: () => (site ? originOf(site) : undefined), related, ...(path && path.length > 0 ? { path } : {}) };
  }
}

/**
 * The keys and indices a value error's message names after `title` (`loki.write "x".endpoint[0].url: ...`
 * gives `["endpoint", 0, "url"]`): the lowering names where it is in that form.
 */
export function pathInMessage(message: string, title: string): Array<string | number> {
  const path: Array<string | number> = [];
  if (!message.startsWith(title)) return path;
  for (let rest = message.slice(title.length); ; ) {
    const m = /^\.([^.[:\s]+)|^\[(\d+)\]|^\[("(?:[^"\\]|\\.)*")\]/.exec(rest);
    if (!m) return rest.startsWith(":") ? path : [];
    path.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : (JSON.parse(m[3] as string) as string)));
    rest = rest.slice(m[0].length);
  }
}

export function buildErrorInfo(e: unknown): BuildErrorInfo | undefined {
  if (typeof e !== "object" || e === null || !(buildErrorTag in e)) return undefined;
  return (e as { [buildErrorTag]: BuildErrorInfo })[buildErrorTag];
}
