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
}

export class BuildError extends Error {
  override readonly name = "BuildError";
  readonly [buildErrorTag]: BuildErrorInfo;

  constructor(message: string, site: CallSite | undefined, code?: Code, related: BuildErrorInfo["related"] = []) {
    super(message);
    this[buildErrorTag] = { code, origin: () => (site ? originOf(site) : undefined), related };
  }
}

export function buildErrorInfo(e: unknown): BuildErrorInfo | undefined {
  if (typeof e !== "object" || e === null || !(buildErrorTag in e)) return undefined;
  return (e as { [buildErrorTag]: BuildErrorInfo })[buildErrorTag];
}
