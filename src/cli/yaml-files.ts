import { statSync } from "node:fs";
import { resolve } from "node:path";
import { escapeControl, type Located } from "../diag/index.js";
import type { LintOptions } from "../lint.js";
import { ioErrorReason, ReadError, readRegularFile } from "../read-file.js";
import { commandUsageError } from "./args.js";
import { UsageError, type CliIO } from "./io.js";
import { configMapNameProblem, dataKeyProblem, isYamlName, namespaceProblem } from "../yaml/names.js";
import { BUILD, type BUILD_FORMATS } from "./specs.js";

/**
 * What lint and build do with YAML: read a named .yaml/.yml file and hand it to the facade
 * (src/embedded.ts), print what comes back, and render build's text as a ConfigMap or Helm
 * values (src/yaml). Both are imported only here and only when a YAML file or format is met, so
 * the `yaml` package is not loaded for .alloy files (fmt's side is yaml-fmt.ts).
 */

/** The command-line paths that name YAML files (a folder is scanned for *.alloy whatever its name). */
export function namedYamlFiles(paths: readonly string[], cwd: string): string[] {
  return paths.filter((p) => isYamlName(p) && !(statSync(resolve(cwd, p), { throwIfNoEntry: false })?.isDirectory() ?? false));
}

export async function readNamed(file: string, maxBytes: number, io: CliIO): Promise<Uint8Array | string> {
  try {
    return await readRegularFile(resolve(io.cwd, file), { shown: file, maxBytes });
  } catch (e) {
    return e instanceof ReadError ? e.message : `cannot read ${escapeControl(file)}: ${ioErrorReason(e)}`;
  }
}

/**
 * Lints the Alloy in one YAML file; an unreadable file, YAML that does not parse and YAML with
 * no Alloy go to `ioError` (exit 2), the findings come back.
 */
export async function lintYamlFile(file: string, maxBytes: number, options: LintOptions, io: CliIO, ioError: (message: string) => void): Promise<Located[]> {
  const bytes = await readNamed(file, maxBytes, io);
  if (typeof bytes === "string") {
    ioError(bytes);
    return [];
  }
  const { lintYaml } = await import("../embedded.js");
  const result = await lintYaml({ name: file, bytes }, options);
  if (result.kind !== "linted") {
    ioError(escapeControl(result.message));
    return [];
  }
  return result.found;
}

/** What build writes: `--format` and, for a ConfigMap, its name, namespace and key. */
export interface BuildEmbedding {
  readonly format: (typeof BUILD_FORMATS)[number];
  readonly name?: string;
  readonly namespace?: string;
  readonly key?: string;
}

/** build's --format, --name, --namespace, --key, checked (a usage error names what is wrong). */
export function buildEmbedding(values: ReadonlyMap<string, string | boolean>): BuildEmbedding {
  // parseCommandArgs accepts only the spec's choices.
  const format = (values.get("format") ?? "alloy") as BuildEmbedding["format"];
  const given = (flag: string): string | undefined => {
    const v = values.get(flag);
    return typeof v === "string" ? v : undefined;
  };
  const name = given("name");
  const namespace = given("namespace");
  const key = given("key");
  for (const [flag, value, problem] of [["name", name, configMapNameProblem], ["namespace", namespace, namespaceProblem], ["key", key, dataKeyProblem]] as const) {
    if (value === undefined) continue;
    if (format !== "configmap") throw commandUsageError(BUILD, `--${flag} goes with --format configmap`);
    const wrong = problem(value);
    if (wrong) throw commandUsageError(BUILD, `--${flag} ${escapeControl(JSON.stringify(value))}: ${wrong}`);
  }
  return { format, ...(name !== undefined ? { name } : {}), ...(namespace !== undefined ? { namespace } : {}), ...(key !== undefined ? { key } : {}) };
}

/** The compiled Alloy text as build writes it: as it is, or inside a ConfigMap or Helm values. */
export async function embedBuildOutput(text: string, embedding: BuildEmbedding): Promise<string> {
  if (embedding.format === "alloy") return text;
  const yaml = await import("../yaml/index.js");
  try {
    if (embedding.format === "helm-values") return yaml.helmValues(text);
    return yaml.configMapManifest(text, {
      name: embedding.name ?? yaml.DEFAULT_CONFIGMAP_NAME,
      ...(embedding.namespace !== undefined ? { namespace: embedding.namespace } : {}),
      ...(embedding.key !== undefined ? { key: embedding.key } : {}),
    });
  } catch (e) {
    if (e instanceof yaml.UnrepresentableText) throw new UsageError(`cannot write the config as ${embedding.format}: ${e.message}`);
    throw e;
  }
}
