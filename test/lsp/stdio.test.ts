import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleCli } from "../cli/child-cli.js";
import { hasShared, sharedPath } from "../shared.js";
import { LspClient, uriOf } from "./client.js";

/** The server as editors run it: `alloyc lsp --stdio` in a child process, bundled as npm run build bundles it. */
describe.skipIf(!hasShared)("alloyc lsp --stdio", () => {
  let runner: string;
  let dir: string;
  beforeAll(async () => {
    runner = await bundleCli("lsp-stdio");
    dir = mkdtempSync(join(tmpdir(), "alloyc-lsp-stdio-"));
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("publishes the lab's diagnostics, formats it, survives a malformed message and an unknown method, and exits 0 after shutdown", async () => {
    const file = join(dir, "config.alloy");
    copyFileSync(sharedPath("lab", "config.expected.alloy"), file);
    const client = LspClient.child(runner, dir);
    const init = await client.initialize();
    expect(init.serverInfo.name).toBe("alloyc");
    // Not JSON: the server answers nothing for it and goes on.
    client.child?.stdin?.write("Content-Length: 9\r\n\r\n{nonsense");
    await expect(client.request("alloyc/unknown", {})).rejects.toMatchObject({ code: -32601 });
    const uri = uriOf(file);
    const got = client.diagnosticsFor(uri);
    const text = readFileSync(file, "utf8");
    await client.open(uri, text.replace('level  = "debug"', 'level  = "loud"'));
    const published = await got;
    expect(published.diagnostics.map((d) => d.code)).toEqual(["check/enum-value"]);
    await client.change(uri, 2, [{ text }]);
    expect(await client.request("textDocument/formatting", { textDocument: { uri }, options: {} })).toEqual([]);
    expect(await client.shutdown()).toBe(0);
  }, 30_000);

  it("exits 1 when the client closes the stream without shutdown", async () => {
    const client = LspClient.child(runner, dir);
    await client.initialize();
    client.child?.stdin?.end();
    expect(await client.exited).toBe(1);
  }, 30_000);
});
