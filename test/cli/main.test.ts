import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type CommandSpec, flagsOf } from "../../src/cli/args.js";
import { main } from "../../src/cli/main.js";
import { BUILD, COMMANDS, FMT, GLOBAL, LINT } from "../../src/cli/specs.js";
import { fakeIO, type FakeProcess, type Run, runWith } from "./fake-io.js";

const alloyc = (args: string[], p: FakeProcess = { cwd: tmpdir() }): Promise<Run> => runWith(main, args, p);

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "alloyc-main-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

/** Every spelling of every flag the spec declares: `--output FILE`, `-o`. */
function spellings(spec: CommandSpec): string[] {
  return flagsOf(spec).flatMap((f) => [`--${f.name}${f.value === undefined ? "" : ` ${f.value}`}`, ...(f.short ? [`-${f.short},`] : [])]);
}

const noStack = (s: string): void => expect(s).not.toMatch(/^\s+at /m);

describe("alloyc help", () => {
  const forms: Array<[string[], CommandSpec]> = [
    [["help", "lint"], LINT],
    [["lint", "--help"], LINT],
    [["lint", "-h"], LINT],
    [["fmt", "-h"], FMT],
    [["help", "fmt"], FMT],
    [["build", "--help"], BUILD],
    [["build", "-h"], BUILD],
    [["--help", "build"], BUILD],
  ];
  for (const [args, spec] of forms) {
    it(`alloyc ${args.join(" ")} prints ${spec.name}'s usage with every flag and an example, exit 0`, async () => {
      const r = await alloyc(args);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      expect(r.stdout.startsWith(`alloyc ${spec.name} `)).toBe(true);
      for (const spelling of spellings(spec)) expect(r.stdout).toContain(spelling);
      expect(r.stdout).toContain("\nexamples:\n");
      expect(r.stdout).toContain(`  ${spec.examples[0]?.[0]}`);
    });
  }

  it("names the flags as they are spelled, with what each does", async () => {
    const lint = (await alloyc(["lint", "--help"])).stdout;
    expect(lint).toContain("    --format text|json|sarif|github ");
    expect(lint).toContain("    --stability.level LEVEL ");
    expect(lint).toMatch(/ {4}--stability\.level LEVEL +features below LEVEL are errors.* \(LEVEL: generally-available, public-preview, experimental\)\n/);
    expect(lint).toContain("    --feature.community-components.enabled ");
    expect(lint).toMatch(/-h, --help +print this help and exit\n/);
    expect(lint).toContain("alloyc lint [--format text|json|sarif|github] [--stability.level LEVEL] [--feature.community-components.enabled] [--max-file-size BYTES] [--rule CODE=LEVEL] [--max-warnings N] [--alloy-version X.Y[,X.Y...]] [PATH... | -]\n");
    const fmt = (await alloyc(["fmt", "-h"])).stdout;
    expect(fmt).toContain("alloyc fmt [--check | --write] [--diff] [--force] [--max-file-size BYTES] [PATH... | -]\n");
    expect(fmt).toMatch(/-c, --check +list the files that would change/);
    expect(fmt).toMatch(/-w, --write +rewrite the files that change/);
    const build = (await alloyc(["build", "--help"])).stdout;
    expect(build).toContain("alloyc build [--output FILE] [--force] [--timeout SECONDS] [--alloy-version X.Y[,X.Y...]] [--typecheck] [--format alloy|configmap|helm-values] [--name N] [--namespace NS] [--key KEY] FILE.ts\n");
    expect(build).toMatch(/-o, --output FILE +write the Alloy text to FILE/);
    expect(build).toContain("  alloyc build pipeline.ts -o config.alloy ");
  });

  for (const args of [["--help"], ["-h"], ["help"]]) {
    it(`alloyc ${args.join(" ")} lists every command and every flag, exit 0`, async () => {
      const r = await alloyc(args);
      expect(r.code).toBe(0);
      expect(r.stderr).toBe("");
      for (const spec of COMMANDS) {
        expect(r.stdout).toContain(`\n  ${spec.name} `);
        for (const spelling of spellings(spec)) expect(r.stdout).toContain(spelling);
      }
      for (const spelling of spellings(GLOBAL)) expect(r.stdout).toContain(spelling);
      expect(r.stdout).toContain("-v, --version");
      expect(r.stdout).toContain("alloyc FILE.ts [-o FILE]");
      expect(r.stdout).toContain("\nalloyc lint [--format text|json|sarif|github] [--stability.level LEVEL] [--feature.community-components.enabled] [--max-file-size BYTES] [--rule CODE=LEVEL] [--max-warnings N] [--alloy-version X.Y[,X.Y...]] [PATH... | -]\n");
    });
  }

  it("with no arguments prints the usage and exits 2", async () => {
    const r = await alloyc([]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe((await alloyc(["--help"])).stdout);
  });

  it("help wins over other mistakes on the line", async () => {
    expect((await alloyc(["lint", "--nope", "--help"])).code).toBe(0);
    expect((await alloyc(["fmt", "--check", "--write", "-h"])).code).toBe(0);
  });

  it("refuses an unknown command or help topic, exit 2", async () => {
    for (const args of [["frobnicate"], ["help", "frobnicate"], ["help", "lint", "fmt"]]) {
      const r = await alloyc(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^alloyc: .*(unknown command "frobnicate"|one command at a time)/);
      expect(r.stdout).toBe("");
    }
  });

  it("prints the version three ways", async () => {
    for (const args of [["--version"], ["-v"], ["version"]]) {
      const r = await alloyc(args);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^alloyc \d+\.\d+\.\d+ \(component catalog: .+\)\n$/);
    }
  });
});

