import { blockName, type Block, type File, type Stmt } from "../ast/index.js";
import { check, loadCatalog, loadCatalogFor } from "../check/index.js";
import type { Diagnostic, Span } from "../diag/index.js";
import type { Built } from "./config.js";
import type { Origin } from "./origin.js";

/**
 * One checker for built and parsed files: a built config goes through src/check (catalog
 * validation, reference resolution) like any parsed file, and each finding is then placed on the
 * TypeScript line that created the block it is in. `runChecker` is the one place that calls it.
 */

/**
 * Loads what every check needs (the catalog's runtime and its config blocks) ahead of time, so a
 * caller can do it before anything slows module loading down (the CLI, before registering tsx).
 */
export async function prepareCheck(): Promise<void> {
  await loadCatalog([]);
}

/** src/check on a built file, after loading the catalog namespaces it uses. */
async function runChecker(file: File, filename: string): Promise<readonly Diagnostic[]> {
  await loadCatalogFor([file]);
  return check(file, { filename });
}

/**
 * Every finding about a built config, in file order: the builder's own (references to blocks left
 * out of the config), then the checker's, without the ones the builder already reported and
 * without findings inside `raw(...)` text, which the checker cannot read.
 */
export async function checkBuilt(built: Built, filename: string): Promise<Diagnostic[]> {
  const own = built.diagnostics;
  const found = (await runChecker(built.file, filename)).filter(
    (d) => !built.rawSpans.some((r) => within(d.span, r)) && !own.some((o) => o.code === d.code && within(d.span, o.span)),
  );
  return [...own, ...found].sort((a, b) => a.span.start - b.span.start);
}

function within(inner: Span, outer: Span): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

export interface Placed {
  /** The TypeScript call that made the innermost block around the finding. */
  readonly origin: Origin | undefined;
  /** `loki.process "pod_logs" > stage.static_labels`: where in the Alloy output. */
  readonly path: string;
  /** 1-based line of the finding in the Alloy output. */
  readonly alloyLine: number;
}

/** Places a finding: the innermost built block containing it, and its Alloy line. */
export function place(built: Built, d: Diagnostic): Placed {
  let best: Built["origins"][number] | undefined;
  for (const o of built.origins) {
    if (o.span.start <= d.span.start && d.span.start < Math.max(o.span.end, o.span.start + 1)) {
      if (!best || o.span.end - o.span.start <= best.span.end - best.span.start) best = o;
    }
  }
  return {
    origin: best ? built.resolve(best.site) : undefined,
    path: blockPath(built.file.body, d.span.start),
    alloyLine: lineOf(built.file.lineStarts, d.span.start),
  };
}

function blockPath(body: readonly Stmt[], offset: number): string {
  const parts: string[] = [];
  let list = body;
  for (;;) {
    const b = list.find((s): s is Block => s.kind === "Block" && s.span.start <= offset && offset < s.span.end);
    if (!b) return parts.join(" > ");
    parts.push(b.label ? `${blockName(b)} "${b.label.value}"` : blockName(b));
    list = b.body;
  }
}

function lineOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if ((lineStarts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}
