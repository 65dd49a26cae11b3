/**
 * The one unified diff: what `alloyc fmt --check --diff` prints for a file it would change (and
 * what other commands that compare a file with what alloyc would write print). Lines are compared
 * whole (a line's `\r` is part of it); hunks carry `context` lines around each change, as
 * `diff -u` and `git diff` print them, and hunks closer than twice that are merged.
 */

export interface DiffOptions {
  /** Name on the `---` line (`a/` is not added: pass `a/PATH` for git's form). */
  readonly fromName: string;
  /** Name on the `+++` line. */
  readonly toName: string;
  /** Unchanged lines shown around each change (default 3). */
  readonly context?: number;
}

/** One run of the edit script: `same` lines kept, or lines `removed` from before / `added` in after. */
interface Run {
  readonly kind: "same" | "removed" | "added";
  /** First line of the run in before (same, removed) or after (added), 0-based. */
  readonly from: number;
  readonly count: number;
}

/**
 * Beyond this many differing lines, the middle that still differs is shown as removed then added
 * whole: still a correct diff, and Myers' trace (quadratic in that number) stays under 5 MB.
 */
const MAX_EDIT_DISTANCE = 1024;

const NO_NEWLINE = "\\ No newline at end of file\n";

/**
 * `before` and `after` as a unified diff (`--- from`, `+++ to`, `@@ -l,n +l,n @@` hunks), or ""
 * when they are the same text. A side whose last line has no newline gets `\ No newline at end
 * of file` after it, as diff prints it.
 */
export function unifiedDiff(before: string, after: string, options: DiffOptions): string {
  if (before === after) return "";
  const a = splitLines(before);
  const b = splitLines(after);
  const runs = editScript(a, b);
  const context = options.context ?? 3;
  let out = `--- ${options.fromName}\n+++ ${options.toName}\n`;
  for (const hunk of hunks(runs, context)) out += printHunk(hunk, a, b);
  return out;
}

/** Lines with their terminator kept, so that a missing final newline is a difference too. */
function splitLines(text: string): string[] {
  const lines = text.split("\n");
  const last = lines.pop() as string;
  const kept = lines.map((l) => `${l}\n`);
  if (last !== "") kept.push(last);
  return kept;
}

/** The shortest edit script from a to b (Myers' O(ND) greedy algorithm), as runs in order. */
function editScript(a: readonly string[], b: readonly string[]): Run[] {
  // Lines as small integers, so that the search compares numbers.
  const ids = new Map<string, number>();
  const id = (line: string): number => {
    let n = ids.get(line);
    if (n === undefined) ids.set(line, (n = ids.size));
    return n;
  };
  const x = Int32Array.from(a, id);
  const y = Int32Array.from(b, id);
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  const runs: Run[] = [];
  const push = (kind: Run["kind"], from: number, count: number): void => {
    if (count === 0) return;
    const last = runs[runs.length - 1];
    if (last && last.kind === kind && last.from + last.count === from) runs[runs.length - 1] = { kind, from: last.from, count: last.count + count };
    else runs.push({ kind, from, count });
  };
  push("same", 0, head);
  middle(x.subarray(head, x.length - tail), y.subarray(head, y.length - tail), head, push);
  push("same", x.length - tail, tail);
  return slideDown(runs, x, y);
}

/**
 * Moves each lone removal or addition between unchanged lines as far down as the lines allow, as
 * diff and git place them: of three blank lines where one stays, the first is kept and the next
 * two removed, not the other way round. Same lines removed, a different but equal-length script.
 */
function slideDown(runs: Run[], x: Int32Array, y: Int32Array): Run[] {
  const out = runs.map((r) => ({ ...r }));
  for (let r = 0; r < out.length; r++) {
    const run = out[r] as { kind: Run["kind"]; from: number; count: number };
    const next = out[r + 1];
    const prev = out[r - 1];
    if (run.kind === "same" || next?.kind !== "same" || (prev !== undefined && prev.kind !== "same")) continue;
    const lines = run.kind === "removed" ? x : y;
    let moved = 0;
    while (moved < next.count && lines[run.from + moved] === lines[run.from + run.count + moved]) moved++;
    if (moved === 0) continue;
    // The unchanged lines slid over, in before's numbering (a removal's lines are before's).
    const sameFrom = run.kind === "removed" ? run.from : next.from;
    if (prev) prev.count += moved;
    else {
      out.splice(r, 0, { kind: "same", from: sameFrom, count: moved });
      r++;
    }
    run.from += moved;
    next.from += moved;
    next.count -= moved;
    if (next.count === 0) out.splice(r + 1, 1);
  }
  return out;
}

/**
 * Myers' search over the lines that differ (common head and tail already taken off), then the
 * path traced back from the snapshots of V kept at each distance.
 */