describe("alloyc's arguments", () => {
  const TYPO = 'logging {\n  levle = "info"\n}\n';

  it("takes --flag=value and --flag value alike", async () => {
    const cwd = project({ "config.alloy": TYPO });
    const joined = await alloyc(["lint", "--format=json", "config.alloy"], { cwd });
    const split = await alloyc(["lint", "--format", "json", "config.alloy"], { cwd });
    expect(joined.code).toBe(1);
    expect(JSON.parse(joined.stdout)).toEqual([expect.objectContaining({ file: "config.alloy", line: 2, code: "check/unknown-attribute" })]);
    expect(split).toEqual(joined);
  });

  it("ends options at --: a file named -x.alloy", async () => {
    const cwd = project({ "-x.alloy": TYPO });
    const lint = await alloyc(["lint", "--format=json", "--", "-x.alloy"], { cwd });
    expect(lint.code).toBe(1);
    expect(JSON.parse(lint.stdout)[0]).toMatchObject({ file: "-x.alloy", line: 2 });
    expect(await alloyc(["fmt", "--check", "--", "-x.alloy"], { cwd })).toEqual({ code: 1, stdout: "-x.alloy\n", stderr: "" });
    // Without --, it is a flag lint does not know.
    expect((await alloyc(["lint", "-x.alloy"], { cwd })).stderr).toMatch(/^alloyc: lint: unknown flag -x\n/);
  });

  it("reports an unknown flag with the command's synopsis, exit 2, no stack trace", async () => {
    const cwd = project({ "config.alloy": TYPO });
    const cases: Array<[string[], string]> = [
      [["lint", "--nope", "config.alloy"], "alloyc: lint: unknown flag --nope\nusage: alloyc lint [--format text|json|sarif|github]"],
      [["fmt", "--frobnicate"], "alloyc: fmt: unknown flag --frobnicate\nusage: alloyc fmt [--check | --write] [--diff] [--force] [--max-file-size BYTES] [PATH... | -]\n"],
      [["build", "p.ts", "--watch"], "alloyc: build: unknown flag --watch\nusage: alloyc build [--output FILE] [--force] [--timeout SECONDS] [--alloy-version X.Y[,X.Y...]] [--typecheck] [--format alloy|configmap|helm-values] [--name N] [--namespace NS] [--key KEY] FILE.ts\n"],
      [["--nope"], "alloyc: unknown flag --nope\n"],
      [["lint", "--format=yaml", "config.alloy"], 'alloyc: lint: --format takes one of text, json, sarif, github (not "yaml")\n'],
      [["lint", "--format"], "alloyc: lint: --format needs a value: --format text|json|sarif|github\n"],
      [["fmt", "--check=maybe"], "alloyc: fmt: --check takes no value (or =true, =false)\n"],
    ];
    for (const [args, message] of cases) {
      const r = await alloyc(args, { cwd });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.startsWith(message), `${args.join(" ")}: ${r.stderr}`).toBe(true);
      expect(r.stdout).toBe("");
      noStack(r.stderr);
    }
  });

  it("takes =true and =false on on/off flags, as Alloy does", async () => {
    const cwd = project({ "config.alloy": 'logging {\n\tlevel = "info"\n}\n' });
    expect((await alloyc(["fmt", "--check=false", "config.alloy"], { cwd })).stdout).toBe('logging {\n\tlevel = "info"\n}\n');
    expect((await alloyc(["fmt", "--check=true", "config.alloy"], { cwd })).stdout).toBe("");
    const community = await alloyc(["lint", "--format=json", "--feature.community-components.enabled=false", "config.alloy"], { cwd });
    expect(community.code).toBe(0);
  });

  it("accepts every flag each command declares", async () => {
    for (const spec of [LINT, FMT]) {
      for (const flag of spec.flags) {
        const value = flag.value === undefined ? [] : [flag.choices?.[0] ?? "x"];
        const r = await alloyc([spec.name, `--${flag.name}`, ...value, "--help"]);
        expect(r.code, `${spec.name} --${flag.name}`).toBe(0);
      }
    }
  });
});

describe("standard input on a terminal", () => {
  for (const command of ["lint", "fmt"] as const) {
    it(`alloyc ${command} with no path prints the usage instead of waiting on a terminal, exit 2`, async () => {
      const tty = fakeIO({ cwd: tmpdir(), tty: { stdin: true } });
      const code = await main([command], tty.io);
      const r = tty.run(code);
      expect(r.code).toBe(2);
      expect(tty.stdinRead()).toBe(false);
      expect(r.stderr.startsWith(`alloyc ${command} [`)).toBe(true);
      expect(r.stderr).toContain("-h, --help");
      expect(r.stdout).toBe("");
    });

    it(`alloyc ${command} with no path reads piped standard input, and - reads even a terminal`, async () => {
      const piped = fakeIO({ cwd: tmpdir(), stdin: "logging {}\n" });
      expect(await main([command], piped.io)).toBe(0);
      expect(piped.stdinRead()).toBe(true);
      const dash = fakeIO({ cwd: tmpdir(), stdin: "logging {}\n", tty: { stdin: true } });
      expect(await main([command, "-"], dash.io)).toBe(0);
      expect(dash.stdinRead()).toBe(true);
    });
  }
});
