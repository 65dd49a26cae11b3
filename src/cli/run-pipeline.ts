import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { CliIO } from "./io.js";
import { type AlloycTargets, bundlePipeline } from "./load-pipeline.js";
import type { PipelineCode, PipelineJob, PipelineResult } from "./pipeline-worker.js";

/**
 * Runs a pipeline contained, for `alloyc build`: in a worker thread (pipeline-worker.ts) that this
 * thread stops when its result is in (whatever timers the pipeline left), when the time is up
 * (even in `while (true) {}`), or finds ended without one (a promise that never settled, or
 * process.exit). Everything the worker prints, the pipeline's console output included, goes to
 * `io.stderr`; the Alloy text comes back as a message, never through the worker's stdout.
 */

/** Defined (true) by the esbuild command of `npm run build` in the CLI bundle; undeclared elsewhere. */
declare const __ALLOYC_BUNDLE__: boolean | undefined;
const BUNDLED = typeof __ALLOYC_BUNDLE__ !== "undefined" && __ALLOYC_BUNDLE__;

/** What became of the pipeline: its result (findings already on stderr), or why it was stopped. */
export type PipelineOutcome = { readonly code: number; readonly text?: string } | { readonly stopped: string };

export async function runPipeline(path: string, file: string, options: { readonly timeoutSeconds: number; readonly io: CliIO }): Promise<PipelineOutcome> {
  const { io } = options;
  const job: PipelineJob = { path, file, targets: alloycTargets(), cwd: io.cwd, isTTY: { ...io.isTTY }, env: pick(io.env, ["FORCE_COLOR", "NO_COLOR", "ALLOYC_DEBUG"]) };
  const worker = startWorker(job);
  for (const stream of [worker.stdout, worker.stderr]) {
    stream.setEncoding("utf8");
    stream.on("data", (s: string) => io.stderr(s));
  }
  // esbuild bundles the pipeline here while the worker starts and loads alloyc.
  void bundlePipeline(path).then((bundled) => worker.postMessage({ bundled } satisfies PipelineCode));

  let result: PipelineResult | undefined;
  let failure: Error | undefined;
  let timedOut = false;
  worker.on("message", (m: PipelineResult) => {
    result ??= m;
    void worker.terminate();
  });
  worker.on("error", (e) => (failure ??= e));
  const timer = setTimeout(() => {
    timedOut = true;
    void worker.terminate();
  }, Math.min(options.timeoutSeconds * 1000, 2 ** 31 - 1)); // a longer delay would fire at once
  await once(worker, "exit");
  clearTimeout(timer);
  await Promise.all([finished(worker.stdout), finished(worker.stderr)]);

  if (result?.kind === "done") return result.text === undefined ? { code: result.code } : { code: result.code, text: result.text };
  if (result?.kind === "exit") return { stopped: `${file} called process.exit(${result.code}) before its default export settled` };
  if (timedOut) return { stopped: `${file} did not finish within ${options.timeoutSeconds} s (--timeout SECONDS sets the limit)` };
  if ((failure as NodeJS.ErrnoException | undefined)?.code === "ERR_WORKER_OUT_OF_MEMORY") return { stopped: `${file} ran out of memory` };
  if (failure) throw failure; // the worker itself failed: alloyc's bug, reported as an internal error
  return { stopped: `the default export of ${file} never settled (nothing was left that could resolve or reject it)` };
}

/**
 * The worker: pipeline-worker.js beside this code in the CLI bundle; from the sources (tests,
 * `tsx src/cli/main.ts`), pipeline-worker.ts loaded through tsx, registered in the worker first.
 */
function startWorker(job: PipelineJob): Worker {
  const options = { workerData: job, stdout: true, stderr: true, argv: process.argv.slice(2) } as const;
  // In the bundle, this code is in dist/cli/commands/ or dist/cli/chunks/, the worker in dist/cli/.
  if (BUNDLED) return new Worker(new URL("../pipeline-worker.js", import.meta.url), options);
  const tsx = tsxEsmApi();
  const entry = new URL("./pipeline-worker.ts", import.meta.url).href;
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(boot, { ...options, eval: true });
}

/** The ES module form of `tsx/esm/api` (its CommonJS form cannot register in a worker). */
function tsxEsmApi(): string {
  const manifest = createRequire(import.meta.url).resolve("tsx/package.json");
  const exports = (JSON.parse(readFileSync(manifest, "utf8")) as { exports: Record<string, { import: { default: string } }> }).exports;
  return new URL(exports["./esm/api"]?.import.default ?? "./dist/esm/api/index.mjs", pathToFileURL(manifest)).href;
}

/** `alloyc` for the pipeline: in the bundle dist/cli/index.js, whose chunks the worker shares. */
function alloycTargets(): AlloycTargets {
  if (BUNDLED) {
    const facade = new URL("../index.js", import.meta.url).href;
    return { alloyc: facade, "alloyc/builders": facade };
  }
  const own = (rel: string): string => {
    const js = new URL(`${rel}.js`, import.meta.url);
    return existsSync(fileURLToPath(js)) ? js.href : new URL(`${rel}.ts`, import.meta.url).href;
  };
  return { alloyc: own("../index"), "alloyc/builders": own("../builders/index") };
}

function pick(env: CliIO["env"], names: readonly string[]): Record<string, string | undefined> {
  return Object.fromEntries(names.filter((n) => env[n] !== undefined).map((n) => [n, env[n]]));
}
