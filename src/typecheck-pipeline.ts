/**
 * `alloyc build --typecheck`: the TypeScript compiler's verdict on a pipeline, before it runs. The
 * compiler is the user's own (`typescript` resolved from the pipeline's folder, as their editor
 * and `tsc` find it), loaded only for this flag; the compiler options are those of the nearest
 * tsconfig.json, or strict NodeNext defaults without one. Findings come back as
 * `file:line:column`, code `ts/NNNN`, for the CLI to print like alloyc's own.
 */
import { createRequire } from "node:module";
import { dirname, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";

export interface TypeScriptFinding {
  /** Absolute path; line and column 1-based (column in UTF-16 code units, as the compiler counts); 0 when the finding has no file. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** `ts/2322`. */
  readonly code: string;
  readonly severity: "error" | "warning";
  readonly message: string;
}

/** `typescript` could not be found from the pipeline's folder. */
export class TypeScriptMissing extends Error {
  override readonly name = "TypeScriptMissing";
}

/** The part of the compiler API this uses (typed here: alloyc does not depend on typescript). */
interface TypeScriptApi {
  readonly sys: { fileExists(path: string): boolean; readFile(path: string): string | undefined };
  readonly DiagnosticCategory: { readonly Error: number; readonly Warning: number };
  readonly ScriptTarget: { readonly ES2022: number };
  readonly ModuleKind: { readonly NodeNext: number };
  readonly ModuleResolutionKind: { readonly NodeNext: number };
  findConfigFile(searchPath: string, fileExists: (path: string) => boolean): string | undefined;
  getParsedCommandLineOfConfigFile(path: string, extend: object, host: object): { readonly options: object; readonly errors: readonly TsDiagnostic[] } | undefined;
  createProgram(rootNames: readonly string[], options: object): object;
  getPreEmitDiagnostics(program: object): readonly TsDiagnostic[];
  flattenDiagnosticMessageText(text: unknown, newLine: string): string;
}

interface TsDiagnostic {
  readonly file?: { readonly fileName: string; getLineAndCharacterOfPosition(pos: number): { line: number; character: number } };
  readonly start?: number;
  readonly code: number;
  readonly category: number;
  readonly messageText: unknown;
}

/** Loads the user's `typescript`, from the pipeline's folder upwards. */
async function loadTypeScript(pipeline: string): Promise<TypeScriptApi> {
  let path: string;
  try {
    path = createRequire(pipeline).resolve("typescript");
  } catch {
    throw new TypeScriptMissing(`--typecheck needs the typescript package, and none is installed for ${pipeline}: install typescript (npm install --save-dev typescript)`);
  }
  const loaded = (await import(pathToFileURL(path).href)) as { default?: TypeScriptApi } & TypeScriptApi;
  return loaded.default ?? loaded;
}

/** Type-checks the pipeline (and what it imports) with the user's compiler; no output is written. */
export async function typecheckPipeline(pipeline: string): Promise<TypeScriptFinding[]> {
  const path = resolve(pipeline);
  const ts = await loadTypeScript(path);
  const configPath = ts.findConfigFile(dirname(path), (p) => ts.sys.fileExists(p));
  let options: object = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    skipLibCheck: true,
  };
  const found: TypeScriptFinding[] = [];
  if (configPath) {
    const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d: TsDiagnostic) => found.push(finding(ts, d, configPath)) };
    const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, host);
    if (parsed) {
      options = parsed.options;
      for (const d of parsed.errors) found.push(finding(ts, d, configPath));
    }
  }
  // Nothing is emitted; .ts imports (allowed by tsx and by alloyc's loader) type-check as written.
  const program = ts.createProgram([path], { ...options, noEmit: true, allowImportingTsExtensions: true });
  for (const d of ts.getPreEmitDiagnostics(program)) {
    if (d.category !== ts.DiagnosticCategory.Error && d.category !== ts.DiagnosticCategory.Warning) continue;
    // Declarations of installed packages are theirs to fix, not the pipeline's.
    if (d.file && d.file.fileName.split(/[\\/]/).includes("node_modules")) continue;
    found.push(finding(ts, d, path));
  }
  return found;
}

function finding(ts: TypeScriptApi, d: TsDiagnostic, fallback: string): TypeScriptFinding {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
  const severity = d.category === ts.DiagnosticCategory.Warning ? "warning" : "error";
  const code = `ts/${d.code}`;
  if (!d.file || d.start === undefined) return { file: fallback, line: 0, column: 0, code, severity, message };
  const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
  return { file: d.file.fileName.split("/").join(sep), line: line + 1, column: character + 1, code, severity, message };
}
