import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { cliBundle } from "../../scripts/bundle-cli.js";
import { repoRoot } from "../shared.js";

/**
 * `npx prettier --plugin alloyc/prettier --check "**\/*.alloy"` in a fresh project that installs
 * alloyc (packed by `npm pack` from a build of this tree) and prettier, as a user's project would:
 * package.json's "exports" resolve, the bundled entry loads on its own, and Prettier's CLI reports
 * per file. The build is the bundle `npm run build` writes (dist/cli, scripts/bundle-cli.ts), in a
 * scratch copy; tsc's declarations are left out, since they are types only (test/api.test.ts
 * checks that each entry's "types" is the declaration tsc writes for it). Packages come from npm's
 * cache (`--prefer-offline`): the registry is asked only for what the cache lacks.
 */
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const npx = process.platform === "win32" ? "npx.cmd" : "npx";
const hasNpm = spawnSync(npm, ["--version"], { encoding: "utf8" }).status === 0;
if (!hasNpm) console.log("SKIP prettier package test: npm is not available");

const scratch = mkdtempSync(join(tmpdir(), "alloyc-prettier-pack-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const MESSY = 'logging {\n  level = "info"\n  format   = "logfmt"\n}\n';
const TIDY = 'logging {\n\tlevel  = "info"\n\tformat = "logfmt"\n}\n';
const BROKEN = "logging {\n  level = \n}\n";

/** What `npm pack` reads from the tree: package.json, the README, bin/ and (built next) dist/. */
function packageTree(): string {
  const tree = join(scratch, "alloyc");
  mkdirSync(tree);
  for (const f of ["package.json", "README.md"]) cpSync(join(repoRoot, f), join(tree, f));
  cpSync(join(repoRoot, "bin"), join(tree, "bin"), { recursive: true });
  return tree;
}

describe.skipIf(!hasNpm)("alloyc/prettier installed from the packed package", () => {
  it("prettier --plugin alloyc/prettier --check lists the unformatted file; with a .prettierrc, --write rewrites it and a Markdown fence, and reports a broken file on its own", async () => {
    const tree = packageTree();
    await build(cliBundle(join(tree, "dist/cli")));
    execFileSync(npm, ["pack", "--ignore-scripts", "--silent", "--pack-destination", scratch], { cwd: tree, stdio: ["ignore", "ignore", "pipe"] });
    const tarball = readdirSync(scratch).find((f) => f.endsWith(".tgz")) as string;
    expect(tarball).toMatch(/^alloyc-.*\.tgz$/);

    const project = join(scratch, "project");
    mkdirSync(join(project, "conf"), { recursive: true });
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "uses-alloyc", private: true, version: "1.0.0" }));
    const prettierVersion = (JSON.parse(readFileSync(join(repoRoot, "node_modules/prettier/package.json"), "utf8")) as { version: string }).version;
    execFileSync(
      npm,
      ["install", "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts", "--silent", join(scratch, tarball), `prettier@${prettierVersion}`],
      { cwd: project, stdio: ["ignore", "ignore", "pipe"] },
    );
    writeFileSync(join(project, "conf/formatted.alloy"), TIDY);
    writeFileSync(join(project, "conf/unformatted.alloy"), MESSY);

    // Prettier colours its messages whenever CI or FORCE_COLOR is in the environment (picocolors): plain text here.
    const plain: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
    delete plain.FORCE_COLOR;
    const prettier = (...args: string[]) => spawnSync(npx, ["prettier", "--plugin", "alloyc/prettier", ...args], { cwd: project, encoding: "utf8", env: plain });
    const check = prettier("--check", "**/*.alloy");
    expect({ status: check.status, stdout: check.stdout, stderr: check.stderr }).toEqual({
      status: 1,
      stdout: "Checking formatting...\n",
      stderr: "[warn] conf/unformatted.alloy\n[warn] Code style issues found in the above file. Run Prettier with --write to fix.\n",
    });

    // Through a .prettierrc as the README shows it, with an alloy fence in Markdown: a file that
    // does not parse is reported on its own, with Alloy's message and position, and the others are
    // still written.
    writeFileSync(join(project, ".prettierrc"), JSON.stringify({ plugins: ["alloyc/prettier"] }));
    writeFileSync(join(project, "conf/broken.alloy"), BROKEN);
    writeFileSync(join(project, "docs.md"), `# Config\n\n\`\`\`alloy\n${MESSY}\`\`\`\n`);
    const write = spawnSync(npx, ["prettier", "--write", "**/*.{alloy,md}"], { cwd: project, encoding: "utf8", env: plain });
    expect(write.status).toBe(2);
    expect(readFileSync(join(project, "docs.md"), "utf8")).toBe(`# Config\n\n\`\`\`alloy\n${TIDY}\`\`\`\n`);
    expect(write.stderr).toContain("[error] conf/broken.alloy: SyntaxError: expected expression, got } (3:1)\n");
    expect(write.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(project, "conf/unformatted.alloy"), "utf8")).toBe(TIDY);
    expect(readFileSync(join(project, "conf/broken.alloy"), "utf8")).toBe(BROKEN);
  }, 240_000);
});
