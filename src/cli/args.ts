import { parseArgs } from "node:util";
import { UsageError } from "./io.js";

/**
 * Each command declares its flags once, as data (specs.ts); the parser options and the help
 * text are both derived from that declaration, so the two cannot disagree.
 */

/** One flag: how it is spelled, the value it takes (if any), and what it does in one line. */
export interface FlagSpec {
  /** The long name without dashes: `format` for `--format`. */
  readonly name: string;
  /** One letter for `-o`. */
  readonly short?: string;
  /** The value's placeholder in usage text (`FILE`); absent for an on/off flag. */
  readonly value?: string;
  /** The only values accepted; listed in the help unless the placeholder already spells them. */
  readonly choices?: readonly string[];
  readonly description: string;
}

export interface CommandSpec {
  /** How the command is called after `alloyc` (empty for alloyc's own flags). */
  readonly name: string;
  /** What the command does, in a few words (lower case, no full stop: the command list shows it). */
  readonly summary: string;
  /** The operands in usage form: `FILE.ts`, `[PATH... | -]`. */
  readonly operands: string;
  readonly flags: readonly FlagSpec[];
  /** Flags that cannot be given together; the synopsis shows them as `[--a | --b]`. */
  readonly exclusive?: readonly (readonly string[])[];
  /** Paragraph lines printed under the synopsis: what the operands mean, defaults. */
  readonly details?: readonly string[];
  /** Command lines with what each does; a command's help shows at least one. */
  readonly examples: readonly (readonly [command: string, comment: string])[];
  readonly exitCodes?: string;
}

/** Every command answers `-h` and `--help`. */
export const HELP_FLAG: FlagSpec = { name: "help", short: "h", description: "print this help and exit" };

export interface ParsedArgs {
  /** `-h` or `--help` was given: the caller prints the usage and does nothing else. */
  readonly help: boolean;
  /** Flags given, by long name: a string for a flag with a value, a boolean for an on/off flag. */
  readonly values: ReadonlyMap<string, string | boolean>;
  /** Every value given to each flag that takes one, in order (`values` keeps the last): repeatable flags. */
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly positionals: readonly string[];
}

/** Every flag a command accepts, help included. */
export function flagsOf(spec: CommandSpec): readonly FlagSpec[] {
  return [...spec.flags, HELP_FLAG];
}

/**
 * Parses a command's arguments with node:util's parseArgs: `--flag value`, `--flag=value`,
 * `-f value`, `-fvalue`, grouped short flags and `--` (everything after it is an operand) work
 * alike in every command. An on/off flag also takes `=true` or `=false`, as Alloy's own flags do.
 * A mistake throws a UsageError naming the command and showing its synopsis; when help is asked
 * for, mistakes elsewhere on the line are ignored.
 *
 * With `untilOperand`, parsing stops at the first operand, and `rest` is every argument after it
 * (how `alloyc [FLAGS] COMMAND ARGS...` finds its command).
 */
export function parseCommandArgs(spec: CommandSpec, args: readonly string[]): ParsedArgs;
export function parseCommandArgs(spec: CommandSpec, args: readonly string[], untilOperand: true): ParsedArgs & { rest: readonly string[] };
export function parseCommandArgs(spec: CommandSpec, args: readonly string[], untilOperand = false): ParsedArgs & { rest?: readonly string[] } {
  const flags = new Map(flagsOf(spec).map((f) => [f.name, f]));
  const options = Object.fromEntries(
    [...flags.values()].map((f) => [f.name, { type: f.value === undefined ? ("boolean" as const) : ("string" as const), ...(f.short ? { short: f.short } : {}) }]),
  );
  // Not strict: mistakes are found below from the tokens, and reported in alloyc's words.
  const { tokens } = parseArgs({ args: [...args], options, strict: false, allowPositionals: true, tokens: true });
  const stop = untilOperand ? tokens.findIndex((t) => t.kind === "positional") : -1;
  const used = stop === -1 ? tokens : tokens.slice(0, stop + 1);
  const values = new Map<string, string | boolean>();
  const lists = new Map<string, string[]>();
  const positionals: string[] = [];
  const problems: string[] = [];
  for (const token of used) {
    if (token.kind === "positional") positionals.push(token.value);
    if (token.kind !== "option") continue;
    const flag = flags.get(token.name);
    if (!flag) {
      problems.push(`unknown flag ${token.rawName}`);
      continue;
    }
    const given = flagValue(flag, token.rawName, token.value, token.inlineValue);
    if ("problem" in given) problems.push(given.problem);
    else {
      values.set(flag.name, given.value);
      if (typeof given.value === "string") lists.set(flag.name, [...(lists.get(flag.name) ?? []), given.value]);
    }
  }
  const help = values.get(HELP_FLAG.name) === true;
  for (const group of spec.exclusive ?? []) {
    const given = group.filter((name) => values.get(name) === true || typeof values.get(name) === "string");
    if (given.length > 1) problems.push(`${given.map((n) => `--${n}`).join(" and ")} cannot be used together`);
  }
  if (!help && problems.length > 0) throw commandUsageError(spec, problems[0] as string);
  const token = stop === -1 ? undefined : tokens[stop];
  const rest = token ? args.slice(token.index + 1) : [];
  return { help, values, lists, positionals, ...(untilOperand ? { rest } : {}) };
}

