/**
 * alloyc's package entry: the typed builders (everything a pipeline file imports), the formatter,
 * and `compile`, which runs a config through the same steps as `alloyc build`.
 *
 * The parser is not re-exported here: loading Chevrotain costs ~300 ms, which every pipeline
 * would pay. It is `alloyc/parse` (`parseFile`); the other stages have their own entries too.
 */
import type { Diagnostic } from "./diag/index.js";
import { checkBuilt } from "./builders/check.js";
import { type Built, type Config, synth } from "./builders/config.js";
import { format } from "./emit/index.js";

export * from "./builders/index.js";
export { format } from "./emit/index.js";
export { hasErrors, renderText, type Diagnostic, type Severity } from "./diag/index.js";

export interface Compiled {
  /** The Alloy text, formatted as `alloy fmt` prints it. */
  readonly text: string;
  /** Findings of the builders and of the checker, in file order. */
  readonly diagnostics: readonly Diagnostic[];
  /** The positioned AST and where each block came from (see `place`). */
  readonly built: Built;
}

/** Lowers, checks and formats a config (the text is produced even when there are findings). */
export async function compile(config: Config, options: { readonly filename?: string } = {}): Promise<Compiled> {
  const built = synth(config);
  const diagnostics = await checkBuilt(built, options.filename ?? "config.alloy");
  return { text: format(built.file), diagnostics, built };
}
