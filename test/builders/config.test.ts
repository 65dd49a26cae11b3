import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  BuildError,
  buildErrorInfo,
  coalesce,
  comment,
  config,
  constants,
  declare,
  argument,
  discovery,
  encoding,
  field,
  foreach,
  index,
  inline,
  lines,
  logging,
  loki,
  otelcol,
  prometheus,
  raw,
  ref,
  std,
  string,
  synth,
  sys,
  type LogsReceiver,
} from "../../src/builders/index.js";
import { compile, place } from "../../src/compile.js";

/** Builders → Alloy text, and what config(...) accepts, rejects and reports. */

const thisFile = fileURLToPath(import.meta.url);
const source = readFileSync(thisFile, "utf8").split("\n");

/** The 1-based line of this file that ends with `// @name`. */
function lineOf(name: string): number {
  const i = source.findIndex((l) => l.trimEnd().endsWith(`// @${name}`));
  if (i < 0) throw new Error(`no line marked @${name}`);
  return i + 1;
}

async function text(...items: Parameters<typeof config>): Promise<string> {
  return (await compile(config(...items))).text;
}

function thrown(fn: () => unknown): BuildError {
  try {
    fn();
  } catch (e) {
    if (e instanceof BuildError) return e;
    throw e;
  }
  throw new Error("expected a BuildError");
}

describe("lowering values", () => {
  it("writes literals as Alloy reads them back", async () => {
    const out = await text(
      logging({ level: "info", format: "json", write_to: [] }),
      prometheus.scrape("literals", {
        targets: [{ __address__: "localhost:9090", "team name": "a\"b\\c\té€" }],
        forward_to: [],
        job_name: "line\nbreak",
        sample_limit: 0,
        scrape_interval: "1m",
        native_histogram_min_bucket_factor: 1.5,
        honor_labels: false,
      }),
    );
    expect(out).toBe(
      [
        "logging {",
        '\tlevel    = "info"',
        '\tformat   = "json"',
        "\twrite_to = []",
        "}",
        "",
        'prometheus.scrape "literals" {',
        "\ttargets = [",
        '\t\t{__address__ = "localhost:9090", "team name" = "a\\"b\\\\c\\té€"},',
        "\t]",
        "\tforward_to                         = []",
        '\tjob_name                           = "line\\nbreak"',
        "\tsample_limit                       = 0",
        '\tscrape_interval                    = "1m"',
        "\tnative_histogram_min_bucket_factor = 1.5",
        "\thonor_labels                       = false",
        "}",
        "",
      ].join("\n"),
    );
  });

  it("keeps key order, skips undefined, and honours lines()/inline()", async () => {
    const out = await text(
      loki.write("w", {
        external_labels: inline({ a: "1", b: "2" }),
        max_streams: undefined,
        endpoint: [{ url: "http://a", headers: { "X-Scope-OrgID": "t" } }, { url: "http://b" }],
      }),
      discovery.relabel("r", { targets: lines([{ a: "b" }, { c: "d" }]) }),
      discovery.file("f", { files: lines(["/a.json", "/b.json"]) }),
    );
    expect(out).toContain('\texternal_labels = {a = "1", b = "2"}\n');
    expect(out).not.toContain("max_streams");
    expect(out).toContain('\tendpoint {\n\t\turl     = "http://a"\n\t\theaders = {\n\t\t\t"X-Scope-OrgID" = "t",\n\t\t}\n\t}\n\n\tendpoint {');
    expect(out).toContain('\ttargets = [\n\t\t{a = "b"},\n\t\t{c = "d"},\n\t]');
    expect(out).toContain('\tfiles = [\n\t\t"/a.json",\n\t\t"/b.json",\n\t]');
  });

  it("prints expressions: references, indexing, fields, stdlib calls, constants, raw text", async () => {
    const secret = ref<Record<string, string>>("remote.kubernetes.secret.creds.data");
    const out = await text(
      loki.write("w", {
        external_labels: { host: constants.hostname, env: coalesce(sys.env("ENV"), "dev") },
        endpoint: {
          url: string.format("http://%s/loki/api/v1/push", sys.env("LOKI_HOST")),
          tenant_id: field(encoding.from_json(sys.env("TENANT")) as never, "id" as never),
          bearer_token: index(secret, "token"),
          batch_size: std.concat([1], [2]) as never,
          remote_timeout: raw('"1m" + ""'),
        },
      }),
    );
    expect(out).toContain('\t\thost = constants.hostname,\n\t\tenv  = coalesce(sys.env("ENV"), "dev"),');
    expect(out).toContain('\t\turl            = string.format("http://%s/loki/api/v1/push", sys.env("LOKI_HOST"))');
    expect(out).toContain('\t\ttenant_id      = encoding.from_json(sys.env("TENANT")).id');
    expect(out).toContain('\t\tbearer_token   = remote.kubernetes.secret.creds.data["token"]');
    expect(out).toContain("\t\tbatch_size     = concat([1], [2])");
    expect(out).toContain('\t\tremote_timeout = "1m" + ""');
  });

  it("rejects values that have no Alloy form, at the builder's line", () => {
    const write = loki.write("w", {});
    const e = thrown(() => loki.process("p", { forward_to: [write as never] })); // @component-as-value
    expect(e.message).toMatch(/forward_to\[0\]: a component is not a value; pass one of its exports/);
    expect(buildErrorInfo(e)?.origin()?.line).toBe(lineOf("component-as-value"));
    expect(thrown(() => loki.write("w", { max_streams: (() => 1) as never })).message).toMatch(/max_streams: a function has no Alloy form/);
    expect(thrown(() => loki.write("w", { max_streams: Number.NaN })).message).toMatch(/no number NaN/);
    expect(thrown(() => loki.write("w", { endpoint: "http://x" as never })).message).toMatch(/endpoint: this is a block/);
    expect(thrown(() => loki.process("p", { forward_to: [], stage: [{ "stage.json": { expressions: {} }, "stage.drop": {} }] })).message).toMatch(
      /stage\[0\]: each element holds exactly one block/,
    );
    expect(thrown(() => loki.write(42 as never, {})).message).toMatch(/the first argument is the block label/);
    expect(() => raw("a\nb")).toThrow(/one line/);
  });
});

