import { describe, expect, it } from "vitest";
import { lint } from "../src/lint.js";

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const found = (items: Awaited<ReturnType<typeof lint>>): string[] =>
  items.map(({ file, diagnostic: d }) => `${file.name}:${file.lines.position(d.span.start).line} ${d.code}`);

describe("lint (the facade)", () => {
  it("checks the files of a configuration together, reading import.file modules through readModule", async () => {
    const read: string[] = [];
    const modules: Record<string, string> = { "/conf/lib/math.alloy": 'declare "add" {\n  argument "a" { }\n}\n' };
    const items = await lint(
      [
        { name: "main.alloy", bytes: bytes('import.file "math" {\n  filename = "lib/math.alloy"\n}\n\nmath.add "x" { }\n') },
        { name: "other.alloy", bytes: bytes('math.ad "y" { }\n') },
      ],
      {
        cwd: "/conf",
        readModule: (path) => {
          read.push(path);
          const text = modules[path];
          if (text === undefined) throw new Error("ENOENT");
          return bytes(text);
        },
      },
    );
    expect(read).toEqual(["/conf/lib/math.alloy"]);
    expect(found(items)).toEqual(["main.alloy:5 check/missing-required", "other.alloy:1 check/unknown-component"]);
  });

  it("reports only syntax errors when a file does not parse", async () => {
    const items = await lint([
      { name: "a.alloy", bytes: bytes("loki.wirte \"x\" {}\n") },
      { name: "b.alloy", bytes: bytes("a = \n") },
    ]);
    expect(found(items)).toEqual(["b.alloy:2 parse/syntax"]);
  });

  it("refuses features below the stability level it is given", async () => {
    const source = [{ name: "<stdin>", bytes: bytes('loki.enrich "x" {\n  targets            = []\n  target_match_label = "app"\n  forward_to         = []\n}\n') }];
    const stability = async (options: Parameters<typeof lint>[1]): Promise<string[]> =>
      (await lint(source, options)).filter((f) => f.diagnostic.code === "check/stability").map((f) => f.diagnostic.severity);
    expect(await stability({})).toEqual(["info"]);
    expect(await stability({ stabilityLevel: "generally-available" })).toEqual(["error"]);
  });
});
