/**
 * The block structure of a body: which keys of a builder's argument object are nested blocks
 * (everything else is an attribute), which are repeated or labelled, and which hold a block group
 * (`stage: [{ "stage.json": {...} }, ...]`). This is the part of the catalog the builders need
 * to turn an argument object into Alloy; scripts/gen-builders.ts writes one shape per entry from
 * the catalog's specs, so lowering needs neither zod nor the schema modules.
 */

export interface BodyShape {
  /** Nested blocks by name. */
  readonly blocks?: Readonly<Record<string, BlockShape>>;
  /** Block groups by the key that holds them; each maps a member block name to its shape. */
  readonly groups?: Readonly<Record<string, GroupShape>>;
  /** The body is a nested configuration (`foreach > template`): its value is a list of items. */
  readonly config?: true;
}

export type GroupShape = Readonly<Record<string, BlockShape>>;

export interface BlockShape {
  /** May appear more than once: the value may be a list of bodies. */
  readonly multiple?: true;
  /** Takes a label: each body's `label` key is the block label. */
  readonly labeled?: true;
  readonly body: BodyShape;
}

/** A body with only attributes. */
export const attributesOnly: BodyShape = Object.freeze({});

/** The body of a nested configuration. */
export const nestedConfig: BodyShape = Object.freeze({ config: true });

// Constructors the generated shapes are written with (short, because there are a few thousand).

export function body(blocks?: Record<string, BlockShape>, groups?: Record<string, GroupShape>): BodyShape {
  return { ...(blocks ? { blocks } : {}), ...(groups ? { groups } : {}) };
}

export function one(b: BodyShape = attributesOnly): BlockShape {
  return { body: b };
}

export function many(b: BodyShape = attributesOnly): BlockShape {
  return { multiple: true, body: b };
}

export function labeledOne(b: BodyShape = attributesOnly): BlockShape {
  return { labeled: true, body: b };
}

export function labeledMany(b: BodyShape = attributesOnly): BlockShape {
  return { multiple: true, labeled: true, body: b };
}
