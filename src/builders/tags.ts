/**
 * The symbols that mark alloyc's own objects. `Symbol.for` makes them the same in every loaded
 * copy of alloyc: a pipeline file may get its own copy (when it imports alloyc by a path of its
 * own), and the compiler must still recognise what it built.
 */

/** On a component or config block made by a builder: its `BlockRecord`. */
export const blockTag: unique symbol = Symbol.for("alloyc.block") as never;
/** On a `config(...)` result: its `ConfigInternals`. */
export const configTag: unique symbol = Symbol.for("alloyc.config") as never;
/** On a `comment("...")` item: the comment text. */
export const commentTag: unique symbol = Symbol.for("alloyc.comment") as never;
/** On a block body made by a hand-written helper (a stage, a relabel rule): where it was called. */
export const siteTag: unique symbol = Symbol.for("alloyc.site") as never;
/** On an error thrown for a mistake in a pipeline: `{ code, site }`. */
export const buildErrorTag: unique symbol = Symbol.for("alloyc.build-error") as never;
