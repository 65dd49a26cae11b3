import { codes, type Code, type Severity } from "./codes.js";
import { compareLocated, toJson, type JsonDiagnostic, type JsonEdit, type Located, type SourceFile } from "./render.js";

/**
 * Where a code is documented, as a reference relative to the alloyc repository root for alloyc's
 * own rules (`src/check/rules/README.md#unknown-attribute`, the rule's section; GitHub's heading
 * anchors), and as Alloy's syntax reference for what Alloy's parser refuses (`parse/*`).
 */
export function codeDocs(code: Code): string {
  const [stage, rule] = code.split("/") as [string, string];
  if (stage === "check") return `src/check/rules/README.md#${rule}`;
  if (stage === "parse") return ALLOY_SYNTAX_DOCS;
  if (code === "lint/helm-tpl") return "src/yaml/README.md";
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
  // toJson sorts as compareLocated does (stably), so results[i] is sorted[i]'s.
  const sorted = [...items].sort(compareLocated);
  const results = toJson(sorted).map((r, i) => inUtf16((sorted[i] as Located).file, r));
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
        // SARIF's default column unit, stated: columns count UTF-16 code units here, not bytes.
        columnKind: "utf16CodeUnits",
        results: results.map((r) => result(r, index.get(r.code) ?? -1)),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}

/**
 * Byte column → UTF-16 column on one line of `file`: one unit for each character that starts in
 * the bytes before the column, two for a 4-byte one. Remembers where it stopped, so findings in
 * order along one long line cost one walk of it, not one each.
 */
class Utf16Columns {
  private line = 0;
  private byteColumn = 1;
  private unitColumn = 1;

  constructor(private readonly file: SourceFile) {}

  column(line: number, byteColumn: number): number {
    if (line !== this.line || byteColumn < this.byteColumn) {
      this.line = line;
      this.byteColumn = 1;
      this.unitColumn = 1;
    }
    const start = this.file.lines.lineStart(line) - 1;
    const bytes = this.file.bytes;
    for (let c = this.byteColumn; c < byteColumn; c++) {
      const b = bytes[start + c] ?? 0;
      if ((b & 0xc0) !== 0x80) this.unitColumn += b >= 0xf0 ? 2 : 1;
    }
    this.byteColumn = byteColumn;
    return this.unitColumn;
  }
}

/** Per file, one walker for starts, one for ends (each mostly in order), one for the rest. */
const columnsOf = new WeakMap<SourceFile, { starts: Utf16Columns; ends: Utf16Columns; other: Utf16Columns }>();

/** A finding's ranges in `file` (its own, its related spans', its edits') with UTF-16 columns. */
function inUtf16(file: SourceFile, r: JsonDiagnostic): JsonDiagnostic {
  let columns = columnsOf.get(file);
  if (!columns) columnsOf.set(file, (columns = { starts: new Utf16Columns(file), ends: new Utf16Columns(file), other: new Utf16Columns(file) }));
  const { starts, ends, other } = columns;
  const own = <T extends { line: number; column: number; endLine: number; endColumn: number }>(x: T): T => ({
    ...x,
    column: starts.column(x.line, x.column),
    endColumn: ends.column(x.endLine, x.endColumn),
  });
  const range = <T extends { line: number; column: number; endLine: number; endColumn: number }>(x: T): T => ({
    ...x,
    column: other.column(x.line, x.column),
    endColumn: other.column(x.endLine, x.endColumn),
  });
  return {
    ...own(r),
    ...(r.related
      ? {
          related: r.related.map((rel) =>
            rel.endLine !== undefined && rel.endColumn !== undefined ? range({ ...rel, endLine: rel.endLine, endColumn: rel.endColumn }) : rel,
          ),
        }
      : {}),
    ...(r.fixes ? { fixes: r.fixes.map((f) => ({ ...f, edits: f.edits.map(range) })) } : {}),
  };
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
