import { beforeAll, describe, expect, it } from "vitest";
import { array, attribute, block, object, path, string } from "../../src/ast/factory.js";
import type { Expr, File, Stmt } from "../../src/ast/index.js";
import { check, loadCatalogFor } from "../../src/check/index.js";
import { LISTED } from "../../src/check/rules/cycle.js";
import { CandidateIndex, closest, FULL_SCAN } from "../../src/check/suggest.js";
import { renderText, sourceFile, type Located } from "../../src/diag/index.js";
import { main } from "../../src/cli/main.js";
import { parseFile } from "../../src/parse/index.js";
import { runWith } from "../cli/fake-io.js";

/**
 * The checker on configurations far larger than anyone writes by hand, the sizes an adversarial
 * or generated input reaches: every walk over user data must be iterative (no stack overflow),
 * diagnostics must be collected without spreading huge arrays, cycle reports and did-you-mean
 * must stay linear. These assert behaviour (no throw, counts, bounded output), never time:
 * `npm run bench` measures the cost.
 */

function parsed(text: string): File {
  const { file, diagnostics } = parseFile(text, "scale.alloy");
  expect(diagnostics).toEqual([]);
  return file;
}

/** A file made of built statements (positions are all zero; the checker does not need them). */
const built = (body: readonly Stmt[]): File => ({ kind: "File", body, comments: [], lineStarts: [0], span: { start: 0, end: 0 } }) as unknown as File;

const codes = (ds: ReadonlyArray<{ code: string }>): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const d of ds) out[d.code] = (out[d.code] ?? 0) + 1;
  return out;
};

/** `local.file "f0" { filename = <value of i> }` for i in 0..n-1, one per line group. */
function localFiles(n: number, filename: (i: number) => string): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`local.file "f${i}" {\n  filename = ${filename(i)}\n}\n`);
  return out.join("");
}

