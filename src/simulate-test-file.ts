/**
 * The `alloyc test` file format: YAML, compatible with Alloy's internal pipeline-test schema where
 * they overlap (`config` inline or `{path}`, `inputs.loki[]` with `components` and `entries`,
 * `assert.loki[]` of `count` and `contains`), extended with `path` (the configuration file),
 * `env` (sys.env values), `now`/`seed`/`geoip_db` (the stage runner's clock, sampling seed and
 * GeoIP database, as simulate's flags), `relabel` cases (targets in, labels or "dropped" out) and `process`
 * cases (entries through one loki.process, the entries expected out). Validated with zod; a
 * mistake is reported at its line in the YAML file.
 */
import { z } from "zod";
import { MAX_SEED, parseNow } from "./simulate-input.js";
import { SimulateError } from "./simulate/errors.js";
import type { SourcePos } from "./simulate/types.js";

const SEED_MESSAGE = `must be a whole number from 0 to ${MAX_SEED}`;
const stringMap = z.record(z.string(), z.string());
const mapMatch = z.strictObject({ mode: z.enum(["exact", "partial"]).optional(), values: stringMap.optional() });

const inputEntry = z.strictObject({
  line: z.string().optional(),
  labels: stringMap.optional(),
  timestamp: z.string().optional(),
  structured_metadata: stringMap.optional(),
  extracted: z.record(z.string(), z.unknown()).optional(),
});

const expectedEntry = z.strictObject({
  line: z.string().optional(),
  labels: stringMap.optional(),
  timestamp: z.string().nullable().optional(),
  structured_metadata: stringMap.optional(),
  extracted: z.record(z.string(), z.unknown()).optional(),
});

const match = z.strictObject({
  line: z.string().optional(),
  timestamp: z.string().optional(),
  labels: mapMatch.optional(),
  structured_metadata: mapMatch.optional(),
});

export const testFileSchema = z
  .strictObject({
    name: z.string().optional(),
    config: z.union([z.string(), z.strictObject({ path: z.string() })]).optional(),
    path: z.string().optional(),
    env: stringMap.optional(),
    now: z.string().refine((t) => parseNow(t) !== undefined, "must be an RFC3339 time such as 2024-01-01T00:00:00Z").optional(),
    seed: z.number({ error: SEED_MESSAGE }).int(SEED_MESSAGE).min(0, SEED_MESSAGE).max(MAX_SEED, SEED_MESSAGE).optional(),
    geoip_db: z.string().min(1).optional(),
    relabel: z
      .array(
        z.strictObject({
          name: z.string().optional(),
          component: z.string(),
          targets: z.array(stringMap),
          expect: z.array(z.union([stringMap, z.literal("dropped")])),
        }),
      )
      .optional(),
    process: z
      .array(
        z.strictObject({
          name: z.string().optional(),
          component: z.string(),
          entries: z.array(inputEntry),
          expect: z.array(expectedEntry),
        }),
      )
      .optional(),
    inputs: z.strictObject({ loki: z.array(z.strictObject({ components: z.array(z.string()).min(1), entries: z.array(inputEntry).optional() })).optional() }).optional(),
    assert: z
      .strictObject({
        loki: z
          .array(z.strictObject({ type: z.enum(["count", "contains"]), count: z.number().int().nonnegative().optional(), match: match.optional() }))
          .optional(),
      })
      .optional(),
  })
  .superRefine((t, ctx) => {
    if ((t.config === undefined) === (t.path === undefined)) ctx.addIssue({ code: "custom", message: "give the configuration as config (inline, or {path}) or as path, once", path: [] });
    t.relabel?.forEach((r, i) => {
      if (r.expect.length !== r.targets.length) ctx.addIssue({ code: "custom", message: `expect has ${r.expect.length} items for ${r.targets.length} targets`, path: ["relabel", i, "expect"] });
    });
    t.assert?.loki?.forEach((a, i) => {
      if (a.type === "count" && a.count === undefined) ctx.addIssue({ code: "custom", message: "count requires count", path: ["assert", "loki", i] });
      if (a.type === "contains" && !a.match) ctx.addIssue({ code: "custom", message: "contains requires at least one match field", path: ["assert", "loki", i] });
    });
  });

export type TestFile = z.infer<typeof testFileSchema>;
export type InputEntry = z.infer<typeof inputEntry>;
export type ExpectedEntry = z.infer<typeof expectedEntry>;
export type LokiMatch = z.infer<typeof match>;

/** A parsed test file and where each of its parts is written (for messages and reports). */
export interface LoadedTestFile {
  readonly test: TestFile;
  readonly file: string;
  /** Position of the YAML node at a path (`["relabel", 0]`), or the file's start. */
  readonly posOf: (path: readonly (string | number)[], key?: boolean) => SourcePos;
  /** An inline block-scalar config as Alloy text positioned at the YAML file's lines (see inlineConfig). */
  readonly configText?: string;
}

/** Parses and validates a test file; YAML or schema mistakes are SimulateErrors at their line. */
export async function parseTestFile(text: string, file: string): Promise<LoadedTestFile> {
  const YAML = await import("yaml");
  const lines = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const at = (offset: number): SourcePos => {
    const p = lines.linePos(offset);
    return { file, line: p.line, col: p.col };
  };
  const yamlError = doc.errors[0];
  if (yamlError) throw new SimulateError(`not valid YAML: ${yamlError.message.split("\n")[0]}`, at(yamlError.pos[0]));
  const posOf = (path: readonly (string | number)[], key = false): SourcePos => {
    if (key && path.length > 0) {
      const parent = doc.getIn(path.slice(0, -1), true);
      if (YAML.isMap(parent)) {
        const pair = parent.items.find((p) => YAML.isScalar(p.key) && p.key.value === path.at(-1));
        const range = YAML.isScalar(pair?.key) ? pair.key.range : undefined;
        if (range) return at(range[0]);
      }
    }
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number, number] } | undefined;
      if (node && typeof node === "object" && node.range) return at(node.range[0]);
    }
    return { file, line: 1, col: 1 };
  };
  const data: unknown = doc.toJS();
  const parsed = testFileSchema.safeParse(data ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const where = path.length > 0 ? `${path.join(".")}: ` : "";
    const keyPath = issue.code === "unrecognized_keys" ? [...path, issue.keys[0] as string] : path;
    throw new SimulateError(`${where}${issueMessage(issue)}`, posOf(keyPath, issue.code === "unrecognized_keys"));
  }
  return { test: parsed.data, file, posOf, ...inlineConfig(YAML, doc, text) };
}

/**
 * An inline `config: |` as Alloy text whose positions are the YAML file's own: everything but the
 * block scalar's lines is blanked (newlines kept), and Alloy ignores the indentation. A config
 * with a raw string, whose lines the indentation would change, keeps its own positions.
 */
function inlineConfig(YAML: typeof import("yaml"), doc: import("yaml").Document, text: string): { configText?: string } {
  const node = doc.get("config", true);
  if (!YAML.isScalar(node) || node.type !== "BLOCK_LITERAL" || !node.range || typeof node.value !== "string" || node.value.includes("`")) return {};
  const [start, end] = node.range;
  const contentStart = text.indexOf("\n", start) + 1;
  if (contentStart === 0 || contentStart > end) return {};
  return { configText: text.slice(0, contentStart).replace(/[^\n]/g, "") + text.slice(contentStart, end) };
}

function issueMessage(issue: z.core.$ZodIssue): string {
  if (issue.code === "unrecognized_keys") return `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.join(", ")}`;
  return issue.message;
}
