import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import { check, loadCatalogFor } from "../../src/check/index.js";
import { compile } from "../../src/index.js";
import { format } from "../../src/emit/index.js";
import { parseFile } from "../../src/parse/index.js";
import { hasShared, readShared } from "../shared.js";
import { exampleNames, examplesDir, loadExample } from "./helpers.js";

vi.mock("alloyc", () => import("../../src/index.js"));

/**
 * Every example compiles to the `.alloy` file beside it (the lab: to ../shared/lab's expected
 * output), with no finding; the output is a fixed point of `alloyc fmt` and passes the linter.
 */

function expected(name: string): string | undefined {
  if (name === "lab") return hasShared ? readShared("lab", "config.expected.alloy").toString("utf8") : undefined;
  const path = join(examplesDir, `${name}.alloy`);
  return existsSync(path) ? readFileSync(path, "utf8") : undefined;
}

describe("examples", () => {
  it("has the pipelines the issue asks for", () => {
    expect(exampleNames()).toEqual(
      expect.arrayContaining(["lab", "lab-parametrized", "kubernetes-pod-metrics", "otlp-gateway", "custom-component"]),
    );
  });

  for (const name of exampleNames()) {
    describe(`examples/${name}.ts`, () => {
      it("compiles to its expected output with no finding", async (ctx) => {
        const want = expected(name);
        if (want === undefined) {
          if (name === "lab") return ctx.skip("../shared is absent: the lab's expected output lives there");
          throw new Error(`examples/${name}.alloy is missing`);
        }
        const { text, diagnostics } = await compile(await loadExample(name), { filename: `${name}.alloy` });
        expect(diagnostics).toEqual([]);
        expect(text).toBe(want);
      });

      it("prints a fixed point of alloyc fmt that lints clean", async () => {
        const { text } = await compile(await loadExample(name));
        const parsed = parseFile(text, `${name}.alloy`);
        expect(parsed.diagnostics).toEqual([]);
        expect(format(parsed.file)).toBe(text);
        await loadCatalogFor([parsed.file]);
        const errors = check(parsed.file, { filename: `${name}.alloy` }).filter((d) => d.severity === "error");
        expect(errors).toEqual([]);
      });
    });
  }
});