describe("checker scale", () => {
  beforeAll(async () => {
    await loadCatalogFor([parsed(`local.file "a" {\n  filename = "x"\n}\n`)]);
  });

  describe("150k diagnostics", () => {
    const N = 150_000;

    it("150k unknown attributes in one block are all reported", () => {
      const lines = Array.from({ length: N }, (_, i) => `  bad_${i} = 1\n`);
      const file = parsed(`local.file "a" {\n  filename = "x"\n${lines.join("")}}\n`);
      const found = codes(check(file));
      expect(found).toEqual({ "check/unknown-attribute": N });
    });

    it("alloyc lint prints all 150k findings (a spread of them into push overflowed the stack)", async () => {
      const lines = Array.from({ length: N }, (_, i) => `  bad_${i} = 1\n`);
      const stdin = `local.file "a" {\n  filename = "x"\n${lines.join("")}}\n`;
      const { code, stdout, stderr } = await runWith(main, ["lint", "--format", "json", "-"], { cwd: process.cwd(), stdin });
      expect(stderr).toBe("");
      expect(code).toBe(1);
      expect(stdout.match(/"code": ?"check\/unknown-attribute"/g)).toHaveLength(N);
    });

    it("150k unresolved references are all reported", () => {
      const refs = Array.from({ length: N }, (_, i) => `nope${i}`);
      const file = parsed(`local.file "a" {\n  filename = "x"\n}\n\nlocal.file "b" {\n  filename = string.join([${refs.join(", ")}], "")\n}\n`);
      const found = codes(check(file));
      expect(found).toEqual({ "check/unresolved-reference": N });
    });
  });

  describe("a 100k-term expression", () => {
    const N = 100_000;
    const attr = (value: string): File => parsed(`local.file "b" {\n  filename = "x"\n}\n\nlocal.file "a" {\n  filename = ${value}\n}\n`);

    it("a + a + ... (literals) checks without overflow", () => {
      expect(check(attr(Array.from({ length: N }, () => `"a"`).join(" + ")))).toEqual([]);
    });

    it("a || a || ... (references) checks without overflow, each reference resolved", () => {
      const found = check(attr([...Array.from({ length: N - 1 }, () => "local.file.b.content"), "x"].join(" || ")));
      expect(codes(found)).toEqual({ "check/unresolved-reference": 1 });
    });

    it("!!!!...x checks without overflow", () => {
      expect(check(attr(`${"!".repeat(N)}true`))).toEqual([]);
      expect(codes(check(attr(`${"!".repeat(N)}x`)))).toEqual({ "check/unresolved-reference": 1 });
    });

    it("x[0][0]... checks without overflow", () => {
      expect(codes(check(attr(`x${"[0]".repeat(N)}`)))).toEqual({ "check/unresolved-reference": 1 });
      expect(check(attr(`local.file.b.content${"[0]".repeat(N)}`))).toEqual([]);
    });

    it("f().a.a.a... (fields after a call) checks without overflow", () => {
      expect(check(attr(`string.join([], "")${".a".repeat(N)}`))).toEqual([]);
    });

    it("a built tree nested 100k deep (arrays and objects; the parser stops at 400) checks without overflow", () => {
      // The reference at the bottom is found through every level.
      let deep: Expr = path("nope.x");
      for (let i = 0; i < N; i++) deep = i % 2 === 0 ? array([deep]) : object([["k", deep]]);
      const found = codes(check(built([block("local.file", "a", [attribute("filename", deep)])])));
      expect(found).toEqual({ "check/unresolved-reference": 1, "check/wrong-type": 1 });
    });

    it("a built tree of loki.process stage.match blocks nested 20k deep is bound without overflow", async () => {
      // stage.match holds the stages of its entry (blocks_ref), itself included; the regex at the bottom is checked.
      let stages: Stmt[] = [block("stage.regex", undefined, [attribute("expression", string("("))])];
      for (let i = 0; i < 20_000; i++) stages = [block("stage.match", undefined, [attribute("selector", string(`{a="b"}`)), ...stages])];
      const file = built([block("loki.process", "p", [attribute("forward_to", array([])), ...stages])]);
      await loadCatalogFor([file]);
      expect(codes(check(file, { rules: ["invalid-regex", "unknown-block", "missing-required"] }))).toEqual({ "check/invalid-regex": 1 });
    });

    it("a built tree of declares nested 10k deep checks without overflow", () => {
      let body = [block("local.file", "a", [attribute("filename", path("nope.x"))])];
      for (let i = 0; i < 10_000; i++) body = [block("declare", "d", body)];
      expect(codes(check(built(body)))).toEqual({ "check/unresolved-reference": 1 });
    });
  });

  describe("a 10k-component reference chain", () => {
    const N = 10_000;

    it("a chain of 10k components, each referencing the next, checks clean", () => {
      const file = parsed(localFiles(N, (i) => (i + 1 < N ? `local.file.f${i + 1}.content` : `"x"`)));
      expect(check(file)).toEqual([]);
    });

    it("closed into a cycle of 10k, it is found once, every member reported", () => {
      const file = parsed(localFiles(N, (i) => `local.file.f${(i + 1) % N}.content`));
      const found = check(file);
      expect(codes(found)).toEqual({ "check/cycle": N });
    });
  });

  describe("a 1,000-component cycle", () => {
    const N = 1000;

    it("reports every member in output linear in the cycle's size (Alloy's list once)", () => {
      const text = localFiles(N, (i) => `local.file.f${(i + 1) % N}.content`);
      const file = parsed(text);
      const found = check(file, { filename: "scale.alloy" });
      expect(found).toHaveLength(N);
      const ids = Array.from({ length: N }, (_, i) => `local.file.f${i}`).sort();
      const full = `cycle detected: ${ids.join(", ")}`;
      // Alloy's message, with every member, on the first member only.
      expect(found.filter((d) => d.message === full)).toHaveLength(1);
      expect(found.filter((d) => d.message === `cycle detected: ${N} blocks, listed on ${ids[0]}`)).toHaveLength(N - 1);
      // Each member names the member it references, so the loop can be followed.
      for (const d of found) expect(d.help).toMatch(/^local\.file\.f\d+ references local\.file\.f\d+$/);
      const source = sourceFile("scale.alloy", new TextEncoder().encode(text));
      const rendered = renderText(found.map((diagnostic): Located => ({ file: source, diagnostic })));
      // Each member once listing all the others was 25 MB rendered.
      expect(rendered.length).toBeLessThan(400_000);
    });

    it("a cycle of up to LISTED members is reported as Alloy reports it, every member listing all", () => {
      const file = parsed(localFiles(LISTED, (i) => `local.file.f${(i + 1) % LISTED}.content`));
      const found = check(file);
      const ids = Array.from({ length: LISTED }, (_, i) => `local.file.f${i}`).sort();
      expect(found.map((d) => d.message)).toEqual(ids.map(() => `cycle detected: ${ids.join(", ")}`));
      expect(found.every((d) => d.help === undefined)).toBe(true);
    });
  });

  describe("10,000 unresolved references", () => {
    const N = 10_000;

    it("10,000 unresolved references complete, each with the did-you-mean of its one-letter typo", () => {
      // Block f<i> refers to f<i+1> with an extra letter: `local.file.f12x.content`.
      const file = parsed(localFiles(N, (i) => `local.file.f${(i + 1) % N}x.content`));
      const found = check(file);
      expect(found).toHaveLength(N);
      found.forEach((d, i) => {
        expect(d.code).toBe("check/unresolved-reference");
        expect(d.help).toBe(`did you mean "local.file.f${(i + 1) % N}"?`);
      });
    });

    it("a typo in the component name is found among thousands of ids too", () => {
      const file = parsed(`${localFiles(N, () => `"x"`)}local.file "z" {\n  filename = lcoal.file.f5000.content\n}\n`);
      expect(check(file).map((d) => d.help)).toEqual([`did you mean "local.file.f5000"?`]);
    });
  });

  describe("did-you-mean index", () => {
    it("suggests exactly what closest does while the length window holds at most FULL_SCAN candidates", () => {
      // A fixed pseudo-random sequence, so a failure can be replayed.
      let seed = 12345;
      const random = (n: number): number => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      const word = (): string => Array.from({ length: 1 + random(10) }, () => "ab.c_d"[random(6)]).join("");
      let suggested = 0;
      for (let t = 0; t < 5000; t++) {
        const candidates = Array.from({ length: 1 + random(40) }, word);
        const name = word();
        const expected = closest(name, candidates);
        expect(new CandidateIndex(candidates).closest(name)).toBe(expected);
        if (expected !== undefined) suggested++;
      }
      expect(suggested).toBeGreaterThan(1000);
      expect(FULL_SCAN).toBeGreaterThanOrEqual(40);
    });
  });
});
