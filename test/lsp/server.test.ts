import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lint } from "../../src/lint.js";
import { LspClient, uriOf } from "./client.js";

const dir = mkdtempSync(join(tmpdir(), "alloyc-lsp-server-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(path, file)), { recursive: true });
    writeFileSync(join(path, file), text);
  }
  return path;
}

const BAD_LEVEL = 'logging {\n  level = "verbose"\n}\n';

describe("lsp server", () => {
  it("negotiates UTF-8 when offered and counts columns in bytes, UTF-16 otherwise", async () => {
    // "é" is 2 bytes and 1 UTF-16 unit, "😀" 4 bytes and 2 units: the finding's column differs.
    const text = '// é😀\nlogging {\n  format = "😀x"\n  level  = "nope"\n}\n';
    const path = join(folder("encodings", {}), "config.alloy");
    for (const [encodings, character] of [[["utf-8", "utf-16"], 11], [undefined, 11]] as const) {
      const client = LspClient.inProcess();
      const init = await client.initialize(encodings ? { encodings: [...encodings] } : {});
      expect(init.capabilities.positionEncoding).toBe(encodings ? "utf-8" : "utf-16");
      const got = client.diagnosticsFor(uriOf(path));
      await client.open(uriOf(path), text);
      const published = await got;
      const level = published.diagnostics.find((d) => d.range.start.line === 3);
      expect(level?.code).toBe("check/enum-value");
      expect(level?.range.start.character).toBe(character);
      const format = published.diagnostics.find((d) => d.range.start.line === 2);
      // `"😀x"` ends after 2 + 4 + 1 + 1 bytes (UTF-8) or 2 + 2 + 1 + 1 units (UTF-16) from column 11.
      expect(format?.code).toBe("check/enum-value");
      expect(format?.range.end.character).toBe(encodings ? 11 + 7 : 11 + 5);
      expect(await client.shutdown()).toBe(0);
    }
  });

  it("applies incremental edits in the negotiated encoding, after non-ASCII text and CRLF", async () => {
    const path = join(folder("edits", {}), "config.alloy");
    const uri = uriOf(path);
    for (const encoding of ["utf-8", "utf-16"]) {
      const client = LspClient.inProcess();
      await client.initialize({ encodings: [encoding] });
      const text = '// ünïcödé 😀\r\nlogging {\r\n  level = "info"\r\n}\r\n';
      let got = client.diagnosticsFor(uri, (p) => p.version === 1);
      await client.open(uri, text);
      expect((await got).diagnostics).toEqual([]);
      // Replace `info` (line 2, after `  level = "`) by `verbose`.
      got = client.diagnosticsFor(uri, (p) => p.version === 2);
      await client.change(uri, 2, [{ range: { start: { line: 2, character: 11 }, end: { line: 2, character: 15 } }, text: "verbose" }]);
      const after = await got;
      expect(after.diagnostics.map((d) => d.code)).toEqual(["check/enum-value"]);
      expect(after.diagnostics[0]?.range.start).toEqual({ line: 2, character: 10 });
      // An edit on the non-ASCII first line: "😀" is 4 UTF-8 bytes or 2 UTF-16 units.
      got = client.diagnosticsFor(uri, (p) => p.version === 3);
      const emojiEnd = encoding === "utf-8" ? 3 + 11 + 1 + 4 : 3 + 7 + 1 + 2;
      await client.change(uri, 3, [{ range: { start: { line: 0, character: emojiEnd }, end: { line: 0, character: emojiEnd } }, text: "\r\nfoo {}" }]);
      const third = await got;
      expect(third.diagnostics.map((d) => [d.code, d.range.start])).toContainEqual(["check/unknown-component", { line: 1, character: 0 }]);
      const formatted = await client.request("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
      expect(formatted).toHaveLength(1);
      expect(await client.shutdown()).toBe(0);
    }
  });

  it("checks a folder's files as one configuration, open buffers over disk, and import.file modules", async () => {
    const path = folder("two-files", {
      "a.alloy": 'prometheus.remote_write "out" {\n  endpoint {\n    url = "http://mimir/api/v1/push"\n  }\n}\n',
      "b.alloy": 'prometheus.scrape "s" {\n  targets    = []\n  forward_to = [prometheus.remote_write.out.receiver]\n}\n',
      "main.alloy": 'import.file "mod" {\n  filename = "lib/mod.alloy"\n}\n\nmod.thing "x" {\n  value = 1\n}\n',
      "lib/mod.alloy": 'declare "thing" {\n  argument "value" {}\n}\n',
    });
    const client = LspClient.inProcess();
    await client.initialize();
    const b = uriOf(join(path, "b.alloy"));
    let got = client.diagnosticsFor(b, (p) => p.version === 1);
    await client.open(b, 'prometheus.scrape "s" {\n  targets    = []\n  forward_to = [prometheus.remote_write.out.receiver]\n}\n');
    expect((await got).diagnostics).toEqual([]);
    // The buffer of a.alloy renames the component: b.alloy's reference breaks, though a.alloy on disk is unchanged.
    const a = uriOf(join(path, "a.alloy"));
    got = client.diagnosticsFor(b, (p) => p.diagnostics.length > 0);
    await client.open(a, 'prometheus.remote_write "renamed" {\n  endpoint {\n    url = "http://mimir/api/v1/push"\n  }\n}\n');
    expect((await got).diagnostics.map((d) => d.message).join("\n")).toContain("prometheus.remote_write.out");
    // The module's open buffer wins over its file: a required argument nobody sets.
    const mod = uriOf(join(path, "lib/mod.alloy"));
    const main = uriOf(join(path, "main.alloy"));
    got = client.diagnosticsFor(main, (p) => p.diagnostics.some((d) => d.code === "check/missing-argument" || d.message.includes("other")));
    await client.open(mod, 'declare "thing" {\n  argument "value" {}\n  argument "other" {}\n}\n');
    const mainFound = await got;
    expect(mainFound.diagnostics.some((d) => d.message.includes("other"))).toBe(true);
    expect(await client.shutdown()).toBe(0);
  });

  it("survives 1,000 rapid changes and publishes the last version's findings", async () => {
    const path = join(folder("rapid", {}), "config.alloy");
    const uri = uriOf(path);
    const client = LspClient.inProcess();
    await client.initialize({ debounceMs: 5 });
    await client.open(uri, "");
    let text = "";
    for (let v = 2; v <= 1001; v++) {
      const line = v % 7 === 0 ? BAD_LEVEL : `// change ${v}\n`;
      await client.change(uri, v, [{ range: { start: { line: text.split("\n").length - 1, character: 0 }, end: { line: text.split("\n").length - 1, character: 0 } }, text: line }]);
      text += line;
    }
    const last = await client.diagnosticsFor(uri, (p) => p.version === 1001);
    const expected = await lint([{ name: path, bytes: new TextEncoder().encode(text) }]);
    expect(last.diagnostics.map((d) => d.code)).toEqual(expected.map((f) => f.diagnostic.code));
    expect(last.diagnostics.length).toBeGreaterThan(0);
    expect(client.published.length).toBeLessThan(1001);
    expect(await client.shutdown()).toBe(0);
  });

  it("answers unknown methods with MethodNotFound and bad params with an error, and keeps serving", async () => {
    const client = LspClient.inProcess();
    await client.initialize();
    await expect(client.request("alloyc/noSuchMethod", {})).rejects.toMatchObject({ code: -32601 });
    await expect(client.request("textDocument/formatting", { nonsense: true })).rejects.toBeDefined();
    await client.connection.sendNotification("textDocument/didChange", { textDocument: { uri: "file:///nowhere.alloy", version: 2 }, contentChanges: [{ text: "x" }] });
    expect(await client.request("textDocument/formatting", { textDocument: { uri: "file:///not-open.alloy" } })).toBeNull();
    expect(await client.shutdown()).toBe(0);
  });

  it("exits 1 on exit without shutdown, and when the stream closes", async () => {
    const client = LspClient.inProcess();
    await client.initialize();
    await client.connection.sendNotification("exit");
    expect(await client.exited).toBe(1);
  });

  it("formats a buffer as alloyc fmt, and gives no edit for one that does not parse or is formatted", async () => {
    const path = join(folder("fmt", {}), "config.alloy");
    const uri = uriOf(path);
    const client = LspClient.inProcess();
    await client.initialize();
    await client.open(uri, 'logging {\nlevel="info"\n}\n');
    const [edit] = await client.request("textDocument/formatting", { textDocument: { uri }, options: {} });
    expect(edit.newText).toBe('logging {\n\tlevel = "info"\n}\n');
    expect(edit.range).toEqual({ start: { line: 0, character: 0 }, end: { line: 3, character: 0 } });
    await client.change(uri, 2, [{ text: "logging {\n" }]);
    expect(await client.request("textDocument/formatting", { textDocument: { uri }, options: {} })).toEqual([]);
    await client.change(uri, 3, [{ text: edit.newText }]);
    expect(await client.request("textDocument/formatting", { textDocument: { uri }, options: {} })).toEqual([]);
    expect(await client.shutdown()).toBe(0);
  });
});
