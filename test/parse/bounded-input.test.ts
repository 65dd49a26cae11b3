import { randomBytes } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { format } from "../../src/format.js";
import { lint } from "../../src/lint.js";
import { parseFile } from "../../src/parse/index.js";
import { MAX_ERRORS } from "../../src/parse/reader.js";
import { runWith } from "../cli/fake-io.js";

/**
 * Any input, however large, odd or deep, ends in a bounded list of findings: binary data in one
 * `parse/binary` finding, garbage text in at most MAX_ERRORS and one `parse/too-many-errors`,
 * deep nesting in `parse/too-deep`; never an exception or an internal error.
 */

const MB = 1 << 20;

async function lintAndFormat(bytes: Uint8Array) {
  const parsed = parseFile(bytes);
  const linted = await lint([{ name: "in.alloy", bytes }]);
  const formatted = format(bytes);
  return { parsed, linted, formatted };
}

/** Text lint and fmt --check print for `bytes`, run through the CLI in-process. */
async function cli(bytes: Uint8Array) {
  const cwd = mkdtempSync(join(tmpdir(), "alloyc-bounded-"));
  writeFileSync(join(cwd, "in.alloy"), bytes);
  const lintRun = await runWith(main, ["lint", "in.alloy"], { cwd });
  const fmtRun = await runWith(main, ["fmt", "--check", "in.alloy"], { cwd });
  for (const run of [lintRun, fmtRun]) {
    expect(run.stderr + run.stdout).not.toMatch(/internal error|Maximum call stack|RangeError/);
    // A code frame cuts long lines, so a bounded list prints a bounded text.
    expect(run.stdout.length + run.stderr.length).toBeLessThan(200_000);
  }
  return { lint: lintRun, fmt: fmtRun };
}

function repeat(text: string, bytes: number): string {
  return text.repeat(Math.ceil(bytes / text.length));
}

