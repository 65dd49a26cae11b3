/**
 * What the importer knows about the builders, handed in by the facade (src/import.ts) so that this
 * stage reads the builders' own model without importing them: for each catalog block, the shape
 * its builder lowers an argument object by, and its exports.
 */

/** A body's block structure (the same fields as the builders' `BodyShape`). */
export interface Shape {
  readonly blocks?: Readonly<Record<string, BlockShape>>;
  readonly groups?: Readonly<Record<string, Readonly<Record<string, BlockShape>>>>;
  readonly config?: true;
}

export interface BlockShape {
  readonly multiple?: true;
  readonly labeled?: true;
  readonly body: Shape;
}

export interface BuilderInfo {
  /** The body shape of its argument object. */
  readonly shape: Shape;
  /** Its export names (`receiver`, `targets`). */
  readonly exports: ReadonlySet<string>;
  /** Takes a label (a component or labelled config block) or not (`logging`). */
  readonly labeled: boolean;
}

export interface BuilderModel {
  /** The builder of a catalog entry (`loki.write`), or undefined when alloyc has none. */
  builder(name: string): BuilderInfo | undefined;
}
