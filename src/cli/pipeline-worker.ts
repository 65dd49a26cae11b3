import { parentPort, workerData } from "node:worker_threads";
import { isConfig } from "../builders/config.js";
import { compile, type Compiled, place, prepareCheck } from "../compile.js";
import { BuildReporter } from "./build-report.js";
import { EXIT_FINDINGS, EXIT_OK, type CliIO } from "./io.js";
import { type AlloycTargets, loadPipeline } from "./load-pipeline.js";

/**
 * The worker thread that runs one pipeline for `alloyc build` (started by run-pipeline.ts): it
 * loads the pipeline, compiles the config it exports through the facade, and reports findings on
 * its standard error, which the main thread passes on. The main thread can stop it whatever the
 * pipeline does (a loop that never ends, timers left running), and writes the text itself.
 */

/** What the main thread gives the worker (workerData). */
export interface PipelineJob {
  /** The pipeline's absolute path, and the name it is reported under (as given). */
  readonly path: string;
  readonly file: string;
  readonly targets: AlloycTargets;
  /** The reporter's view of the main thread's process. */
  readonly cwd: string;
  readonly isTTY: CliIO["isTTY"];
  readonly env: CliIO["env"];
}

/** What the main thread sends once esbuild is done: the bundled pipeline, or undefined for tsx. */
export interface PipelineCode {
  readonly bundled: string | undefined;
}

/**
 * What the worker sends back, once, after its standard error is flushed: the exit code and, when
 * it is 0, the Alloy text; or that the pipeline called process.exit before it was done.
 */
export type PipelineResult = { readonly kind: "done"; readonly code: number; readonly text?: string } | { readonly kind: "exit"; readonly code: number };

const job = workerData as PipelineJob;
const port = parentPort;
if (!port) throw new Error("pipeline-worker.ts runs in a worker thread (see run-pipeline.ts)");

// The pipeline's console.log and process.stdout.write go to standard error, in order with its
// console.error, never into the config (the main thread also sends the worker's stdout there).
const toStderr = process.stderr.write.bind(process.stderr);
process.stdout.write = toStderr as typeof process.stdout.write;

const io: CliIO = {
  stdout: toStderr,
  stderr: toStderr,
  stdin: () => Promise.reject(new Error("a pipeline worker reads no standard input")),
  cwd: job.cwd,
  isTTY: job.isTTY,
  env: job.env,
};
const report = new BuildReporter(io);

let sent = false;
function send(result: PipelineResult): void {
  if (sent) return;
  sent = true;
  // Once the main thread has everything written to stderr, it stops this thread with what is left.
  process.stderr.write("", () => port?.postMessage(result));
}

process.on("uncaughtException", (e) => send({ kind: "done", code: report.failure(e, job.path) }));
process.on("unhandledRejection", (e) => send({ kind: "done", code: report.failure(e, job.path, "rejected") }));
const exit = process.exit.bind(process);
process.exit = ((code?: number | string | null) => {
  // Sent at once: nothing runs after process.exit. What the pipeline wrote is already on its way.
  if (!sent) port.postMessage({ kind: "exit", code: Number(code ?? process.exitCode ?? 0) } satisfies PipelineResult);
  sent = true;
  return exit(code);
}) as typeof process.exit;

const code = new Promise<string | undefined>((resolve) => port.once("message", (m: PipelineCode) => resolve(m.bundled)));

// Not awaited: a pipeline that never settles leaves this thread with nothing to do, and it ends
// without a result, which is how the main thread tells.
void runJob().catch((e: unknown) => send({ kind: "done", code: report.failure(e, job.path) }));

async function runJob(): Promise<void> {
  // The checker's catalog runtime loads alongside, before any loader hook could slow it down.
  const value = await loadPipeline(job.path, code, job.targets, prepareCheck());
  if (!isConfig(value)) return send({ kind: "done", code: report.notAConfig(job.path) });
  let compiled: Compiled;
  try {
    compiled = await compile(value, { filename: job.file });
  } catch (e) {
    return send({ kind: "done", code: report.failure(e, job.path, "compiling") });
  }
  // A rejection the pipeline left unhandled is reported on the next turn: it goes first.
  await new Promise((resolve) => setImmediate(resolve));
  if (sent) return;
  for (const d of compiled.diagnostics) report.diagnostic(d, place(compiled.built, d), compiled.text, job.path);
  const failed = compiled.diagnostics.some((d) => d.severity === "error");
  send(failed ? { kind: "done", code: EXIT_FINDINGS } : { kind: "done", code: EXIT_OK, text: compiled.text });
}
