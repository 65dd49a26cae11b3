import { describe, expect, it } from "vitest";
import { LspClient } from "./client.js";

const TEXT = [
  'loki.write "default" {', // 0
  "  endpoint {", // 1
  '    url = "http://loki/api/v1/push"', // 2
  "  }", // 3
  "}", // 4
  'logging {', // 5
  '  level = "info"', // 6
  "}", // 7
  'loki.source.file "f" {', // 8
  '  targets    = [{"__path__" = string.format("/var/log/%s", "x")}]', // 9
  "  forward_to = [loki.write.default.receiver]", // 10
  "}", // 11
  "loki.process {", // 12: a syntax error (no label): hover still answers above
].join("\n");

async function hover(client: LspClient, line: number, character: number): Promise<string | undefined> {
  const got = await client.request("textDocument/hover", { textDocument: { uri: "untitled:hover" }, position: { line, character } });
  return got?.contents.value;
}

describe("lsp hover", () => {
  it("shows components, blocks, arguments, references and stdlib functions, after a syntax error too", async () => {
    const client = LspClient.inProcess();
    await client.initialize({ debounceMs: 600_000 });
    await client.open("untitled:hover", TEXT);
    const component = await hover(client, 0, 6);
    expect(component).toContain("**loki.write** — component, generally-available");
    expect(component).toMatch(/`receiver`: `capsule\(loki\.LogsReceiver\)`/);
    expect(component).toContain("https://grafana.com/docs/alloy/latest/reference/components/loki/loki.write/");
    expect(await hover(client, 1, 4)).toContain("**endpoint** — block of loki.write (optional, may be repeated)");
    const url = await hover(client, 2, 5);
    expect(url).toContain("**url** `string` — argument of loki.write, required");
    const level = await hover(client, 6, 3);
    expect(level).toContain('Default: `"info"`');
    expect(level).toMatch(/Allowed values: .*`"debug"`/);
    expect(await hover(client, 9, 34)).toMatch(/^```alloy\nstring\.format\(.*\) → string\n```\n.*\(https:\/\/grafana\.com\/docs\/alloy\/latest\/reference\/stdlib\//s);
    expect(await hover(client, 10, 30)).toContain('**loki.write "default"**.receiver: `capsule(loki.LogsReceiver)`');
    expect(await hover(client, 4, 0)).toBeUndefined();
    expect(await client.shutdown()).toBe(0);
  });
});
