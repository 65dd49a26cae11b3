/**
 * Helm's `tpl`, as far as Alloy text needs it. The Alloy chart renders `alloy.configMap.content`
 * with `tpl`, and the k8s-monitoring chart its `extraConfig` values: Go's text/template reads
 * every `{{` as the start of an action, so `{{ .Labels }}` in an Alloy string is evaluated by
 * Helm and never reaches Alloy. Outside actions `}}` is plain text, and inside one a quoted
 * string is read to its closing quote, so `{{ "}}" }}` prints `}}`.
 */

/**
 * The text that `tpl` turns back into `text`: each run of braces holding `{{` or `}}` becomes an
 * action printing that run as a string constant (`{{` → `{{ "{{" }}`, `}}` → `{{ "}}" }}`,
 * `{{{` → `{{ "{{{" }}`). Whole runs, so that a brace left beside an escape cannot pair with the
 * escape's own `{{` (`{}}` would otherwise become `{{{ "}}" }}`, which does not parse), and `}}`
 * is escaped too, though plain text to Go, so every brace pair in the value reads the same way.
 */
export function escapeTpl(text: string): string {
  return text.replace(/[{}]{2,}/g, (run) => (run.includes("{{") || run.includes("}}") ? `{{ "${run}" }}` : run));
}

/** An action `tpl` would evaluate: its UTF-16 offsets in the line, end exclusive. */
export interface TemplateAction {
  readonly start: number;
  readonly end: number;
  /** Where it is in the line after tpl (`TplLine.text`), which keeps it as written. */
  readonly textStart: number;
  /** Whether its `}}` is missing on the line (tpl fails: "unclosed action"). */
  readonly unclosed: boolean;
}

/** One line of a tpl-rendered value, as Alloy will read it. */
export interface TplLine {
  /** The line after `tpl`, for the escapes it recognizes; other actions are kept as written. */
  readonly text: string;
  /** After each escape: `text` offset → the value line's offset (UTF-16 units). */
  readonly anchors: ReadonlyArray<{ readonly text: number; readonly value: number }>;
  readonly actions: readonly TemplateAction[];
}

/**
 * The escapes recognized: an action whose only content is a string constant, double-quoted with
 * no escape sequence or back-quoted (`{{ "{{" }}`, `{{"}}"}}`, ``{{ `{{` }}``). tpl prints the string.
 */
const ESCAPE = /\{\{[ \t]*(?:"([^"\\\n]*)"|`([^`\n]*)`)[ \t]*\}\}/y;

/** Reads one line of a value that `tpl` renders (a line: escapes and actions never span lines here). */
export function readTplLine(line: string): TplLine {
  if (!line.includes("{{")) return { text: line, anchors: [], actions: [] };
  let text = "";
  const anchors: Array<{ text: number; value: number }> = [];
  const actions: TemplateAction[] = [];
  let from = 0;
  for (let at = line.indexOf("{{"); at !== -1; at = line.indexOf("{{", from)) {
    text += line.slice(from, at);
    ESCAPE.lastIndex = at;
    const escape = ESCAPE.exec(line);
    if (escape) {
      text += escape[1] ?? escape[2] ?? "";
      from = ESCAPE.lastIndex;
      anchors.push({ text: text.length, value: from });
      continue;
    }
    const close = line.indexOf("}}", at + 2);
    const end = close === -1 ? line.length : close + 2;
    actions.push({ start: at, end, textStart: text.length, unclosed: close === -1 });
    text += line.slice(at, end);
    from = end;
  }
  text += line.slice(from);
  return { text, anchors, actions };
}

/** A run of braces that tpl reads (it holds `{{` or `}}`). */
const BRACE_RUN = /[{}]{2,}/g;

function braceRuns(text: string): Array<{ start: number; run: string }> {
  return [...text.matchAll(BRACE_RUN)].filter((m) => m[0].includes("{{") || m[0].includes("}}")).map((m) => ({ start: m.index, run: m[0] }));
}

/**
 * The value to write for `formatted`, the new text of a value that `tpl` renders, whose old
 * value (`lines`, read by readTplLine) held actions kept as written: the brace runs of those
 * actions stay as they are, every other run is escaped. Formatting moves text but keeps each
 * brace run, so the runs of the old and the new text pair up in order; when they do not (a
 * run of an action touching one of an escape, or formatting that changed the braces), undefined.
 */
export function escapeTplKeeping(lines: readonly TplLine[], formatted: string): string | undefined {
  const kept: boolean[] = [];
  const oldRuns: string[] = [];
  for (const line of lines) {
    for (const { start, run } of braceRuns(line.text)) {
      const inAction = line.actions.map((a) => start < a.textStart + (a.end - a.start) && a.textStart < start + run.length);
      const whole = line.actions.some((a) => start >= a.textStart && start + run.length <= a.textStart + (a.end - a.start));
      if (inAction.some(Boolean) && !whole) return undefined;
      kept.push(whole);
      oldRuns.push(run);
    }
  }
  const newRuns = braceRuns(formatted);
  if (newRuns.length !== oldRuns.length || newRuns.some((r, i) => r.run !== oldRuns[i])) return undefined;
  let out = "";
  let from = 0;
  newRuns.forEach((r, i) => {
    out += formatted.slice(from, r.start) + (kept[i] ? r.run : `{{ "${r.run}" }}`);
    from = r.start + r.run.length;
  });
  return out + formatted.slice(from);
}
