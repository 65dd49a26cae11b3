/**
 * The block structure of a body: which keys of a builder's argument object are nested blocks
 * (everything else is an attribute), which are repeated or labelled, and which hold a block group
 * (`stage: [{ "stage.json": {...} }, ...]`). This is the part of the catalog the builders need to
 * turn an argument object into Alloy.
 *
 * The generator writes each entry's structure next to its builder, from the same specs the
 * checker reads, in a compact notation read here on the builder's first call (so importing
 * alloyc loads no spec modules):
 *
 *   body   = item*                      items separated by spaces
 *   item   = NAME mark* ["{" body "}"]  a block: `*` repeated, `@` labelled, `!` nested configuration
 *          | "(" GROUP ":" item* ")"    a block group: the key GROUP holds these member blocks
 *          | "^" PATH ":" GROUP         the group GROUP defined in the body at PATH (block names
 *                                       joined by `>` from the entry's root, empty for the root)
 *
 * `loki.write` is `endpoint*{authorization basic_auth oauth2{tls_config} queue_config tls_config}`;
 * `loki.process` is `(stage: stage.cri* ... stage.match*{^:stage} ...)`.
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

/** Reads an entry's shape from the notation above; `entry` names it in errors (a generator bug). */
export function parseShape(text: string, entry: string): BodyShape {
  return new ShapeReader(text, entry).root();
}

class ShapeReader {
  private pos = 0;
  /** Groups by `path:group`, filled as they are read; references resolve on first access. */
  private readonly groups = new Map<string, Record<string, BlockShape>>();

  constructor(
    private readonly text: string,
    private readonly entry: string,
  ) {}

  root(): BodyShape {
    const shape = this.body([]);
    if (this.pos < this.text.length) this.fail("unexpected text");
    return shape;
  }

  private body(path: readonly string[]): BodyShape {
    let blocks: Record<string, BlockShape> | undefined;
    let groups: Record<string, GroupShape> | undefined;
    for (;;) {
      this.skipSpaces();
      const c = this.text[this.pos];
      if (c === undefined || c === "}" || c === ")") break;
      if (c === "(") {
        this.pos++;
        const group = this.name();
        this.expect(":");
        const members = this.groupAt(path, group);
        for (;;) {
          this.skipSpaces();
          if (this.text[this.pos] === ")") break;
          const [name, block] = this.block(path);
          members[name] = block;
        }
        this.pos++;
        Object.freeze(members);
        (groups ??= {})[group] = members;
      } else if (c === "^") {
        this.pos++;
        const at = this.until(":");
        this.expect(":");
        const group = this.name();
        const refPath = at === "" ? [] : at.split(">");
        (groups ??= {})[group] = this.groupAt(refPath, group);
      } else {
        const [name, block] = this.block(path);
        (blocks ??= {})[name] = block;
      }
    }
    if (blocks === undefined && groups === undefined) return attributesOnly;
    return Object.freeze({ ...(blocks ? { blocks: Object.freeze(blocks) } : {}), ...(groups ? { groups: Object.freeze(groups) } : {}) });
  }

  private block(path: readonly string[]): [string, BlockShape] {
    const name = this.name();
    let multiple = false;
    let labeled = false;
    let config = false;
    for (;;) {
      const m = this.text[this.pos];
      if (m === "*") multiple = true;
      else if (m === "@") labeled = true;
      else if (m === "!") config = true;
      else break;
      this.pos++;
    }
    let body: BodyShape = config ? nestedConfig : attributesOnly;
    if (this.text[this.pos] === "{") {
      this.pos++;
      body = this.body([...path, name]);
      this.expect("}");
    }
    return [name, Object.freeze({ ...(multiple ? { multiple: true as const } : {}), ...(labeled ? { labeled: true as const } : {}), body })];
  }

  /** The members object of a group: the one being read, or (for a reference read first) the one to be filled. */
  private groupAt(path: readonly string[], group: string): Record<string, BlockShape> {
    const id = `${path.join(">")}:${group}`;
    let members = this.groups.get(id);
    if (!members) this.groups.set(id, (members = {}));
    return members;
  }

  private name(): string {
    const m = /^[A-Za-z0-9_.-]+/.exec(this.text.slice(this.pos));
    if (!m) return this.fail("expected a name");
    this.pos += m[0].length;
    return m[0];
  }

  private until(stop: string): string {
    const end = this.text.indexOf(stop, this.pos);
    if (end < 0) return this.fail(`expected ${stop}`);
    const s = this.text.slice(this.pos, end);
    this.pos = end;
    return s;
  }

  private expect(c: string): void {
    if (this.text[this.pos] !== c) this.fail(`expected ${c}`);
    this.pos++;
  }

  private skipSpaces(): void {
    while (this.text[this.pos] === " ") this.pos++;
  }

  private fail(what: string): never {
    throw new Error(`${this.entry}: block shape ${JSON.stringify(this.text)}: ${what} at ${this.pos}`);
  }
}
