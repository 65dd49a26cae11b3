import { walk, blockName, type File } from "../ast/index.js";
import type { Diagnostic } from "../diag/index.js";
import type { Stability } from "../schema/spec.js";
import { analyze, type ImportResolver, type SourceInput } from "./analyze.js";
import { literalString } from "./values.js";
import { loadCatalog, sharedCatalog, type Catalog } from "./catalog.js";
import { Collector, type FileDiagnostic, type Rule, type RuleContext } from "./context.js";
import { rules as allRules } from "./rules/index.js";

export interface CheckOptions {
  /** The file's name as diagnostics should print it (`block x already declared at NAME:1:1`). */
  readonly filename?: string;
  /** Defaults to the shared catalog: whatever `loadCatalog` has loaded in this process. */
  readonly catalog?: Catalog;
  /** Reads `import.file` modules, so their components are checked against their declares. */
  readonly resolveImport?: ImportResolver;
  /**
   * The minimum stability level Alloy will run with. Unset: non-GA features are reported as
   * information naming the flag. Set: features below it are errors, as `alloy validate` says.
   */
  readonly stabilityLevel?: Stability;
  /** `--feature.community-components.enabled` (false by default when a level is given). */
  readonly communityComponents?: boolean;
  /** Run only these rules (by id, the file name under rules/); all by default. */
  readonly rules?: readonly string[];
}

/**
 * Checks one Alloy file, parsed or built, against the component catalog. Synchronous: the
 * catalog namespaces the file uses must be loaded first (`await loadCatalogFor([file])`);
 * blocks whose namespace is not loaded are known by name only and their bodies go unchecked.
 * Diagnostics come in `alloy validate`'s order.
 */
export function check(file: File, options: CheckOptions = {}): Diagnostic[] {
  return checkConfig([{ file, filename: options.filename ?? "<input>" }], options).map((d) => d.diagnostic);
}

/**
 * Checks a configuration made of several files, as Alloy runs a directory: the files' blocks
 * form one scope (references and duplicates cross files). Each diagnostic names its file.
 */
export function checkConfig(files: readonly SourceInput[], options: Omit<CheckOptions, "filename"> = {}): Array<FileDiagnostic & { readonly filename: string }> {
  const catalog = options.catalog ?? sharedCatalog;
  const analysis = analyze(files, {
    catalog,
    ...(options.resolveImport ? { resolveImport: options.resolveImport } : {}),
    ...(options.stabilityLevel ? { stabilityLevel: options.stabilityLevel } : {}),
    ...(options.communityComponents !== undefined ? { communityComponents: options.communityComponents } : {}),
  });
  const collector = new Collector(analysis.root);
  const selected: Rule[] = options.rules
    ? options.rules.map((id) => {
        const rule = allRules[id];
        if (!rule) throw new Error(`unknown rule ${JSON.stringify(id)}`);
        return rule;
      })
    : Object.values(allRules);
  for (const rule of selected) {
    const ctx: RuleContext = {
      catalog,
      stabilityLevel: options.stabilityLevel,
      analysis,
      report: (r) => collector.add(rule.meta, r),
    };
    rule.check(ctx);
  }
  return collector.sorted().map((d) => ({ ...d, filename: (files[d.file] as SourceInput).filename }));
}

/** Every dotted block name in the files: what `loadCatalog` needs to load for them. */
function blockNamesIn(files: readonly File[]): Set<string> {
  const names = new Set<string>();
  for (const file of files) {
    walk(file, (node) => {
      if (node.kind === "Block") names.add(blockName(node));
      return node.kind === "File" || node.kind === "Block";
    });
  }
  return names;
}

/** Loads the catalog namespaces the files use (imported modules included, if given). */
export function loadCatalogFor(files: readonly File[]): Promise<Catalog> {
  return loadCatalog(blockNamesIn(files));
}

export { loadCatalog, sharedCatalog, type Catalog } from "./catalog.js";
export type { ImportResolver, ResolvedImport, SourceInput } from "./analyze.js";
export { rules } from "./rules/index.js";
export { applySuppressions } from "./suppress.js";
export type { FileDiagnostic, Rule, RuleMeta, RuleContext } from "./context.js";

/** The `filename` of every `import.file` block written as a string literal, at any depth. */
export function importFilePaths(file: File): string[] {
  const out: string[] = [];
  walk(file, (node) => {
    if (node.kind === "Block" && blockName(node) === "import.file") {
      const path = literalString(node, "filename");
      if (path !== undefined) out.push(path);
    }
    return node.kind === "File" || node.kind === "Block";
  });
  return out;
}
