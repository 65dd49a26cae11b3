import type { Capsule } from "../schema/capsules.js";
import type { Expression } from "./expression.js";
import type { BlockRecord } from "./lower.js";
import type { blockTag, commentTag } from "./tags.js";

/**
 * What builders accept and return, derived from the catalog's generated types (`LokiWriteArguments`
 * = z.infer of its schema, src/schema/components/*.gen.ts), so the schema stays the one source of
 * truth. The mapping only widens where Alloy allows more than a literal:
 * - any attribute may be an expression of its type (`sys.env("URL")` for a string);
 * - a capsule slot takes exactly that capsule kind, or an expression of it;
 * - a repeated block takes one body or a list of bodies (with `comment(...)` items between);
 * - a map value may be `undefined` (the key is left out), so `[{ a: "x" }, { b: "y" }]` fits.
 * The mapping is lazy (evaluated per builder actually called), so tsc pays for what is used.
 */

/** A `comment("...")` item: a comment line before the next block or config item. */
export interface CommentItem {
  readonly [commentTag]: string;
}

/** Anything `config(...)` lists: a component, a config block, a custom component's declaration. */
export interface Item {
  readonly [blockTag]: BlockRecord;
}

/** The value a builder accepts where the catalog's type is `T`. */
export type Arg<T> = 0 extends 1 & T
  ? any
  : unknown extends T
    ? unknown
    : [T] extends [Capsule<string>]
      ? T | Expression<T>
      : [T] extends [string]
        ? T | Expression<string>
        : [T] extends [number]
          ? number | Expression<number>
          : [T] extends [boolean]
            ? boolean | Expression<boolean>
            : [T] extends [readonly (infer E)[]]
              ? ListArg<E>
              : [T] extends [object]
                ? string extends keyof T
                  ? { readonly [k: string]: Arg<T[string]> | undefined } | Expression<T>
                  : Body<T>
                : T;

/** Lists of block bodies (repeated blocks, block groups) versus lists of values. */
type ListArg<E> = [E] extends [Capsule<string>]
  ? readonly Arg<E>[] | Expression<readonly E[]>
  : [E] extends [readonly unknown[]]
    ? readonly Arg<E>[] | Expression<readonly E[]>
    : [E] extends [object]
      ? string extends keyof E
        ? readonly Arg<E>[] | Expression<readonly E[]>
        : Body<E> | readonly (Body<E> | CommentItem)[]
      : readonly Arg<E>[] | Expression<readonly E[]>;

/** A block body: the same keys (and optionality) as the catalog's type, each widened by `Arg`. */
export type Body<T> = { [K in keyof T]: Arg<Exclude<T[K], undefined>> };

/** What a component exports, as others reference it: capsules stay capsules, the rest are expressions. */
export type ExportOf<T> = [T] extends [Capsule<string>] ? T : Expression<T>;

export type Exports<E> = { readonly [K in keyof E]-?: ExportOf<Exclude<E[K], undefined>> };

/** A built component: an item for `config(...)` whose properties are its exports. */
export type Component<E> = Item & Exports<E>;

/** Arguments may be left out when none is required. */
type ArgsParam<A> = {} extends A ? [args?: Body<A>] : [args: Body<A>];

/** `loki.write("default", { ... })`: a labelled component or config block. */
export type ComponentBuilder<A, E> = (label: string, ...args: ArgsParam<A>) => Component<E>;

/** `logging({ ... })`: a config block without a label. */
export type ConfigBlockBuilder<A, E> = (...args: ArgsParam<A>) => Component<E>;
