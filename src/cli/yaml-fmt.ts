import { resolve } from "node:path";
import { escapeControl, renderText } from "../diag/index.js";
import { colorFor, type CliIO } from "./io.js";
import { type FmtMode, listWritten, showFormatted } from "./fmt-output.js";
import { fileErrorMessage, writeFileAtomically } from "./write-file.js";
import { readNamed } from "./yaml-files.js";

/**
 * `alloyc fmt` on a named .yaml/.yml file: the facade's formatYaml (src/embedded-format.ts,
 * imported only here and only then), printed, listed or written. Apart from yaml-files.ts so
 * that lint never reaches the formatter.
 */

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
  const { formatYaml } = await import("../embedded-format.js");
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
