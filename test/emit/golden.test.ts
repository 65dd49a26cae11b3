import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { settle } from "../../src/emit/fixpoint.js";
import { format, formatUpstream, print } from "../../src/emit/index.js";
import { Layout } from "../../src/emit/layout.js";
import { hasShared, listFiles, readShared, readSharedJson, sharedPath } from "../shared.js";
import { firstError, fmt, parseOk, settledUpstream, shape } from "./helpers.js";

/**
 * Golden tests against upstream `alloy fmt` (../shared, read in place). alloyc prints upstream's
 * settled output (its fixed point); where upstream changes a file's meaning alloyc deliberately
 * differs, and those cases are listed in DEVIATIONS with alloyc's output (README.md, "Differences from upstream alloy fmt").
 */

interface FmtCase {
  name: string;
  input: string;
  parses: boolean;
  fmt_output?: string;
  fmt_idempotent?: boolean;
  fmt_output_reparses?: boolean;
}

/** fmt_cases.json probes where upstream changes the meaning: alloyc's output instead. */
const DEVIATIONS: Record<string, string> = {
  // A TAB inside a string stays a TAB (upstream turns it into alignment padding).
  string_with_literal_tab: 'a = "x\ty"\n',
  strings_with_literal_tabs_aligned: 'a  = "x\ty"\nbb = "xyz\tw"\n',
  raw_string_with_tab: "a   = `x\ty`\nbbb = 2\n",
  // Raw-string continuation lines are copied verbatim (upstream trims / re-tabs them).
  raw_string_trailing_spaces: "a = `x  \ny`\n",
  raw_string_leading_tab_after_long_name: "longattrname = `x\n\ty`\n",
  // Quoted keys keep their text (upstream re-escapes them on every run).
  object_keys_quoting:
    'x = {\n\t"a"      = 1,\n\t"b.c"    = 2,\n\td        = 3,\n\t"a\\"q"   = 4,\n\t""       = 5,\n' +
    '\t"raw"    = 6,\n\t"café"   = 7,\n\t"\\u00e9" = 8,\n}\n',
  // An empty call split over lines prints as f() (upstream prints the unparsable `f(,⏎)`).
  call_empty_multiline: "x = f()\n",
};

const counts: string[] = [];

