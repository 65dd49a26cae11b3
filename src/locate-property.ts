/**
 * Where a property of a builder's argument object is written in the user's TypeScript (part of
 * `alloyc build`): a finding about `scrape_interval` in `prometheus.scrape "x"` belongs on the
 * `scrape_interval:` line of the object literal passed at the call, not on the call. The runtime
 * cannot see where a property was written, and `typescript` is not installed where alloyc runs,
 * so this reads the source with a small scanner: from the call's position to its `(`, then the
 * object literal among the arguments, then keys at the right nesting level (strings, template
 * literals, comments, regular expressions and nested brackets are skipped whole). Whatever the
 * scanner cannot follow (a variable, a spread, a function call) ends the search at the deepest
 * property it found, or at the call.
 */
import { LineCursor } from "./diag/span.js";

/** One step from a built block to what a finding is about: a nested block or an attribute. */
export interface PropertyStep {
  /** The Alloy name, which is the key in the argument object (`endpoint`, `stage.json`). */
  readonly name: string;
  readonly block: boolean;
  /** For a block: its index among the blocks of that name beside it (`endpoint: [a, b]`). */
  readonly nth: number;
}

export interface PropertyPath {
  readonly steps: readonly PropertyStep[];
  /** The finding is in the attribute's value (a bad duration), not about its name. */
  readonly atValue: boolean;
  /** Within that value: list indices and object keys down to the part the finding is in. */
  readonly inValue?: ReadonlyArray<number | string>;
}

export interface LocatedProperty {
  /** 1-based; the column in UTF-16 code units, as stack frames count them. */
  readonly line: number;
  readonly column: number;
  /** The whole path was found in the literal; otherwise this is the deepest part that was. */
  readonly complete: boolean;
  /** The key (or `key[n]`) where the search ended when not complete. */
  readonly deepest?: string;
}

type Node = ObjectNode | ArrayNode | OtherNode;
interface ObjectNode {
  readonly kind: "object";
  readonly start: number;
  readonly props: Array<{ readonly name: string; readonly keyStart: number; readonly value: Node }>;
}
interface ArrayNode {
  readonly kind: "array";
  readonly start: number;
  readonly elements: Node[];
  /** An element is `...spread`: indices past it are not known. */
  spread: boolean;
}
interface OtherNode {
  readonly kind: "other";
  readonly start: number;
  /** `comment(...)`: an item of a block list that makes no block. */
  readonly comment?: boolean;
}

/**
 * Finds `path` in the object literal passed to the call at `call` (1-based line and UTF-16
 * column, as the stack reports it); undefined when not even the first step is written there.
 */
export function locateProperty(source: string, call: { readonly line: number; readonly column: number }, path: PropertyPath): LocatedProperty | undefined {
  if (path.steps.length === 0) return undefined;
  const start = offsetOf(source, call.line, call.column);
  if (start === undefined) return undefined;
  try {
    const args = new Scanner(source).callArguments(start);
    const object = args?.find((a): a is ObjectNode => a.kind === "object");
    return object ? resolve(source, object, path) : undefined;
  } catch (e) {
    if (e instanceof EndOfSource) return undefined;
    throw e;
  }
}

function resolve(source: string, root: ObjectNode, path: PropertyPath): LocatedProperty | undefined {
  let node: Node = root;
  let deepest: { at: number; name: string } | undefined;
  const partial = (): LocatedProperty | undefined =>
    deepest && { ...position(source, deepest.at), complete: false, deepest: deepest.name };
  for (const [i, step] of path.steps.entries()) {
    if (node.kind !== "object") return partial();
    const prop = findProp(node, step);
    if (!prop) return partial();
    const last = i === path.steps.length - 1;
    const value: Node = prop.value;
    if (!step.block) {
      if (!last) return partial();
      return { ...position(source, path.atValue ? within(value, path.inValue ?? []).start : prop.keyStart), complete: true };
    }
    deepest = { at: prop.keyStart, name: prop.name };
    let element: Node | undefined = value;
    if (value.kind === "array") {
      element = value.spread ? undefined : value.elements.filter((e) => !(e.kind === "other" && e.comment))[prop.nth];
      if (!element) return partial();
      deepest = { at: element.start, name: `${prop.name}[${prop.nth}]` };
    } else if (prop.nth > 0) {
      return partial();
    }
    if (last) return { ...position(source, deepest.at), complete: true };
    node = element;
  }
  return partial();
}

/** The part of a written value at `path` (list indices, object keys), or as far as it is written. */
function within(value: Node, path: ReadonlyArray<number | string>): Node {
  let node = value;
  for (const step of path) {
    const next =
      typeof step === "number"
        ? node.kind === "array" && !node.spread ? node.elements[step] : undefined
        : node.kind === "object" ? node.props.findLast((p) => p.name === step)?.value : undefined;
    if (!next) break;
    node = next;
  }
  return node;
}

