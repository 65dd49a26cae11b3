import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { isConfig } from "../../builders/config.js";
import { compile, type Compiled, place, prepareCheck } from "../../compile.js";
import { commandUsage, commandUsageError, parseCommandArgs } from "../args.js";
import { BuildReporter } from "../build-report.js";
import { EXIT_FINDINGS, EXIT_OK, reportingUsageErrors, UsageError, type CliIO } from "../io.js";
import { loadPipeline } from "../load-pipeline.js";
import { BUILD } from "../specs.js";
import { fileErrorMessage, targetState, writeFileAtomically } from "../write-file.js";

/**
 * `alloyc build FILE.ts [-o FILE]` (and `alloyc FILE.ts`; flags and help in specs.ts): runs a
 * TypeScript pipeline (load-pipeline.ts), compiles the config it exports through the facade
 * (src/compile.ts: lowered, checked like a parsed file, printed as `alloy fmt` would), reports
 * findings at the TypeScript line that made the block (build-report.ts), and writes the text.
 *
 * Exit codes: 0 written; 1 the pipeline has problems (diagnostics, a build error, TypeScript that
 * does not compile, a default export that is not a config); 2 usage, I/O, or a pipeline that
 * threw while running.
 */
export async function runBuild(args: readonly string[], io: CliIO): Promise<number> {
  return reportingUsageErrors(io, async () => {
    const parsed = parseCommandArgs(BUILD, args);
    if (parsed.help) {
      io.stdout(commandUsage(BUILD));
      return EXIT_OK;
    }
    const [file, extra] = parsed.positionals;
    if (file === undefined) throw commandUsageError(BUILD, "which pipeline? (a FILE.ts)");
    if (extra !== undefined) throw commandUsageError(BUILD, `one pipeline file at a time (got ${file} and ${extra})`);
    const output = parsed.values.get("output");
    const force = parsed.values.get("force") === true;
    if (force && typeof output !== "string") throw commandUsageError(BUILD, "--force goes with -o FILE");
    return build(file, typeof output === "string" ? output : undefined, io, force);
  });
}

async function build(file: string, output: string | undefined, io: CliIO, force = false): Promise<number> {
  const path = resolve(io.cwd, file);
  if (!existsSync(path)) throw new UsageError(`${file}: no such file`);
  // What -o was before the pipeline ran: if someone changes it meanwhile, their edit wins.
  const outputBefore = output === undefined ? undefined : await targetState(resolve(io.cwd, output)).catch(() => undefined);
  const report = new BuildReporter(io);

  let compiled: Compiled;
  try {
    // The checker's catalog runtime loads alongside, before any loader hook could slow it down.
    const value = await loadPipeline(path, { loadFirst: prepareCheck() });
    if (!isConfig(value)) return report.notAConfig(path);
    compiled = await compile(value, { filename: file });
  } catch (e) {
    return report.failure(e, path);
  }
  for (const d of compiled.diagnostics) report.diagnostic(d, place(compiled.built, d), compiled.text, path);
  if (compiled.diagnostics.some((d) => d.severity === "error")) return EXIT_FINDINGS;

  if (output === undefined) io.stdout(compiled.text);
  else {
    try {
      await writeFileAtomically(resolve(io.cwd, output), compiled.text, { force, ...(outputBefore ? { unchanged: { state: outputBefore } } : {}) });
    } catch (e) {
      throw new UsageError(`cannot write ${output}: ${fileErrorMessage(e)}`);
    }
  }
  return EXIT_OK;
}