describe("config(...)", () => {
  it("keeps file order and places comments before items, inside block lists and on attributes", async () => {
    const write = loki.write("w", {});
    const out = await text(
      comment("first\nsecond"),
      logging({ level: "warn" }),
      comment("the writer", write),
      loki.process("p", {
        forward_to: comment("to Loki", [write.receiver]),
        stage: [comment("add the cluster"), loki.stage.static_labels({ values: { cluster: "c" } }), loki.stage.decolorize()],
      }),
      comment("the end"),
    );
    expect(out).toBe(
      [
        "// first",
        "// second",
        "logging {",
        '\tlevel = "warn"',
        "}",
        "",
        "// the writer",
        'loki.write "w" { }',
        "",
        'loki.process "p" {',
        "\t// to Loki",
        "\tforward_to = [loki.write.w.receiver]",
        "",
        "\t// add the cluster",
        "\tstage.static_labels {",
        "\t\tvalues = {",
        '\t\t\tcluster = "c",',
        "\t\t}",
        "\t}",
        "",
        "\tstage.decolorize { }",
        "}",
        "",
        "// the end",
        "",
      ].join("\n"),
    );
  });

  it("skips false, null and undefined items and flattens lists", async () => {
    const debug = false;
    const out = await text([logging({}), [debug && loki.write("debug", {}), null, undefined]], loki.write("w", {}));
    expect(out).toBe('logging { }\n\nloki.write "w" { }\n');
  });

  it("rejects duplicate labels, naming both TypeScript lines", () => {
    const first = loki.write("default", {}); // @dup-first
    const second = loki.write("default", {}); // @dup-second
    const e = thrown(() => config(first, second));
    const info = buildErrorInfo(e);
    expect(e.message).toBe('loki.write "default" is declared twice in config(...); labels must be unique per component');
    expect(info?.code).toBe("check/duplicate-block");
    expect(info?.origin()).toMatchObject({ file: thisFile, line: lineOf("dup-second") });
    expect(info?.related[0]?.origin()).toMatchObject({ file: thisFile, line: lineOf("dup-first") });
    expect(thrown(() => config(first, first)).message).toMatch(/loki.write "default" is listed twice/);
    expect(thrown(() => config(logging({}), logging({}))).message).toMatch(/logging is declared twice/);
    expect(thrown(() => config({} as never)).message).toMatch(/item 1 is not a component/);
  });

  it("reports a reference to a block that is not in the config, at the line that used it", async () => {
    const write = loki.write("default", {});
    const process = loki.process("p", { forward_to: [write.receiver] }); // @uses-missing
    const built = synth(config(process));
    expect(built.diagnostics).toHaveLength(1);
    const d = built.diagnostics[0]!;
    expect(d.code).toBe("check/unresolved-reference");
    expect(d.message).toBe('component "loki.write.default.receiver" does not exist or is out of scope: loki.write "default" is not in this config');
    expect(d.help).toMatch(/^add it to config\(\.\.\.\); it was created at .*config\.test\.ts:\d+:\d+$/);
    expect(place(built, d)).toMatchObject({ origin: { file: thisFile, line: lineOf("uses-missing") }, path: 'loki.process "p"', alloyLine: 2 });
    // The checker finds the same reference; it is reported once.
    const { diagnostics } = await compile(config(process));
    expect(diagnostics.filter((x) => x.code === "check/unresolved-reference")).toHaveLength(1);
  });

  it("places checker findings on the TypeScript line of the innermost builder call", async () => {
    const write = loki.write("w", { endpoint: { url: "http://loki" } });
    const process = loki.process("p", {
      forward_to: [write.receiver],
      stage: [
        loki.stage.static_labels({ values: { a: "b" } }),
        loki.stage.regex({ expression: "(" }), // @bad-regex
      ],
    });
    const { diagnostics, built } = await compile(config(write, process));
    const regex = diagnostics.find((d) => d.code === "check/invalid-regex");
    expect(regex).toBeDefined();
    expect(place(built, regex!).origin).toMatchObject({ file: thisFile, line: lineOf("bad-regex") });
    expect(place(built, regex!).path).toBe('loki.process "p" > stage.regex');
  });

  it("drops checker findings inside raw text", async () => {
    const { diagnostics } = await compile(config(loki.write("w", { endpoint: { url: raw("no.such.component.url") } })));
    expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});

describe("custom components and nested configurations", () => {
  it("declares a component, instantiates it, and checks scopes", async () => {
    const write = loki.write("w", {});
    const tee = declare("tee", { forward_to: argument<readonly LogsReceiver[]>() }, (args) => {
      const p = loki.process("inner", { forward_to: args.forward_to });
      return { body: [p], exports: { receiver: p.receiver } };
    });
    const a = tee("a", { forward_to: [write.receiver] });
    const out = await text(tee, write, a, loki.source.api("api", { forward_to: [a.receiver], http: { listen_port: 3100 } }));
    expect(out).toContain('declare "tee" {\n\targument "forward_to" { }\n\n\tloki.process "inner" {\n\t\tforward_to = argument.forward_to.value\n\t}\n\n\texport "receiver" {\n\t\tvalue = loki.process.inner.receiver\n\t}\n}');
    expect(out).toContain('tee "a" {\n\tforward_to = [loki.write.w.receiver]\n}');
    expect(out).toContain("forward_to = [tee.a.receiver]");
    // An instance needs its declaration in the config.
    expect(thrown(() => synth(config(write, a))).message).toMatch(/tee "a" is an instance of tee, whose declare "tee" is not in this config/);
    // A declaration's body cannot see the blocks around it.
    const leaky = declare("leaky", {}, () => [loki.process("inner", { forward_to: [write.receiver] })]);
    expect(synth(config(write, leaky)).diagnostics.map((d) => d.code)).toEqual(["check/unresolved-reference"]);
  });

  it("writes foreach templates as nested configurations that see outer blocks", async () => {
    const write = loki.write("w", {});
    const each = foreach("files", {
      collection: ["/var/log/a.log", "/var/log/b.log"],
      var: "path",
      template: [loki.source.file("tail", { targets: [{ __path__: ref<string>("path") }], forward_to: [write.receiver] })],
    });
    const built = synth(config(write, each));
    expect(built.diagnostics).toEqual([]);
    const out = (await compile(config(write, each))).text;
    expect(out).toContain('foreach "files" {\n\tcollection = ["/var/log/a.log", "/var/log/b.log"]\n\tvar        = "path"\n\n\ttemplate {\n\t\tloki.source.file "tail" {');
  });

  it("writes stage.match with its nested stages, in order", async () => {
    const write = loki.write("w", {});
    const out = await text(
      write,
      loki.process("p", {
        forward_to: [write.receiver],
        stage: [
          loki.stage.json({ expressions: { level: "level" } }),
          loki.stage.match({
            selector: '{app="api"}',
            stage: [loki.stage.regex({ expression: "^(?P<verb>\\S+)" }), loki.stage.labels({ values: { verb: "" } })],
          }),
          loki.stage.drop({ expression: ".*health.*" }),
        ],
      }),
    );
    expect(out).toContain(
      [
        "\tstage.match {",
        '\t\tselector = "{app=\\"api\\"}"',
        "",
        "\t\tstage.regex {",
        '\t\t\texpression = "^(?P<verb>\\\\S+)"',
        "\t\t}",
        "",
        "\t\tstage.labels {",
        "\t\t\tvalues = {",
        '\t\t\t\tverb = "",',
        "\t\t\t}",
        "\t\t}",
        "\t}",
        "",
        "\tstage.drop {",
      ].join("\n"),
    );
  });

  it("comments a primitive attribute through an expression", async () => {
    const out = await text(logging({ level: comment("quiet in production", "warn") }));
    expect(out).toBe('logging {\n\t// quiet in production\n\tlevel = "warn"\n}\n');
  });

  it("otelcol.output writes one consumer or a list per signal", async () => {
    const debug = otelcol.exporter.debug("d", {});
    const out = await text(otelcol.receiver.otlp("r", { grpc: {}, output: otelcol.output.all(debug.input) }), debug);
    expect(out).toContain("\toutput {\n\t\tmetrics = [otelcol.exporter.debug.d.input]\n\t\tlogs    = [otelcol.exporter.debug.d.input]\n\t\ttraces  = [otelcol.exporter.debug.d.input]\n\t}");
  });
});
