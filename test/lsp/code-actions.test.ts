import { describe, expect, it } from "vitest";
import { LspClient } from "./client.js";

describe("lsp code actions", () => {
  it("offers each diagnostic's fixes (did-you-mean, wrap in [ ]) and format file", async () => {
    const uri = "untitled:actions";
    const client = LspClient.inProcess();
    await client.initialize();
    const got = client.diagnosticsFor(uri);
    await client.open(uri, 'loki.write "w" {\n  endpoint {\n    url = "http://x"\n  }\n}\nloki.source.file "f" {\n  targets = []\n  forward_to = loki.write.w.receiver\n}\nlogging {\nlevle = "info"\n}\n');
    const published = await got;
    const actions = await client.request("textDocument/codeAction", { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: published.diagnostics } });
    const titles = actions.map((a: any) => a.title);
    expect(titles).toContain('replace with "level"');
    const wrap = actions.find((a: any) => /\[/.test(a.title));
    expect(wrap?.kind).toBe("quickfix");
    expect(wrap.edit.changes[uri].map((e: any) => e.newText).join("")).toBe("[]");
    const level = actions.find((a: any) => a.title === 'replace with "level"');
    expect(level.edit.changes[uri]).toEqual([{ range: { start: { line: 10, character: 0 }, end: { line: 10, character: 5 } }, newText: "level" }]);
    expect(titles).toContain("Format file (alloyc fmt)");
    expect(await client.shutdown()).toBe(0);
  });
});
