import type { Capsule } from "../schema/capsules.js";
import type { Expression } from "./expression.js";
import type { BlockRecord } from "./lower.js";
import type { blockTag, commentTag } from "./tags.js";

/**
 * What builders accept and return. The catalog's argument, block and export types are generated
 * as named interfaces next to each builder (src/builders/components/*.gen.ts, from the same specs
 * the checker reads); their property types are written with the aliases below, which say where
 * Alloy allows more than a literal:
 * - any attribute may be an expression of its type (`sys.env("URL")` for a string);
 * - a capsule slot takes exactly that capsule kind, or an expression of it (written out in full
 *   in the generated types, so a wrong wire names both kinds);
 * - a repeated block takes one body or a list of bodies (with `comment(...)` items between);
 * - a map value may be `undefined` (the key is left out), so `[{ a: "x" }, { b: "y" }]` fits.
 */

/** A `comment("...")` item: a comment line before the next block or config item. */
export interface CommentItem {
  readonly [commentTag]: string;
}

/** Anything `config(...)` lists: a component, a config block, a custom component's declaration. */
export interface Item {
  readonly [blockTag]: BlockRecord;
}

/** An attribute of Alloy value type `T`: the value, or an expression that yields one. */
export type Attr<T> = T | Expression<T>;

/** A string attribute with allowed values: one of them, or an expression (checked by the linter). */
export type OneOf<E extends string> = E | Expression<string>;

/** A list attribute: a list of element inputs `I`, or an expression yielding a list of `T`. */
export type ListOf<I, T> = readonly I[] | Expression<readonly T[]>;

/** A map attribute: keys with inputs `I` (an undefined key is left out), or an expression yielding a map of `T`. */
export type MapOf<I, T> = { readonly [key: string]: I | undefined } | Expression<Readonly<Record<string, T>>>;

/** A list of plain values (strings, numbers, booleans, secrets). */
export type AttrList<T> = ListOf<Attr<T>, T>;

/** A map of plain values. */
export type AttrMap<T> = MapOf<Attr<T>, T>;

/** A block that may appear more than once: one body, or a list of bodies with `comment(...)` items between. */
export type Blocks<B> = B | readonly (B | CommentItem)[];

/** The value a builder accepts where the value type is `T` (custom components' arguments, stdlib parameters). */
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
              ? readonly Arg<E>[] | Expression<readonly E[]>
              : [T] extends [object]
                ? string extends keyof T
                  ? { readonly [k: string]: Arg<T[string]> | undefined } | Expression<T>
                  : { readonly [K in keyof T]: Arg<Exclude<T[K], undefined>> }
                : T;

/** A built component: an item for `config(...)` whose properties are its exports. */
export type Component<E> = Item & E;

/** Arguments may be left out when none is required. */
type ArgsParam<A> = {} extends A ? [args?: A] : [args: A];

/** `loki.write("default", { ... })`: a labelled component or config block. */
export type ComponentBuilder<A, E> = (label: string, ...args: ArgsParam<A>) => Component<E>;

/** `logging({ ... })`: a config block without a label. */
export type ConfigBlockBuilder<A, E> = (...args: ArgsParam<A>) => Component<E>;
