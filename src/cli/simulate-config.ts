import { resolve } from "node:path";
import { ioErrorReason, ReadError, readRegularFile } from "../read-file.js";
import { SimulateError, simulate, type Simulation } from "../simulate.js";
import { UsageError, type CliIO } from "./io.js";
import { runPipeline } from "./run-pipeline.js";
import { DEFAULT_TIMEOUT_SECONDS } from "./specs.js";

const PIPELINE = /\.(m?ts|js)$/;

/**
 * The configuration `alloyc simulate` and `alloyc test` run: an .alloy file, parsed; or a
 * TypeScript pipeline, run as `alloyc build` runs it (its findings go to stderr) and simulated
 * from the Alloy text it compiles to. Problems are UsageErrors (exit 2).
 */
export async function loadSimulation(file: string, io: CliIO, env: Readonly<Record<string, string>>): Promise<Simulation> {
  const path = resolve(io.cwd, file);
  let text: string;
  let filename = file;
  if (PIPELINE.test(file)) {
    const compiled = await runPipeline(path, file, { timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, io });
    if ("stopped" in compiled) throw new UsageError(compiled.stopped);
    if (compiled.text === undefined) throw new UsageError(`${file} does not compile to a configuration (see above)`);
    text = compiled.text;
    filename = `${file} (as Alloy)`;
  } else {
    try {
      text = Buffer.from(await readRegularFile(path, { shown: file })).toString("utf8");
    } catch (e) {
      throw new UsageError(e instanceof ReadError ? e.message : `cannot read ${file}: ${ioErrorReason(e)}`);
    }
  }
  try {
    return await simulate(text, { filename, env });
  } catch (e) {
    if (e instanceof SimulateError) throw new UsageError(e.describe());
    throw e;
  }
}

/** `--env K=V` values (repeatable); a value may contain `=`. */
export function parseEnv(values: readonly string[], problem: (message: string) => Error): Record<string, string> {
  const env: Record<string, string> = {};
  for (const kv of values) {
    const eq = kv.indexOf("=");
    if (eq <= 0) throw problem(`--env takes NAME=VALUE (got "${kv}")`);
    env[kv.slice(0, eq)] = kv.slice(eq + 1);
  }
  return env;
}
