import { describe, expect, it } from "vitest";
import { LspClient } from "./client.js";

const TEXT = [
  'loki.write "default" {', // 0
  "  endpoint {", // 1
  '    url = "http://loki/api/v1/push"', // 2
  "  }", // 3
  "  ", // 4: inside loki.write
  "}", // 5
  "prometheus.remote_write \"m\" {", // 6
  "}", // 7
  'loki.source.file "f" {', // 8
  "  targets    = []", // 9
  "  forward_to = []", // 10
  "}", // 11
  "logging {", // 12
  "  level = ", // 13
  "  lev", // 14
  "}", // 15
  "", // 16
].join("\n");

async function complete(client: LspClient, line: number, character: number, uri = "untitled:complete"): Promise<Array<{ label: string; detail?: string; kind: number }>> {
  return client.request("textDocument/completion", { textDocument: { uri }, position: { line, character } });
}

describe("lsp completion", () => {
  it("offers components, unset arguments and blocks, allowed values, references by capsule kind, in a file with syntax errors", async () => {
    const client = LspClient.inProcess();
    await client.initialize({ debounceMs: 600_000 });
    await client.open("untitled:complete", TEXT);
    const top = await complete(client, 16, 0);
    expect(top.find((i) => i.label === "loki.source.kubernetes")?.detail).toBe("component, generally-available");
    expect(top.some((i) => i.label === "logging")).toBe(true);
    const inWrite = (await complete(client, 4, 2)).map((i) => i.label);
    expect(inWrite).toContain("external_labels");
    expect(inWrite).toContain("endpoint"); // repeatable, so offered again
    const forward = (await complete(client, 10, 16)).map((i) => i.label);
    // Typed with the list still open: the rest of the file is an error, the item is the same.
    await client.open("untitled:open-list", TEXT.split("\n").slice(0, 11).join("\n").replace("forward_to = []", "forward_to = ["));
    expect((await complete(client, 10, 16, "untitled:open-list")).map((i) => i.label)).toEqual(["loki.write.default.receiver"]);
    expect(forward).toEqual(["loki.write.default.receiver"]); // not prometheus.remote_write.m.receiver
    const level = await complete(client, 13, 10);
    expect(level.map((i) => i.label)).toEqual(expect.arrayContaining(['"debug"', '"info"', '"warn"', '"error"']));
    // No capsule expected: every export, and stdlib functions.
    expect(level.map((i) => i.label)).toEqual(expect.arrayContaining(["loki.write.default.receiver", "prometheus.remote_write.m.receiver", "string.format"]));
    const inLogging = (await complete(client, 14, 5)).map((i) => i.label);
    expect(inLogging).toContain("format");
    expect(inLogging).not.toContain("level");
    expect(await client.shutdown()).toBe(0);
  });
});
