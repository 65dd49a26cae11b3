import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { type Config, isConfig } from "../../src/builders/index.js";
import { repoRoot } from "../shared.js";

/**
 * Loading example pipelines in-process. Test files that use this mock "alloyc" to the sources
 * (`vi.mock("alloyc", () => import("../../src/index.js"))`), so the examples run against the
 * code under test without a build; the CLI tests cover the real loader.
 */

export const examplesDir = join(repoRoot, "examples");

/** Every example pipeline, by name (`lab`, `otlp-gateway`, ...). */
export function exampleNames(): string[] {
  return readdirSync(examplesDir)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** The config an example's default export gives (calling it, awaiting it, as the CLI does). */
export async function loadExample(name: string): Promise<Config> {
  const module = (await import(pathToFileURL(join(examplesDir, `${name}.ts`)).href)) as { default: unknown };
  const exported = module.default;
  const value: unknown = typeof exported === "function" ? await (exported as () => unknown)() : await exported;
  if (!isConfig(value)) throw new Error(`examples/${name}.ts: the default export is not a config`);
  return value;
}
