/**
 * Container log formats and line joining: docker (JSON log lines), cri (`TIME STREAM FLAG
 * CONTENT`, partial lines joined per stream), multiline (blocks that start at `firstline`, held
 * per stream until the next first line, max_lines, or the end of input; the max_wait_time timer
 * cannot fire in a run without delays, which is what upstream sees for back-to-back input).
 */
import { parseRFC3339Nano } from "../golayout.js";
import { compileGo, type GoRegexp } from "../regex.js";
import { byteLength, byteSlice } from "../values.js";
import { cloneWork, type Work } from "../work.js";
import { mapStage, type StageFactory } from "./stage.js";
import { streamKey } from "./timestamp.js";


const docker: StageFactory = (spec) =>
  mapStage(spec, (e) => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(e.line);
    } catch {
      return;
    }
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) return;
    const p = parsed as Record<string, unknown>;
    // Go decodes into a struct of strings: a field of another type fails the whole decode.
    for (const k of Object.keys(p)) {
      const lower = k.toLowerCase();
      if ((lower === "log" || lower === "time" || lower === "stream") && p[k] !== null && typeof p[k] !== "string") return;
    }
    const field = (name: string): string => {
      const exact = p[name];
      if (typeof exact === "string") return exact;
      const k = Object.keys(p).find((x) => x.toLowerCase() === name);
      return k !== undefined && typeof p[k] === "string" ? (p[k] as string) : "";
    };
    const log = field("log");
    if (log === "") return;
    const stream = field("stream");
    const time = field("time");
    e.extracted["output"] = log;
    e.extracted["stream"] = stream;
    e.extracted["timestamp"] = time;
    e.line = log;
    e.labels["stream"] = stream;
    const ts = parseRFC3339Nano(time);
    if (ts) e.ts = ts;
  });

interface CriParsed {
  time: string;
  stream: "stdout" | "stderr";
  partial: boolean;
  content: string;
}

/** cri/parse.go's ParseCRI. */
function parseCRI(line: string): CriParsed | undefined {
  const space = line.search(/[\t\n\v\f\r \u0085\u00A0]/);
  const time = space < 0 ? "" : line.slice(0, space);
  let rest = space < 0 ? line : line.slice(space);
  if (!rest.startsWith(" ")) return undefined;
  rest = rest.slice(1);
  let stream: "stdout" | "stderr";
  if (rest.startsWith("stdout")) stream = "stdout";
  else if (rest.startsWith("stderr")) stream = "stderr";
  else return undefined;
  rest = rest.slice(6);
  if (!rest.startsWith(" ")) return undefined;
  rest = rest.slice(1);
  let partial = false;
  if (rest.startsWith("P")) {
    partial = true;
    rest = rest.slice(1);
  } else if (rest.startsWith("F")) rest = rest.slice(1);
  if (rest.startsWith(" ")) rest = rest.slice(1);
  return { time, stream, partial, content: rest };
}

const cri: StageFactory = (spec, args) => {
  const maxPartialLines = args.number("max_partial_lines", 100);
  if (maxPartialLines <= 0) args.fail("max_partial_lines must be greater than 0");
  const maxLineSize = args.bytes("max_partial_line_size");
  const truncateLines = args.bool("max_partial_line_size_truncate");
  const partials = new Map<string, Work>();
  const ensureTruncated = (e: Work) => {
    if (truncateLines && byteLength(e.line) > maxLineSize) e.line = byteSlice(e.line, maxLineSize);
  };
  return {
    name: spec.name,
    span: spec.span,
    process(e, ctx) {
      const parsed = parseCRI(e.line);
      if (!parsed) return [e];
      e.extracted["flags"] = parsed.partial ? "P" : "F";
      e.extracted["stream"] = parsed.stream;
      e.extracted["content"] = parsed.content;
      e.extracted["time"] = parsed.time;
      e.line = parsed.content;
      const ts = parseRFC3339Nano(parsed.time);
      if (ts) e.ts = ts;
      e.labels["stream"] = parsed.stream;
      const key = streamKey(e.labels);
      if (parsed.partial) {
        if (partials.size >= maxPartialLines) {
          const flushed = [...partials.values()];
          ctx.metrics.sample("loki_process_cri_partial_lines_flushed_total", "counter", {}).value += flushed.length;
          partials.clear();
          ensureTruncated(e);
          partials.set(key, e);
          return flushed;
        }
        const prev = partials.get(key);
        if (prev) e.line = prev.line + e.line;
        ensureTruncated(e);
        partials.set(key, e);
        return [];
      }
      const prev = partials.get(key);
      if (prev) {
        e.line = prev.line + e.line;
        ensureTruncated(e);
        partials.delete(key);
      }
      return [e];
    },
  };
};

interface Block {
  start: Work;
  buffer: string;
  count: number;
}

const multiline: StageFactory = (spec, args) => {
  const expression = args.string("firstline");
  if (expression === "") args.fail("multiline stage config must define `firstline` regular expression");
  let regex: GoRegexp;
  try {
    regex = compileGo(expression);
  } catch (e) {
    return args.fail(`multiline stage first line regex compilation error: ${(e as Error).message}`);
  }
  const maxLines = args.number("max_lines", 128);
  if (args.has("max_wait_time") && args.duration("max_wait_time") <= 0n) args.fail("max_wait_time must be greater than 0");
  const trim = args.bool("trim_newlines", true);
  const streams = new Map<string, Block>();
  const flushBlock = (b: Block): Work => {
    const out = cloneWork(b.start);
    out.line = b.buffer;
    b.buffer = "";
    b.count = 0;
    return out;
  };
  return {
    name: spec.name,
    span: spec.span,
    process(e) {
      const key = streamKey(e.labels);
      const out: Work[] = [];
      let block = streams.get(key);
      const first = regex.test(e.line);
      if (!block) {
        if (!first) return [e];
        block = { start: e, buffer: "", count: 0 };
        streams.set(key, block);
      }
      if (first && block.count > 0) out.push(flushBlock(block));
      if (first) block.start = e;
      if (block.buffer.length > 0) block.buffer += "\n";
      block.buffer += trim ? e.line.replace(/[\r\n]+$/, "") : e.line;
      block.count++;
      if (block.count === maxLines) out.push(flushBlock(block));
      return out;
    },
    flush() {
      const out: Work[] = [];
      for (const b of streams.values()) if (b.count > 0) out.push(flushBlock(b));
      streams.clear();
      return out;
    },
  };
};

export const CONTAINER_STAGES: Record<string, StageFactory> = { docker, cri, multiline };