describe("bounded output on any input", () => {
  it("random bytes of 1 KB to 64 KB: no exception, at most MAX_ERRORS findings", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1024, max: 64 * 1024 }), fc.integer(), async (size, seed) => {
        const bytes = new Uint8Array(size);
        // A cheap seeded generator: fast-check's own arrays of 64 KB would dominate the run.
        let x = seed | 1;
        for (let i = 0; i < size; i++) {
          x ^= x << 13; x ^= x >>> 17; x ^= x << 5;
          bytes[i] = x & 0xff;
        }
        const { parsed, linted, formatted } = await lintAndFormat(bytes);
        expect(parsed.diagnostics.length).toBeGreaterThan(0);
        expect(parsed.diagnostics.length).toBeLessThanOrEqual(MAX_ERRORS);
        expect(linted.length).toBe(parsed.diagnostics.length);
        expect(formatted.ok).toBe(false);
      }),
      { numRuns: 60 },
    );
  });

  it("random text of Alloy's own characters: at most MAX_ERRORS findings, the cap marked last", () => {
    const piece = fc.constantFrom("a", " ", "\n", "=", "{", "}", "[", "(", ")", ",", '"x"', "'", "\\", "\0", "#", "1e", "|", "é");
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1000, maxLength: 20_000 }), (pieces) => {
        const { diagnostics } = parseFile(Buffer.from(pieces.join("")));
        expect(diagnostics.length).toBeLessThanOrEqual(MAX_ERRORS);
        const capped = diagnostics.findIndex((d) => d.code === "parse/too-many-errors");
        expect(capped === -1 || capped === diagnostics.length - 1).toBe(true);
        if (capped >= 0) expect(diagnostics.length).toBe(MAX_ERRORS);
      }),
      { numRuns: 40 },
    );
  });

  it("reports binary data once, at its first non-text byte, with its line", () => {
    const text = Buffer.from("a = 1\nb = 2\n");
    const bytes = Buffer.concat([text, Buffer.alloc(100)]);
    const { diagnostics, source } = parseFile(bytes);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: "parse/binary", span: { start: text.length } });
    expect(diagnostics[0]!.message).toBe("not an Alloy file: binary data (NUL byte at offset 12; 100 of the first 112 bytes are not UTF-8 text)");
    expect(source.lines.position(text.length)).toMatchObject({ line: 3, column: 1 });
  });

  it("keeps upstream's errors for a stray NUL or bad byte in text, and text in other scripts", () => {
    expect(parseFile(Buffer.from("a = 1\0\n")).diagnostics.map((d) => d.message)).toEqual([
      "illegal character NUL", "illegal character U+0000", "expected TERMINATOR, got ILLEGAL",
    ]);
    expect(parseFile(Buffer.from("a = \"" + "\0".repeat(15) + "\"\n")).diagnostics).toHaveLength(15);
    expect(parseFile(Buffer.from(`a = "${repeat("日本語のテキスト", 20_000)}"\n`)).diagnostics).toEqual([]);
  });

  it("stops after MAX_ERRORS errors of any kind, at the place it stopped", () => {
    for (const text of [repeat("a b\n", 4 * MB), "x = 1\n" + repeat("'", MB), repeat("x = 1\n", 10_000) + repeat("\x01", MB)]) {
      const { diagnostics } = parseFile(Buffer.from(text));
      expect(diagnostics).toHaveLength(MAX_ERRORS);
      const last = diagnostics[MAX_ERRORS - 1]!;
      expect(last.code).toBe("parse/too-many-errors");
      expect(last.span.start).toBeGreaterThanOrEqual(diagnostics[MAX_ERRORS - 2]!.span.start);
      expect(last.span.start).toBeLessThan(1000 + text.indexOf("\x01") + 1);
    }
  });

  it.each([
    ["10 MB of NUL bytes", () => Buffer.alloc(10 * MB), "parse/binary"],
    ["10 MB of random bytes", () => randomBytes(10 * MB), "parse/binary"],
    ["8 KB of Alloy then 10 MB of random bytes", () => Buffer.concat([Buffer.from(repeat("x = 1\n", 8192)), randomBytes(10 * MB)]), "parse/too-many-errors"],
    ["1 MB of text with a syntax error per line", () => Buffer.from(repeat("a b\n", MB)), "parse/too-many-errors"],
  ])("%s: lint and fmt exit 1 with a bounded report", async (_name, make, code) => {
    const { lint: l, fmt: f } = await cli(make());
    expect(l.code).toBe(1);
    expect(f.code).toBe(1);
    expect(l.stdout + l.stderr).toContain(`[${code}]`);
    expect(f.stdout + f.stderr).toContain(`[${code}]`);
  });

  /** A valid configuration whose one value is `value`. */
  const withDefault = (value: string) => `declare "d" {\n  argument "a" {\n    optional = true\n    default  = ${value}\n  }\n}\n`;
  it.each([
    ["a 1 MB line of valid tokens", withDefault("[" + repeat("1, ", MB) + "1]")],
    ["a 1 MB string literal", withDefault(`"${repeat("abc ", MB)}"`)],
    ["a 1 MB raw string", withDefault(`\`${repeat("a\\b", MB)}\``)],
    ["a 1 MB comment line", `// ${repeat("note ", MB)}\n` + withDefault("1")],
  ])("%s: lint passes and fmt reads it", async (_name, text) => {
    const { lint: l, fmt: f } = await cli(Buffer.from(text));
    expect(l).toMatchObject({ code: 0, stdout: "" });
    expect(f.code).not.toBe(2); // formatted or "would reformat", never an error
    expect(f.stdout + f.stderr).not.toContain("error");
  });

  it.each([
    ["[", "x = " + "[".repeat(100_000) + "]".repeat(100_000) + "\n"],
    ["{", "x = " + "{a = ".repeat(100_000) + "1" + "}".repeat(100_000) + "\n"],
    ["(", "x = " + "(".repeat(100_000) + "1" + ")".repeat(100_000) + "\n"],
    ["blocks", "a {\n".repeat(100_000) + "}\n".repeat(100_000)],
    ["unclosed [", "x = " + "[".repeat(100_000)],
  ])("100,000 levels of %s: parse/too-deep from lint and fmt", async (_name, text) => {
    const bytes = Buffer.from(text);
    const { diagnostics } = parseFile(bytes);
    expect(diagnostics[0]?.code).toBe("parse/too-deep");
    expect(diagnostics.length).toBeLessThanOrEqual(MAX_ERRORS + 1);
    const { lint: l, fmt: f } = await cli(bytes);
    expect(l.code).toBe(1);
    expect(f.code).toBe(1);
    expect(l.stdout + l.stderr).toContain("[parse/too-deep]");
  });
});

describe("telling binary data from text", () => {
  const config = 'logging {\n  level = "info"\n}\n'.repeat(20);

  it("says UTF-16 text is UTF-16, with or without a byte order mark", () => {
    const le = Buffer.from(config, "utf16le");
    for (const [bytes, why] of [
      [Buffer.concat([Buffer.from([0xff, 0xfe]), le]), "it starts with a UTF-16 byte order mark"],
      [Buffer.from([0xff, 0xfe, 0x61, 0x00]), "it starts with a UTF-16 byte order mark"],
      [le, "a NUL byte on every other byte from offset 1"],
      [Buffer.from(le).swap16(), "a NUL byte on every other byte from offset 0"],
    ] as const) {
      const { diagnostics } = parseFile(bytes);
      expect(diagnostics).toEqual([expect.objectContaining({ code: "parse/binary" })]);
      expect(diagnostics[0]!.message).toBe(`not an Alloy file: UTF-16 text; Alloy reads UTF-8, so save the file as UTF-8 (${why})`);
    }
  });

  it("takes Alloy text with a few bad bytes for text, and any text in a non-Latin script", () => {
    const broken = Buffer.from(config + "x = \"" + "\0".repeat(15) + "\"\n");
    expect(parseFile(broken).diagnostics.map((d) => d.code)).toEqual(Array(15).fill("parse/lexical"));
    const latin1 = Buffer.from(config.replaceAll("info", "inf\xe9"), "latin1"); // 20 bad bytes in 600
    expect(parseFile(latin1).diagnostics.every((d) => d.code === "parse/lexical")).toBe(true);
    expect(parseFile(Buffer.from(`// ${"Привет, мир. ".repeat(1000)}\n${config}`)).diagnostics).toEqual([]);
  });
});
