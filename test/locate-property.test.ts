import { describe, expect, it } from "vitest";
import { pathInMessage } from "../src/builders/errors.js";
import { locateProperty, propertyPathOf, type PropertyPath } from "../src/locate-property.js";

/** Where `locateProperty` finds a path, as `line:column`, with `*` when only partly found. */
function find(source: string, call: { line: number; column: number }, steps: Array<string | [string, number]>, atValue = false): string | undefined {
  const path: PropertyPath = {
    steps: steps.map((s, i) => {
      const [name, nth] = typeof s === "string" ? [s, 0] : s;
      return { name, nth, block: i < steps.length - 1 || typeof s !== "string" };
    }),
    atValue,
  };
  const found = locateProperty(source, call, path);
  return found && `${found.line}:${found.column}${found.complete ? "" : `* ${found.deepest}`}`;
}

describe("locateProperty", () => {
  const source = [
    'const a = prometheus.scrape("x", {', // 1
    '  job_name: `${"{"} }`, // scrape_interval: {', // 2
    "  /* scrape_interval */ honor: /[}{]/.test(`}`) ? { scrape_interval: 1 } : [],", // 3
    "  endpoint: [{ url: 'a' }, { url: \"b\", tls_config: { ca: x } }],", // 4
    "  ...rest,", // 5
    "  client: client,", // 6
    "  'scrape_interval': \"5 minutes\" as const,", // 7
    "});", // 8
  ].join("\n");

  it("finds a key at its level past strings, templates, comments, regular expressions and nested objects", () => {
    expect(find(source, { line: 1, column: 22 }, ["scrape_interval"])).toBe("7:3");
    expect(find(source, { line: 1, column: 22 }, ["scrape_interval"], true)).toBe("7:22");
  });

  it("starts at the call from a column one off either way, or at the start of the chain", () => {
    expect(find(source, { line: 1, column: 21 }, ["scrape_interval"])).toBe("7:3");
    expect(find(source, { line: 1, column: 23 }, ["scrape_interval"])).toBe("7:3");
    expect(find(source, { line: 1, column: 11 }, ["scrape_interval"])).toBe("7:3");
  });

  it("follows nested blocks by index in a list", () => {
    expect(find(source, { line: 1, column: 22 }, [["endpoint", 1], "tls_config", "ca"])).toBe("4:54");
    expect(find(source, { line: 1, column: 22 }, [["endpoint", 0], "url"], true)).toBe("4:21");
    expect(find(source, { line: 1, column: 22 }, [["endpoint", 1]])).toBe("4:28");
  });

  it("stops at the deepest key written when a value is built elsewhere, and gives up when none is", () => {
    expect(find(source, { line: 1, column: 22 }, ["client", "url"])).toBe("6:3* client");
    expect(find(source, { line: 1, column: 22 }, [["endpoint", 2], "url"])).toBe("4:3* endpoint");
    expect(find(source, { line: 1, column: 22 }, ["from_rest"])).toBeUndefined();
    expect(find('prometheus.scrape("x", args);\n', { line: 1, column: 12 }, ["targets"])).toBeUndefined();
  });

  it("goes into a written value to the list element or object key a finding is about, as far as it is written", () => {
    const write = 'loki.write("w", {\n  forward_to: [a.receiver, b.receiver],\n  labels: { team: "x", env: [1, 2] },\n  more: [...xs, c],\n});\n';
    const inValue = (steps: string[], path: Array<number | string>) => {
      const found = locateProperty(write, { line: 1, column: 6 }, { steps: steps.map((name) => ({ name, block: false, nth: 0 })), atValue: true, inValue: path });
      return found && `${found.line}:${found.column}`;
    };
    expect(inValue(["forward_to"], [1])).toBe("2:28");
    expect(inValue(["labels"], ["env", 1])).toBe("3:33");
    expect(inValue(["labels"], ["nope"])).toBe("3:11");
    expect(inValue(["more"], [1])).toBe("4:9");
  });

  it("counts blocks in a list past comment(...) items, and not past a spread", () => {
    const write = 'loki.write("w", {\n  endpoint: [comment("first"), { url: 1 }, { url: 2 }],\n  client: [...base, { url: 3 }],\n});\n';
    expect(find(write, { line: 1, column: 6 }, [["endpoint", 1], "url"], true)).toBe("2:51");
    expect(find(write, { line: 1, column: 6 }, [["client", 1], "url"], true)).toBe("3:3* client");
  });

  it("finds a block in a group: the nth element of any list holding it", () => {
    const process = 'loki.process("p", {\n  stage: [{ "stage.json": {} }, { "stage.drop": {} }, { "stage.json": {\n    source: 1 } }],\n});\n';
    expect(find(process, { line: 1, column: 6 }, [["stage.json", 1], "source"], true)).toBe("3:13");
    expect(find(process, { line: 1, column: 6 }, [["stage.json", 0]])).toBe("2:13");
  });

  it("gives up without throwing on source it cannot follow", () => {
    expect(find('loki.write("a", { url: "open', { line: 1, column: 6 }, ["url"])).toBeUndefined();
    expect(find("loki.write", { line: 1, column: 6 }, ["url"])).toBeUndefined();
    expect(find("x", { line: 9, column: 1 }, ["url"])).toBeUndefined();
    expect(find("loki.write({ a: 1 /* open", { line: 1, column: 6 }, ["a"])).toBeUndefined();
    // 100,000 levels of nesting: skipped without recursion, the key after them still found.
    const deep = `loki.write({ a: ${"[{ x: ".repeat(100_000)}1${" }]".repeat(100_000)},\n  b: 2 });`;
    expect(find(deep, { line: 1, column: 6 }, ["b"])).toBe("2:3");
    expect(find(deep, { line: 1, column: 6 }, [["a", 0], ["x", 0], ["x", 0], "x"], true)).toBe("1:35");
  });
});

describe("a builder error's place", () => {
  it("reads the keys and indices a value error names after the block's title", () => {
    expect(pathInMessage('loki.write "w".endpoint[1].min_backoff_period: Alloy has no number NaN', 'loki.write "w"')).toEqual(["endpoint", 1, "min_backoff_period"]);
    expect(pathInMessage('loki.process "p".stage[2]["stage.json"].expressions.level: a function has no Alloy form', 'loki.process "p"')).toEqual(["stage", 2, "stage.json", "expressions", "level"]);
    expect(pathInMessage("logging: the arguments must be an object", "logging")).toEqual([]);
    expect(pathInMessage("something else: x", "logging")).toEqual([]);
  });

  it("turns them into a property path: blocks, then the attribute, then inside its value", () => {
    expect(propertyPathOf(["endpoint", 1, "url"])).toEqual({ steps: [{ name: "endpoint", block: true, nth: 1 }, { name: "url", block: false, nth: 0 }], atValue: true, inValue: [] });
    expect(propertyPathOf(["forward_to", 2])).toEqual({ steps: [{ name: "forward_to", block: false, nth: 0 }], atValue: true, inValue: [2] });
    expect(propertyPathOf([0])).toBeUndefined();
    const source = 'x.y("a", {\n  endpoint: [\n    { url: "a" },\n    { url: fn },\n  ],\n});\n';
    expect(locateProperty(source, { line: 1, column: 3 }, propertyPathOf(["endpoint", 1, "url"]) as PropertyPath)).toEqual({ line: 4, column: 12, complete: true });
  });
});
