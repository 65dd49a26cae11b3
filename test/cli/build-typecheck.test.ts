import { existsSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { repoRoot } from "../shared.js";
import { type Run, runWith } from "./fake-io.js";

/**
 * `alloyc build --typecheck`: the TypeScript compiler of the pipeline's project runs first, its
 * errors are printed as alloyc prints its own (file:line:col, `ts/NNNN`, the line with carets) and
 * fail the build (exit 1) before the pipeline runs; without typescript installed, exit 2 saying so.
 */
const run = (args: string[], cwd: string): Promise<Run> => runWith(main, args, { cwd });
const temporary: string[] = [];
afterAll(() => temporary.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * alloyc's types as the compiler sees them in this test: a small declaration file (the whole of
 * src/ would take the compiler ten seconds and more), with capsules as alloyc brands them. At run
 * time the pipeline imports alloyc itself (the build maps the name to the sources).
 */
const TYPES = [
  'declare const kind: unique symbol;',
  'export interface Capsule<K extends string> { readonly [kind]: K }',
  'export declare function config(...items: unknown[]): unknown;',
  'export declare function logging(args: { level?: string }): unknown;',
  'export declare function writer(): { receiver: Capsule<"storage.Appendable"> };',
  'export declare function source(args: { forward_to: ReadonlyArray<Capsule<"loki.LogsReceiver">> }): unknown;',
  "",
].join("\n");

/** A project: the pipeline, a package.json, and (with `typescript`) node_modules holding this repository's typescript and a tsconfig. */
function project(source: string, typescript: boolean): string {
  const dir = mkdtempSync(join(tmpdir(), "alloyc-typecheck-"));
  temporary.push(dir);
  writeFileSync(join(dir, "package.json"), '{ "type": "module" }\n');
  writeFileSync(join(dir, "p.ts"), source);
  if (typescript) {
    symlinkSync(join(repoRoot, "node_modules"), join(dir, "node_modules"), "dir");
    writeFileSync(join(dir, "alloyc.d.ts"), TYPES);
    const compilerOptions = { target: "ES2022", lib: ["ES2023"], module: "NodeNext", moduleResolution: "NodeNext", strict: true, types: [], paths: { alloyc: ["./alloyc.d.ts"] } };
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions }));
  }
  return dir;
}

const WRONG = [
  'import { config, source, writer } from "alloyc";',
  "",
  "const mimir = writer();",
  "const logs = source({ forward_to: [mimir.receiver] });",
  'const port: number = "3100";',
  "export default config(mimir, logs, port);",
  "",
].join("\n");

describe("alloyc build --typecheck", () => {
  it("prints the compiler's errors in alloyc's format and exits 1 before running the pipeline", async () => {
    const dir = project(WRONG, true);
    const r = await run(["build", "--typecheck", "p.ts", "-o", "out.alloy"], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(
      [
        `p.ts:4:36: error: Type 'Capsule<"storage.Appendable">' is not assignable to type 'Capsule<"loki.LogsReceiver">'. [ts/2322]`,
        "3 | const mimir = writer();",
        "4 | const logs = source({ forward_to: [mimir.receiver] });",
        "  |                                    ^^^^^^^^^^^^^^",
        "5 | const port: number = \"3100\";",
        `  = Type '"storage.Appendable"' is not assignable to type '"loki.LogsReceiver"'.`,
        "",
      ].join("\n"),
    );
    expect(r.stderr).toMatch(/^p\.ts:5:7: error: Type 'string' is not assignable to type 'number'\. \[ts\/2322\]$/m);
    // Only the compiler spoke: the pipeline did not run, and nothing was written.
    expect(r.stderr.match(/^p\.ts:\d+:\d+: /gm)).toHaveLength(2);
    expect(existsSync(join(dir, "out.alloy"))).toBe(false);
  });

  it("builds as usual when the pipeline compiles", async () => {
    const dir = project('import { config, logging } from "alloyc";\nexport default config(logging({ level: "warn" }));\n', true);
    expect(await run(["build", "--typecheck", "p.ts"], dir)).toEqual({ code: 0, stdout: 'logging {\n\tlevel = "warn"\n}\n', stderr: "" });
  });

  it("says to install typescript when the project has none, exit 2", async () => {
    const dir = project(WRONG, false);
    const r = await run(["build", "--typecheck", "p.ts"], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^alloyc: --typecheck needs the typescript package, and none is installed for .*p\.ts: install typescript \(npm install --save-dev typescript\)\n$/);
  });
});
