import { renderText, type Located } from "../diag/index.js";
import { acrossVersions, lint } from "../lint.js";
import { parseAlloyVersions, ProjectConfigError, readProjectConfig } from "../project-config.js";
import type { AlloyVersion } from "../schema/versions.js";
import { commandUsageError, type CommandSpec } from "./args.js";
import { colorFor, EXIT_FINDINGS, EXIT_OK, UsageError, type CliIO } from "./io.js";

/**
 * `--alloy-version` for commands other than lint (build): the releases the flag names, else the
 * project's default (.alloycrc.json or package.json's "alloyc"), else undefined (the current line).
 */
export async function alloyVersionsOf(spec: CommandSpec, value: string | boolean | undefined, cwd: string): Promise<readonly AlloyVersion[] | undefined> {
  if (typeof value === "string") {
    try {
      return parseAlloyVersions(value);
    } catch (e) {
      throw commandUsageError(spec, `--alloy-version: ${(e as Error).message}`);
    }
  }
  try {
    return (await readProjectConfig(cwd))?.alloyVersions;
  } catch (e) {
    if (e instanceof ProjectConfigError) throw new UsageError(e.message);
    throw e;
  }
}

/**
 * `alloyc build --alloy-version X.Y`: the compiled text checked against those releases. Typed
 * builders describe the current line, whose findings build has reported already; this prints
 * (on stderr, at the lines of the Alloy output, named `shownAs`) what the releases add, each with
 * the releases it applies to. Exit 1 when any of them is an error.
 */
export async function checkBuiltForVersions(text: string, shownAs: string, versions: readonly AlloyVersion[], io: CliIO): Promise<number> {
  const sources = [{ name: shownAs, bytes: new TextEncoder().encode(text) }];
  const key = (f: Located): string => [f.diagnostic.code, f.diagnostic.span.start, f.diagnostic.span.end, f.diagnostic.message].join("\0");
  const current = new Set((await lint(sources, { cwd: io.cwd })).map(key));
  const added = (await acrossVersions(versions, (alloyVersion) => lint(sources, { cwd: io.cwd, alloyVersion }))).filter((f) => !current.has(key(f)));
  if (added.length === 0) return EXIT_OK;
  io.stderr(renderText(added, { color: colorFor(io, "stderr") }));
  return added.some((f) => f.diagnostic.severity === "error") ? EXIT_FINDINGS : EXIT_OK;
}
