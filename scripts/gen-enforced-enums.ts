/**
 * The allowed-value sets Alloy enforces, read from scripts/enforced-enums.json (facts this team
 * recorded by reading grafana/alloy's Go validation code at the catalog's commit) and merged into
 * the catalog before it becomes specs. The docs' lists are a heuristic; a set recorded here is
 * what Go accepts (values the docs do not list included, `""` where Go takes it for the default),
 * and the argument is marked with the Go file that refuses anything else.
 *
 * A target is written `entry > block > ... > argument`; the entry may use `*` (`otelcol.*`, `*`)
 * and a `**` step stands for any run of blocks (`* > ** > tls_config > min_version`). Every
 * target must name at least one argument of type string or list(string), and no argument may be
 * named by two sets: a fact that no longer fits the catalog stops the generator. `open` lists the
 * arguments whose docs give examples of an open set (Go takes any IANA charset name): their docs
 * list is dropped, so the linter does not warn about a value Alloy accepts.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { RawArgument, RawBlock, RawCatalog, RawEntry } from "./gen-catalog-model.js";
import { InputError, validate } from "./gen-input.js";

export const ENFORCED_ENUMS_FILE = "scripts/enforced-enums.json";

const upstream = z.string().regex(/^internal\/[\w/.-]+\.go$/, { error: "a Go file path inside grafana/alloy (internal/...go)" });
const targets = z.array(z.string().regex(/^[\w.*-]+( > [\w.*-]+)+$/, { error: "a target `entry > ... > argument`" })).min(1);

const enforcedEnums = z.object({
  alloy_commit: z.string().regex(/^[0-9a-f]{40}$/),
  sets: z.array(
    z.object({
      upstream,
      ignore_case: z.boolean(),
      values: z
        .array(z.string())
        .min(2)
        .refine((v) => new Set(v).size === v.length, { error: "duplicate value" }),
      at: targets,
    }),
  ),
  /** Arguments whose docs list only examples: Go accepts values beyond any list (any IANA charset name). */
  open: z.array(z.object({ upstream, at: targets })),
});

export type EnforcedEnums = z.infer<typeof enforcedEnums>;

export function validateEnforcedEnums(value: unknown, file = ENFORCED_ENUMS_FILE): EnforcedEnums {
  return validate(enforcedEnums, value, file);
}

export function readEnforcedEnums(repoRoot: string): EnforcedEnums {
  const at = path.join(repoRoot, ENFORCED_ENUMS_FILE);
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(at, "utf8"));
  } catch (e) {
    throw new InputError(`${at}: cannot read (${(e as Error).message})`);
  }
  return validateEnforcedEnums(value, at);
}

/** `otelcol.*` → /^otelcol\.[^]*$/: `*` matches any run of characters in an entry name. */
function globRegExp(glob: string): RegExp {
  return new RegExp(`^${glob.split("*").map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*")}$`);
}

/** Whether the block path `blocks` (names from the entry root) matches the pattern's steps. */
function pathMatches(steps: readonly string[], blocks: readonly string[]): boolean {
  if (steps.length === 0) return blocks.length === 0;
  const [first, ...rest] = steps as [string, ...string[]];
  if (first === "**") return [...Array(blocks.length + 1).keys()].some((i) => pathMatches(rest, blocks.slice(i)));
  return blocks[0] === first && pathMatches(rest, blocks.slice(1));
}

interface Target {
  readonly text: string;
  readonly entry: RegExp;
  readonly blocks: readonly string[];
  readonly argument: string;
}

function parseTarget(text: string): Target {
  const parts = text.split(" > ");
  return {
    text,
    entry: globRegExp(parts[0] as string),
    blocks: parts.slice(1, -1),
    argument: parts[parts.length - 1] as string,
  };
}

/**
 * The catalog with each enforced set merged in: the argument's `enum` becomes Go's set, with
 * `enforced_by` (the upstream file) and `enum_ignore_case`; an `open` argument loses the docs'
 * list, which Go does not limit it to. Throws InputError when the facts no
 * longer fit the catalog (another commit, a target that names nothing, an argument named twice).
 */
export function mergeEnforcedEnums(catalog: RawCatalog, facts: EnforcedEnums, file = ENFORCED_ENUMS_FILE): RawCatalog {
  const problems: string[] = [];
  if (facts.alloy_commit !== catalog.generated_from.commit) {
    problems.push(`${file}: alloy_commit ${facts.alloy_commit.slice(0, 12)} is not the catalog's commit ${catalog.generated_from.commit.slice(0, 12)}`);
  }
  const targets = [
    ...facts.sets.flatMap((set, i) => set.at.map((t) => ({ set, i, name: `sets[${i}]`, target: parseTarget(t), hits: 0 }))),
    ...facts.open.flatMap((o, i) => o.at.map((t) => ({ set: undefined, i, name: `open[${i}]`, target: parseTarget(t), hits: 0 }))),
  ];
  const claimed = new Map<string, string>();

  const mergeArgument = (entry: RawEntry, blocks: readonly string[], a: RawArgument): RawArgument => {
    let out = a;
    for (const t of targets) {
      if (t.target.argument !== a.name || !t.target.entry.test(entry.name) || !pathMatches(t.target.blocks, blocks)) continue;
      t.hits++;
      const where = [entry.name, ...blocks, a.name].join(" > ");
      const before = claimed.get(where);
      if (before !== undefined) problems.push(`${file}: ${t.name} "${t.target.text}": ${where} is already named by ${before}`);
      claimed.set(where, `${t.name} "${t.target.text}"`);
      if (a.type !== "string" && a.type !== "list(string)") {
        problems.push(`${file}: ${t.name} "${t.target.text}": ${where} has type ${a.type}, not string`);
      }
      if (t.set) {
        out = { ...a, enum: t.set.values, enforced_by: t.set.upstream, ...(t.set.ignore_case ? { enum_ignore_case: true } : {}) };
      } else {
        // The docs' values are examples of an open set: no list to check against.
        const { enum: _examples, ...rest } = a;
        out = rest;
      }
    }
    return out;
  };
  const mergeBlock = (entry: RawEntry, parents: readonly string[], b: RawBlock): RawBlock => {
    const here = [...parents, b.name];
    return {
      ...b,
      arguments: b.arguments.map((a) => mergeArgument(entry, here, a)),
      blocks: b.blocks.map((c) => mergeBlock(entry, here, c)),
    };
  };
  const entries = catalog.entries.map(
    (e): RawEntry => ({
      ...e,
      arguments: e.arguments.map((a) => mergeArgument(e, [], a)),
      blocks: e.blocks.map((b) => mergeBlock(e, [], b)),
    }),
  );
  for (const t of targets) {
    if (t.hits === 0) problems.push(`${file}: ${t.name} "${t.target.text}" names no argument of the catalog`);
  }
  if (problems.length > 0) throw new InputError(problems.join("\n"));
  return { ...catalog, entries };
}
