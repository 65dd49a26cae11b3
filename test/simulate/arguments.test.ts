import { describe, expect, it } from "vitest";
import { parseExpression, parseFile } from "../../src/parse/index.js";
import { evalContext, evaluateArgument, ruleSpecs, stageSpecs } from "../../src/simulate-arguments.js";
import { SimulateError } from "../../src/simulate/errors.js";

/** Component arguments as plain values (src/simulate-arguments.ts). */

const ctx = evalContext("c.alloy", [0], { CLUSTER: "eu-1", EMPTY: "" });
const value = (text: string): unknown => evaluateArgument("x", parseExpression(text).expr, ctx);

describe("argument evaluation", () => {
  it.each<[string, unknown]>([
    ['"a\\tb"', "a\tb"],
    ["`raw\\n`", "raw\\n"],
    ["42", 42],
    ["1.5", 1.5],
    ["true && !false", true],
    ['"a" + "b"', "ab"],
    ["7 / 2", 3],
    ["2 ^ 3", 8],
    ['"b" > "a"', true],
    ["[1, 2][1]", 2],
    ['{a = 1, "b-c" = [true]}', { a: 1, "b-c": [true] }],
    ['{a = {b = "c"}}.a.b', "c"],
    ['sys.env("CLUSTER")', "eu-1"],
    ['env("CLUSTER")', "eu-1"],
    ['sys.env("UNSET")', ""],
    ['string.format("%s-%d-%q", "a", 3, "b")', 'a-3-"b"'],
    ['string.join(["a", "b"], ",")', "a,b"],
    ['string.split("a,b", ",")', ["a", "b"]],
    ['string.replace("aXbX", "X", "-")', "a-b-"],
    ['string.to_upper("ab")', "AB"],
    ['string.trim("xxaxx", "x")', "a"],
    ['string.trim_prefix("prefix-a", "prefix-")', "a"],
    ['string.trim_suffix("a.log", ".log")', "a"],
    ['string.trim_space("  a \\n")', "a"],
    ["array.concat([1], [2, 3])", [1, 2, 3]],
    ["concat([1], [2])", [1, 2]],
    ['coalesce("", sys.env("EMPTY"), "fallback")', "fallback"],
    ['encoding.from_json("{\\"a\\": [1]}")', { a: [1] }],
    ['encoding.to_json({a = 1})', '{"a":1}'],
    ['encoding.url_encode("a b&c")', "a+b%26c"],
    ['convert.nonsensitive("s")', "s"],
  ])("%s is %j", (text, expected) => {
    expect(value(text)).toEqual(expected);
  });

  it.each([
    ["discovery.kubernetes.pods.targets", "cannot evaluate argument x at c.alloy:1:1: discovery.kubernetes.pods.targets is not known before the pipeline runs"],
    ["constants.hostname", "constants.hostname is not known before the pipeline runs"],
    ['file.path_join("a", "b")', "file.path_join is not supported by the simulator"],
    ['  "a" + 1', "cannot evaluate argument x at c.alloy:1:7: expected string, got number"],
    ['string.format("%s", sys.env)', "cannot evaluate argument x at c.alloy:1:21: sys.env is not known before the pipeline runs"],
    ["string.join([1], \",\")", "string.join: argument 1 must be a string, got number"],
  ])("%s cannot be evaluated: a message with its position", (text, message) => {
    expect(() => value(text)).toThrow(SimulateError);
    expect(() => value(text)).toThrow(message);
  });

  it("turns rule blocks into RuleSpecs and refuses a wrong type at its line", () => {
    const { file } = parseFile('rule {\n  source_labels = ["a", "b"]\n  modulus = 3\n  action = "hashmod"\n  target_label = "h"\n}\nrule {\n  regex = 1\n}\n', "r.alloy");
    const c = evalContext("r.alloy", file.lineStarts);
    expect(() => ruleSpecs(file.body, c)).toThrow("rule.regex must be a string");
    const first = ruleSpecs(file.body.slice(0, 1), c);
    expect(first).toEqual([{ source_labels: ["a", "b"], modulus: 3, action: "hashmod", target_label: "h", span: { file: "r.alloy", line: 1, col: 1 } }]);
  });

  it("turns stage blocks into StageSpecs, nested stages and blocks included", () => {
    const text = `loki.process "p" {
  forward_to = []
  stage.match {
    selector = "{app=\\"x\\"}"
    stage.static_labels {
      values = { cluster = sys.env("CLUSTER") }
    }
  }
  stage.metrics {
    metric.counter {
      name   = "lines"
      action = "inc"
    }
  }
}
`;
    const { file } = parseFile(text, "p.alloy");
    const block = file.body[0];
    if (block?.kind !== "Block") throw new Error("no block");
    const c = evalContext("p.alloy", file.lineStarts, { CLUSTER: "eu-1" });
    expect(stageSpecs(block.body, c)).toEqual([
      {
        name: "match",
        args: { selector: '{app="x"}' },
        blocks: {},
        stages: [{ name: "static_labels", args: { values: { cluster: "eu-1" } }, blocks: {}, span: { file: "p.alloy", line: 5, col: 5 } }],
        span: { file: "p.alloy", line: 3, col: 3 },
      },
      {
        name: "metrics",
        args: {},
        blocks: { "metric.counter": [{ args: { name: "lines", action: "inc" }, blocks: {}, span: { file: "p.alloy", line: 10, col: 5 } }] },
        span: { file: "p.alloy", line: 9, col: 3 },
      },
    ]);
  });
});
