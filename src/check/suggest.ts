/**
 * Did-you-mean: the closest candidate by optimal-string-alignment distance (Levenshtein plus
 * adjacent transpositions, so `loki.wirte` finds `loki.write` in one step). A suggestion is made
 * only when it is clearly close: within a third of the name's length (at least 1, at most 3).
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const list = Array.isArray(candidates) ? (candidates as readonly string[]) : [...candidates];
  return nearest(name, list) ?? sameTail(name, list);
}

/** How far a suggestion may be from `name`. */
function limitFor(name: string): number {
  return Math.min(3, Math.max(1, Math.floor(name.length / 3)));
}

/** The closest candidate within the limit; ties go to the alphabetically first, so suggestions are stable. */
function nearest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = limitFor(name);
  let best: string | undefined;
  let bestDistance = limit;
  for (const c of candidates) {
    if (c === name || Math.abs(c.length - name.length) > limit) continue;
    const d = distance(name, c, bestDistance);
    if (d > bestDistance) continue;
    if (best === undefined || d < bestDistance || c < best) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * A wrong or missing namespace part (`write` for `loki.write`, `otelcol.otlp` for
 * `otelcol.receiver.otlp`): a unique candidate with the same last segment.
 */
function sameTail(name: string, candidates: Iterable<string>): string | undefined {
  const last = lastSegment(name);
  if (last.length < 4) return undefined;
  let found: string | undefined;
  for (const c of candidates) {
    if (c === name || lastSegment(c) !== last) continue;
    if (found !== undefined && found !== c) return undefined;
    found = c;
  }
  return found;
}

const lastSegment = (s: string): string => s.slice(s.lastIndexOf(".") + 1);

/** Candidates in a length window up to this many are all compared, as `closest` does. */
export const FULL_SCAN = 256;
/** Otherwise, per length: this many neighbours on each side, in prefix order and in suffix order. */
const NEIGHBOURS = 4;

function reverse(s: string): string {
  let out = "";
  for (let i = s.length - 1; i >= 0; i--) out += s[i];
  return out;
}

/** Where `x` would go in the sorted array `xs`. */
function insertionPoint(xs: readonly string[], x: string): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] as string) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

interface Bucket {
  readonly sorted: string[];
  /** The candidates reversed, sorted: neighbours here share the longest suffixes. */
  readonly reversed: string[];
  /** `bySuffix[i]` is the candidate whose reversal is `reversed[i]`. */
  readonly bySuffix: string[];
}

/**
 * Did-you-mean over a large candidate set (block ids of a scope, thousands of declares), built
 * once and asked many times, at a bounded cost per question. Candidates are bucketed by length
 * (only lengths within the limit can match). When the window holds at most `FULL_SCAN`
 * candidates every one is compared, exactly as `closest` does; beyond that only the nearest
 * neighbours by shared prefix and by shared suffix in each length are compared, since a typo
 * leaves the text before it or the text after it intact. The same-last-segment fallback is an
 * index too.
 */
export class CandidateIndex {
  private readonly byLength = new Map<number, Bucket>();
  /** Up to two distinct candidates per last segment: enough to tell a unique one. */
  private readonly byTail = new Map<string, string[]>();

  constructor(candidates: Iterable<string>) {
    const unique = new Set(candidates);
    for (const c of unique) {
      let bucket = this.byLength.get(c.length);
      if (!bucket) this.byLength.set(c.length, (bucket = { sorted: [], reversed: [], bySuffix: [] }));
      bucket.sorted.push(c);
      const tail = this.byTail.get(lastSegment(c));
      if (!tail) this.byTail.set(lastSegment(c), [c]);
      else if (tail.length < 3) tail.push(c);
    }
    for (const bucket of this.byLength.values()) {
      bucket.sorted.sort();
      const pairs = bucket.sorted.map((c) => [reverse(c), c] as const).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
      for (const [r, c] of pairs) {
        bucket.reversed.push(r);
        bucket.bySuffix.push(c);
      }
    }
  }

  closest(name: string): string | undefined {
    const limit = limitFor(name);
    const buckets: Bucket[] = [];
    let total = 0;
    for (let len = name.length - limit; len <= name.length + limit; len++) {
      const b = this.byLength.get(len);
      if (b) {
        buckets.push(b);
        total += b.sorted.length;
      }
    }
    const found = total <= FULL_SCAN ? nearest(name, buckets.flatMap((b) => b.sorted)) : nearest(name, this.neighbours(name, buckets));
    return found ?? this.sameTail(name);
  }

  private *neighbours(name: string, buckets: readonly Bucket[]): Generator<string> {
    const reversedName = reverse(name);
    for (const b of buckets) {
      const at = insertionPoint(b.sorted, name);
      for (let i = Math.max(0, at - NEIGHBOURS); i < Math.min(b.sorted.length, at + NEIGHBOURS); i++) yield b.sorted[i] as string;
      const back = insertionPoint(b.reversed, reversedName);
      for (let i = Math.max(0, back - NEIGHBOURS); i < Math.min(b.reversed.length, back + NEIGHBOURS); i++) yield b.bySuffix[i] as string;
    }
  }

  private sameTail(name: string): string | undefined {
    const last = lastSegment(name);
    if (last.length < 4) return undefined;
    return sameTail(name, this.byTail.get(last) ?? []);
  }
}

/** Rows of the distance table, reused across calls (grown as needed): a call allocates nothing. */
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/**
 * Optimal string alignment distance when it is at most `max`; otherwise some number above `max`.
 * Only the band of cells within `max` of the diagonal is computed, so a pair costs
 * O(length × max) however long the strings are.
 */
function distance(a: string, b: string, max: number): number {
  const m = a.length;
  const n = b.length;
  const far = max + 1;
  if (Math.abs(m - n) > max) return far;
  if (rows[0].length < n + 1) rows = [new Int32Array(2 * n + 2), new Int32Array(2 * n + 2), new Int32Array(2 * n + 2)];
  let [prev2, prev, cur] = rows;
  prev2.fill(far, 0, n + 1);
  prev.fill(far, 0, n + 1);
  cur.fill(far, 0, n + 1);
  for (let j = 0; j <= Math.min(n, max); j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(n, i + max);
    cur[0] = i <= max ? i : far;
    if (lo > 1) cur[lo - 1] = far;
    let rowMin = cur[0] as number;
    const ai = a.charCodeAt(i - 1);
    for (let j = lo; j <= hi; j++) {
      const bj = b.charCodeAt(j - 1);
      const cost = ai === bj ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (hi < n) cur[hi + 1] = far;
    if (rowMin > max) return far;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return Math.min(prev[n] as number, far);
}
