/**
 * Alloy value types as a small tree, parsed from the catalog's type grammar
 * (alloy-reference README, "Type grammar"):
 *
 *   type      = primitive | "list(" type ")" | "map(" type ")" | "capsule(" NAME ")"
 *             | "object" | "any" | "function"
 *   primitive = "string" | "number" | "bool" | "duration" | "secret" | "optional_secret"
 *
 * `object` carries its fields (from the catalog's `fields`); `number` may carry the Go width
 * (`numberKind`). The generated specs hold these trees as plain data; the checker walks them.
 */

export type PrimitiveName = "string" | "number" | "bool" | "duration" | "secret" | "optional_secret";
export type NumberKind = "int" | "uint" | "float";

export type AlloyType =
  | PrimitiveType
  | ListType
  | MapType
  | CapsuleType
  | ObjectType
  | { readonly kind: "any" }
  | { readonly kind: "function" };

export interface PrimitiveType {
  readonly kind: "primitive";
  readonly name: PrimitiveName;
  /** Only on `number`, when Go knows the width: `int` and `uint` reject fractions. */
  readonly numberKind?: NumberKind;
}

/** An Alloy array. */
export interface ListType {
  readonly kind: "list";
  readonly element: AlloyType;
}

/** An Alloy object with arbitrary string keys. */
export interface MapType {
  readonly kind: "map";
  readonly value: AlloyType;
}

/** An opaque Go value passed by reference, named by Alloy's capsule name (`loki.LogsReceiver`). */
export interface CapsuleType {
  readonly kind: "capsule";
  readonly capsule: string;
}

/** An object with a fixed Go struct schema. */
export interface ObjectType {
  readonly kind: "object";
  readonly fields: readonly ObjectTypeField[];
}

export interface ObjectTypeField {
  readonly name: string;
  readonly type: AlloyType;
  readonly required: boolean;
}

/** Field list as the catalog writes it (`fields` of an `object`/`list(object)` argument). */
export interface RawObjectField {
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
}

const PRIMITIVES: ReadonlySet<string> = new Set<PrimitiveName>([
  "string",
  "number",
  "bool",
  "duration",
  "secret",
  "optional_secret",
]);

export class TypeSyntaxError extends Error {
  override readonly name = "TypeSyntaxError";
}

/**
 * Parses a type-grammar string. `fields` is required when the string mentions `object`;
 * `numberKind` applies to a top-level `number`.
 */
export function parseType(
  text: string,
  options: { readonly fields?: readonly RawObjectField[]; readonly numberKind?: NumberKind } = {},
): AlloyType {
  let pos = 0;
  const fail = (msg: string): never => {
    throw new TypeSyntaxError(`type ${JSON.stringify(text)}: ${msg} at offset ${pos}`);
  };
  const word = (): string => {
    const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(text.slice(pos));
    if (!m) return fail("expected a type name");
    pos += m[0].length;
    return m[0];
  };
  const expect = (ch: string): void => {
    if (text[pos] !== ch) fail(`expected ${JSON.stringify(ch)}`);
    pos++;
  };
  const parse = (top: boolean): AlloyType => {
    const name = word();
    switch (name) {
      case "list":
      case "map": {
        expect("(");
        const inner = parse(false);
        expect(")");
        return name === "list" ? { kind: "list", element: inner } : { kind: "map", value: inner };
      }
      case "capsule": {
        expect("(");
        const capsule = word();
        expect(")");
        return { kind: "capsule", capsule };
      }
      case "object": {
        if (!options.fields) return fail("object without fields");
        return {
          kind: "object",
          fields: options.fields.map((f) => ({ name: f.name, type: parseType(f.type), required: f.required })),
        };
      }
      case "any":
        return { kind: "any" };
      case "function":
        return { kind: "function" };
      default: {
        if (!PRIMITIVES.has(name)) return fail(`unknown type ${JSON.stringify(name)}`);
        const prim = name as PrimitiveName;
        if (prim === "number" && top && options.numberKind) {
          return { kind: "primitive", name: prim, numberKind: options.numberKind };
        }
        return { kind: "primitive", name: prim };
      }
    }
  };
  const t = parse(true);
  if (pos !== text.length) fail("trailing text");
  return t;
}

/** Prints a type back in the grammar's spelling (`list(map(string))`); objects print as `object`. */
export function formatType(t: AlloyType): string {
  switch (t.kind) {
    case "primitive":
      return t.name;
    case "list":
      return `list(${formatType(t.element)})`;
    case "map":
      return `map(${formatType(t.value)})`;
    case "capsule":
      return `capsule(${t.capsule})`;
    case "object":
    case "any":
    case "function":
      return t.kind;
  }
}

/** The capsule a value of this type carries, looking through lists and maps (`list(capsule(X))` → X). */
export function capsuleOf(t: AlloyType): string | undefined {
  switch (t.kind) {
    case "capsule":
      return t.capsule;
    case "list":
      return capsuleOf(t.element);
    case "map":
      return capsuleOf(t.value);
    default:
      return undefined;
  }
}

/** `secret` or `optional_secret` when the type is (or contains, through lists/maps) one. */
export function secretOf(t: AlloyType): "secret" | "optional_secret" | undefined {
  switch (t.kind) {
    case "primitive":
      return t.name === "secret" || t.name === "optional_secret" ? t.name : undefined;
    case "list":
      return secretOf(t.element);
    case "map":
      return secretOf(t.value);
    default:
      return undefined;
  }
}
