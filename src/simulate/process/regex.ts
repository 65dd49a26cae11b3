/**
 * Go's regexp over re2js (a port of Go's RE2 engine), loaded on first use: `loadRegexp()` must
 * have resolved before `compileGo` is called (the runner awaits it). Match iteration, replacement
 * follow Go's rules, which differ from re2js' own (an empty match next to a previous match);
 * `$1`/`${name}` expansion is relabel/expand.ts's, the one home of Go's Expand rules.
 */
import type { RE2JS } from "re2js";
import { expandTemplate } from "../relabel/expand.js";

type RE2JSClass = typeof RE2JS;
let engine: RE2JSClass | undefined;

export async function loadRegexp(): Promise<void> {
  engine ??= (await import("re2js")).RE2JS;
}

export class RegexpError extends Error {}

/** A match: [start, end] pairs per group (group 0 = the whole match), -1 when a group did not take part. */
export type MatchIndex = number[];

export class GoRegexp {
  readonly source: string;
  private readonly re: RE2JS;
  /** Group names by index (index 0 and unnamed groups: ""). */
  readonly subexpNames: readonly string[];
  private readonly groupIndex: ReadonlyMap<string, number>;

  constructor(source: string) {
    if (!engine) throw new Error("regexp engine not loaded (call loadRegexp first)");
    this.source = source;
    try {
      this.re = engine.compile(source);
    } catch (e) {
      throw new RegexpError((e as Error).message);
    }
    const names: string[] = new Array<string>(this.re.groupCount() + 1).fill("");
    for (const [name, index] of Object.entries(this.re.namedGroups())) names[index] = name;
    this.subexpNames = names;
    this.groupIndex = new Map(Object.entries(this.re.namedGroups()));
  }

  /** The leftmost match at or after `from` (Go: doExecute at pos), or undefined. */
  private matchAt(input: string, from: number): MatchIndex | undefined {
    const m = this.re.matcher(input);
    if (!m.find(from)) return undefined;
    const out: number[] = [];
    for (let g = 0; g <= this.re.groupCount(); g++) out.push(m.start(g), m.end(g));
    return out;
  }

  test(input: string): boolean {
    return this.re.matcher(input).find(0);
  }

  /** Go FindStringSubmatch: group texts (undefined for a group that did not take part), or undefined. */
  findSubmatch(input: string): (string | undefined)[] | undefined {
    const m = this.matchAt(input, 0);
    if (!m) return undefined;
    const out: (string | undefined)[] = [];
    for (let i = 0; i < m.length; i += 2) out.push(m[i]! < 0 ? undefined : input.slice(m[i], m[i + 1]));
    return out;
  }

  /** Go FindAllStringSubmatchIndex(s, -1). */
  findAllIndex(input: string): MatchIndex[] {
    const out: MatchIndex[] = [];
    let pos = 0;
    let prevEnd = -1;
    while (pos <= input.length) {
      const m = this.matchAt(input, pos);
      if (!m) break;
      let accept = true;
      if (m[1] === pos) {
        if (m[0] === prevEnd) accept = false;
        pos += pos < input.length ? runeWidth(input, pos) : 1;
      } else {
        pos = m[1]!;
      }
      prevEnd = m[1]!;
      if (accept) out.push(m);
    }
    return out;
  }

  /** Go ReplaceAllString (`literal`: ReplaceAllLiteralString). */
  replaceAll(input: string, repl: string, literal = false): string {
    let out = "";
    let lastEnd = 0;
    let search = 0;
    while (search <= input.length) {
      const m = this.matchAt(input, search);
      if (!m) break;
      out += input.slice(lastEnd, m[0]);
      if (m[1]! > lastEnd || m[0] === 0) out += literal ? repl : this.expand(repl, input, m);
      lastEnd = m[1]!;
      const width = search < input.length ? runeWidth(input, search) : 1;
      if (search + width > m[1]!) search += width;
      else if (search + 1 > m[1]!) search++;
      else search = m[1]!;
    }
    return out + input.slice(lastEnd);
  }

  /** Go Regexp.Expand of `template` against one match of `src` (the rules live in relabel/expand.ts). */
  expand(template: string, src: string, match: MatchIndex): string {
    if (!template.includes("$")) return template;
    const groups: (string | undefined)[] = [];
    for (let i = 0; i < match.length; i += 2) groups.push(match[i]! < 0 ? undefined : src.slice(match[i], match[i + 1]));
    return expandTemplate(template, groups, this.groupIndex);
  }
}

function runeWidth(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
}

/** Go regexp.QuoteMeta. */
export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, "\\$&");
}

const cache = new Map<string, GoRegexp>();

/** A compiled regexp, shared by expression text (stages compile theirs once; templates per call). */
export function compileGo(source: string): GoRegexp {
  let re = cache.get(source);
  if (!re) {
    re = new GoRegexp(source);
    if (cache.size > 1000) cache.clear();
    cache.set(source, re);
  }
  return re;
}
