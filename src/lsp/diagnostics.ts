/**
 * alloyc's findings as LSP diagnostics: the same code, severity and message as `alloyc lint`
 * (its help on the lines below), the span converted to the negotiated encoding, related
 * locations in the same file, and the finding's fixes kept in `data` for code actions.
 */
import { codeDocs, type Diagnostic, type Fix } from "../diag/index.js";
import type { LspRange, PositionMap } from "./positions.js";

export interface LspTextEdit {
  readonly range: LspRange;
  readonly newText: string;
}

export interface LspFix {
  readonly title: string;
  readonly edits: readonly LspTextEdit[];
}

export interface LspDiagnostic {
  readonly range: LspRange;
  readonly severity: 1 | 2 | 3;
  readonly code: string;
  readonly codeDescription?: { readonly href: string };
  readonly source: "alloyc";
  readonly message: string;
  readonly relatedInformation?: ReadonlyArray<{ readonly location: { readonly uri: string; readonly range: LspRange }; readonly message: string }>;
  readonly data?: { readonly fixes: readonly LspFix[] };
}

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;

/** What lint's text output says of a finding: its message, then its help. */
export function messageOf(d: Diagnostic): string {
  return d.help === undefined ? d.message : `${d.message}\n${d.help}`;
}

export function toLspFixes(fixes: readonly Fix[] | undefined, positions: PositionMap): LspFix[] {
  return (fixes ?? []).map((f) => ({ title: f.description, edits: f.edits.map((e) => ({ range: positions.range(e.span.start, e.span.end), newText: e.newText })) }));
}

export function toLspDiagnostic(d: Diagnostic, uri: string, positions: PositionMap): LspDiagnostic {
  const docs = codeDocs(d.code);
  const related = (d.related ?? []).map((r) =>
    "span" in r
      ? { location: { uri, range: positions.range(r.span.start, r.span.end) }, message: r.message }
      : { location: { uri: r.file, range: { start: { line: r.line - 1, character: r.column - 1 }, end: { line: r.line - 1, character: r.column - 1 } } }, message: r.message },
  );
  const fixes = toLspFixes(d.fixes, positions);
  return {
    range: positions.range(d.span.start, d.span.end),
    severity: SEVERITY[d.severity],
    code: d.code,
    ...(docs.startsWith("https://") ? { codeDescription: { href: docs } } : {}),
    source: "alloyc",
    message: messageOf(d),
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    ...(fixes.length > 0 ? { data: { fixes } } : {}),
  };
}
