import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { main } from "../../src/cli/main.js";
import { runWith } from "../cli/fake-io.js";
import { hasShared, readShared, repoRoot } from "../shared.js";
import { tplReference } from "./reference-tpl.js";

/**
 * examples/lab.values.yaml and examples/lab.configmap.yaml are what `alloyc build examples/lab.ts
 * --format ...` writes (the commands below): building again gives the same bytes, each lints with
 * no finding, and each holds the lab's compiled text.
 */
const generated = [
  { file: "examples/lab.values.yaml", args: ["build", "examples/lab.ts", "--format", "helm-values"] },
  { file: "examples/lab.configmap.yaml", args: ["build", "examples/lab.ts", "--format", "configmap", "--name", "alloy-config", "--namespace", "monitoring"] },
];

describe("the lab as Helm values and as a ConfigMap", () => {
  for (const { file, args } of generated) {
    it(`${file} is what alloyc ${args.join(" ")} writes`, async () => {
      const r = await runWith(main, args, { cwd: repoRoot });
      expect(r.stderr).toBe("");
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(readFileSync(join(repoRoot, file), "utf8"));
    });
  }

  it("lints with no finding, and holds the lab's text", async (ctx) => {
    const r = await runWith(main, ["lint", "--format", "json", ...generated.map((g) => g.file)], { cwd: repoRoot });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual([]);
    expect(r.code).toBe(0);
    if (!hasShared) return ctx.skip("../shared is absent: the lab's expected text lives there");
    const lab = readShared("lab", "config.expected.alloy").toString("utf8");
    const values = parse(readFileSync(join(repoRoot, generated[0]?.file as string), "utf8")) as { alloy: { configMap: { create: boolean; content: string } } };
    expect(values.alloy.configMap.create).toBe(true);
    expect(tplReference(values.alloy.configMap.content)).toBe(lab);
    const manifest = parse(readFileSync(join(repoRoot, generated[1]?.file as string), "utf8")) as { data: Record<string, string> };
    expect(manifest.data["config.alloy"]).toBe(lab);
  });
});
