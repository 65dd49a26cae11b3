import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { commandUsage, commandUsageError, parseCommandArgs } from "../args.js";
import { EXIT_OK, reportingUsageErrors, UsageError, type CliIO } from "../io.js";
import { typecheckFirst } from "../build-report.js";
import { alloyVersionsOf, checkBuiltForVersions } from "../build-versions.js";
import type { AlloyVersion } from "../../schema/versions.js";
import { runPipeline } from "../run-pipeline.js";
import { BUILD, DEFAULT_TIMEOUT_SECONDS } from "../specs.js";
import { fileErrorMessage, targetState, writeFileAtomically } from "../write-file.js";
import { buildEmbedding, embedBuildOutput, type BuildEmbedding } from "../yaml-files.js";

/**
 * `alloyc build FILE.ts [-o FILE]` (and `alloyc FILE.ts`; flags and help in specs.ts): runs a
 * TypeScript pipeline contained in a worker thread (run-pipeline.ts), which compiles the config it
 * exports through the facade (src/compile.ts: lowered, checked like a parsed file, printed as
 * `alloy fmt` would) and reports findings at the TypeScript line that made the block
 * (build-report.ts); then writes the text.
 *
 * Exit codes: 0 written; 1 the pipeline has problems (diagnostics, a build error, TypeScript that
 * does not compile, a default export that is not a config); 2 usage, I/O, or a pipeline that
 * threw, left a rejection unhandled, never settled, or ran out of time (--timeout).
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
    const timeoutSeconds = parseTimeout(parsed.values.get("timeout"));
    const embedding = buildEmbedding(parsed.values);
    const versions = await alloyVersionsOf(BUILD, parsed.values.get("alloy-version"), io.cwd);
    if (parsed.values.get("typecheck") === true) {
      const code = await typecheckFirst(resolve(io.cwd, file), io);
      if (code !== EXIT_OK) return code;
    }
    return build(file, typeof output === "string" ? output : undefined, io, force, timeoutSeconds, embedding, versions);
  });
}

async function build(file: string, output: string | undefined, io: CliIO, force: boolean, timeoutSeconds: number, embedding: BuildEmbedding, versions?: readonly AlloyVersion[]): Promise<number> {
  const path = resolve(io.cwd, file);
  if (!existsSync(path)) throw new UsageError(`${file}: no such file`);
  // What -o was before the pipeline ran: if someone changes it meanwhile, their edit wins.
  const outputBefore = output === undefined ? undefined : await targetState(resolve(io.cwd, output)).catch(() => undefined);

  // Findings, and what the pipeline printed, are on stderr already; the text is there when exit is 0.
  const compiled = await runPipeline(path, file, { timeoutSeconds, io });
  if ("stopped" in compiled) throw new UsageError(compiled.stopped);
  if (compiled.text === undefined) return compiled.code;
  // --alloy-version: what the releases asked for refuse in the output (nothing is written then).
  if (versions !== undefined) {
    const code = await checkBuiltForVersions(compiled.text, output ?? "<output>", versions, io);
    if (code !== EXIT_OK) return code;
  }
  // --format configmap or helm-values: the text inside YAML (src/yaml, loaded only then).
  const text = await embedBuildOutput(compiled.text, embedding);

  if (output === undefined) io.stdout(text);
  else {
    try {
      await writeFileAtomically(resolve(io.cwd, output), text, { force, ...(outputBefore ? { unchanged: { state: outputBefore } } : {}) });
    } catch (e) {
      throw new UsageError(`cannot write ${output}: ${fileErrorMessage(e)}`);
    }
  }
  return EXIT_OK;
}

/** `--timeout SECONDS`: a number above 0 (fractions allowed); 60 when not given. */
function parseTimeout(value: string | boolean | undefined): number {
  if (typeof value !== "string") return DEFAULT_TIMEOUT_SECONDS;
  const seconds = Number(value);
  if (value.trim() === "" || !Number.isFinite(seconds) || seconds <= 0) throw commandUsageError(BUILD, `--timeout takes a number of seconds above 0 (got "${value}")`);
  return seconds;
}
