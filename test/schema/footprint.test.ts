import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "./helpers.js";

/**
 * The package's real unpacked size, as `npm pack --dry-run --json` reports it, for a build made
 * from this tree in a scratch folder (the working tree's dist/ is neither needed nor touched).
 * Most of the package is the catalog (its specs, the builders and their declarations), so this is
 * where carrying the catalog in one form instead of three shows.
 */

/** `npm pack --dry-run` of a build of 1ee9c05, before issue 11 (three generated forms of the catalog). */
const UNPACKED_BEFORE = 5_357_046;

const scratch = mkdtempSync(path.join(tmpdir(), "alloyc-pack-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe("package footprint", () => {
  it("the unpacked package is smaller than before (npm pack --dry-run of a fresh build)", () => {
    for (const f of ["package.json", "tsconfig.json", "tsconfig.build.json", "README.md", "LICENSE"]) {
      if (existsSync(path.join(repoRoot, f))) cpSync(path.join(repoRoot, f), path.join(scratch, f));
    }
    for (const d of ["src", "scripts", "bin"]) cpSync(path.join(repoRoot, d), path.join(scratch, d), { recursive: true });
    symlinkSync(path.join(repoRoot, "node_modules"), path.join(scratch, "node_modules"), "dir");
    const npm = process.platform === "win32" ? "npm.cmd" : "npm";
    execFileSync(npm, ["run", "build", "--silent"], { cwd: scratch, stdio: ["ignore", "ignore", "pipe"] });
    const out = execFileSync(npm, ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: scratch, encoding: "utf8" });
    const [pack] = JSON.parse(out) as { unpackedSize: number; size: number; entryCount: number }[];
    console.log(
      `npm pack --dry-run: ${pack!.unpackedSize} bytes unpacked (${(pack!.unpackedSize / 1e6).toFixed(2)} MB; before issue 11: ` +
        `${(UNPACKED_BEFORE / 1e6).toFixed(2)} MB), ${pack!.size} bytes packed, ${pack!.entryCount} files`,
    );
    expect(pack!.unpackedSize).toBeLessThan(UNPACKED_BEFORE);
  }, 300_000);
});
