import { mkdir, stat } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { escapeControl, renderText, type Located } from "../../diag/index.js";
import { readRegularFile } from "../../read-file.js";
import { commandUsage, commandUsageError, parseCommandArgs } from "../args.js";
import { collectAlloyFiles } from "../files.js";
import { colorFor, EXIT_FINDINGS, EXIT_OK, EXIT_USAGE, reportingUsageErrors, UsageError, type CliIO } from "../io.js";
import { IMPORT } from "../specs.js";
import { fileErrorMessage, writeFileAtomically } from "../write-file.js";

/**
 * `alloyc import PATH.alloy|DIR [-o OUT.ts | --out-dir DIR] [--check]` (flags and help in
 * specs.ts): Alloy in, TypeScript pipelines out, through the facade (src/import.ts, loaded only by
 * this command, with Prettier). A folder is one configuration (a module per file); `import.file`
 * modules are followed, relative to the file. Raw expressions and what the builders cannot write
 * back are listed on stderr with their place.
 *
 * Exit codes: 0 written (or --check: identical); 1 --check found a difference, or something could
 * not be imported exactly; 2 usage, I/O, or a file that does not parse.
 */
export async function runImport(args: readonly string[], io: CliIO): Promise<number> {
  return reportingUsageErrors(io, async () => {
    const parsed = parseCommandArgs(IMPORT, args);
    if (parsed.help) {
      io.stdout(commandUsage(IMPORT));
      return EXIT_OK;
    }
    const [path, extra] = parsed.positionals;
    if (path === undefined) throw commandUsageError(IMPORT, "which configuration? (a FILE.alloy or a folder)");
    if (extra !== undefined) throw commandUsageError(IMPORT, `one configuration at a time (got ${path} and ${extra})`);
    const output = parsed.values.get("output");
    const outDir = parsed.values.get("out-dir");
    const check = parsed.values.get("check") === true;
    const force = parsed.values.get("force") === true;
    const facade = await import("../../import.js");
    const abs = resolve(io.cwd, path);
    const isDir = await stat(abs).then((s) => s.isDirectory(), () => false);
    let result;
    try {
      if (isDir) {
        const found = await collectAlloyFiles([path], io.cwd);
        const problems = found.filter((f) => f.problem);
        for (const p of problems) io.stderr(`alloyc: ${p.problem}\n`);
        if (problems.length > 0) return EXIT_USAGE;
        const sources = await Promise.all(found.map(async (f) => ({ path: relative(abs, resolve(io.cwd, f.file)), source: await read(resolve(io.cwd, f.file), f.file) })));
        result = await facade.importAlloyFolder(sources);
      } else {
        const source = await read(abs, path);
        result = await facade.importAlloy(source, {
          filename: basename(path),
          readModule: (name) => read(resolve(dirname(abs), name), join(dirname(path), name)),
        });
      }
    } catch (e) {
      if (e instanceof facade.ImportError) {
        const located = e.diagnostics.map((diagnostic): Located => ({ file: e.source, diagnostic }));
        io.stderr(renderText(located, { color: colorFor(io, "stderr") }));
        return EXIT_USAGE;
      }
      throw e;
    }
    for (const r of result.raws) io.stderr(`${escapeControl(r.file)}:${r.line}:${r.column}: note: raw(...) for ${r.message} [import/raw]\n`);
    for (const u of result.unsupported) io.stderr(`${escapeControl(u.file)}:${u.line}:${u.column}: warning: ${u.message}; the TypeScript compiles to different text [import/inexact]\n`);
    if (result.rawCount > 0) io.stderr(`alloyc import: ${result.rawCount} raw expression${result.rawCount === 1 ? "" : "s"} in ${result.attributes} attributes\n`);

    if (check) {
      let differs = false;
      for (const c of await facade.checkImported(result)) {
        if (c.identical) io.stdout(`${c.module}: compiles back to the formatted input\n`);
        else {
          differs = true;
          io.stdout(`${c.module}: compiles back to different text\n${lineDiff(c.expected, c.actual)}`);
        }
      }
      return differs ? EXIT_FINDINGS : EXIT_OK;
    }

    const files = [...result.files];
    if (typeof outDir === "string") {
      const dir = resolve(io.cwd, outDir);
      await mkdir(dir, { recursive: true });
      for (const [name, text] of files) await write(join(dir, name), join(outDir, name), text, force);
    } else if (typeof output === "string") {
      const [main, ...others] = files;
      if (!main) return EXIT_OK;
      await write(resolve(io.cwd, output), output, main[1], force);
      // Modules go beside it, under the names the main module imports them by.
      for (const [name, text] of others) await write(resolve(io.cwd, dirname(output), name), join(dirname(output), name), text, force);
    } else {
      if (files.length > 1) throw new UsageError(`${path} imports as ${files.length} modules (${files.map(([n]) => n).join(", ")}): give --out-dir DIR`);
      io.stdout(files[0]?.[1] ?? "");
    }
    return result.unsupported.length > 0 ? EXIT_FINDINGS : EXIT_OK;
  });
}

async function read(path: string, shown: string): Promise<Uint8Array> {
  try {
    return await readRegularFile(path, { shown });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

async function write(path: string, shown: string, text: string, force: boolean): Promise<void> {
  try {
    await writeFileAtomically(path, text, { force });
  } catch (e) {
    throw new UsageError(`cannot write ${escapeControl(shown)}: ${e instanceof Error ? e.message : fileErrorMessage(e)}`);
  }
}

/** The lines that differ, with two lines of context: `-` expected (the formatted input), `+` compiled back. */
function lineDiff(expected: string, actual: string): string {
  const a = expected.split("\n");
  const b = actual.split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const from = Math.max(0, start - 2);
  let out = `--- formatted input\n+++ compiled back\n@@ -${from + 1} +${from + 1} @@\n`;
  for (let i = from; i < start; i++) out += ` ${a[i]}\n`;
  for (let i = start; i < endA; i++) out += `-${a[i]}\n`;
  for (let i = start; i < endB; i++) out += `+${b[i]}\n`;
  for (let i = endA; i < Math.min(a.length, endA + 2); i++) out += ` ${a[i]}\n`;
  return out;
}
