/**
 * stage.timestamp: parse `extracted[source]` with a Go layout or a named format (RFC3339, Unix,
 * UnixMs, UnixUs, UnixNs, ANSIC, ...), in `location`, trying `fallback_formats` in order; on
 * failure "fudge" (last known timestamp of the stream + 1ns) or "skip"; with
 * action_on_duplicate_timestamp "fudge", an equal parsed timestamp of the same stream moves 1ns
 * past the last one. A layout without a year takes the year of "now" (New Year crossing as upstream).
 */
import { layoutHasYear, parseGoTime } from "../golayout.js";
import { addYears, loadLocation, NAMED_LAYOUTS, UTC, wallMonth, wallYear, type GoTime, type Location } from "../gotime.js";
import { getString } from "../values.js";
import type { RunContext } from "../work.js";
import { mapStage, type StageFactory } from "./stage.js";

const NS = 1_000_000_000n;

/** A label set's identity (upstream keys its cache by labels.String()). */
export function streamKey(labels: Record<string, string>): string {
  const names = Object.keys(labels).sort();
  let key = "";
  for (const n of names) key += n + "\u0000" + labels[n] + "\u0000";
  return key;
}
type Parser = (text: string, ctx: RunContext) => GoTime | undefined;

function unixParser(scale: bigint): Parser {
  return (t) => (/^[+-]?\d+$/.test(t) && BigInt(t) <= 9223372036854775807n && BigInt(t) >= -9223372036854775808n ? { ns: BigInt(t) * scale, offset: 0 } : undefined);
}

function layoutParser(format: string, loc: Location | undefined): Parser {
  switch (format) {
    case "Unix":
      return (t) => {
        if ((t.match(/\./g) ?? []).length === 1) {
          const [sec, frac] = t.split(".") as [string, string];
          if (!/^[+-]?\d+$/.test(sec) || !/^[+-]?\d+$/.test(frac)) return undefined;
          // upstream: int64(float64(frac) * 10^(9-len(frac)))
          const nsec = BigInt(Math.trunc(Number(frac) * Math.pow(10, 9 - frac.length)));
          return { ns: BigInt(sec) * NS + nsec, offset: 0 };
        }
        return unixParser(NS)(t, undefined as never);
      };
    case "UnixMs":
      return unixParser(1_000_000n);
    case "UnixUs":
      return unixParser(1_000n);
    case "UnixNs":
      return unixParser(1n);
  }
  const named = NAMED_LAYOUTS[format];
  if (named !== undefined) return (t) => parseGoTime(named, t, UTC);
  if (!layoutHasYear(format)) {
    return (t, ctx) => {
      const parsed = parseGoTime(format, t, loc ?? UTC);
      if (!parsed || wallYear(parsed) !== 0) return undefined;
      const now = ctx.now;
      const [pm, nm] = [wallMonth(parsed), wallMonth(now)];
      const year = wallYear(now) + (pm === 12 && nm === 1 ? -1 : pm === 1 && nm === 12 ? 1 : 0);
      return addYears(parsed, year);
    };
  }
  return (t) => parseGoTime(format, t, loc ?? UTC);
}

const timestamp: StageFactory = (spec, args) => {
  const source = args.string("source");
  if (source === "") args.fail("timestamp source value is required if timestamp is specified");
  const format = args.string("format");
  if (format === "") args.fail("timestamp format is required");
  const locationName = args.optString("location");
  let loc: Location | undefined;
  if (locationName !== undefined) {
    loc = loadLocation(locationName);
    if (!loc) args.fail(`invalid location specified: unknown time zone ${locationName}`);
  }
  const onFailure = args.string("action_on_failure") || "fudge";
  if (onFailure !== "skip" && onFailure !== "fudge") args.fail("invalid action on failure (supported values are [skip fudge])");
  const onDuplicate = args.string("action_on_duplicate_timestamp") || "fudge";
  if (onDuplicate !== "keep" && onDuplicate !== "fudge") args.fail("invalid action on duplicate timestamp (supported values are [keep fudge])");
  const parsers = [format, ...args.strings("fallback_formats")].map((f) => layoutParser(f, loc));
  const parse: Parser = (text, ctx) => {
    for (const p of parsers) {
      const t = p(text, ctx);
      if (t) return t;
    }
    return undefined;
  };
  // Last parsed and last set timestamp per label set (upstream: an LRU of 10000 streams).
  const last = new Map<string, { parsed: GoTime; adjusted: GoTime }>();
  const remember = onFailure === "fudge" || onDuplicate === "fudge";
  return mapStage(spec, (e, ctx) => {
    const key = remember ? streamKey(e.labels) : "";
    const raw = Object.hasOwn(e.extracted, source) ? getString(e.extracted[source]) : undefined;
    const parsed = raw === undefined ? undefined : parse(raw, ctx);
    if (!parsed) {
      const known = last.get(key);
      if (onFailure === "fudge" && known) {
        const adjusted = { ns: known.adjusted.ns + 1n, offset: known.adjusted.offset };
        e.ts = adjusted;
        last.set(key, { parsed: known.parsed, adjusted });
      }
      return;
    }
    e.ts = parsed;
    const known = last.get(key);
    if (onDuplicate === "fudge" && known && known.parsed.ns === parsed.ns) e.ts = { ns: known.adjusted.ns + 1n, offset: known.adjusted.offset };
    if (remember) last.set(key, { parsed, adjusted: e.ts });
  });
};

export const TIME_STAGES: Record<string, StageFactory> = { timestamp };
