import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { format } from "../../src/format.js";
import { compileImported, importAlloy } from "../../src/import.js";
import { hasShared, listFiles, repoRoot, sharedPath } from "../shared.js";

/**
 * The round trip over ../shared/corpus/real: every file that parses is imported, the TypeScript
 * of all of them is type-checked in one program (strict, the project's types, `alloyc` mapped to
 * src/index.ts), and each module is run in memory and printed back; the text must be `alloy fmt`'s
 * of the original, byte for byte. Counts are printed; falling below the recorded floors fails.
 */

/**
 * Recorded at 0dc3094+ on the 594 corpus files that parse (raise them as the importer improves; a
 * regression fails). The files not type-checked use values outside the catalog's allowed sets or
 * leave out required blocks (the builders' types reject what the catalog rejects).
 */
const FLOOR = { parsed: 594, identical: 586, typeChecked: 493, raws: 4, rawPerThousand: 1 };

interface Row {
  readonly file: string;
  readonly module: string;
  readonly code: string;
  readonly identical: boolean;
}

describe.skipIf(!hasShared)("alloyc import round trip over the corpus", () => {
  it("imports, type-checks and compiles back to alloy fmt's text", async () => {
    const dir = sharedPath("corpus", "real");
    const rows: Row[] = [];
    let parsed = 0;
    let raws = 0;
    let attributes = 0;
    for (const [i, rel] of listFiles(dir).entries()) {
      const bytes = readFileSync(path.join(dir, rel));
      const expected = format(bytes, rel);
      if (!expected.ok) continue;
      parsed++;
      const result = await importAlloy(bytes, { filename: rel, prettier: false });
      raws += result.rawCount;
      attributes += result.attributes;
      const [name, code] = [...result.files][0] as [string, string];
      const actual = await compileImported(result.files, name).catch((e: Error) => `error: ${e.message}`);
      rows.push({ file: rel, module: path.join(repoRoot, "test/import/__corpus__", String(i), name), code, identical: actual === expected.text });
    }
    const failing = typeErrors(rows);
    const identical = rows.filter((r) => r.identical).length;
    const typeChecked = rows.filter((r) => !failing.has(r.module)).length;
    const rate = (raws / attributes) * 1000;
    console.log(
      `import round trip: ${parsed} files parse, ${identical} identical, ${typeChecked} type-checked, ` +
        `raw ${raws} in ${attributes} attributes (${rate.toFixed(2)} per 1,000)`,
    );
    expect(parsed).toBe(rows.length);
    expect(parsed).toBe(FLOOR.parsed);
    expect(identical).toBeGreaterThanOrEqual(FLOOR.identical);
    expect(typeChecked).toBeGreaterThanOrEqual(FLOOR.typeChecked);
    expect(raws).toBeLessThanOrEqual(FLOOR.raws);
    expect(rate).toBeLessThan(FLOOR.rawPerThousand);
  });
});

/** Modules with a type error: one program over all of them, with the project's compiler options. */
function typeErrors(rows: readonly Row[]): Map<string, string> {
  const config = ts.readConfigFile(path.join(repoRoot, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot);
  const files = new Map(rows.map((r) => [r.module, r.code]));
  const host = ts.createCompilerHost({ ...options, noEmit: true });
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  const getSource = host.getSourceFile.bind(host);
  host.readFile = (f) => files.get(f) ?? read(f);
  host.fileExists = (f) => files.has(f) || exists(f);
  host.getSourceFile = (f, v, onError) => {
    const text = files.get(f);
    return text !== undefined ? ts.createSourceFile(f, text, v, true, ts.ScriptKind.TS) : getSource(f, v, onError);
  };
  const program = ts.createProgram({ rootNames: [...files.keys()], options: { ...options, noEmit: true }, host });
  const out = new Map<string, string>();
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const f = d.file?.fileName;
    if (f && files.has(f) && !out.has(f)) out.set(f, ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  }
  const sample = [...out].slice(0, 5).map(([f, m]) => `${path.relative(repoRoot, f)}: ${m.split("\n")[0]}`);
  if (sample.length > 0) console.log(`type errors in ${out.size} modules, e.g.:\n${sample.join("\n")}`);
  return out;
}
