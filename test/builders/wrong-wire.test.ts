import { readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../shared.js";

/**
 * A wrong wire in the lab fails the typecheck with a readable message. The lab is compiled as
 * `npm run typecheck` compiles it, with one change: Kubernetes pod logs wired into a relabel rule
 * set instead of loki.process. (`alloyc` resolves to the sources here, as it does to the package
 * for a user.) The message is the one the README shows.
 */

const RIGHT = "forward_to: [podProcess.receiver],";
const WRONG = "forward_to: [podLogs.rules],";

function compileLab(source: string): string[] {
  const wrongPath = join(repoRoot, "examples/lab-wrong-wire.ts"); // virtual: never written
  const config = ts.getParsedCommandLineOfConfigFile(join(repoRoot, "tsconfig.json"), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} });
  if (!config) throw new Error("cannot read tsconfig.json");
  const options = { ...config.options, noEmit: true, paths: { alloyc: [join(repoRoot, "src/index.ts")] } };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) =>
    name === wrongPath ? ts.createSourceFile(name, source, version) : getSourceFile(name, version, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === wrongPath || fileExists(name);
  const program = ts.createProgram([wrongPath], options, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(wrongPath))
    .map((d) => {
      const { line, character } = d.file!.getLineAndCharacterOfPosition(d.start!);
      return `examples/lab.ts(${line + 1},${character + 1}): error TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
}

describe("a wrong wire in examples/lab.ts", () => {
  it("fails the typecheck, naming both capsule kinds", () => {
    const lab = readFileSync(join(repoRoot, "examples/lab.ts"), "utf8");
    expect(lab, "the lab no longer has the line this test edits").toContain(RIGHT);
    const wrong = lab.replace(RIGHT, WRONG);
    const line = wrong.split("\n").findIndex((l) => l.includes(WRONG)) + 1;
    const errors = compileLab(wrong);
    expect(errors).toEqual([
      [
        `examples/lab.ts(${line},16): error TS2322: Type 'Capsule<"relabel.Rules">' is not assignable to type 'Capsule<"loki.LogsReceiver"> | Expression<Capsule<"loki.LogsReceiver">>'.`,
        `  Type 'Capsule<"relabel.Rules">' is not assignable to type 'Capsule<"loki.LogsReceiver">'.`,
        `    Type '"relabel.Rules"' is not assignable to type '"loki.LogsReceiver"'.`,
      ].join("\n"),
    ]);
  }, 120_000);
});
