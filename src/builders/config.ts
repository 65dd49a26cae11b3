import type { Expr, File, Stmt } from "../ast/index.js";
import type { Diagnostic, Span } from "../diag/index.js";
import * as f from "../ast/factory.js";
import { BuildError } from "./errors.js";
import { expression, nodeMarks, type Expression } from "./expression.js";
import { layout } from "./layout.js";
import { type BlockRecord, type Reference, type Scope, stmtComments } from "./lower.js";
import { type CallSite, callSite, formatOrigin, type Origin, originOf } from "./origin.js";
import { scopeOf, title, valueComments } from "./scope.js";
import { commentTag, configTag } from "./tags.js";
import { nodeTrivia } from "./trivia.js";
import type { CommentItem, Item } from "./types.js";

/**
 * `config(...)`: the items of a file, in file order, and `synth`, which lowers them to a
 * positioned Alloy AST plus what the compiler needs to report on it in TypeScript terms.
 */

/** What `config(...)` accepts: items, comments, lists of them; `false`/`null`/`undefined` are skipped. */
export type ConfigItem = Item | CommentItem | false | null | undefined | readonly ConfigItem[];

export interface Config {
  readonly [configTag]: ConfigInternals;
}

export interface ConfigInternals {
  /** Lowers the config with the code that built it (which may be another loaded copy of alloyc). */
  readonly synth: (options?: SynthOptions) => Built;
}

export interface SynthOptions {
  /** Keep the canonical text the positions describe (for tests). */
  readonly text?: boolean;
}

/** A span of the built file and the TypeScript call that made the block there. */
export interface OriginSpan {
  readonly span: Span;
  readonly site: CallSite;
}

export interface Built {
  readonly file: File;
  /** Found while building: references to blocks that are not in the config. */
  readonly diagnostics: readonly Diagnostic[];
  /** Blocks and helper-made nested blocks, outer before inner. */
  readonly origins: readonly OriginSpan[];
  /** Where a call site is in the user's code (resolved by the copy of alloyc that captured it). */
  readonly resolve: (site: CallSite) => Origin | undefined;
  /** Expressions holding `raw(...)` text, which the checker's findings must not be reported in. */
  readonly rawSpans: readonly Span[];
  readonly text?: string;
}

export function config(...items: ConfigItem[]): Config {
  const site = callSite();
  const scope = scopeOf(items, site, "config(...)", false);
  return Object.freeze({ [configTag]: Object.freeze({ synth: (options?: SynthOptions) => synthScope(scope, options) }) });
}

export function isConfig(value: unknown): value is Config {
  return typeof value === "object" && value !== null && configTag in value;
}

/** Lowers a config, built by this or another loaded copy of alloyc. */
export function synth(value: Config, options?: SynthOptions): Built {
  return value[configTag].synth(options);
}

/**
 * `comment("text")` is a comment line before the next item of `config(...)` or of a list of
 * blocks; `comment("text", value)` puts it before the block or attribute that `value` becomes.
 * Text without `//` gets `// ` in front; a newline starts another comment line.
 */
export function comment(text: string): CommentItem;
export function comment<T extends object>(text: string, value: T): T;
export function comment<T extends string | number | boolean>(text: string, value: T): Expression<Widen<T>>;
export function comment(text: string, value?: unknown): unknown {
  if (value === undefined) return Object.freeze({ [commentTag]: text });
  if (typeof value === "object" && value !== null) {
    valueComments.set(value, [...(valueComments.get(value) ?? []), text]);
    return value;
  }
  // A primitive cannot carry a comment: wrap it in an expression that can.
  const wrapped = expression(literalOf(value));
  valueComments.set(wrapped, [text]);
  return wrapped;
}

type Widen<T> = T extends string ? string : T extends number ? number : boolean;

function literalOf(value: unknown): Expr {
  if (typeof value === "string") return f.string(value);
  if (typeof value === "number") return f.number(value);
  if (typeof value === "boolean") return f.bool(value);
  throw new TypeError("comment(text, value): value must be an object, a string, a number or a boolean");
}

interface Pending {
  readonly stmt: Stmt;
  readonly site: CallSite;
}

function synthScope(root: Scope, options: SynthOptions = {}): Built {
  const comments = new Map<Stmt, readonly string[]>();
  const tracked = new Set<Stmt | Expr>();
  const sites: Pending[] = [];
  const missing: Reference[] = [];
  const raws: Expr[] = [];

  const visit = (scope: Scope, visible: readonly ReadonlySet<BlockRecord>[]): void => {
    const own = new Set(scope.records);
    // A module body (declare) sees only its own blocks; a foreach template also sees outer ones.
    const here = scope.isolated ? [own] : [own, ...visible];
    for (const r of scope.records) {
      const c = scope.comments.get(r);
      if (c) comments.set(r.stmt, c);
      tracked.add(r.stmt);
      sites.push({ stmt: r.stmt, site: r.site });
      for (const n of r.nested) {
        tracked.add(n.stmt);
        sites.push(n);
      }
      for (const ref of r.refs) {
        if (!here.some((s) => s.has(ref.target))) {
          missing.push(ref);
          tracked.add(ref.expr);
        }
      }
      if (r.requires && !here.concat(visible).some((s) => s.has(r.requires as BlockRecord))) {
        throw new BuildError(`${title(r)} is an instance of ${r.name}, whose declare "${r.name}" is not in this config`, r.site);
      }
      for (const e of r.raws) {
        raws.push(e);
        tracked.add(e);
      }
      for (const inner of r.scopes) visit(inner, here);
    }
  };
  visit(root, []);

  const laid = layout(
    root.records.map((r) => r.stmt),
    {
      comments: (s) => comments.get(s) ?? stmtComments.get(s),
      multiline: (n) => nodeMarks.get(n),
      trivia: (n) => nodeTrivia.get(n),
      trailingComments: root.trailing,
      track: (n) => tracked.has(n),
      ...(options.text ? { text: true } : {}),
    },
  );
  const spanOf = (n: Stmt | Expr): Span => laid.spans.get(n) ?? { start: 0, end: 0 };
  const diagnostics: Diagnostic[] = missing.map((ref) => {
    const where = originOf(ref.target.site);
    return {
      code: "check/unresolved-reference",
      severity: "error",
      span: spanOf(ref.expr),
      message: `component "${ref.text}" does not exist or is out of scope: ${title(ref.target)} is not in this config`,
      help: `add it to config(...)${where ? `; it was created at ${formatOrigin(where, process.cwd())}` : ""}`,
    };
  });
  return {
    file: laid.file,
    diagnostics,
    origins: sites.map((s) => ({ span: spanOf(s.stmt), site: s.site })),
    resolve: originOf,
    rawSpans: raws.map(spanOf),
    ...(laid.text !== undefined ? { text: laid.text } : {}),
  };
}
