import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../src/diag/index.js";

const names = { fromName: "a/x.alloy", toName: "b/x.alloy" };

/** Applies a unified diff to `before`, as patch would: checks every context and removed line. */
function applyDiff(before: string, diff: string): string {
  if (diff === "") return before;
  const lines = before.split(/(?<=\n)/);
  const rows = diff.split(/(?<=\n)/);
  expect(rows[0]).toBe(`--- ${names.fromName}\n`);
  expect(rows[1]).toBe(`+++ ${names.toName}\n`);
  const out: string[] = [];
  let at = 0;
  let r = 2;
  while (r < rows.length) {
    const header = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@\n$/.exec(rows[r] as string);
    expect(header, `hunk header at row ${r}: ${rows[r]}`).not.toBeNull();
    const [aStart, aCount] = [Number(header![1]), header![2] === undefined ? 1 : Number(header![2])];
    const [bStart, bCount] = [Number(header![3]), header![4] === undefined ? 1 : Number(header![4])];
    const first = aCount === 0 ? aStart : aStart - 1;
    expect(first).toBeGreaterThanOrEqual(at);
    out.push(...lines.slice(at, first));
    expect(bCount === 0 ? bStart : bStart - 1).toBe(out.join("").split(/(?<=\n)/).filter((l) => l !== "").length);
    at = first;
    r++;
    let seenA = 0;
    let seenB = 0;
    while (r < rows.length && !(rows[r] as string).startsWith("@@")) {
      const row = rows[r] as string;
      let text = row.slice(1);
      if (rows[r + 1] === "\\ No newline at end of file\n") {
        text = text.slice(0, -1);
        r++;
      }
      if (row[0] === " " || row[0] === "-") {
        expect(lines[at]).toBe(text);
        at++;
        seenA++;
      }
      if (row[0] === " " || row[0] === "+") {
        out.push(text);
        seenB++;
      }
      r++;
    }
    expect([seenA, seenB]).toEqual([aCount, bCount]);
  }
  out.push(...lines.slice(at));
  return out.join("");
}

/** The fewest lines a diff must remove plus add: both lengths minus twice the longest common subsequence. */
function minimalEdits(a: readonly string[], b: readonly string[]): number {
  const lcs: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  return a.length + b.length - 2 * lcs[0]![0]!;
}

const changedLines = (diff: string): number => diff.split("\n").filter((l) => /^[-+](?!--|\+\+)/.test(l)).length;

describe("unifiedDiff", () => {
  it("is empty for the same text", () => {
    expect(unifiedDiff("a\nb\n", "a\nb\n", names)).toBe("");
  });

  it("prints one hunk with three lines of context, as diff -u does", () => {
    const before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    const after = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n";
    expect(unifiedDiff(before, after, names)).toBe(
      "--- a/x.alloy\n+++ b/x.alloy\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n",
    );
  });

  it("splits changes more than six unchanged lines apart into hunks, and merges closer ones", () => {
    const lines = Array.from({ length: 20 }, (_, i) => `${i + 1}\n`);
    const far = [...lines];
    far[1] = "two\n";
    far[17] = "eighteen\n";
    expect(unifiedDiff(lines.join(""), far.join(""), names)).toBe(
      "--- a/x.alloy\n+++ b/x.alloy\n" +
        "@@ -1,5 +1,5 @@\n 1\n-2\n+two\n 3\n 4\n 5\n" +
        "@@ -15,6 +15,6 @@\n 15\n 16\n 17\n-18\n+eighteen\n 19\n 20\n",
    );
    const near = [...lines];
    near[1] = "two\n";
    near[8] = "nine\n";
    const merged = unifiedDiff(lines.join(""), near.join(""), names);
    expect(merged.match(/^@@/gm)).toHaveLength(1);
    expect(merged).toContain("@@ -1,12 +1,12 @@\n");
  });

  it("says when a side has no newline at its end, and counts an empty side as line 0", () => {
    expect(unifiedDiff("a\nb", "a\nb\n", names)).toBe(
      "--- a/x.alloy\n+++ b/x.alloy\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n",
    );
    expect(unifiedDiff("", "x\n", names)).toBe("--- a/x.alloy\n+++ b/x.alloy\n@@ -0,0 +1 @@\n+x\n");
    expect(unifiedDiff("x\n", "", names)).toBe("--- a/x.alloy\n+++ b/x.alloy\n@@ -1 +0,0 @@\n-x\n");
  });

  it("gives a patch that turns before into after, with the fewest changed lines (random texts)", () => {
    const text = fc.array(fc.constantFrom("a\n", "b\n", "c\n", "d\n", "\n", "  x\n"), { maxLength: 40 }).chain((ls) =>
      fc.constantFrom("", "tail").map((end) => ls.join("") + end),
    );
    fc.assert(
      fc.property(text, text, (before, after) => {
        const diff = unifiedDiff(before, after, names);
        expect(applyDiff(before, diff)).toBe(after);
        const split = (s: string): string[] => s.split(/(?<=\n)/).filter((l) => l !== "");
        expect(changedLines(diff)).toBe(minimalEdits(split(before), split(after)));
      }),
      { numRuns: 400 },
    );
  });

  it("stays correct, if not minimal, for texts too far apart to search (all lines replaced)", () => {
    const before = Array.from({ length: 2000 }, (_, i) => `old ${i}\n`).join("");
    const after = Array.from({ length: 2000 }, (_, i) => `new ${i}\n`).join("");
    const diff = unifiedDiff(before, after, names);
    expect(applyDiff(before, diff)).toBe(after);
    expect(changedLines(diff)).toBe(4000);
  });
});
