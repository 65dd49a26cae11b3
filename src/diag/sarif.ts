import { codes, type Code, type Severity } from "./codes.js";
import { toJson, type JsonDiagnostic, type JsonEdit, type Located } from "./render.js";

/**
 * Where a code is documented, as a reference relative to the alloyc repository root for alloyc's
 * own rules (`src/check/rules/README.md#unknown-attribute`, the rule's section; GitHub's heading
 * anchors), and as Alloy's syntax reference for what Alloy's parser refuses (`parse/*`).
 */
export function codeDocs(code: Code): string {
  const [stage, rule] = code.split("/") as [string, string];
  if (stage === "check") return `src/check/rules/README.md#${rule}`;
  if (stage === "parse") return ALLOY_SYNTAX_DOCS;
  return "src/cli/README.md";
}

const ALLOY_SYNTAX_DOCS = "https://grafana.com/docs/alloy/latest/get-started/syntax/";

/** `unknown-attribute` → `UnknownAttribute`: SARIF's rule `name`, an identifier a person reads. */
function ruleName(code: Code): string {
  const rule = code.split("/")[1] ?? code;
  return rule.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}

const LEVEL: Readonly<Record<Severity, string>> = { error: "error", warning: "warning", info: "note" };

export interface SarifOptions {
  /**
   * An absolute URL the repository-relative docs references are resolved against (the alloyc
   * repository's tree, ending in `/`). Without it `helpUri` is the repository-relative reference.
   */
  readonly docsBase?: string;
}

/**
 * SARIF 2.1.0, one run for code-scanning upload. `tool.driver.rules` lists every code of the
 * registry (so a rule's index is the same in every run), each with its description and docs link;
 * each result points at its rule by `ruleIndex`, and carries related locations and fixes.
 */
export function renderSarif(items: readonly Located[], toolVersion: string, options: SarifOptions = {}): string {
  const results = toJson(items);
  const ruleIds = (Object.keys(codes) as Code[]).sort();
  const index = new Map(ruleIds.map((id, i) => [id as string, i]));
  const helpUri = (code: Code): string => {
    const docs = codeDocs(code);
    return options.docsBase !== undefined && !/^[a-z][a-z0-9+.-]*:/i.test(docs) ? new URL(docs, options.docsBase).href : docs;
  };
  const sarif = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "alloyc",
            version: toolVersion,
            ...(options.docsBase !== undefined ? { informationUri: new URL(options.docsBase).href } : {}),
            rules: ruleIds.map((id) => ({
              id,
              name: ruleName(id),
              shortDescription: { text: codes[id].description },
              fullDescription: { text: `${codes[id].description} Reported as ${codes[id].severity === "info" ? "information" : `an ${codes[id].severity}`} unless overridden; see ${codeDocs(id)}.` },
              helpUri: helpUri(id),
              defaultConfiguration: { level: LEVEL[codes[id].severity] },
            })),
          },
        },
        results: results.map((r) => result(r, index.get(r.code) ?? -1)),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}

function result(r: JsonDiagnostic, ruleIndex: number): object {
  const text = r.help === undefined ? r.message : `${r.message}\nhelp: ${r.help}`;
  return {
    ruleId: r.code,
    ruleIndex,
    level: LEVEL[r.severity as Severity] ?? "warning",
    message: { text },
    locations: [location(r.file, r)],
    ...(r.related
      ? {
          relatedLocations: r.related.map((rel, id) => ({
            id,
            ...location(rel.file, { line: rel.line, column: rel.column, ...(rel.endLine !== undefined ? { endLine: rel.endLine, endColumn: rel.endColumn } : {}) }),
            message: { text: rel.message },
          })),
        }
      : {}),
    ...(r.fixes
      ? {
          fixes: r.fixes.map((f) => ({
            description: { text: f.description },
            artifactChanges: byFile(f.edits).map(([file, edits]) => ({
              artifactLocation: { uri: fileUri(file) },
              replacements: edits.map((e) => ({
                deletedRegion: { startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn },
                insertedContent: { text: e.newText },
              })),
            })),
          })),
        }
      : {}),
  };
}

function location(file: string, at: { line: number; column: number; endLine?: number | undefined; endColumn?: number | undefined }): { physicalLocation: object } {
  const region = at.endLine !== undefined ? { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn } : { startLine: at.line, startColumn: at.column };
  return { physicalLocation: { artifactLocation: { uri: fileUri(file) }, region } };
}

function byFile(edits: readonly JsonEdit[]): Array<[string, JsonEdit[]]> {
  const out = new Map<string, JsonEdit[]>();
  for (const e of edits) out.set(e.file, [...(out.get(e.file) ?? []), e]);
  return [...out];
}

/**
 * A file name as a SARIF `uri` (RFC 3986): each path segment percent-encoded (space, `%`, `#`,
 * `?`, non-ASCII as UTF-8 bytes), `/` kept; an absolute path becomes a `file://` URI, a relative
 * one stays a relative reference (to the folder lint ran in).
 */
export function fileUri(name: string): string {
  // A lone surrogate cannot be encoded as UTF-8; it is what UTF-8 output makes of it, U+FFFD.
  const wellFormed = name.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "\ufffd");
  const path = wellFormed.split("/").map(encodeURIComponent).join("/");
  return wellFormed.startsWith("/") ? `file://${path}` : path;
}
