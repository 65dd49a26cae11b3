/**
 * Stages that select or drop entries: match (LogQL selector, nested stages run as a pipeline, or
 * action "drop"), drop (every condition must hold), limit (token bucket; entries arrive back to
 * back, so with drop = true only `burst` entries per bucket pass and with drop = false all pass
 * after waiting), sampling (seeded).
 */
import { parseSelector, SelectorError } from "../logql.js";
import { Pipeline } from "../pipeline.js";
import { compileGo, quoteMeta, type GoRegexp } from "../regex.js";
import { getString } from "../values.js";
import type { RunContext, StageRun, Work } from "../work.js";
import type { StageFactory } from "./stage.js";

const match: StageFactory = (spec, args, build) => {
  const selectorText = args.string("selector");
  if (selectorText === "") args.fail("selector statement required for match stage");
  const action = args.string("action") || "keep";
  if (action !== "keep" && action !== "drop") args.fail("match stage action should be 'keep' or 'drop'");
  const nested = spec.stages ?? [];
  if (action === "keep" && nested.length === 0) args.fail("match stage requires at least one additional stage to be defined in '- stages'");
  if (action === "drop" && nested.length !== 0) args.fail("match stage configured to drop entries cannot contains stages");
  let selector;
  try {
    selector = parseSelector(selectorText);
  } catch (e) {
    if (e instanceof SelectorError) return args.fail(`invalid selector syntax for match stage: ${e.message}`);
    throw e;
  }
  const dropReason = args.string("drop_counter_reason") || "match_stage";
  const inner = action === "keep" ? new Pipeline(build.buildStages(nested), true) : undefined;
  const deeper = (ctx: RunContext): RunContext => ({ ...ctx, depth: ctx.depth + 1 });
  const stage: StageRun = {
    name: spec.name,
    span: spec.span,
    process(e, ctx) {
      if (!selector.matches(e.labels, e.line)) {
        ctx.trace?.push({ kind: "stage", name: spec.name, span: spec.span, input: e.input, depth: ctx.depth, labels: [], note: `selector ${selectorText} does not match: nested stages skipped` });
        return [e];
      }
      if (!inner) return { dropped: `selector ${selectorText} matched (action "drop")`, reason: dropReason };
      return inner.push(e, deeper(ctx));
    },
    ...(inner ? { inner: { flush: (ctx: RunContext) => inner.flush(deeper(ctx)) } } : {}),
  };
  return stage;
};

const drop: StageFactory = (spec, args) => {
  const source = args.string("source");
  const value = args.string("value");
  const expression = args.string("expression");
  const olderThan = args.duration("older_than");
  const longerThan = args.bytes("longer_than");
  if (source === "" && expression === "" && olderThan === 0n && longerThan === 0) {
    args.fail("drop stage config must contain at least one of `source`, `expression`, `older_than` or `longer_than`");
  }
  const reason = args.string("drop_counter_reason") || "drop_stage";
  if (value !== "" && expression !== "") args.fail("drop stage config error, `value` and `expression` cannot both be defined at the same time");
  const separator = args.string("separator") || ";";
  if (value !== "" && source === "") args.fail("drop stage config must contain `source` if `value` is specified");
  let regex: GoRegexp | undefined;
  try {
    if (expression !== "") regex = compileGo(expression);
    if (value !== "") regex = compileGo(`^${quoteMeta(value)}$`);
  } catch (e) {
    args.fail(`drop stage regex compilation error: ${(e as Error).message}`);
  }
  const sources = source === "" ? [] : source.split(",");
  const why: string[] = [];
  if (longerThan !== 0) why.push(`line longer than ${longerThan} bytes`);
  if (olderThan !== 0n) why.push(`older than ${args.args["older_than"] as string}`);
  if (source !== "" && !regex) why.push(`${source} present`);
  if (regex) why.push(`${source === "" ? "line" : source} matches ${regex.source}`);
  const reasonText = why.join(" and ");
  const shouldDrop = (e: Work, ctx: RunContext): boolean => {
    if (longerThan !== 0 && Buffer.byteLength(e.line) <= longerThan) return false;
    if (olderThan !== 0n) {
      const ts = e.ts ?? ctx.now;
      if (!(ts.ns < ctx.now.ns - olderThan)) return false;
    }
    if (source !== "" && !regex) {
      if (!sources.every((s) => Object.hasOwn(e.extracted, s))) return false;
    }
    if (source === "" && regex && !regex.test(e.line)) return false;
    if (source !== "" && regex) {
      const parts: string[] = [];
      for (const s of sources) {
        if (!Object.hasOwn(e.extracted, s)) continue;
        const text = getString(e.extracted[s]);
        if (text === undefined) return false;
        parts.push(text);
      }
      if (!regex.test(parts.join(separator))) return false;
    }
    return true;
  };
  return {
    name: spec.name,
    span: spec.span,
    process: (e, ctx) => (shouldDrop(e, ctx) ? { dropped: reasonText, reason } : [e]),
  };
};

const limit: StageFactory = (spec, args) => {
  const rate = args.number("rate", 0);
  const burst = args.number("burst", 0);
  const dropExcess = args.bool("drop");
  const byLabel = args.string("by_label_name");
  if (rate <= 0 || burst <= 0) args.fail("limit stage failed to parse rate or burst");
  if (byLabel !== "" && !dropExcess) args.fail("when ratelimiting by label, drop must be true");
  // Buckets by label value as upstream's GenerationalMap keeps them: when the new generation
  // reaches max_distinct_labels (at least 10000) it becomes the old one, and buckets seen in
  // neither generation start full again.
  const maxDistinct = Math.max(args.number("max_distinct_labels", 0), 10_000);
  let newGen = new Map<string, { tokens: number }>();
  let oldGen = new Map<string, { tokens: number }>();
  const bucket = (key: string): { tokens: number } => {
    let b = newGen.get(key);
    if (!b) {
      b = oldGen.get(key) ?? { tokens: burst };
      newGen.set(key, b);
      if (byLabel !== "" && newGen.size === maxDistinct) {
        oldGen = newGen;
        newGen = new Map();
      }
    }
    return b;
  };
  return {
    name: spec.name,
    span: spec.span,
    process(e, ctx) {
      let key = "";
      if (byLabel !== "") {
        if (!Object.hasOwn(e.labels, byLabel)) return [e];
        key = e.labels[byLabel]!;
      }
      const b = bucket(key);
      if (b.tokens >= 1) {
        b.tokens--;
        return [e];
      }
      if (!dropExcess) return [e]; // upstream waits for a token, then passes the entry on
      if (byLabel !== "") ctx.metrics.sample("loki_process_dropped_lines_by_label_total", "counter", { label_name: byLabel, label_value: key }).value++;
      return { dropped: `rate limit exceeded (rate ${rate}/s, burst ${burst}${byLabel ? `, per ${byLabel}` : ""})`, reason: "ratelimit_drop_stage" };
    },
  };
};

const sampling: StageFactory = (spec, args) => {
  if (!args.has("rate")) args.fail('missing required attribute "rate"');
  const rate = args.number("rate", 1);
  if (!(rate >= 0 && rate <= 1)) args.fail(`sampling stage failed to parse rate,Sampling Rate must be between 0.0 and 1.0, received ${rate.toFixed(6)}`);
  const reason = args.string("drop_counter_reason") || "sampling_stage";
  return {
    name: spec.name,
    span: spec.span,
    process: (e, ctx) => (ctx.random() < rate ? [e] : { dropped: `not sampled (rate ${rate})`, reason }),
  };
};

export const FILTER_STAGES: Record<string, StageFactory> = { match, drop, limit, sampling };