/**
 * The property for a step: the key itself, or (for a block in a group, `stage: [{ "stage.json":
 * {...} }]`) the nth element of an array-valued key that holds it. `nth` is then the index into
 * the key's own value.
 */
function findProp(node: ObjectNode, step: PropertyStep): { name: string; keyStart: number; value: Node; nth: number } | undefined {
  const direct = node.props.findLast((p) => p.name === step.name);
  if (direct) return { ...direct, nth: step.nth };
  if (!step.block) return undefined;
  let seen = 0;
  for (const p of node.props) {
    if (p.value.kind !== "array") continue;
    for (const el of p.value.elements) {
      if (el.kind !== "object") continue;
      const inner = el.props.find((q) => q.name === step.name);
      if (inner && seen++ === step.nth) return { ...inner, nth: 0 };
    }
  }
  return undefined;
}

/**
 * Line starts (UTF-16 offsets: the source is a JS string) of the last source read, with diag's
 * line cursor over them: a build reports many findings against one file.
 */
let cached: { source: string; starts: number[]; lines: LineCursor } | undefined;

function linesOf(source: string): { starts: number[]; lines: LineCursor } {
  if (cached?.source !== source) {
    const starts = [0];
    for (let i = source.indexOf("\n"); i !== -1; i = source.indexOf("\n", i + 1)) starts.push(i + 1);
    cached = { source, starts, lines: new LineCursor(starts) };
  }
  return cached;
}

function offsetOf(source: string, line: number, column: number): number | undefined {
  const start = linesOf(source).starts[line - 1];
  return start === undefined ? undefined : start + Math.max(0, column - 1);
}

function position(source: string, offset: number): { line: number; column: number } {
  const { starts, lines } = linesOf(source);
  const line = lines.line(offset);
  return { line, column: offset - (starts[line - 1] as number) + 1 };
}

class EndOfSource extends Error {}

const MAX_DEPTH = 200;
const IDENT = /[\p{ID_Continue}$\u200c\u200d]/u;
const CLOSERS = new Set([")", "]", "}"]);
/** A `/` after one of these (or at the start) begins a regular expression, not a division. */
const BEFORE_REGEX = new Set(["(", ",", "=", ":", "[", "!", "&", "|", "?", "{", "}", ";", "+", "-", "*", "%", "<", ">", "~", "^"]);

/** A token-level reader of TypeScript: positions of keys and values, nothing more. */
class Scanner {
  private i = 0;
  private previous = "";
  private depth = 0;

  constructor(private readonly s: string) {}

  /** The arguments of the first call at or after `from`, or undefined when none opens there. */
  callArguments(from: number): Node[] | undefined {
    this.i = from;
    for (;;) {
      const c = this.peek();
      if (c === "(") break;
      if (c === undefined || c === ";" || c === "{" || CLOSERS.has(c)) return undefined;
      this.skipToken();
    }
    this.i++;
    this.previous = "(";
    const args: Node[] = [];
    while (this.peek() !== ")") {
      args.push(this.value());
      if (this.peek() === ",") this.take();
    }
    return args;
  }

