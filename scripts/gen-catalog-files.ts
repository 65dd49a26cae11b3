/**
 * The small generated files: the synchronous catalog index and the loaders of the per-module
 * files, the catalog's Alloy version, the capsule kinds, and the standard library.
 */
import type { EntrySpec, StdlibNamespaceSpec, StdlibSpec } from "../src/schema/spec.js";
import { moduleFileName, moduleOf, type RawCatalog } from "./gen-catalog-model.js";
import { BANNER, IND, key, str, TypeTable } from "./gen-catalog-text.js";

/**
 * The Alloy release line the catalog's commit belongs to. components.json names the commit but
 * not the line, so it is pinned here together with the commit: the generator stops when the data
 * moves to another commit, so that this line is looked at again.
 */
export const ALLOY_SOURCE = {
  commit: "66ebea856dffb242f921775e9552a133f60dc5c1",
  ref: "main",
  line: "v1.19",
} as const;

export function emitVersion(catalog: RawCatalog): string {
  const g = catalog.generated_from;
  if (g.commit !== ALLOY_SOURCE.commit) {
    throw new Error(
      `components.json describes ${g.commit}, but scripts/gen-catalog-files.ts pins ${ALLOY_SOURCE.commit}: ` +
        "update ALLOY_SOURCE (commit and release line) after checking which Alloy release the new commit belongs to",
    );
  }
  const date = g.commit_date.slice(0, 10);
  const short = g.commit.slice(0, 12);
  return [
    BANNER,
    "// Imports nothing, so `alloyc --version` stays cheap.",
    "",
    "/** The Grafana Alloy source the component catalog describes. */",
    "export const alloyCatalogSource = {",
    `${IND}repository: ${str(g.repository)},`,
    `${IND}ref: ${str(ALLOY_SOURCE.ref)},`,
    `${IND}commit: ${str(g.commit)},`,
    `${IND}commitDate: ${str(g.commit_date)},`,
    `${IND}/** The release line that commit belongs to. */`,
    `${IND}line: ${str(ALLOY_SOURCE.line)},`,
    "} as const;",
    "",
    "/** For `alloyc --version`: the Alloy version the catalog describes, as a phrase. */",
    `export const alloyCatalogVersion = ${str(`Alloy ${ALLOY_SOURCE.line} line (grafana/alloy ${ALLOY_SOURCE.ref} ${short}, ${date})`)};`,
    "",
    "/** The same, short, to print after \"Alloy \". */",
    `export const alloyVersion = ${str(`${ALLOY_SOURCE.line}, ${ALLOY_SOURCE.ref}@${short} ${date}`)};`,
    "",
  ].join("\n");
}

/** `loki.gen.ts` → `./<dir>/loki.gen.js`, a loader of each module's file in `dir`. */
function loaders(modules: readonly string[], dir: string): string[] {
  return modules.map((m) => `${IND}${str(m)}: () => import(${str(`./${dir}/${moduleFileName(m).replace(/\.ts$/, ".js")}`)}),`);
}

/**
 * entry-index.gen.ts: names and facts, and loaders of the plain-data specs: the catalog as
 * src/schema/catalog.ts serves it (the checker loads the spec modules it needs through these).
 */
export function emitEntryIndex(entries: readonly EntrySpec[]): string {
  const modules = [...new Set(entries.map(moduleOf))].sort();
  const rows = entries.map((e) => {
    const parts = [
      `kind: ${str(e.kind)}`,
      `stability: ${e.stability === null ? "null" : str(e.stability)}`,
      `docs: ${str(e.docs)}`,
      `labeled: ${e.labeled}`,
      ...(e.community ? ["community: true"] : []),
      ...(e.removed ? ["removed: true"] : []),
      `module: ${str(moduleOf(e))}`,
    ];
    return `${IND}${str(e.name)}: { ${parts.join(", ")} },`;
  });
  return [
    BANNER,
    "// The synchronous catalog index: names and facts, and loaders of the plain-data specs.",
    "",
    `import type { EntryInfo } from "./spec.js";`,
    "",
    `/** Every component and config block (${entries.length}), in components.json order. */`,
    "export const entryIndex = {",
    ...rows,
    "} as const satisfies Readonly<Record<string, EntryInfo>>;",
    "",
    "export type EntryName = keyof typeof entryIndex;",
    "export type ModuleName = (typeof entryIndex)[EntryName][\"module\"];",
    "",
    "/** Imports the generated module that holds a namespace's specs (plain data). */",
    "export const specLoaders = {",
    ...loaders(modules, "specs"),
    "} as const satisfies Readonly<Record<ModuleName, () => Promise<unknown>>>;",
    "",
  ].join("\n");
}

