import { readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { ioErrorReason, ReadError, readRegularFile } from "../../read-file.js";
import { SimulateError, simulate, type ProcessOptions, type Simulation } from "../../simulate.js";
import { parseTestFile, type LoadedTestFile } from "../../simulate-test-file.js";
import { runTestFile, type TestCaseResult } from "../../simulate-test.js";
import { commandUsage, commandUsageError, parseCommandArgs } from "../args.js";
import { colorFor, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, reportingUsageErrors, UsageError, type CliIO } from "../io.js";
import { loadSimulation } from "../simulate-config.js";
import { TEST } from "../specs.js";
import { fileErrorMessage, writeFileAtomically } from "../write-file.js";

/** One test file's outcome: its cases, or the error that kept it from running. */
interface FileOutcome {
  readonly file: string;
  readonly cases: readonly TestCaseResult[];
  readonly error?: string;
}

/**
 * `alloyc test [PATH...]`: runs test files (*.test.yaml, *.test.yml; format in
 * src/simulate-test-file.ts) against the configurations they name. Exit codes: 0 all passed;
 * 1 a case failed; 2 usage, I/O, or a file that cannot run (bad YAML, unknown component, …).
 */
export async function runTest(args: readonly string[], io: CliIO): Promise<number> {
  return reportingUsageErrors(io, async () => {
    const parsed = parseCommandArgs(TEST, args);
    if (parsed.help) {
      io.stdout(commandUsage(TEST));
      return EXIT_OK;
    }
    const format = (parsed.values.get("format") as string | undefined) ?? "text";
    const junit = parsed.values.get("junit");
    const files = findTestFiles(parsed.positionals.length > 0 ? parsed.positionals : ["."], io);
    if (files.length === 0) throw commandUsageError(TEST, `no test files (*.test.yaml) in ${parsed.positionals.join(", ") || "."}`);

    const outcomes: FileOutcome[] = [];
    for (const file of files) outcomes.push(await runOne(file, io));

    const color = colorFor(io, "stdout");
    if (format === "json") io.stdout(`${JSON.stringify(jsonReport(outcomes), null, 2)}\n`);
    else io.stdout(textReport(outcomes, color));
    for (const o of outcomes) if (o.error) io.stderr(`alloyc: ${o.error}\n`);
    if (typeof junit === "string") {
      try {
        await writeFileAtomically(resolve(io.cwd, junit), junitReport(outcomes));
      } catch (e) {
        throw new UsageError(`cannot write ${junit}: ${fileErrorMessage(e)}`);
      }
    }
    if (outcomes.some((o) => o.error)) return EXIT_USAGE;
    return outcomes.some((o) => o.cases.some((c) => !c.ok)) ? EXIT_FINDINGS : EXIT_OK;
  });
}

/** A test file's geoip_db, read relative to the test file; a file that cannot be read is reported at its line. */
async function testFileOptions(loaded: LoadedTestFile, io: CliIO): Promise<ProcessOptions> {
  const db = loaded.test.geoip_db;
  if (db === undefined) return {};
  const path = resolve(io.cwd, dirname(loaded.file), db);
  try {
    return { geoipDatabase: await readRegularFile(path, { shown: db }) };
  } catch (e) {
    throw new SimulateError(`geoip_db: ${e instanceof ReadError ? e.message : `cannot read ${db}: ${ioErrorReason(e)}`}`, loaded.posOf(["geoip_db"]));
  }
}

async function runOne(file: string, io: CliIO): Promise<FileOutcome> {
  try {
    let text: string;
    try {
      text = Buffer.from(await readRegularFile(resolve(io.cwd, file), { shown: file })).toString("utf8");
    } catch (e) {
      throw new UsageError(e instanceof ReadError ? e.message : `cannot read ${file}: ${ioErrorReason(e)}`);
    }
    const loaded = await parseTestFile(text, file);
    const { test } = loaded;
    const env = test.env ?? {};
    let sim: Simulation;
    if (loaded.configText !== undefined) sim = await simulate(loaded.configText, { filename: file, env });
    else if (typeof test.config === "string") sim = await simulate(test.config, { filename: `${file} (config)`, env });
    else {
      const path = test.path ?? (test.config as { path: string }).path;
      // A configuration path is relative to the test file, so tests run from any folder.
      sim = await loadSimulation(relative(io.cwd, resolve(io.cwd, dirname(file), path)) || path, io, env);
    }
    return { file, cases: await runTestFile(loaded, sim, await testFileOptions(loaded, io)) };
  } catch (e) {
    if (e instanceof SimulateError) return { file, cases: [], error: e.describe() };
    if (e instanceof UsageError) return { file, cases: [], error: e.message };
    throw e;
  }
}

/** Files named on the command line, and *.test.yaml / *.test.yml below folders (not dot-folders or node_modules). */
function findTestFiles(paths: readonly string[], io: CliIO): string[] {
  const out: string[] = [];
  const visit = (shown: string, top: boolean): void => {
    let info;
    try {
      info = statSync(resolve(io.cwd, shown));
    } catch (e) {
      throw new UsageError(`cannot read ${shown}: ${ioErrorReason(e)}`);
    }
    if (!info.isDirectory()) {
      if (top || /\.test\.ya?ml$/.test(shown)) out.push(shown);
      return;
    }
    for (const name of readdirSync(resolve(io.cwd, shown)).sort()) {
      if (name.startsWith(".") || name === "node_modules") continue;
      const child = shown === "." ? name : join(shown, name);
      if (statSync(resolve(io.cwd, child)).isDirectory() || /\.test\.ya?ml$/.test(name)) visit(child, false);
    }
  };
  for (const p of paths) visit(p, true);
  return out;
}

function textReport(outcomes: readonly FileOutcome[], color: boolean): string {
  const c = (code: string, s: string): string => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  let out = "";
  let passed = 0;
  let failed = 0;
  for (const o of outcomes) {
    out += `${c("1", o.file)}\n`;
    if (o.error) out += `  ${c("31", "✗")} could not run (the error is on standard error)\n`;
    for (const r of o.cases) {
      if (r.ok) {
        passed++;
        out += `  ${c("32", "✓")} ${r.name}\n`;
        continue;
      }
      failed++;
      out += `  ${c("31", "✗")} ${r.name} ${c("2", `(${r.pos.file}:${r.pos.line}:${r.pos.col})`)}\n`;
      const body = r.diff ?? `expected: ${r.expected}\nactual: ${r.actual}\n`;
      for (const line of body.replace(/\n$/, "").split("\n")) {
        const painted = line.startsWith("+") ? c("32", line) : line.startsWith("-") ? c("31", line) : line.startsWith("@@") ? c("36", line) : line;
        out += `      ${painted}\n`;
      }
    }
  }
  const errors = outcomes.filter((o) => o.error).length;
  out += `\n${passed} passed, ${failed} failed${errors > 0 ? `, ${errors} ${errors === 1 ? "file" : "files"} could not run` : ""} (${outcomes.length} ${outcomes.length === 1 ? "file" : "files"})\n`;
  return out;
}

function jsonReport(outcomes: readonly FileOutcome[]) {
  const all = outcomes.flatMap((o) => o.cases);
  return {
    passed: all.filter((c) => c.ok).length,
    failed: all.filter((c) => !c.ok).length,
    errors: outcomes.filter((o) => o.error).length,
    files: outcomes.map((o) => ({ file: o.file, ...(o.error ? { error: o.error } : {}), cases: o.cases })),
  };
}

const xml = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[ch] as string).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, "");

/** JUnit XML: a testsuite per file, a testcase per case; a file that could not run is an error. */
function junitReport(outcomes: readonly FileOutcome[]): string {
  let out = `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="alloyc test">\n`;
  for (const o of outcomes) {
    const failures = o.cases.filter((c) => !c.ok).length;
    out += `  <testsuite name="${xml(o.file)}" tests="${o.cases.length + (o.error ? 1 : 0)}" failures="${failures}" errors="${o.error ? 1 : 0}">\n`;
    if (o.error) out += `    <testcase name="${xml(o.file)}" classname="${xml(o.file)}"><error message="${xml(o.error)}"/></testcase>\n`;
    for (const r of o.cases) {
      out += `    <testcase name="${xml(r.name)}" classname="${xml(o.file)}"`;
      if (r.ok) out += "/>\n";
      else out += `>\n      <failure message="${xml(`${r.name} failed at ${r.pos.file}:${r.pos.line}`)}">${xml(r.diff ?? `expected: ${r.expected}\nactual: ${r.actual}`)}</failure>\n    </testcase>\n`;
    }
    out += "  </testsuite>\n";
  }
  return `${out}</testsuites>\n`;
}
