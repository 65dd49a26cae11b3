import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkImported, importAlloy } from "../../src/import.js";
import { hasShared, repoRoot, sharedPath } from "../shared.js";

/**
 * The lab imports to TypeScript that reads like examples/lab.ts: the same components as consts,
 * built by the same builders, relabel rules through relabel.replace, stages through loki.stage,
 * the OTLP output through otelcol.output, comments as comment(...) items, and no raw(...); and it
 * compiles back to the lab's expected output.
 */

/** `const name = builder(` and the helpers used, in a module's text. */
function structure(code: string) {
  const consts = [...code.matchAll(/^(?:export )?const (\w+) = ([\w.]+)\(/gm)].map((m) => m[2] as string).sort();
  const count = (re: RegExp) => [...code.matchAll(re)].length;
  return {
    consts,
    relabel: count(/relabel\.replace\(/g),
    stages: [...code.matchAll(/loki\.stage\.(\w+)\(/g)].map((m) => m[1]).sort(),
    output: count(/otelcol\.output\(/g),
    comments: count(/comment\("/g),
    raw: count(/\braw\(/g),
    trivia: count(/\btrivia\(/g),
  };
}

describe.skipIf(!hasShared)("alloyc import of the lab", () => {
  it("reads like examples/lab.ts and compiles back to the lab's expected output", async () => {
    const result = await importAlloy(readFileSync(sharedPath("lab", "config.alloy")), { filename: "config.alloy" });
    expect([...result.files.keys()]).toEqual(["config.ts"]);
    const code = result.files.get("config.ts") as string;
    const written = structure(readFileSync(`${repoRoot}/examples/lab.ts`, "utf8"));
    const imported = structure(code);
    expect(imported.consts).toEqual(written.consts);
    expect(imported.relabel).toBe(written.relabel);
    expect(imported.stages).toEqual(written.stages);
    expect(imported.output).toBe(1);
    expect(imported.comments).toBe(written.comments);
    expect(imported.raw).toBe(0);
    expect(imported.trivia).toBe(0);
    expect(result.rawCount).toBe(0);
    expect(result.unsupported).toEqual([]);
    expect(code).toContain("forward_to: [write.receiver]");
    expect(code).toMatch(/^import \{ [\w, ]+ \} from "alloyc";$/m);
    const [check] = await checkImported(result);
    expect(check?.identical).toBe(true);
    expect(check?.actual).toBe(readFileSync(sharedPath("lab", "config.expected.alloy"), "utf8"));
  });
});
