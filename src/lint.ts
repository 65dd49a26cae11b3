/**
 * Linting one configuration (the facade's `lint`): parse its files, read the modules their
 * `import.file` blocks name, load the catalog namespaces all of them use, and check them together,
 * the way Alloy runs the files of a folder. It spans parse and check, so it lives in the facade:
 * `alloyc lint` reads the files and prints what this returns (later the language server too).
 */
import { dirname, resolve } from "node:path";
import type { File } from "./ast/index.js";
import { catalogForVersion } from "./check/catalog-version.js";
import { applySuppressions, checkConfig, importFilePaths, loadCatalogFor, type ResolvedImport } from "./check/index.js";
import type { Code, Diagnostic, Located, Severity, SourceFile } from "./diag/index.js";
import { withEscapeHelp } from "./escape-help.js";
import { parseFile } from "./parse/index.js";
import { ReadError, readRegularFile } from "./read-file.js";
import type { Stability } from "./schema/spec.js";
import type { AlloyVersion } from "./schema/versions.js";

/** One file of a configuration: its name as it is shown (a path, or `<stdin>`) and its bytes. */
export interface LintSource {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface LintOptions {
  /** As Alloy's --stability.level: when given, features below it are errors. */
  readonly stabilityLevel?: Stability;
  /**
   * The Alloy release the configuration will run on (`--alloy-version`): checked against that
   * release's catalog. The current line by default.
   */
  readonly alloyVersion?: AlloyVersion;
  /** As Alloy's --feature.community-components.enabled. */
  readonly communityComponents?: boolean;
  /** The folder relative names (and the modules of `<stdin>`) resolve from; process.cwd() by default. */
  readonly cwd?: string;
  /**
   * Reads an `import.file` module by absolute path; throws when it cannot. By default the one read
   * path (src/read-file.ts): regular files only, at most `maxFileSize` bytes, without blocking.
   */
  readonly readModule?: (path: string) => Uint8Array | Promise<Uint8Array>;
  /** The size limit of the default readModule (64 MB by default). */
  readonly maxFileSize?: number;
  /**
   * Told of each module that exists but cannot be read (not a regular file, too large, permission
   * denied), with `cannot read PATH: REASON` and the file whose import.file names it. A module that
   * does not exist, or is a folder, is not reported here (only as check/import-unresolved): Alloy
   * resolves it where it runs, and imports a folder's files.
   */
  readonly onReadError?: (message: string, importedFrom: string) => void;
  /**
   * Severity overrides by code (`alloyc lint --rule CODE=LEVEL`): "off" drops the code's findings.
   * Applied after suppression comments, so a suppressed finding's comment counts as used even
   * when its code is off. Syntax errors are never overridden: a file that does not parse is not
   * checked at all.
   */
  readonly severities?: ReadonlyMap<Code, Severity | "off">;
}

/** At most this many modules are read for one configuration (a guard against generated cycles of paths). */
const MAX_MODULES = 1000;

/**
 * Every finding about one configuration, each with its file: the syntax errors if any file does
 * not parse (like Alloy, nothing else then: a broken configuration cannot be resolved), else
 * the checker's findings. Modules that cannot be read or do not parse are checked by namespace only.
 */
export async function lint(sources: readonly LintSource[], options: LintOptions = {}): Promise<Located[]> {
  const cwd = options.cwd ?? process.cwd();
  const parsed = sources.map((input) => ({ input, ...parseFile(input.bytes, input.name) }));
  const syntax = parsed.flatMap((p) => withEscapeHelp(p.file, p.input.bytes, p.diagnostics).map((diagnostic): Located => ({ file: p.source, diagnostic })));
  if (syntax.length > 0) return syntax;
  const files = parsed.map((p) => ({ file: p.file, filename: p.input.name }));
  const read = options.readModule ?? ((path: string) => readRegularFile(path, options.maxFileSize === undefined ? {} : { maxBytes: options.maxFileSize }));
  const modules = await readModules(files, cwd, read, options.onReadError);
  const loaded = await loadCatalogFor([...files.map((f) => f.file), ...[...modules.values()].flatMap((m) => (m ? [m.file] : []))]);
  const findings = checkConfig(files, {
    ...(options.alloyVersion !== undefined ? { catalog: await catalogForVersion(loaded, options.alloyVersion) } : {}),
    resolveImport: (path, from) => modules.get(moduleKey(path, from, cwd)),
    ...(options.stabilityLevel ? { stabilityLevel: options.stabilityLevel } : {}),
    ...(options.communityComponents !== undefined ? { communityComponents: options.communityComponents } : {}),
  });
  // Suppression comments are per file. The checker's order (alloy validate's, across files) is
  // kept; each file's unused suppressions come after all the findings.
  const byFile = parsed.map((): Diagnostic[] => []);
  for (const d of findings) byFile[d.file]?.push(d.diagnostic);
  const kept = new Set<Diagnostic>();
  const unused: Located[] = [];
  for (const [i, p] of parsed.entries()) {
    const mine = byFile[i] ?? [];
    const original = new Set(mine);
    for (const d of applySuppressions(p.file, p.input.bytes, mine)) {
      if (original.has(d)) kept.add(d);
      else unused.push({ file: p.source, diagnostic: d });
    }
  }
  const out: Located[] = [];
  const add = (file: SourceFile, d: Diagnostic): void => {
    const diagnostic = overridden(d, options.severities);
    if (diagnostic) out.push({ file, diagnostic });
  };
  for (const d of findings) if (kept.has(d.diagnostic)) add((parsed[d.file] as (typeof parsed)[number]).source, d.diagnostic);
  for (const u of unused) add(u.file, u.diagnostic);
  return out;
}

/** `d` at the severity the caller asks for its code; undefined when the code is off (lint's and the YAML lint's). */
export function overridden(d: Diagnostic, severities: LintOptions["severities"]): Diagnostic | undefined {
  const level = severities?.get(d.code);
  if (level === undefined || level === d.severity) return d;
  return level === "off" ? undefined : { ...d, severity: level };
}

const QUIET_REASONS = new Set(["no such file or directory", "is a directory"]);

/** A module's absolute path: relative to the importing file's folder (to cwd for `<stdin>`). */
function moduleKey(path: string, from: string, cwd: string): string {
  const base = from === "<stdin>" ? cwd : dirname(resolve(cwd, from));
  return resolve(base, path);
}

/**
 * Reads the modules that `import.file` blocks name (relative to the importing file, transitively),
 * before checking: the checker is synchronous and the catalog must cover their blocks too. A
 * module that cannot be read or does not parse maps to undefined.
 */
async function readModules(
  files: ReadonlyArray<{ file: File; filename: string }>,
  cwd: string,
  read: (path: string) => Uint8Array | Promise<Uint8Array>,
  onReadError: LintOptions["onReadError"],
): Promise<Map<string, ResolvedImport | undefined>> {
  const modules = new Map<string, ResolvedImport | undefined>();
  const queue = files.flatMap((f) => importFilePaths(f.file).map((path) => ({ path, from: f.filename })));
  while (queue.length > 0 && modules.size < MAX_MODULES) {
    const { path, from } = queue.shift() as { path: string; from: string };
    const key = moduleKey(path, from, cwd);
    if (modules.has(key)) continue;
    let resolved: ResolvedImport | undefined;
    try {
      const { file, diagnostics } = parseFile(await read(key), key);
      if (diagnostics.length === 0) resolved = { file, filename: key };
    } catch (e) {
      // A missing file: Alloy resolves it where it runs; a folder: Alloy imports its files, which
      // lint does not follow yet (both stay check/import-unresolved). Anything else is worth saying.
      if (e instanceof ReadError && !QUIET_REASONS.has(e.reason)) onReadError?.(e.message, from);
      resolved = undefined;
    }
    modules.set(key, resolved);
    if (resolved) for (const p of importFilePaths(resolved.file)) queue.push({ path: p, from: key });
  }
  return modules;
}

/** A finding of a run against several Alloy releases, with the releases it applies to. */
export interface VersionedLocated extends Located {
  readonly versions: readonly AlloyVersion[];
}

/**
 * Runs one check per Alloy release (`run(version)`, for example `lint` with `alloyVersion`) and
 * reports each finding once, with the releases that find it, as a note on the finding too
 * ("in Alloy 1.12, 1.16 of 1.12, 1.16, 1.19"). Findings are the same when file, code, severity,
 * span and message are.
 */
export async function acrossVersions(versions: readonly AlloyVersion[], run: (version: AlloyVersion) => Promise<readonly Located[]>): Promise<VersionedLocated[]> {
  const merged = new Map<string, { located: Located; versions: AlloyVersion[] }>();
  for (const v of versions) {
    for (const located of await run(v)) {
      const d = located.diagnostic;
      const key = [located.file.name, d.code, d.severity, d.span.start, d.span.end, d.message].join("\0");
      const seen = merged.get(key);
      if (seen) seen.versions.push(v);
      else merged.set(key, { located, versions: [v] });
    }
  }
  const all = versions.join(", ");
  return [...merged.values()].map(({ located, versions: found }) => {
    if (versions.length === 1) return { ...located, versions: found };
    const d = located.diagnostic;
    const note = { message: `in Alloy ${found.join(", ")} (checked: ${all})`, span: d.span };
    return { file: located.file, diagnostic: { ...d, related: [...(d.related ?? []), note] }, versions: found };
  });
}