function middle(x: Int32Array, y: Int32Array, offset: number, push: (kind: Run["kind"], from: number, count: number) => void): void {
  const n = x.length;
  const m = y.length;
  const max = Math.min(n + m, MAX_EDIT_DISTANCE);
  const size = 2 * max + 2;
  const v = new Int32Array(size);
  const base = max + 1;
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= max && found < 0; d++) {
    trace.push(v.slice(base - d - 1, base + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let i = k === -d || (k !== d && (v[base + k - 1] as number) < (v[base + k + 1] as number)) ? (v[base + k + 1] as number) : (v[base + k - 1] as number) + 1;
      let j = i - k;
      while (i < n && j < m && x[i] === y[j]) {
        i++;
        j++;
      }
      v[base + k] = i;
      if (i >= n && j >= m) {
        found = d;
        break;
      }
    }
  }
  if (found < 0) {
    // Too far apart to search: all of it removed, then all of it added.
    push("removed", offset, n);
    push("added", offset, m);
    return;
  }
  // Walk back from (n, m): each distance d added one removal or one addition after a snake.
  const steps: Array<{ kind: "removed" | "added"; i: number; j: number; snake: number }> = [];
  let i = n;
  let j = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d] as Int32Array; // V as it was before distance d was searched
    const at = (k: number): number => prev[k + d + 1] as number;
    const k = i - j;
    const down = k === -d || (k !== d && at(k - 1) < at(k + 1));
    const prevK = down ? k + 1 : k - 1;
    const prevI = at(prevK);
    const prevJ = prevI - prevK;
    const startI = down ? prevI : prevI + 1;
    steps.push({ kind: down ? "added" : "removed", i: prevI, j: prevJ, snake: i - startI });
    i = prevI;
    j = prevJ;
  }
  // What is left at distance 0 is a snake from (0, 0) (empty when the common head was taken off).
  push("same", offset, i);
  for (let s = steps.length - 1; s >= 0; s--) {
    const step = steps[s] as (typeof steps)[number];
    if (step.kind === "added") push("added", offset + step.j, 1);
    else push("removed", offset + step.i, 1);
    const afterI = step.kind === "removed" ? step.i + 1 : step.i;
    push("same", offset + afterI, step.snake);
  }
}

interface Hunk {
  /** 0-based first line in before and in after. */
  readonly aStart: number;
  readonly bStart: number;
  readonly lines: ReadonlyArray<{ readonly mark: " " | "-" | "+"; readonly side: "a" | "b"; readonly index: number }>;
  readonly aCount: number;
  readonly bCount: number;
}

/** Changes with `context` unchanged lines around them, merged when their context would touch. */
function hunks(runs: readonly Run[], context: number): Hunk[] {
  // Each run's position on both sides.
  const placed: Array<Run & { a: number; b: number }> = [];
  let a = 0;
  let b = 0;
  for (const run of runs) {
    placed.push({ ...run, a, b });
    if (run.kind !== "added") a += run.count;
    if (run.kind !== "removed") b += run.count;
  }
  const out: Hunk[] = [];
  let current: { aStart: number; bStart: number; lines: Hunk["lines"][number][]; aCount: number; bCount: number } | undefined;
  const close = (): void => {
    if (current) out.push(current);
    current = undefined;
  };
  for (let r = 0; r < placed.length; r++) {
    const run = placed[r] as (typeof placed)[number];
    if (run.kind === "same") {
      if (!current) continue;
      const isLast = r === placed.length - 1;
      const keep = isLast || run.count > 2 * context ? Math.min(context, run.count) : run.count;
      for (let t = 0; t < keep; t++) current.lines.push({ mark: " ", side: "a", index: run.a + t });
      current.aCount += keep;
      current.bCount += keep;
      if (keep < run.count) close();
      continue;
    }
    if (!current) {
      const before = r > 0 && placed[r - 1]?.kind === "same" ? Math.min(context, (placed[r - 1] as Run).count) : 0;
      current = { aStart: run.a - before, bStart: run.b - before, lines: [], aCount: before, bCount: before };
      for (let t = before; t > 0; t--) current.lines.push({ mark: " ", side: "a", index: run.a - t });
    }
    for (let t = 0; t < run.count; t++) {
      if (run.kind === "removed") current.lines.push({ mark: "-", side: "a", index: run.a + t });
      else current.lines.push({ mark: "+", side: "b", index: run.b + t });
    }
    if (run.kind === "removed") current.aCount += run.count;
    else current.bCount += run.count;
  }
  close();
  return out;
}

function printHunk(hunk: Hunk, a: readonly string[], b: readonly string[]): string {
  let out = `@@ -${range(hunk.aStart, hunk.aCount)} +${range(hunk.bStart, hunk.bCount)} @@\n`;
  for (const line of hunk.lines) {
    const text = (line.side === "a" ? a : b)[line.index] as string;
    out += `${line.mark}${text}`;
    if (!text.endsWith("\n")) out += `\n${NO_NEWLINE}`;
  }
  return out;
}

/** `l,n` as diff writes it: `l` alone when n is 1; the line before the hunk when it is empty. */
function range(start: number, count: number): string {
  if (count === 1) return `${start + 1}`;
  return `${count === 0 ? start : start + 1},${count}`;
}
