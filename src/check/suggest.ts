/**
 * Did-you-mean: the closest candidate by optimal-string-alignment distance (Levenshtein plus
 * adjacent transpositions, so `loki.wirte` finds `loki.write` in one step). A suggestion is made
 * only when it is clearly close: within a third of the name's length (at least 1, at most 3).
 */
export function closest(name: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(name.length / 3)));
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
  if (best !== undefined) return best;
  // A wrong or missing namespace part (`write` for `loki.write`, `otelcol.otlp` for
  // `otelcol.receiver.otlp`): accept a unique candidate with the same last segment.
  const last = name.slice(name.lastIndexOf(".") + 1);
  if (last.length < 4) return undefined;
  const sameTail: string[] = [];
  for (const c of candidates) if (c !== name && c.slice(c.lastIndexOf(".") + 1) === last) sameTail.push(c);
  return sameTail.length === 1 ? sameTail[0] : undefined;
}

/** Optimal string alignment distance when it is at most `max`; otherwise some number above `max`. */
function distance(a: string, b: string, max: number): number {
  const n = b.length;
  let prev2 = new Array<number>(n + 1).fill(0);
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  let cur = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[n] as number;
}
