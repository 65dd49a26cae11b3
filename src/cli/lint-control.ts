import { statSync } from "node:fs";
import { resolve } from "node:path";
import { codes, escapeControl, type Code, type Located, type Severity } from "../diag/index.js";
import { commandUsageError, type CommandSpec } from "./args.js";
import { UsageError } from "./io.js";

/**
 * What lint's control flags mean (`--rule`, `--max-warnings`), the text output's cap per file, and
 * the refusal of a pipeline given to lint or fmt. Kept apart from the commands so both share them
 * and the commands stay a list of steps.
 */

export const RULE_LEVELS = ["off", "info", "warning", "error"] as const;

/**
 * `--rule CODE=LEVEL` values (repeatable, or comma-separated in one): a severity per code. Only
 * codes of findings about a parsed configuration (check/..., lint/...) can be overridden: a file
 * that does not parse is never checked, and an I/O error is not a finding.
 */
export function severityOverrides(spec: CommandSpec, given: readonly string[]): Map<Code, Severity | "off"> {
  const out = new Map<Code, Severity | "off">();
  for (const item of given.flatMap((g) => g.split(","))) {
    const m = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(item);
    if (!m) throw commandUsageError(spec, `--rule takes CODE=LEVEL (not "${escapeControl(item)}"), LEVEL one of ${RULE_LEVELS.join(", ")}`);
    const [, code = "", level = ""] = m;
    if (!overridable(code)) {
      const known = code in codes ? `${code} cannot be overridden (only check/ and lint/ codes can)` : `unknown code "${escapeControl(code)}"`;
      throw commandUsageError(spec, `--rule: ${known}; codes: ${Object.keys(codes).filter(overridable).join(", ")}`);
    }
    if (!(RULE_LEVELS as readonly string[]).includes(level)) throw commandUsageError(spec, `--rule ${code}: the level is one of ${RULE_LEVELS.join(", ")} (not "${escapeControl(level)}")`);
    out.set(code, level as Severity | "off");
  }
  return out;
}

function overridable(code: string): code is Code {
  return code in codes && (code.startsWith("check/") || code.startsWith("lint/"));
}

/** `--max-warnings N`: a whole number of warnings, 0 or more. */
export function maxWarnings(spec: CommandSpec, given: string): number {
  if (!/^\d+$/.test(given)) throw commandUsageError(spec, `--max-warnings takes a whole number, 0 or more (not "${escapeControl(given)}")`);
  return Number(given);
}

/** The one line that says why a run with no error fails under --max-warnings; undefined when it does not. */
export function tooManyWarnings(found: readonly Located[], max: number | undefined): string | undefined {
  if (max === undefined) return undefined;
  let warnings = 0;
  for (const f of found) if (f.diagnostic.severity === "warning") warnings++;
  if (warnings <= max) return undefined;
  return `alloyc: ${warnings} warning${warnings === 1 ? "" : "s"}, more than --max-warnings ${max} allows\n`;
}

/** Text output shows at most this many findings of one file, then how many more there are. */
export const MAX_SHOWN_PER_FILE = 100;

/**
 * The findings text output shows (the first `max` of each file by position, as the text is
 * ordered) and, for each file with more, a line `N more in FILE` to print after them.
 */
export function capPerFile(found: readonly Located[], max = MAX_SHOWN_PER_FILE): { shown: Located[]; more: string[] } {
  const byFile = new Map<string, Located[]>();
  for (const f of found) {
    const list = byFile.get(f.file.name);
    if (list) list.push(f);
    else byFile.set(f.file.name, [f]);
  }
  const shown: Located[] = [];
  const more: string[] = [];
  for (const [name, list] of byFile) {
    if (list.length <= max) {
      for (const f of list) shown.push(f);
      continue;
    }
    // Sorting is stable: findings at one offset keep the checker's order.
    const first = [...list].sort((a, b) => a.diagnostic.span.start - b.diagnostic.span.start).slice(0, max);
    for (const f of first) shown.push(f);
    more.push(`${list.length - max} more in ${escapeControl(name)} (--format json lists every finding)\n`);
  }
  return { shown, more };
}

/** A TypeScript or JavaScript file: a pipeline, which `alloyc build` runs, not Alloy text. */
const SCRIPT = /\.[cm]?[jt]s$/;

/**
 * Refuses an explicitly named pipeline (`alloyc lint pipeline.ts`): parsed as Alloy it would only
 * give syntax errors. A folder is not refused whatever its name; folder scans read *.alloy only.
 */
export function refusePipelines(command: "lint" | "fmt", paths: readonly string[], cwd: string): void {
  for (const p of paths) {
    if (!SCRIPT.test(p) || isFolder(resolve(cwd, p))) continue;
    const shown = escapeControl(p);
    throw new UsageError(
      `${command}: ${shown} is a TypeScript pipeline, not an Alloy file; ${command} reads Alloy (*.alloy) only.\n` +
        `Compile and check it with "alloyc build ${shown}" (or "alloyc ${shown}")` +
        (command === "lint" ? "; build reports the same findings lint does." : "; its output is already formatted."),
    );
  }
}

function isFolder(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false; // unreadable: not a folder we could scan either
  }
}
