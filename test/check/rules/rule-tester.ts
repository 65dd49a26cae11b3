import { beforeAll, describe, expect, it } from "vitest";
import { check, loadCatalog, rules, type CheckOptions } from "../../../src/check/index.js";
import { parseFile } from "../../../src/parse/index.js";

/**
 * A small RuleTester in the typescript-eslint style: valid snippets must give no finding of the
 * rule; invalid ones must give exactly the listed findings (code, line, column; the message
 * fragment and help are checked only when given). Only the rule under test runs.
 */
export interface ExpectedFinding {
  readonly line: number;
  readonly column: number;
  readonly message?: string | RegExp;
  readonly help?: string | RegExp;
  readonly severity?: "error" | "warning" | "info";
}

export interface InvalidCase {
  readonly name?: string;
  readonly code: string;
  readonly errors: readonly ExpectedFinding[];
  readonly options?: Omit<CheckOptions, "rules">;
}

export interface ValidCase {
  readonly name?: string;
  readonly code: string;
  readonly options?: Omit<CheckOptions, "rules">;
}

function run(ruleId: string, code: string, options: Omit<CheckOptions, "rules"> = {}) {
  const { file, diagnostics, source } = parseFile(code, "test.alloy");
  expect(diagnostics, "the snippet must parse").toEqual([]);
  return check(file, { filename: "test.alloy", ...options, rules: [ruleId] }).map((d) => {
    const at = source.lines.position(d.span.start);
    return { ...d, line: at.line, column: at.column };
  });
}

function matches(actual: string | undefined, expected: string | RegExp | undefined): boolean {
  if (expected === undefined) return true;
  if (actual === undefined) return false;
  return typeof expected === "string" ? actual.includes(expected) : expected.test(actual);
}

export function ruleTester(ruleId: string, cases: { valid: ReadonlyArray<string | ValidCase>; invalid: readonly InvalidCase[] }): void {
  const rule = rules[ruleId];
  describe(`rule ${ruleId}`, () => {
    beforeAll(async () => {
      await loadCatalog();
    });

    it("has a registered code, a severity and docs", () => {
      expect(rule?.meta.code).toMatch(/^check\//);
      expect(rule?.meta.docs).toContain(ruleId);
    });

    cases.valid.forEach((c, i) => {
      const v = typeof c === "string" ? { code: c } : c;
      it(`valid #${i + 1}${v.name ? `: ${v.name}` : ""}`, () => {
        expect(run(ruleId, v.code, v.options).map((d) => `${d.line}:${d.column}: ${d.message}`)).toEqual([]);
      });
    });

    cases.invalid.forEach((c, i) => {
      it(`invalid #${i + 1}${c.name ? `: ${c.name}` : ""}`, () => {
        const found = run(ruleId, c.code, c.options);
        expect(found.map((d) => `${d.code} ${d.line}:${d.column}`)).toEqual(c.errors.map((e) => `${rule?.meta.code} ${e.line}:${e.column}`));
        c.errors.forEach((e, j) => {
          const d = found[j];
          expect(matches(d?.message, e.message), `message of #${j + 1}: ${d?.message}`).toBe(true);
          expect(matches(d?.help, e.help), `help of #${j + 1}: ${d?.help}`).toBe(true);
          if (e.severity) expect(d?.severity).toBe(e.severity);
        });
      });
    });
  });
}
