import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { catalog } from "../../src/schema/catalog.js";
import { legacyComponent, legacyComponents } from "../../src/schema/legacy.js";
import { sharedDir } from "./helpers.js";

/**
 * Every component name used in ../shared/corpus/real resolves in the catalog, or is listed with
 * its status. The real parser is written elsewhere, so a small scanner finds statements: lines
 * like `name "label" {` at the top level or directly inside a `declare` / `template` body
 * (strings and comments are skipped so braces in them do not count).
 */

const corpusDir = path.join(sharedDir, "corpus", "real");
const haveCorpus = existsSync(corpusDir);
if (!haveCorpus) console.log(`SKIP corpus component names: ${corpusDir} is absent (tests read ../shared in place)`);

const HEADER = /^\s*([a-z_][\w.]*)\s+"([^"]*)"\s*\{/;
const BLOCK_OPEN = /^\s*([A-Za-z_][\w.]*)\s*(?:"[^"]*"\s*)?$/;
/** Blocks whose body is a nested configuration: statements inside them are components too. */
const CONFIG_BODIES = new Set(["declare", "template"]);

interface Statement {
  readonly name: string;
  readonly label: string;
}

/** Labelled block statements at configuration level. */
function statements(text: string): Statement[] {
  const out: Statement[] = [];
  const stack: string[] = [];
  let lineStart = 0;
  let inBlockComment = false;
  let i = 0;
  const atConfigLevel = (): boolean => stack.every((s) => CONFIG_BODIES.has(s));
  const startLine = (at: number): void => {
    lineStart = at;
    if (inBlockComment || !atConfigLevel()) return;
    const end = text.indexOf("\n", at);
    const m = HEADER.exec(text.slice(at, end < 0 ? undefined : end));
    if (m) out.push({ name: m[1]!, label: m[2]! });
  };
  startLine(0);
  while (i < text.length) {
    const c = text[i]!;
    if (inBlockComment) {
      if (c === "*" && text[i + 1] === "/") {
        inBlockComment = false;
        i += 2;
        continue;
      }
    } else if (c === "/" && text[i + 1] === "*") {
      inBlockComment = true;
      i += 2;
      continue;
    } else if (c === "/" && text[i + 1] === "/") {
      while (i < text.length && text[i] !== "\n") i++;
      continue;
    } else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"' && text[i] !== "\n"; i++) if (text[i] === "\\") i++;
    } else if (c === "`") {
      for (i++; i < text.length && text[i] !== "`"; i++) if (text[i] === "\n") lineStart = i + 1;
    } else if (c === "{") {
      stack.push(BLOCK_OPEN.exec(text.slice(lineStart, i))?.[1] ?? "{expr}");
    } else if (c === "}") {
      stack.pop();
    }
    i++;
    if (c === "\n") startLine(i);
  }
  return out;
}

function alloyFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? alloyFiles(path.join(dir, d.name)) : d.name.endsWith(".alloy") ? [path.join(dir, d.name)] : [],
  );
}

type Status = "catalog" | "catalog (removed)" | "legacy" | "declared" | "imported" | "custom, unresolved" | "unknown";

describe.skipIf(!haveCorpus)("component names in the real corpus", () => {
  it("resolve in the catalog, or are listed with their status", () => {
    const builtinNamespaces = new Set(
      [...catalog.names(), ...legacyComponents.map((c) => c.name)].map((n) => n.split(".")[0]!),
    );
    const uses = new Map<string, { status: Status; files: Set<string> }>();
    let fileCount = 0;
    // Alloy loads a directory of files as one configuration, so declarations and imports are
    // looked up across each repository's files.
    for (const repo of readdirSync(corpusDir).sort()) {
      const files = alloyFiles(path.join(corpusDir, repo));
      fileCount += files.length;
      const parsed = files.map((f) => ({ file: path.relative(corpusDir, f), stmts: statements(readFileSync(f, "utf8")) }));
      const all = parsed.flatMap((p) => p.stmts);
      const declared = new Set(all.filter((s) => s.name === "declare").map((s) => s.label));
      const imported = new Set(all.filter((s) => s.name.startsWith("import.")).map((s) => s.label));
      for (const { file, stmts } of parsed) {
        for (const { name } of stmts) {
          let status: Status;
          if (catalog.has(name)) status = catalog.info(name)?.removed ? "catalog (removed)" : "catalog";
          else if (legacyComponent(name)) status = "legacy";
          else if (declared.has(name)) status = "declared";
          else if (name.includes(".") && imported.has(name.split(".")[0]!)) status = "imported";
          else if (builtinNamespaces.has(name.split(".")[0]!)) status = "unknown";
          else status = "custom, unresolved";
          const u = uses.get(name) ?? { status, files: new Set<string>() };
          u.files.add(file);
          uses.set(name, u);
        }
      }
    }
    const byStatus = (s: Status): string[] => [...uses].filter(([, u]) => u.status === s).map(([n]) => n).sort();
    const line = (n: string): string => {
      const u = uses.get(n)!;
      const l = legacyComponent(n);
      const why = l ? `${l.status} in Alloy; use ${l.replacement}` : u.status;
      return `  ${n}: ${why} (${u.files.size} file${u.files.size === 1 ? "" : "s"}, e.g. ${[...u.files][0]})`;
    };
    const report = [
      `corpus: ${fileCount} files, ${uses.size} distinct component names`,
      ...(["catalog", "catalog (removed)", "legacy", "declared", "imported", "custom, unresolved", "unknown"] as const).map(
        (s) => `  ${s}: ${byStatus(s).length}`,
      ),
      "names that do not resolve to a current catalog entry:",
      ...[...byStatus("catalog (removed)"), ...byStatus("legacy"), ...byStatus("custom, unresolved"), ...byStatus("unknown")].map(line),
    ];
    console.log(report.join("\n"));
    // A name in a built-in namespace (loki., otelcol., module., ...) that is neither in the
    // catalog nor in src/schema/legacy.ts needs a legacy entry (or is a catalog gap).
    expect(byStatus("unknown")).toEqual([]);
    expect(byStatus("catalog").length).toBeGreaterThan(100);
  });
});

describe("legacy component names", () => {
  it("the legacy table names only components that are gone from the catalog", () => {
    for (const c of legacyComponents) {
      const info = catalog.info(c.name);
      expect(info === undefined || info.removed === true, c.name).toBe(true);
      expect(catalog.has(c.replacement), `${c.name} → ${c.replacement}`).toBe(true);
    }
  });
});
