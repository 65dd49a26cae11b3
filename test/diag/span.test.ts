import { describe, expect, it } from "vitest";
import { LineCursor, LineIndex } from "../../src/diag/span.js";

/** The line of `offset` by a linear scan: the answer every lookup must give. */
function naiveLine(starts: ArrayLike<number>, offset: number): number {
  let line = 1;
  for (let i = 1; i < starts.length; i++) if ((starts[i] as number) <= offset) line = i + 1;
  return line;
}

describe("LineIndex", () => {
  it("splits at LF only, counts bytes, and gives 1-based line:column", () => {
    const index = LineIndex.fromText("ab\r\ncé\n\nd");
    expect(index.lineStarts).toEqual([0, 4, 8, 9]);
    expect(index.lineCount).toBe(4);
    expect(index.position(0)).toEqual({ offset: 0, line: 1, column: 1 });
    expect(index.position(2)).toEqual({ offset: 2, line: 1, column: 3 }); // the CR
    expect(index.position(7)).toEqual({ offset: 7, line: 2, column: 4 }); // the LF after "cé"
    expect(index.position(8)).toEqual({ offset: 8, line: 3, column: 1 });
    expect(index.position(99)).toMatchObject({ line: 4, column: 91 }); // past the end: last line
    expect(index.lineStart(2)).toBe(4);
  });

  it("counts a BOM as three bytes of line 1, and an empty table as one line", () => {
    expect(LineIndex.fromText("\ufeffa\nb").position(5)).toMatchObject({ line: 2, column: 1 });
    const empty = new LineIndex([]);
    expect(empty.lineCount).toBe(1);
    expect(empty.position(3)).toMatchObject({ line: 1, column: 4 });
  });
});

describe("LineCursor", () => {
  const starts = Int32Array.from([0, 3, 4, 10, 11, 12, 30, 31, 100, 101, 102, 103, 500]);

  it("answers as a linear scan for lookups in any order, forwards, backwards and far", () => {
    const cursor = new LineCursor(starts);
    const offsets = [0, 1, 2, 3, 4, 9, 10, 11, 12, 29, 30, 99, 100, 102, 499, 500, 10_000];
    const orders = [offsets, [...offsets].reverse(), [500, 0, 103, 3, 31, 11, 10_000, 4, 101, 2, 12, 30]];
    for (const order of orders) {
      for (const offset of order) expect(cursor.line(offset), String(offset)).toBe(naiveLine(starts, offset));
    }
    expect(cursor.line(-1)).toBe(1);
  });

  it("treats an empty table as one line", () => {
    expect(new LineCursor([]).line(7)).toBe(1);
  });

  it("agrees with a linear scan over a pseudo-random walk", () => {
    const table: number[] = [0];
    for (let i = 1; i < 300; i++) table.push((table[i - 1] as number) + 1 + ((i * 37) % 11));
    const cursor = new LineCursor(table);
    let offset = 0;
    for (let step = 0; step < 2000; step++) {
      offset = (offset * 1103515245 + 12345) % 3500;
      expect(cursor.line(offset)).toBe(naiveLine(table, offset));
    }
  });
});