function flagValue(
  flag: FlagSpec,
  rawName: string,
  value: string | undefined,
  inline: boolean | undefined,
): { readonly value: string | boolean } | { readonly problem: string } {
  if (flag.value === undefined) {
    if (value === undefined || value === "true") return { value: true };
    if (value === "false") return { value: false };
    return { problem: `${rawName} takes no value (or =true, =false)` };
  }
  // parseArgs takes the next argument whatever it is: `-o --check` would write to "--check".
  if (value === undefined || value === "" || (!inline && value.length > 1 && value.startsWith("-"))) {
    return { problem: `${rawName} needs a value: ${rawName} ${flag.value}` };
  }
  if (flag.choices && !flag.choices.includes(value)) return { problem: `${rawName} takes one of ${flag.choices.join(", ")} (not "${value}")` };
  return { value };
}

/** A mistake in how a command was called: the problem, then the command's synopsis. */
export function commandUsageError(spec: CommandSpec, problem: string): UsageError {
  const name = spec.name ? `${spec.name}: ` : "";
  const more = spec.name ? `alloyc help ${spec.name}` : "alloyc --help";
  return new UsageError(`${name}${problem}\nusage: ${synopsis(spec)}\n(${more} lists every flag)`);
}

// --- usage text -------------------------------------------------------------------------------

/** `alloyc fmt [--check | --write] [PATH... | -]`: every flag but help, then the operands. */
export function synopsis(spec: CommandSpec): string {
  const grouped = new Set((spec.exclusive ?? []).flat());
  const parts: string[] = [];
  const shown = new Set<string>();
  for (const flag of spec.flags) {
    if (shown.has(flag.name)) continue;
    const group = grouped.has(flag.name) ? (spec.exclusive ?? []).find((g) => g.includes(flag.name)) ?? [flag.name] : [flag.name];
    const members = group.map((name) => spec.flags.find((f) => f.name === name)).filter((f): f is FlagSpec => f !== undefined);
    members.forEach((f) => shown.add(f.name));
    parts.push(`[${members.map(briefForm).join(" | ")}]`);
  }
  return ["alloyc", spec.name, ...parts, spec.operands].filter((s) => s !== "").join(" ");
}

function briefForm(flag: FlagSpec): string {
  return flag.value === undefined ? `--${flag.name}` : `--${flag.name} ${flag.value}`;
}

/** `-o, --output FILE`. */
function fullForm(flag: FlagSpec): string {
  const long = `--${flag.name}${flag.value === undefined ? "" : ` ${flag.value}`}`;
  return flag.short ? `-${flag.short}, ${long}` : `    ${long}`;
}

function describe(flag: FlagSpec): string {
  if (!flag.choices || flag.value === flag.choices.join("|")) return flag.description;
  return `${flag.description} (${flag.value}: ${flag.choices.join(", ")})`;
}

/** Flags as an aligned table, one line each: the spelling, then what it does. */
export function flagTable(flags: readonly FlagSpec[], indent = "  "): string {
  const width = Math.max(...flags.map((f) => fullForm(f).length));
  return flags.map((f) => `${indent}${fullForm(f).padEnd(width)}   ${describe(f)}\n`).join("");
}

function exampleTable(examples: CommandSpec["examples"], indent = "  "): string {
  const width = Math.max(...examples.map(([command]) => command.length));
  return examples.map(([command, comment]) => `${indent}${command.padEnd(width)}   # ${comment}\n`).join("");
}

/** A command's help: what it does, its synopsis, what its operands mean, every flag, examples. */
export function commandUsage(spec: CommandSpec): string {
  let out = `${synopsis(spec)}\n\n${spec.summary.charAt(0).toUpperCase()}${spec.summary.slice(1)}.\n`;
  if (spec.details?.length) out += `\n${spec.details.join("\n")}\n`;
  out += `\nflags:\n${flagTable(flagsOf(spec))}`;
  if (spec.examples.length > 0) out += `\nexamples:\n${exampleTable(spec.examples)}`;
  if (spec.exitCodes) out += `\nexit codes: ${spec.exitCodes}\n`;
  return out;
}
