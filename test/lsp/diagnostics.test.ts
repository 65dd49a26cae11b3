import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { runWith } from "../cli/fake-io.js";
import { hasShared, listFiles, sharedPath } from "../shared.js";
import { LspClient, uriOf, type Published } from "./client.js";

interface Expected {
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  code: string;
  severity: number;
  message: string;
}

const SEVERITY: Record<string, number> = { error: 1, warning: 2, info: 3 };

/** A 1-based line and byte column of `bytes` (lines split at LF, as lint counts them) as a 0-based line and UTF-16 column. */
function utf16(bytes: Buffer, line: number, column: number): { line: number; character: number } {
  let start = 0;
  for (let l = 1; l < line; l++) start = bytes.indexOf(0x0a, start) + 1;
  return { line: line - 1, character: bytes.subarray(start, start + column - 1).toString("utf8").length };
}

function expectedOf(json: any[], file: string): Expected[] {
  const bytes = readFileSync(file);
  return json
    .filter((d) => d.file === file)
    .map((d) => {
      const start = utf16(bytes, d.line, d.column);
      const end = utf16(bytes, d.endLine, d.endColumn);
      return { line: start.line, character: start.character, endLine: end.line, endCharacter: end.character, code: d.code, severity: SEVERITY[d.severity] as number, message: d.help ? `${d.message}\n${d.help}` : d.message };
    });
}

function actualOf(p: Published): Expected[] {
  return p.diagnostics.map((d) => ({ line: d.range.start.line, character: d.range.start.character, endLine: d.range.end.line, endCharacter: d.range.end.character, code: d.code, severity: d.severity, message: d.message }));
}

const order = (a: Expected, b: Expected): number => a.line - b.line || a.character - b.character || a.code.localeCompare(b.code) || a.message.localeCompare(b.message);

describe.skipIf(!hasShared)("lsp diagnostics on the corpus", () => {
  let dir: string;
  const files: string[] = [];
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "alloyc-lsp-"));
    const corpus = sharedPath("corpus", "real");
    for (const [i, rel] of listFiles(corpus, (f) => f.endsWith(".alloy")).entries()) {
      mkdirSync(join(dir, String(i)));
      const file = join(dir, String(i), basename(rel));
      copyFileSync(join(corpus, rel), file);
      files.push(file);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("publishes what alloyc lint --format json reports, file by file, each in its own folder", async () => {
    const run = await runWith(main, ["lint", "--format", "json", ...files.map((f) => join(f, ".."))], { cwd: dir });
    expect(run.stderr).toBe("");
    const json = JSON.parse(run.stdout) as any[];
    const client = LspClient.inProcess();
    await client.initialize();
    const published = await Promise.all(
      files.map(async (file) => {
        const uri = uriOf(file);
        const got = client.diagnosticsFor(uri, (p) => p.version === 1);
        await client.open(uri, readFileSync(file, "utf8"));
        return got;
      }),
    );
    let same = 0;
    let findings = 0;
    const differ: string[] = [];
    for (const [i, file] of files.entries()) {
      const expected = expectedOf(json, file).sort(order);
      const actual = actualOf(published[i] as Published).sort(order);
      findings += expected.length;
      if (JSON.stringify(actual) === JSON.stringify(expected)) same++;
      else differ.push(file);
    }
    console.log(`lsp diagnostics = alloyc lint --format json on ${same}/${files.length} corpus files (${findings} findings)`);
    expect(differ).toEqual([]);
    expect(findings).toBeGreaterThan(0);
    expect(await client.shutdown()).toBe(0);
  }, 120_000);

  it("formats every corpus file as alloyc fmt prints it, and gives no edit for one that does not parse", async () => {
    // No lint runs here: the debounce outlasts the test.
    const client = LspClient.inProcess();
    await client.initialize({ debounceMs: 600_000 });
    let same = 0;
    let unparsable = 0;
    const differ: string[] = [];
    for (const file of files) {
      const uri = uriOf(file);
      const text = readFileSync(file, "utf8");
      await client.open(uri, text);
      const edits = (await client.request("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 4, insertSpaces: false } })) as Array<{ newText: string }>;
      const fmt = await runWith(main, ["fmt", file], { cwd: dir });
      if (fmt.code !== 0) unparsable++;
      const expected = fmt.code === 0 ? fmt.stdout : text;
      const got = edits.length === 0 ? text : (edits[0] as { newText: string }).newText;
      if (got === expected && edits.length <= 1) same++;
      else differ.push(file);
      await client.connection.sendNotification("textDocument/didClose", { textDocument: { uri } });
    }
    console.log(`lsp formatting = alloyc fmt on ${same}/${files.length} corpus files (${unparsable} do not parse: no edit)`);
    expect(differ).toEqual([]);
    expect(await client.shutdown()).toBe(0);
  }, 120_000);
});