export function emitCapsuleKinds(catalog: RawCatalog): string {
  const kinds = Object.keys(catalog.capsule_types).sort();
  const list = (xs: readonly string[]): string => `[${xs.map(str).join(", ")}]`;
  return [
    BANNER,
    "",
    "/** Alloy's capsule types, by the names components.json uses (`capsule(NAME)`). */",
    `export const capsuleKinds = [${kinds.map(str).join(", ")}] as const;`,
    "",
    "export type CapsuleKind = (typeof capsuleKinds)[number];",
    "",
    "/** Which components export each capsule kind, and which accept it somewhere in their arguments. */",
    "export const capsuleUse: Readonly<",
    `${IND}Record<CapsuleKind, { readonly exportedBy: readonly string[]; readonly acceptedBy: readonly string[] }>`,
    "> = {",
    ...kinds.flatMap((k) => {
      const c = catalog.capsule_types[k]!;
      return [
        `${IND}${str(k)}: {`,
        `${IND}${IND}exportedBy: ${list(c.exported_by)},`,
        `${IND}${IND}acceptedBy: ${list(c.accepted_by)},`,
        `${IND}},`,
      ];
    }),
    "};",
    "",
  ].join("\n");
}

export function emitStdlib(
  functions: readonly StdlibSpec[],
  namespaces: readonly StdlibNamespaceSpec[],
  aliases: Readonly<Record<string, string>>,
): string {
  const types = new TypeTable();
  const rows = functions.map((f) => {
    const parts = [
      `name: ${str(f.name)}`,
      `namespace: ${f.namespace === null ? "null" : str(f.namespace)}`,
      `kind: ${str(f.kind)}`,
      ...(f.params
        ? [
            `params: [${f.params
              .map((p) => `{ name: ${str(p.name)}, type: ${types.ref(p.type)}${p.optional ? ", optional: true" : ""} }`)
              .join(", ")}]`,
          ]
        : []),
      ...(f.variadic !== undefined ? [`variadic: ${f.variadic}`] : []),
      `returns: ${types.ref(f.returns)}`,
      ...(f.deprecated ? ["deprecated: true"] : []),
      ...(f.replacement !== undefined ? [`replacement: ${str(f.replacement)}`] : []),
      ...(f.experimental ? ["experimental: true"] : []),
      `docs: ${str(f.docs)}`,
    ];
    return `${IND}{\n${parts.map((p) => `${IND}${IND}${p},`).join("\n")}\n${IND}},`;
  });
  return [
    BANNER,
    "",
    `import type { StdlibNamespaceSpec, StdlibSpec } from "./spec.js";`,
    `import type { AlloyType } from "./types.js";`,
    "",
    ...types.decls,
    "",
    `/** Every standard-library function and constant (${functions.length}), deprecated aliases included. */`,
    "export const stdlibFunctions: readonly StdlibSpec[] = [",
    ...rows,
    "];",
    "",
    "export const stdlibNamespaces: readonly StdlibNamespaceSpec[] = [",
    ...namespaces.map(
      (n) => `${IND}{ name: ${str(n.name)}, kind: ${str(n.kind)}, members: [${n.members.map(str).join(", ")}] },`,
    ),
    "];",
    "",
    "/** Each deprecated pre-namespace name and the function that replaces it. */",
    "export const deprecatedStdlibAliases: Readonly<Record<string, string>> = {",
    ...Object.keys(aliases)
      .sort()
      .map((k) => `${IND}${key(k)}: ${str(aliases[k]!)},`),
    "};",
    "",
  ].join("\n");
}
