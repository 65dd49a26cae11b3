import { resolve } from "node:path";
import { ioErrorReason, ReadError, readRegularFile } from "../../read-file.js";
import { PROCESS_COMPONENT, readJsonValues, SimulateError, toEntries, toTargets, type ProcessOptions } from "../../simulate.js";
import { MAX_SEED, parseNow, parseSeed } from "../../simulate-input.js";
import { processText, relabelText } from "../../simulate-report.js";
import { commandUsage, commandUsageError, parseCommandArgs } from "../args.js";
import { colorFor, EXIT_OK, reportingUsageErrors, UsageError, type CliIO } from "../io.js";
import { loadSimulation, parseEnv } from "../simulate-config.js";
import { SIMULATE } from "../specs.js";

/**
 * `alloyc simulate CONFIG --component ID [--input FILE|-] [--env K=V]... [--trace] [--format
 * json|text] [--now RFC3339] [--seed N] [--geoip-db FILE]`: runs one relabel or loki.process component on input data (flags in specs.ts).
 * Exit codes: 0 ran; 2 usage, I/O, a config or input the simulator cannot run.
 */
export async function runSimulate(args: readonly string[], io: CliIO): Promise<number> {
  return reportingUsageErrors(io, async () => {
    const parsed = parseCommandArgs(SIMULATE, args);
    if (parsed.help) {
      io.stdout(commandUsage(SIMULATE));
      return EXIT_OK;
    }
    const [config, extra] = parsed.positionals;
    if (config === undefined) throw commandUsageError(SIMULATE, "which configuration? (CONFIG.alloy or PIPELINE.ts)");
    if (extra !== undefined) throw commandUsageError(SIMULATE, `one configuration at a time (got ${config} and ${extra})`);
    const id = parsed.values.get("component");
    if (typeof id !== "string") throw commandUsageError(SIMULATE, "which component? --component ID (discovery.relabel.pod_logs, loki.process.pod_logs)");
    const env = parseEnv(parsed.lists.get("env") ?? [], (m) => commandUsageError(SIMULATE, m));
    const input = (parsed.values.get("input") as string | undefined) ?? "-";
    const trace = parsed.values.get("trace") === true;
    const format = (parsed.values.get("format") as string | undefined) ?? "json";
    const stageOptions = await processOptions(parsed.values, io);

    const sim = await loadSimulation(config, io, env);
    const inputName = input === "-" ? "standard input" : input;
    const text = await readInput(input, io);
    try {
      const kind = sim.componentName(id);
      const values = readJsonValues(text, inputName);
      if (kind === PROCESS_COMPONENT) {
        const entries = toEntries(values);
        const result = await sim.process(id, entries, { ...stageOptions, trace });
        if (format === "text") io.stdout(processText(entries, result.entries, result.trace, { color: colorFor(io, "stdout") }, result.metrics));
        else io.stdout(`${JSON.stringify(trace ? { output: result.entries, trace: result.trace, metrics: result.metrics } : result.entries, null, 2)}\n`);
        return EXIT_OK;
      }
      const targets = toTargets(values);
      const result = sim.relabel(id, targets, { trace: trace || format === "text" });
      if (format === "text") io.stdout(relabelText(targets, result.targets, trace ? result.trace : [], { color: colorFor(io, "stdout") }));
      else io.stdout(`${JSON.stringify(trace ? { output: result.targets, trace: result.trace } : result.targets, null, 2)}\n`);
      return EXIT_OK;
    } catch (e) {
      if (e instanceof SimulateError) throw new UsageError(e.describe());
      throw e;
    }
  });
}

/** `--now`, `--seed`, `--geoip-db`: the stage runner's options, checked before anything runs. */
async function processOptions(values: ReadonlyMap<string, string | boolean>, io: CliIO): Promise<ProcessOptions> {
  const options: { now?: Date; seed?: number; geoipDatabase?: Uint8Array } = {};
  const now = values.get("now");
  if (typeof now === "string") {
    const date = parseNow(now);
    if (!date) throw commandUsageError(SIMULATE, `--now takes an RFC3339 time such as 2024-01-01T00:00:00Z (not "${now}")`);
    options.now = date;
  }
  const seed = values.get("seed");
  if (typeof seed === "string") {
    const n = parseSeed(seed);
    if (n === undefined) throw commandUsageError(SIMULATE, `--seed takes a whole number from 0 to ${MAX_SEED} (not "${seed}")`);
    options.seed = n;
  }
  const db = values.get("geoip-db");
  if (typeof db === "string") options.geoipDatabase = await readBytes(db, io);
  return options;
}

async function readBytes(file: string, io: CliIO): Promise<Uint8Array> {
  try {
    return await readRegularFile(resolve(io.cwd, file), { shown: file });
  } catch (e) {
    throw new UsageError(e instanceof ReadError ? e.message : `cannot read ${file}: ${ioErrorReason(e)}`);
  }
}

async function readInput(input: string, io: CliIO): Promise<string> {
  try {
    const bytes = input === "-" ? await io.stdin() : await readRegularFile(resolve(io.cwd, input), { shown: input });
    return Buffer.from(bytes).toString("utf8");
  } catch (e) {
    throw new UsageError(e instanceof ReadError ? e.message : `cannot read ${input}: ${ioErrorReason(e)}`);
  }
}
