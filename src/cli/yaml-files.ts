import { statSync } from "node:fs";
import { resolve } from "node:path";
import { escapeControl, renderText, type Located } from "../diag/index.js";
import type { LintOptions } from "../lint.js";
import { ioErrorReason, ReadError, readRegularFile } from "../read-file.js";
import { commandUsageError } from "./args.js";
import { colorFor, UsageError, type CliIO } from "./io.js";
import { configMapNameProblem, dataKeyProblem, isYamlName, namespaceProblem } from "../yaml/names.js";
import { BUILD, type BUILD_FORMATS } from "./specs.js";
import { fileErrorMessage, writeFileAtomically } from "./write-file.js";
import { type FmtMode, listWritten, showFormatted } from "./fmt-output.js";

/**
 * What lint, fmt and build do with YAML: read a named .yaml/.yml file and hand it to the facade
 * (src/embedded.ts), print what comes back, and render build's text as a ConfigMap or Helm
 * values (src/yaml). Both are imported only here and only when a YAML file or format is met, so
 * the `yaml` package is not loaded for .alloy files.
 */

/** The command-line paths that name YAML files (a folder is scanned for *.alloy whatever its name). */
export function namedYamlFiles(paths: readonly string[], cwd: string): string[] {
  return paths.filter((p) => isYamlName(p) && !(statSync(resolve(cwd, p), { throwIfNoEntry: false })?.isDirectory() ?? false));
}

async function readNamed(file: string, maxBytes: number, io: CliIO): Promise<Uint8Array | string> {
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

/** fmt's outcome for one file (as commands/fmt.ts combines them). */
export type YamlFmtOutcome = "same" | "changed" | "unparsable" | "io-error";

/**
 * `alloyc fmt` on one YAML file: print the file with its Alloy formatted, list it (--check), or
 * rewrite it (--write, only the Alloy block scalars change). Nothing is written when any of its
 * Alloy does not parse or cannot be rewritten in place.
 */
export async function formatYamlFile(file: string, mode: FmtMode, force: boolean, maxBytes: number, io: CliIO): Promise<YamlFmtOutcome> {
  const bytes = await readNamed(file, maxBytes, io);
  if (typeof bytes === "string") {
    io.stderr(`alloyc: ${bytes}\n`);
    return "io-error";
  }
  const { formatYaml } = await import("../embedded.js");
  const result = formatYaml({ name: file, bytes });
  if (result.kind === "bad-yaml" || result.kind === "no-alloy") {
    io.stderr(`alloyc: ${escapeControl(result.message)}\n`);
    return "io-error";
  }
  if (result.kind === "unformattable") {
    if (result.found.length > 0) io.stderr(renderText(result.found, { color: colorFor(io, "stderr") }));
    for (const p of result.problems) io.stderr(`${escapeControl(p)}\n`);
    return "unparsable";
  }
  const outcome = result.changed ? "changed" : "same";
  if (mode !== "write") showFormatted(file, bytes, result.bytes, outcome === "changed", mode, io);
  else if (outcome === "changed") {
    try {
      await writeFileAtomically(resolve(io.cwd, file), result.bytes, { force, unchanged: { content: bytes } });
    } catch (e) {
      io.stderr(`alloyc: cannot write ${file}: ${fileErrorMessage(e)}\n`);
      return "io-error";
    }
    listWritten(file, io);
  }
  return outcome;
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
