/**
 * Compiling a config (part of `alloyc`): synthesise it (builders), check it like any parsed file
 * (check), print it (emit), and place each finding on the TypeScript line that created the block
 * it is in. The workflow spans three stages, so it lives in the facade: builders never import
 * check or emit.
 */
import { blockName, type Block, type Expr, type File, type ObjectField, type Stmt } from "./ast/index.js";
import { synth, type Built, type Config, type Origin } from "./builders/index.js";
import { check, loadCatalog, loadCatalogFor } from "./check/index.js";
import { LineIndex, type Diagnostic, type Span } from "./diag/index.js";
import { format } from "./emit/index.js";
import type { PropertyPath, PropertyStep } from "./locate-property.js";

export interface Compiled {
  /** The Alloy text, formatted as `alloy fmt` prints it. */
  readonly text: string;
  /** Findings of the builders and of the checker, in file order. */
  readonly diagnostics: readonly Diagnostic[];
  /** The positioned AST and where each block came from (see `place`). */
  readonly built: Built;
}

/** Lowers, checks and formats a config (the text is produced even when there are findings). */
export async function compile(config: Config, options: { readonly filename?: string } = {}): Promise<Compiled> {
  const built = synth(config);
  const diagnostics = await checkBuilt(built, options.filename ?? "config.alloy");
  return { text: format(built.file), diagnostics, built };
}

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
  /**
   * What in that block the finding is about (the attribute or nested block holding it), to find
   * in the object literal at the call (see `locateProperty`); undefined when it is the block itself.
   */
  readonly property: PropertyPath | undefined;
}

/** Places a finding: the innermost built block containing it, and its Alloy line. */
export function place(built: Built, d: Diagnostic): Placed {
  let best: Built["origins"][number] | undefined;
  for (const o of built.origins) {
    if (o.span.start <= d.span.start && d.span.start < Math.max(o.span.end, o.span.start + 1)) {
      if (!best || o.span.end - o.span.start <= best.span.end - best.span.start) best = o;
    }
  }
  const block = best && blockAt(built.file.body, best.span);
  return {
    origin: best ? built.resolve(best.site) : undefined,
    path: blockPath(built.file.body, d.span.start),
    alloyLine: new LineIndex(built.file.lineStarts).line(d.span.start),
    property: block && propertyPath(block, d.span.start),
  };
}

/** The list elements and object keys, outermost first, of the part of `value` that holds `offset`. */
function valuePath(value: Expr, offset: number): Array<number | string> {
  const path: Array<number | string> = [];
  for (let e: Expr | undefined = value; e; ) {
    const holds = (n: { readonly span: Span }): boolean => n.span.start <= offset && offset < Math.max(n.span.end, n.span.start + 1);
    if (e.kind === "Array") {
      const i = e.elements.findIndex(holds);
      if (i === -1) break;
      path.push(i);
      e = e.elements[i];
    } else if (e.kind === "Object") {
      const field: ObjectField | undefined = e.fields.find(holds);
      if (!field || !holds(field.value)) break;
      path.push(field.key.name);
      e = field.value;
    } else break;
  }
  return path;
}

/** The block whose span is `span` (a built block's origin), found by descending by offset. */
function blockAt(body: readonly Stmt[], span: Span): Block | undefined {
  let list = body;
  for (;;) {
    const b = list.find((s): s is Block => s.kind === "Block" && s.span.start <= span.start && span.end <= s.span.end);
    if (!b || (b.span.start === span.start && b.span.end === span.end)) return b;
    list = b.body;
  }
}

/** The attribute or nested blocks of `block` that hold `offset`, outermost first. */
function propertyPath(block: Block, offset: number): PropertyPath | undefined {
  const steps: PropertyStep[] = [];
  let list = block.body;
  for (;;) {
    const at = list.find((s) => s.span.start <= offset && offset < Math.max(s.span.end, s.span.start + 1));
    if (at?.kind === "Attribute") {
      steps.push({ name: at.name.name, block: false, nth: 0 });
      const atValue = offset >= at.value.span.start;
      return atValue ? { steps, atValue, inValue: valuePath(at.value, offset) } : { steps, atValue };
    }
    if (at?.kind !== "Block") return steps.length > 0 ? { steps, atValue: false } : undefined;
    const name = blockName(at);
    const nth = list.filter((s) => s.kind === "Block" && blockName(s) === name && s.span.start < at.span.start).length;
    steps.push({ name, block: true, nth });
    list = at.body;
  }
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
