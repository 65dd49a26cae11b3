import { describe, expect, it } from "vitest";
import { goQuote } from "../../src/ast/quote.js";
import { keyText } from "../../src/emit/index.js";
import { fmt, fmtUpstream, parseOk, settledUpstream, shape } from "./helpers.js";

/**
 * Where alloyc deliberately prints something other than upstream `alloy fmt` (DESIGN.md
 * "Formatter target"; one line each in README.md, "Differences from upstream alloy fmt"). Every test shows upstream's output
 * (reproduced by formatUpstream), alloyc's, and that alloyc's keeps the tree and is a fixed point.
 */

function keepsMeaning(input: string, out: string): void {
  expect(shape(parseOk(out))).toEqual(shape(parseOk(input)));
  expect(fmt(out)).toBe(out);
}

describe("fmt deviations from upstream", () => {
  it("deviation: quoted object keys are not re-escaped", () => {
    const input = 'x = {"a\\"q" = 1, "\\u00e9" = 2, "tab\\there" = 3}\n';
    expect(fmtUpstream(input)).toBe('x = {"a\\\\\\"q" = 1, "\\\\u00e9" = 2, "tab\\\\there" = 3}\n');
    // Upstream's output changes the keys again on every run.
    expect(fmtUpstream(fmtUpstream(input))).not.toBe(fmtUpstream(input));
    const out = fmt(input);
    expect(out).toBe(input);
    keepsMeaning(input, out);
  });

  it("deviation: a raw-string key that cannot be double-quoted as is stays a raw string", () => {
    const input = 'x = {\n`say "hi"` = 1,\n`a\\qb` = 2,\n`plain` = 3,\n}\n';
    const out = fmt(input);
    // `plain` becomes "plain" exactly as upstream prints it; the other two keep their text.
    expect(out).toBe('x = {\n\t`say "hi"` = 1,\n\t`a\\qb`     = 2,\n\t"plain"    = 3,\n}\n');
    expect(fmtUpstream(input)).toContain('"say \\"hi\\""');
    keepsMeaning(input, out);
    expect(keyText("plain")).toBe(goQuote("plain"));
    expect(keyText('say "hi"')).toBe('`say "hi"`');
  });

  it("deviation: an empty call split over lines prints as f()", () => {
    const input = "x = f(\n)\ny = 1\n";
    expect(fmtUpstream(input)).toBe("x = f(,\n)\ny = 1\n");
    expect(() => parseOk(fmtUpstream(input))).toThrow(/expected expression/);
    const out = fmt(input);
    expect(out).toBe("x = f()\ny = 1\n");
    keepsMeaning(input, out);
  });

  it("deviation: a TAB inside a string is kept, not turned into padding", () => {
    const input = 'a = "x\ty"\nbb = "p\tq\tr" // c\n';
    expect(fmtUpstream(input)).toBe('a  = "x y"\nbb = "p q r" // c\n');
    const out = fmt(input);
    expect(out).toBe('a  = "x\ty"\nbb = "p\tq\tr" // c\n');
    keepsMeaning(input, out);
  });

  it("deviation: raw-string continuation lines keep their trailing blanks", () => {
    const input = "a = `x  \ny\t\n  z  `\n";
    expect(fmtUpstream(input)).toBe("a = `x\ny\n  z  `\n");
    const out = fmt(input);
    expect(out).toBe(input);
    keepsMeaning(input, out);
  });

  it("deviation: raw-string continuation lines keep their leading TABs", () => {
    const input = "longattrname = `x\n\ty\n\t\t\tz`\nb = 1\n";
    // Upstream makes the first leading TAB a cell of the 13-wide name column: two TABs.
    expect(fmtUpstream(input)).toBe("longattrname = `x\n\t\ty\n\t\t\t\tz`\nb = 1\n");
    const out = fmt(input);
    expect(out).toBe(input);
    keepsMeaning(input, out);
  });

  it("raw-string continuation lines print as upstream when upstream keeps them", () => {
    // A leading TAB in a column at most 8 wide is one TAB for upstream too: no difference.
    const input = "block {\n\ta = `x\n\ty`\n\tb = 2\n}\n";
    expect(fmt(input)).toBe(fmtUpstream(input));
    expect(fmt(input)).toBe(input);
  });

  it("deviation: a comment stays before an access name or a call's ) when moving it would not parse", () => {
    const cases: Array<[string, string]> = [
      ["x = [a.\n// c\nb]\n", "x = [a.\n// c\nb]\n"],
      ["x = f(1,\n// c\n) + 1\n", "x = f(1,\n// c\n) + 1\n"],
      ["x = [a.\n/* c */ b]\n", "x = [a.\n/* c */ b]\n"],
      ["a.b.\n// c\nc { }\n", "a.b.\n// c\nc { }\n"],
    ];
    for (const [input, want] of cases) {
      // Upstream moves the comment past the name or `)`: a line break after a value.
      expect(() => parseOk(fmtUpstream(input)), input).toThrow();
      const out = fmt(input);
      expect(out, input).toBe(want);
      keepsMeaning(input, out);
    }
  });

  it("a comment before a call's ) moves on to the next element when the output parses there", () => {
    const input = "x = [f(1,\n// c\n), 2]\n";
    // Upstream's first run writes the comment right after the call, where it ends the statement.
    expect(() => parseOk(fmtUpstream(input))).toThrow();
    // Comments move to the next text with a position of its own: here the next element.
    const out = fmt(input);
    expect(out).toBe("x = [f(1,\n),\n\n\t// c\n\t2]\n");
    expect(fmtUpstream(out)).toBe(out);
    keepsMeaning(input, out);
  });

  it("deviation: code never follows a line comment on its line", () => {
    // A comment right after `,` with no space: upstream writes `)` after it on the same line.
    const input = "x = f(1,// c\n)\n";
    expect(fmtUpstream(input)).toBe("x = f(1, // c)\n");
    expect(() => parseOk(fmtUpstream(input))).toThrow();
    const out = fmt(input);
    expect(out).toBe("x = f(1,\n)\n\n// c\n");
    // What upstream settles to once the comment has a space before it.
    expect(out).toBe(settledUpstream("x = f(1, // c\n)\n"));
    keepsMeaning(input, out);
  });

  it("comments upstream places well are placed as upstream places them", () => {
    // Moved, but the output parses: no deviation.
    for (const input of ["a = f(1 /* c */)\n", "a /* c */ = 1\n", "x = f(\n  1,\n  // end\n)\n", "x = [a. /* c */ b]\n"]) {
      expect(fmt(input), input).toBe(settledUpstream(input));
    }
  });

  it("settled: a statement split over lines aligns as on upstream's second run", () => {
    const input = "a = 1 +\n    2\nbbb = 3\ncc = 4\n";
    expect(fmtUpstream(input)).toBe("a = 1 + 2\nbbb = 3\ncc  = 4\n");
    const out = fmt(input);
    expect(out).toBe("a   = 1 + 2\nbbb = 3\ncc  = 4\n");
    expect(out).toBe(settledUpstream(input));
    expect(fmtUpstream(out)).toBe(out);
  });

  it("settled: comments that upstream's first run moves are placed as its last run places them", () => {
    const input = "x = f(\n  1,\n) // c\ny = 2\n";
    expect(fmtUpstream(input)).toBe("x = f(\n\t1,\n)\n// c\ny = 2\n");
    const out = fmt(input);
    expect(out).toBe(settledUpstream(input));
    expect(fmtUpstream(out)).toBe(out);
    keepsMeaning(input, out);
  });

  it("settled: a comment inside a dotted reference goes after the reference", () => {
    const input = "x = a/*x*/.b.c.d.e\n";
    // Upstream moves the comment one name further on each run and settles after the last one.
    expect(fmtUpstream(input)).toBe("x = a /*x*/ .b.c.d.e\n");
    const out = fmt(input);
    expect(out).toBe("x = a.b.c.d.e /*x*/\n");
    expect(out).toBe(settledUpstream(input));
    expect(fmtUpstream(out)).toBe(out);
    keepsMeaning(input, out);
    // Whatever the chain's length.
    const long = `x = a/*x*/${".b".repeat(40)}\n`;
    expect(fmt(long)).toBe(`x = a${".b".repeat(40)} /*x*/\n`);
    keepsMeaning(long, fmt(long));
  });

  it("settled: a one-line block with a trailing comment stops joining the next line's alignment", () => {
    const input = "b { a = 1 } // c\nlong_name = 2\n";
    const out = fmt(input);
    expect(out).toBe(settledUpstream(input));
    expect(fmtUpstream(out)).toBe(out);
  });
});
