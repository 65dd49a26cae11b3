/**
 * The project's alloyc settings: `.alloycrc.json`, or the `"alloyc"` object of `package.json`, in
 * the folder a command runs from or the nearest folder above it that has either (`.alloycrc.json`
 * wins in one folder). Today one setting: `alloyVersion`, the Alloy release(s) lint and build
 * check against when no `--alloy-version` is given. zod validates the file and is imported only
 * when such a file exists, so a run without one loads nothing more.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type AlloyVersion, alloyVersions, resolveAlloyVersion } from "./schema/versions.js";

export interface ProjectConfig {
  /** Where it was read (for messages). */
  readonly file: string;
  /** The releases to check against, as written (`"1.12"` or `["1.12", "current"]`), resolved. */
  readonly alloyVersions?: readonly AlloyVersion[];
}

/** A project config file that cannot be read or does not have the shape: `file: problem`. */
export class ProjectConfigError extends Error {
  override readonly name = "ProjectConfigError";
}

/** Resolves `1.12,current` (or a list of such) to known versions; throws with the known ones listed. */
export function parseAlloyVersions(text: string | readonly string[]): AlloyVersion[] {
  const parts = (typeof text === "string" ? text.split(",") : text.flatMap((t) => t.split(","))).map((p) => p.trim()).filter((p) => p !== "");
  if (parts.length === 0) throw new Error(`no Alloy version given; known: ${knownVersionsText()}`);
  const out: AlloyVersion[] = [];
  for (const p of parts) {
    const v = resolveAlloyVersion(p);
    if (v === undefined) throw new Error(`unknown Alloy version "${p}"; known: ${knownVersionsText()}`);
    if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** `1.8, 1.9, ..., 1.19 (current)`. */
export function knownVersionsText(): string {
  return alloyVersions.map((v, i) => (i === alloyVersions.length - 1 ? `${v} (current)` : v)).join(", ");
}

/** The settings for a command run in `cwd`; undefined when no folder up to the root has a config. */
export async function readProjectConfig(cwd: string): Promise<ProjectConfig | undefined> {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const rc = join(dir, ".alloycrc.json");
    if (existsSync(rc)) return validate(rc, readJson(rc));
    const pkg = join(dir, "package.json");
    if (existsSync(pkg)) {
      const data = readJson(pkg);
      if (typeof data === "object" && data !== null && Object.hasOwn(data, "alloyc")) return validate(`${pkg} ("alloyc")`, (data as { alloyc: unknown }).alloyc);
    }
    if (dirname(dir) === dir) return undefined;
  }
}

function readJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (e) {
    throw new ProjectConfigError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ProjectConfigError(`${file}: not JSON (${(e as Error).message})`);
  }
}

async function validate(file: string, value: unknown): Promise<ProjectConfig> {
  const { projectConfigSchema } = await import("./project-config-schema.js");
  const r = projectConfigSchema.safeParse(value);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.length > 0 ? i.path.join(".") : "(top level)"}: ${i.message}`);
    throw new ProjectConfigError(`${file}: ${issues.join("; ")}`);
  }
  if (r.data.alloyVersion === undefined) return { file };
  try {
    return { file, alloyVersions: parseAlloyVersions(r.data.alloyVersion) };
  } catch (e) {
    throw new ProjectConfigError(`${file}: alloyVersion: ${(e as Error).message}`);
  }
}
