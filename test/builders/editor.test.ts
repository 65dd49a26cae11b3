import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../shared.js";

/**
 * What an editor shows over a pipeline: the TypeScript language service (one instance, over an
 * in-memory pipeline file that imports `alloyc` through tsconfig's paths) answers hovers and
 * completions from the generated interfaces' doc comments, so the catalog's facts (type, default,
 * allowed values) and the Alloy docs link appear where a user writes the component.
 */

const pipelineFile = path.join(repoRoot, "test/builders/__editor_pipeline__.ts");
const pipeline = `import { discovery, loki, prometheus } from "alloyc";

const logs = loki.write("logs", { endpoint: { url: "http://loki:3100/loki/api/v1/push" } });
const pods = discovery.kubernetes("pods", { role: "pod" });
prometheus.scrape("pods", { targets: pods.targets, forward_to: [], scrape_interval: "30s" });
loki.write("empty", {  });
void logs;
`;

let service: ts.LanguageService;

beforeAll(() => {
  const config = ts.readConfigFile(path.join(repoRoot, "tsconfig.json"), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, repoRoot);
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => [pipelineFile],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) => {
      if (file === pipelineFile) return ts.ScriptSnapshot.fromString(pipeline);
      return existsSync(file) ? ts.ScriptSnapshot.fromString(readFileSync(file, "utf8")) : undefined;
    },
    getCurrentDirectory: () => repoRoot,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (file) => file === pipelineFile || ts.sys.fileExists(file),
    readFile: (file) => (file === pipelineFile ? pipeline : ts.sys.readFile(file)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  service = ts.createLanguageService(host, ts.createDocumentRegistry());
});

/** The offset of `word` in the pipeline, after the first occurrence of `after`. */
function at(after: string, word: string): number {
  const start = pipeline.indexOf(after);
  const i = pipeline.indexOf(word, start);
  if (start < 0 || i < 0) throw new Error(`${word} after ${after}: not in the pipeline`);
  return i + 1;
}

/** The hover at an offset: the signature line, then the documentation, as an editor shows them. */
function hover(offset: number): { type: string; docs: string } {
  const info = service.getQuickInfoAtPosition(pipelineFile, offset);
  if (!info) throw new Error(`no quick info at ${offset}`);
  const docs = [
    ts.displayPartsToString(info.documentation),
    ...(info.tags ?? []).map((t) => `@${t.name} ${ts.displayPartsToString(t.text)}`),
  ].join("\n");
  return { type: ts.displayPartsToString(info.displayParts), docs };
}

const DOCS = /https:\/\/grafana\.com\/docs\/alloy\/latest\/reference\/components\/[a-z_]+\/[a-z_.]+\//;

describe("editor support (TypeScript language service over a pipeline)", () => {
  it("the pipeline type-checks", () => {
    const problems = [...service.getSyntacticDiagnostics(pipelineFile), ...service.getSemanticDiagnostics(pipelineFile)];
    expect(problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
  });

  it("hover on loki.write: its type by name, kind, stability, exports and docs page", () => {
    const h = hover(at("loki.write", "write"));
    console.log(`hover loki.write:\n  ${h.type}\n  ${h.docs}`);
    expect(h.type).toContain("(label: string, args?: LokiWriteArguments | undefined) => Component<LokiWriteExports>");
    expect(h.docs).toContain("component (generally-available)");
    expect(h.docs).toContain("`receiver` (`capsule(loki.LogsReceiver)`)");
    expect(h.docs).toMatch(/grafana\.com\/docs\/alloy\/latest\/reference\/components\/loki\/loki\.write\//);
  });

  it("hover on endpoint's url: Alloy type, required, link to the block's docs", () => {
    const h = hover(at("endpoint: {", "url"));
    console.log(`hover url:\n  ${h.type}\n  ${h.docs}`);
    expect(h.type).toMatch(/url: Attr<string>/);
    expect(h.docs).toContain("`string` · required");
    expect(h.docs).toMatch(DOCS);
    expect(h.docs).toContain("loki.write/#blocks");
  });

  it("hover on discovery.kubernetes's role: the allowed values", () => {
    const h = hover(at("discovery.kubernetes", "role"));
    console.log(`hover role:\n  ${h.type}\n  ${h.docs}`);
    expect(h.type).toMatch(/role: OneOf<("[a-z]+"( \| )?){6}>/);
    for (const role of ["node", "pod", "service", "endpoints", "endpointslice", "ingress"]) expect(h.type).toContain(`"${role}"`);
    expect(h.docs).toContain('one of `"node"`, `"pod"`, `"service"`, `"endpoints"`, `"endpointslice"`, `"ingress"`');
    expect(h.docs).toContain("discovery.kubernetes/#arguments");
  });

  it("hover on prometheus.scrape's scrape_interval: the type and the default", () => {
    const h = hover(at("prometheus.scrape", "scrape_interval"));
    console.log(`hover scrape_interval:\n  ${h.type}\n  ${h.docs}`);
    expect(h.type).toMatch(/scrape_interval\?: Attr<string>/);
    expect(h.docs).toContain("`duration` · optional · default `\"60s\"`");
    expect(h.docs).toContain("prometheus.scrape/#arguments");
  });

  it("completion inside loki.write's arguments lists endpoint, with its doc", () => {
    const offset = pipeline.indexOf('loki.write("empty", {  })') + 'loki.write("empty", { '.length;
    const completions = service.getCompletionsAtPosition(pipelineFile, offset, {});
    const names = completions?.entries.map((e) => e.name) ?? [];
    expect(names).toEqual(expect.arrayContaining(["endpoint", "external_labels", "max_streams"]));
    const details = service.getCompletionEntryDetails(pipelineFile, offset, "endpoint", {}, undefined, undefined, undefined);
    const docs = ts.displayPartsToString(details?.documentation);
    console.log(`completion endpoint: ${ts.displayPartsToString(details?.displayParts)}\n  ${docs}`);
    expect(ts.displayPartsToString(details?.displayParts)).toContain("Blocks<LokiWriteEndpointBlock>");
    expect(docs).toContain("block, repeated · optional");
    expect(docs).toContain("loki.write/#blocks");
  });
});