  /** One expression up to a `,` or a closing bracket at its level. */
  private value(): Node {
    const c = this.peek();
    const start = this.i;
    let node: Node;
    // Deeper than any argument object is written, literals are skipped (iteratively) unread.
    if (this.depth >= MAX_DEPTH) node = { kind: "other", start };
    else if (c === "{" || c === "[") {
      this.depth++;
      node = c === "{" ? this.object() : this.array();
      this.depth--;
    } else node = /^comment\s*\(/.test(this.s.slice(start, start + 16)) ? { kind: "other", start, comment: true } : { kind: "other", start };
    // Whatever follows (`as const`, `satisfies T`, an operator and more) is skipped.
    for (let d = this.peek(); d !== undefined && d !== "," && !CLOSERS.has(d); d = this.peek()) {
      if (d === "{" || d === "[" || d === "(") this.balanced();
      else this.skipToken();
    }
    if (this.peek() === undefined) throw new EndOfSource();
    return node;
  }

  private object(): ObjectNode {
    const node: ObjectNode = { kind: "object", start: this.i, props: [] };
    this.take(); // {
    while (this.peek() !== "}") {
      const keyStart = this.i;
      const name = this.key();
      const next = this.peek();
      if (name !== undefined && next === ":") {
        this.take();
        node.props.push({ name, keyStart, value: this.value() });
      } else if (name !== undefined && (next === "," || next === "}")) {
        node.props.push({ name, keyStart, value: { kind: "other", start: keyStart } }); // shorthand
      } else {
        this.value(); // a spread, a method, a computed key: nothing to find inside
      }
      if (this.peek() === ",") this.take();
    }
    this.take(); // }
    return node;
  }

  private array(): ArrayNode {
    const node: ArrayNode = { kind: "array", start: this.i, elements: [], spread: false };
    this.take(); // [
    while (this.peek() !== "]") {
      if (this.s.startsWith("...", this.i)) node.spread = true;
      node.elements.push(this.value());
      if (this.peek() === ",") this.take();
    }
    this.take(); // ]
    return node;
  }

  /** A property name (identifier, string or number), or undefined for anything else. */
  private key(): string | undefined {
    const c = this.peek();
    if (c === '"' || c === "'") {
      const start = this.i;
      this.skipToken();
      const raw = this.s.slice(start + 1, this.i - 1);
      // Alloy names need no escapes; an escaped key is compared as written.
      return raw;
    }
    if (c !== undefined && IDENT.test(c)) {
      const start = this.i;
      this.skipToken();
      return this.s.slice(start, this.i);
    }
    return undefined;
  }

  /** Skips a bracketed group, `(...)`, `[...]` or `{...}`, whole. */
  private balanced(): void {
    let depth = 0;
    do {
      const c = this.peek();
      if (c === undefined) throw new EndOfSource();
      if (c === "(" || c === "[" || c === "{") depth++;
      else if (CLOSERS.has(c)) depth--;
      this.skipToken();
    } while (depth > 0);
  }

  private take(): string {
    const c = this.s[this.i] as string;
    this.i++;
    this.previous = c;
    return c;
  }

  /** The next significant character (after spaces and comments), without taking it. */
  private peek(): string | undefined {
    for (;;) {
      const c = this.s[this.i];
      if (c === undefined) return undefined;
      if (/\s/.test(c)) this.i++;
      else if (c === "/" && this.s[this.i + 1] === "/") {
        const end = this.s.indexOf("\n", this.i);
        this.i = end === -1 ? this.s.length : end;
      } else if (c === "/" && this.s[this.i + 1] === "*") {
        const end = this.s.indexOf("*/", this.i + 2);
        if (end === -1) throw new EndOfSource();
        this.i = end + 2;
      } else return c;
    }
  }

  /** Takes one token: a string, a template literal, a regular expression, a word or one character. */
  private skipToken(): void {
    const c = this.peek();
    if (c === undefined) throw new EndOfSource();
    if (c === '"' || c === "'") this.quoted(c);
    else if (c === "`") this.template();
    else if (c === "/" && (this.previous === "" || BEFORE_REGEX.has(this.previous))) this.regex();
    else if (IDENT.test(c)) {
      while (this.i < this.s.length && IDENT.test(this.s[this.i] as string)) this.i++;
      this.previous = "a";
      return;
    } else this.i++;
    this.previous = this.s[this.i - 1] as string;
  }

  private quoted(quote: string): void {
    for (this.i++; ; this.i++) {
      const c = this.s[this.i];
      if (c === undefined || c === "\n") throw new EndOfSource();
      if (c === "\\") this.i++;
      else if (c === quote) break;
    }
    this.i++;
  }

  /** A template literal, with its `${...}` parts skipped as code. */
  private template(): void {
    for (this.i++; ; this.i++) {
      const c = this.s[this.i];
      if (c === undefined) throw new EndOfSource();
      if (c === "\\") this.i++;
      else if (c === "`") break;
      else if (c === "$" && this.s[this.i + 1] === "{") {
        this.i++;
        this.previous = "";
        this.balanced();
        this.i--;
      }
    }
    this.i++;
  }

  private regex(): void {
    let inClass = false;
    for (this.i++; ; this.i++) {
      const c = this.s[this.i];
      if (c === undefined || c === "\n") throw new EndOfSource();
      if (c === "\\") this.i++;
      else if (c === "[") inClass = true;
      else if (c === "]") inClass = false;
      else if (c === "/" && !inClass) break;
    }
    this.i++;
    while (this.i < this.s.length && IDENT.test(this.s[this.i] as string)) this.i++; // flags
  }
}

/**
 * A builder error's place (keys and list indices from the argument object, `["endpoint", 0, "url"]`)
 * as a property path: the keys before the last are blocks (an index after one picks the element),
 * the last key is the attribute, and what follows it is inside its value.
 */
export function propertyPathOf(path: ReadonlyArray<string | number>): PropertyPath | undefined {
  let last = -1;
  for (let i = 0; i < path.length; i++) if (typeof path[i] === "string") last = i;
  if (last < 0) return undefined;
  const steps: PropertyStep[] = [];
  for (let i = 0; i < last; i++) {
    const key = path[i];
    if (typeof key !== "string") continue;
    const next = path[i + 1];
    steps.push({ name: key, block: true, nth: typeof next === "number" ? next : 0 });
  }
  steps.push({ name: path[last] as string, block: false, nth: 0 });
  return { steps, atValue: true, inValue: path.slice(last + 1) };
}
