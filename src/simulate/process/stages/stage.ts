/**
 * What every stage file shares: the factory signature, `mapStage` for stages that change one entry
 * in place (upstream's Processor), and reading a value from the extracted map as upstream's stages
 * do (`source` absent → the line; a missing key or a value with no string form → nothing).
 */
import type { StageSpec } from "../../types.js";
import { Args } from "../args.js";
import { getString } from "../values.js";
import type { Outcome, RunContext, StageRun, Work } from "../work.js";

export interface BuildContext {
  /** Builds nested stages (stage.match). */
  buildStages(specs: readonly StageSpec[]): StageRun[];
  /** The bytes of the MaxMind database stage.geoip reads (ProcessOptions.geoipDatabase). */
  readonly geoipDatabase?: Uint8Array;
}

export type StageFactory = (spec: StageSpec, args: Args, build: BuildContext) => StageRun;

export function mapStage(spec: StageSpec, fn: (e: Work, ctx: RunContext) => void): StageRun {
  return {
    name: spec.name,
    span: spec.span,
    process(e: Work, ctx: RunContext): Outcome {
      fn(e, ctx);
      return [e];
    },
  };
}

/** The text a parsing stage reads: the line, or `extracted[source]` as a string (undefined: skip). */
export function sourceText(e: Work, source: string | undefined): string | undefined {
  if (source === undefined) return e.line;
  if (!Object.hasOwn(e.extracted, source)) return undefined;
  return getString(e.extracted[source]);
}

export { Args };