describe.skipIf(!hasShared)("fmt golden data (../shared)", () => {
  it("printer/testdata: .expect equals the printer output; .error is the first parse error", () => {
    const dir = sharedPath("conformance/alloy-syntax/printer/testdata");
    const inputs = listFiles(dir, (f) => f.endsWith(".in"));
    let expectOk = 0;
    let expectAll = 0;
    let errorOk = 0;
    let errorAll = 0;
    for (const rel of inputs) {
      const base = rel.slice(0, -3);
      const input = readFileSync(join(dir, rel));
      if (existsSync(join(dir, `${base}.error`))) {
        errorAll++;
        const want = readFileSync(join(dir, `${base}.error`), "utf8").replace(/\r\n/g, "\n");
        const got = firstError(input, rel);
        expect(got, rel).toBeDefined();
        expect(got, rel).toContain(want);
        errorOk++;
      } else {
        expectAll++;
        const want = readFileSync(join(dir, `${base}.expect`), "utf8").replace(/\s+$/, "");
        const file = parseOk(input, rel);
        expect(print(file), rel).toBe(want);
        expect(format(file), rel).toBe(want + "\n");
        expect(formatUpstream(file), rel).toBe(want + "\n");
        expectOk++;
      }
    }
    expect([expectOk, errorOk]).toEqual([9, 1]);
    expect([expectAll, errorAll]).toEqual([9, 1]);
    counts.push(`printer golden: ${expectOk}/${expectAll} (+${errorOk}/${errorAll} error)`);
  });

  it("derived/fmt_cases.json: upstream's settled output, or the documented deviation", () => {
    const { cases } = readSharedJson<{ cases: FmtCase[] }>("conformance/alloy-syntax/derived/fmt_cases.json");
    let ok = 0;
    let deviations = 0;
    const seen = new Set<string>();
    for (const c of cases) {
      expect(c.parses, c.name).toBe(true);
      const file = parseOk(c.input);
      // One upstream run, quirks included, is reproduced exactly.
      expect(formatUpstream(file), c.name).toBe(c.fmt_output);
      const out = format(file);
      const deviation = DEVIATIONS[c.name];
      if (deviation !== undefined) {
        seen.add(c.name);
        expect(out, c.name).toBe(deviation);
        expect(out, `${c.name}: upstream differs here`).not.toBe(c.fmt_output);
        deviations++;
      } else if (c.fmt_idempotent) {
        expect(out, c.name).toBe(c.fmt_output);
      } else {
        // Upstream needs more runs to settle: alloyc prints the settled text at once.
        expect(out, c.name).toBe(settledUpstream(c.input));
        expect(out, `${c.name}: upstream's first run differs`).not.toBe(c.fmt_output);
      }
      // Always: the meaning is kept and the output is a fixed point.
      const again = parseOk(out);
      expect(shape(again), c.name).toEqual(shape(file));
      expect(format(again), c.name).toBe(out);
      ok++;
    }
    expect([...seen].sort()).toEqual(Object.keys(DEVIATIONS).sort());
    expect(ok).toBe(111);
    counts.push(`fmt_cases: ${ok}/${cases.length} (${deviations} documented deviations)`);
  });

  it("derived/fmt-corpus: every file formats to its .expect", () => {
    const dir = sharedPath("conformance/alloy-syntax/derived/fmt-corpus");
    const manifest = readSharedJson<{ files: Array<{ path: string; parses: boolean }> }>(
      "conformance/alloy-syntax/derived/fmt-corpus/manifest.json",
    );
    const expects = listFiles(dir, (f) => f.endsWith(".expect"));
    let ok = 0;
    const failed: string[] = [];
    for (const rel of expects) {
      const src = rel.slice(0, -".expect".length);
      const want = readFileSync(join(dir, rel), "utf8");
      const file = parseOk(readFileSync(join(dir, src)), src);
      const out = format(file);
      if (out === want && formatUpstream(file) === want) ok++;
      else failed.push(src);
    }
    expect(failed).toEqual([]);
    expect(expects.length).toBe(manifest.files.filter((f) => f.parses).length);
    expect(ok).toBe(202);
    counts.push(`fmt-corpus: ${ok}/${expects.length}`);
  });

  it("lab: config.alloy formats to config.expected.alloy", () => {
    const want = readShared("lab", "config.expected.alloy").toString("utf8");
    expect(fmt(readShared("lab", "config.alloy"))).toBe(want);
    expect(fmt(want)).toBe(want);
    counts.push("lab: 1/1");
  });

  it("one pass: every corpus file, fmt-corpus file and probe settles in one printer run", () => {
    const inputs: Array<[string, string | Buffer]> = listFiles(sharedPath("corpus/expected-fmt")).map((rel) => [rel, readShared("corpus", rel)]);
    const fmtCorpus = sharedPath("conformance/alloy-syntax/derived/fmt-corpus");
    for (const rel of listFiles(fmtCorpus, (f) => f.endsWith(".expect"))) {
      const src = rel.slice(0, -".expect".length);
      inputs.push([src, readFileSync(join(fmtCorpus, src))]);
    }
    for (const c of readSharedJson<{ cases: FmtCase[] }>("conformance/alloy-syntax/derived/fmt_cases.json").cases) inputs.push([c.name, c.input]);
    const rerun: string[] = [];
    for (const [name, input] of inputs) {
      const file = parseOk(input, name);
      const { bytes, runs } = settle(file);
      // The one run prints what format prints (the settled output).
      expect(Layout.decode(Layout.withNewline(bytes)), name).toBe(format(file));
      if (runs !== 1) rerun.push(`${name} (${runs} runs)`);
    }
    expect(rerun).toEqual([]);
    expect(inputs.length).toBe(1196 + 202 + 111);
    counts.push(`one printer run: ${inputs.length - rerun.length}/${inputs.length}`);
  });

  it("corpus: real/ and snippets/ format to expected-fmt/, which is a fixed point", () => {
    const expected = listFiles(sharedPath("corpus/expected-fmt"));
    let ok = 0;
    let fixed = 0;
    const failed: string[] = [];
    for (const rel of expected) {
      const want = readShared("corpus/expected-fmt", rel).toString("utf8");
      if (fmt(readShared("corpus", rel)) === want) ok++;
      else failed.push(rel);
      if (fmt(want) === want) fixed++;
      else failed.push(`${rel} (expected output not a fixed point)`);
    }
    expect(failed).toEqual([]);
    expect(ok).toBe(1196);
    expect(fixed).toBe(1196);
    counts.push(`corpus: ${ok}/${expected.length} (fixed points: ${fixed}/${expected.length})`);
    console.log(counts.join(", "));
  });
});

describe.skipIf(hasShared)("fmt golden data", () => {
  it("skipped: ../shared is absent", () => {
    console.log("[alloyc tests] fmt golden tests skipped: ../shared is absent");
  });
});
