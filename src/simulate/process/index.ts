/**
 * `runStages`: loki.process stages over plain entries, as Alloy runs them. Builds each stage from
 * its StageSpec (a config Alloy would refuse is a SimulateError at the stage), then runs the
 * entries in order through one pipeline instance and flushes it at the end of input.
 */
import { SimulateError } from "../errors.js";
import type { Entry, ProcessOptions, ProcessResult, StageSpec, TraceStep } from "../types.js";
import { Args } from "./args.js";
import { parseRFC3339Nano } from "./golayout.js";
import { formatRFC3339Nano, fromDate, type GoTime } from "./gotime.js";
import { loadJmespath } from "./jmespath.js";
import { Pipeline } from "./pipeline.js";
import { loadRegexp } from "./regex.js";
import { CONTAINER_STAGES } from "./stages/containers.js";
import { FILTER_STAGES } from "./stages/filter.js";
import { GEOIP_STAGES } from "./stages/geoip.js";
import { LABEL_STAGES } from "./stages/labels.js";
import { METRIC_STAGES } from "./stages/metrics.js";
import { PARSE_STAGES } from "./stages/parse.js";
import type { BuildContext, StageFactory } from "./stages/stage.js";
import { TEXT_STAGES } from "./stages/text.js";
import { TIME_STAGES } from "./stages/timestamp.js";
import { WINDOWS_STAGES } from "./stages/windows.js";
import { Metrics, seededRandom, type RunContext, type StageRun, type Work } from "./work.js";

const FACTORIES: Readonly<Record<string, StageFactory>> = {
  ...PARSE_STAGES,
  ...LABEL_STAGES,
  ...FILTER_STAGES,
  ...TEXT_STAGES,
  ...TIME_STAGES,
  ...CONTAINER_STAGES,
  ...WINDOWS_STAGES,
  ...METRIC_STAGES,
  ...GEOIP_STAGES,
};

/** Every stage name the simulator runs (`stage.NAME`). */
export const SUPPORTED_STAGES: readonly string[] = Object.keys(FACTORIES).sort();

/** Loads the engines the stages use (RE2, JMESPath); runStages does it itself. */
export async function loadProcessEngines(): Promise<void> {
  await Promise.all([loadRegexp(), loadJmespath()]);
}

/** Builds the stages (the engines must be loaded). */
export function buildStages(specs: readonly StageSpec[], options: Pick<ProcessOptions, "geoipDatabase"> = {}): StageRun[] {
  const build: BuildContext = {
    buildStages: (nested) => nested.map(one),
    ...(options.geoipDatabase !== undefined ? { geoipDatabase: options.geoipDatabase } : {}),
  };
  function one(spec: StageSpec): StageRun {
    const factory = FACTORIES[spec.name];
    if (!factory) throw new SimulateError(`stage.${spec.name} is not a loki.process stage the simulator knows`, spec.span);
    return factory(spec, Args.of(spec, `stage.${spec.name}`), build);
  }
  return specs.map(one);
}

function toWork(e: Entry, index: number): Work {
  const where = `entry ${index + 1}`;
  if (e === null || typeof e !== "object" || typeof e.line !== "string") throw new SimulateError(`${where}: "line" must be a string`);
  let ts: GoTime | null = null;
  if (e.timestamp !== null && e.timestamp !== undefined) {
    const parsed = typeof e.timestamp === "string" ? parseRFC3339Nano(e.timestamp) : undefined;
    if (!parsed) throw new SimulateError(`${where}: timestamp ${JSON.stringify(e.timestamp)} is not an RFC3339Nano time (like 2024-01-02T03:04:05.123456789Z) or null`);
    ts = parsed;
  }
  const strings = (v: unknown, field: string): Record<string, string> => {
    if (v === undefined || v === null) return {};
    if (typeof v !== "object" || Array.isArray(v) || Object.values(v).some((x) => typeof x !== "string")) throw new SimulateError(`${where}: "${field}" must be an object of strings`);
    return { ...(v as Record<string, string>) };
  };
  const extracted = e.extracted ?? {};
  if (typeof extracted !== "object" || Array.isArray(extracted)) throw new SimulateError(`${where}: "extracted" must be an object`);
  return {
    line: e.line,
    labels: strings(e.labels, "labels"),
    ts,
    sm: Object.entries(strings(e.structured_metadata, "structured_metadata")),
    extracted: { ...extracted },
    input: index,
  };
}

function toEntry(w: Work): Entry {
  return { line: w.line, labels: w.labels, timestamp: w.ts ? formatRFC3339Nano(w.ts) : null, structured_metadata: Object.fromEntries(w.sm), extracted: w.extracted };
}

/** Runs `entries` through `stages` as one loki.process would, in order, and flushes at the end. */
export async function runStages(stages: readonly StageSpec[], entries: readonly Entry[], options: ProcessOptions = {}): Promise<ProcessResult> {
  await loadProcessEngines();
  const pipeline = new Pipeline(buildStages(stages, options), options.harness !== "stage");
  const trace: TraceStep[] | null = options.trace ? [] : null;
  const metrics = new Metrics();
  const ctx: RunContext = { now: fromDate(options.now ?? new Date()), random: seededRandom(options.seed ?? 1), metrics, trace, depth: 0 };
  const out: Work[] = [];
  const works = entries.map(toWork);
  for (const w of works) out.push(...pipeline.push(w, ctx));
  out.push(...pipeline.flush(ctx));
  return { entries: out.map(toEntry), trace: trace ?? [], metrics: metrics.list() };
}
