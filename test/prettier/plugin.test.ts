import { join } from "node:path";
import { build } from "esbuild";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { cliBundle } from "../../scripts/bundle-cli.js";
import { formatSource } from "../../src/format.js";
import { parseFile } from "../../src/parse/index.js";
import plugin, { languages } from "../../src/prettier/index.js";
import { hasShared, listFiles, readShared, repoRoot, sharedPath } from "../shared.js";

/**
 * The Prettier plugin through Prettier's own API: what it prints is what `alloyc fmt` prints
 * (the corpus), an error is Prettier's error with Alloy's message and position, and the options
 * Prettier honours for any language (endOfLine, pragmas, cursor, range) behave.
 */
const decoder = new TextDecoder();
const withPlugin = (options: prettier.Options = {}): prettier.Options => ({ filepath: "config.alloy", plugins: [plugin], ...options });

const MESSY = 'logging {\n  level = "info"\n  format   = "logfmt"\n}\n';
const TIDY = 'logging {\n\tlevel  = "info"\n\tformat = "logfmt"\n}\n';

describe.skipIf(!hasShared)("the plugin on the real corpus", () => {
  it("prints exactly what alloyc fmt prints for every file that parses, and Alloy's error for the others", async () => {
    let identical = 0;
    let errors = 0;
    let blank = 0;
    const differ: string[] = [];
    const files = listFiles(sharedPath("corpus/real"), (f) => f.endsWith(".alloy"));
    for (const rel of files) {
      const bytes = readShared("corpus/real", rel);
      const text = decoder.decode(bytes);
      const expected = formatSource(bytes, rel);
      if (text.trim() === "") {
        // Prettier answers a blank text itself, without the plugin: "" where alloyc fmt prints "\n".
        expect(await prettier.format(text, withPlugin({ filepath: rel }))).toBe("");
        blank++;
        continue;
      }
      if ("formatted" in expected) {
        const printed = await prettier.format(text, withPlugin({ filepath: rel }));
        if (printed === decoder.decode(expected.formatted)) identical++;
        else differ.push(rel);
        continue;
      }
      const [first] = expected.unparsable.diagnostics;
      const position = expected.unparsable.source.lines.position(first!.span.start);
      const error = await prettier.format(text, withPlugin({ filepath: rel })).then(
        () => undefined,
        (e: unknown) => e as SyntaxError & { loc?: { start: { line: number; column: number } } },
      );
      expect(error, `${rel} formats, but alloyc fmt rejects it`).toBeInstanceOf(SyntaxError);
      // Alloy's byte column in UTF-16 code units: one per character that starts before it, two for a 4-byte one.
      const prefix = bytes.subarray(first!.span.start - position.column + 1, first!.span.start);
      const column = 1 + prefix.reduce((n, b) => n + ((b & 0xc0) === 0x80 ? 0 : b >= 0xf0 ? 2 : 1), 0);
      expect(error!.message.split("\n")[0]).toBe(`${first!.message} (${position.line}:${column})`);
      expect(error!.loc!.start).toEqual({ line: position.line, column });
      errors++;
    }
    console.log(
      `prettier plugin on corpus/real: ${identical}/${files.length - errors - blank} non-blank files that parse printed identically to alloyc fmt; ` +
        `${errors} unparsable file(s) give Prettier errors with Alloy's message and line:column; ${blank} blank file(s) printed empty by Prettier itself`,
    );
    expect(differ).toEqual([]);
    expect(identical).toBeGreaterThan(500);
    expect(identical + errors + blank).toBe(files.length);
  });
});

describe("the plugin through Prettier's API", () => {
  it("formats by extension (.alloy, .river) or by parser name, and formatting again changes nothing", async () => {
    expect(await prettier.format(MESSY, withPlugin())).toBe(TIDY);
    expect(await prettier.format(MESSY, withPlugin({ filepath: "old/config.river" }))).toBe(TIDY);
    expect(await prettier.format(MESSY, { parser: "alloy", plugins: [plugin] })).toBe(TIDY);
    expect(await prettier.check(TIDY, withPlugin())).toBe(true);
    expect(await prettier.check(MESSY, withPlugin())).toBe(false);
  });

  it("declares the language Alloy with the aliases alloy and river, for fences and editors", async () => {
    const info = await prettier.getSupportInfo({ plugins: [plugin] });
    const alloy = info.languages.find((l) => l.name === "Alloy");
    expect(alloy).toMatchObject({ parsers: ["alloy"], extensions: [".alloy", ".river"], aliases: ["alloy", "river"], vscodeLanguageIds: ["grafana-alloy"] });
    expect(languages).toHaveLength(1);
    expect((await prettier.getFileInfo("config.alloy", { plugins: [plugin] })).inferredParser).toBe("alloy");
  });

  it("ignores layout options: printWidth, tabWidth and useTabs do not change Alloy's fixed style", async () => {
    const options = withPlugin({ printWidth: 20, tabWidth: 8, useTabs: false, singleQuote: true, bracketSpacing: false });
    expect(await prettier.format(MESSY, options)).toBe(TIDY);
  });

  it("honours endOfLine: CRLF out when asked, LF for a CRLF file by default", async () => {
    expect(await prettier.format(MESSY, withPlugin({ endOfLine: "crlf" }))).toBe(TIDY.replaceAll("\n", "\r\n"));
    expect(await prettier.format(MESSY.replaceAll("\n", "\r\n"), withPlugin())).toBe(TIDY);
    expect(await prettier.format(MESSY.replaceAll("\n", "\r\n"), withPlugin({ endOfLine: "auto" }))).toBe(TIDY.replaceAll("\n", "\r\n"));
  });

  it("honours requirePragma (// @format or @prettier in a leading comment), insertPragma and checkIgnorePragma", async () => {
    expect(await prettier.format(MESSY, withPlugin({ requirePragma: true }))).toBe(MESSY);
    const marked = `// @format\n${MESSY}`;
    expect(await prettier.format(marked, withPlugin({ requirePragma: true }))).toBe(`// @format\n${TIDY}`);
    expect(await prettier.format(`/* licence\n * @prettier\n */\n${MESSY}`, withPlugin({ requirePragma: true }))).toBe(`/* licence\n * @prettier\n */\n${TIDY}`);
    // A comment after the first statement is not a pragma, nor is a word that only starts with one.
    expect(await prettier.format(`${MESSY}// @format\n`, withPlugin({ requirePragma: true }))).toBe(`${MESSY}// @format\n`);
    expect(await prettier.format(`// @formatter\n${MESSY}`, withPlugin({ requirePragma: true }))).toBe(`// @formatter\n${MESSY}`);
    expect(await prettier.format(MESSY, withPlugin({ insertPragma: true }))).toBe(`// @format\n\n${TIDY}`);
    expect(await prettier.format(marked, withPlugin({ insertPragma: true }))).toBe(`// @format\n${TIDY}`);
    expect(await prettier.format(`// @noformat\n${MESSY}`, withPlugin({ checkIgnorePragma: true }))).toBe(`// @noformat\n${MESSY}`);
    expect(await prettier.format(`// @noformat\n${MESSY}`, withPlugin())).toBe(`// @noformat\n${TIDY}`);
  });

  it("keeps the cursor on the same text, past non-ASCII characters", async () => {
    const source = 'logging {\n  level = "ünïcödé 😀"\n  format   = "logfmt"\n}\n';
    const cursorOffset = source.indexOf('"logfmt"');
    const result = await prettier.formatWithCursor(source, { ...withPlugin(), cursorOffset });
    expect(result.formatted).toBe('logging {\n\tlevel  = "ünïcödé 😀"\n\tformat = "logfmt"\n}\n');
    expect(result.formatted.slice(result.cursorOffset)).toMatch(/^"logfmt"\n}\n$/);
  });

  it("formats only a range that covers the whole file (Alloy's alignment spans statements); a smaller range changes nothing", async () => {
    expect(await prettier.format(MESSY, withPlugin({ rangeStart: 0, rangeEnd: MESSY.length }))).toBe(TIDY);
    expect(await prettier.format(MESSY, withPlugin({ rangeStart: 12, rangeEnd: 30 }))).toBe(MESSY);
  });

  it("throws Prettier's SyntaxError with Alloy's message and a loc in UTF-16 columns (Alloy's own, in bytes, beside it)", async () => {
    const source = 'x = "é😀" + }\n';
    const error = await prettier.format(source, withPlugin()).catch((e: unknown) => e as SyntaxError & Record<string, unknown>);
    const alloy = parseFile(source).diagnostics[0]!;
    expect(alloy.message).toBe("expected expression, got }");
    expect(error).toBeInstanceOf(SyntaxError);
    expect((error as Error).message).toBe(`expected expression, got } (1:13)\n> 1 | x = "é😀" + }\n    |             ^\n  2 |`);
    expect((error as Record<string, unknown>).loc).toEqual({ start: { line: 1, column: 13 }, end: { line: 1, column: 14 } });
    expect((error as Record<string, unknown>).alloy).toEqual({ line: 1, column: 16, code: "parse/syntax" });
    expect(source.slice(12, 13)).toBe("}");
  });

  it("where Prettier answers for every language: a blank file prints empty (alloyc fmt: one newline), a BOM is kept (alloyc fmt drops it)", async () => {
    expect(await prettier.format("", withPlugin())).toBe("");
    expect(await prettier.format(" \n\n", withPlugin())).toBe("");
    expect(await prettier.format("\ufeffa   = 1\n", withPlugin())).toBe("\ufeffa = 1\n");
  });
});

describe("Alloy code blocks in Markdown and MDX", () => {
  const markdown = [
    "# Pipelines",
    "",
    "Formatted already:",
    "",
    "```alloy",
    TIDY.trimEnd(),
    "```",
    "",
    "Not formatted:",
    "",
    "```alloy",
    MESSY.trimEnd(),
    "```",
    "",
    "Does not parse, left as written:",
    "",
    "```alloy",
    "logging {",
    "  level =",
    "```",
    "",
    "- River, the old name, in a list:",
    "",
    "  ```river title=old.river",
    "  a = 1",
    "  bbb = [1,2]",
    "  ```",
    "",
    "Another language stays as written:",
    "",
    "```hcl",
    "a   = 1",
    "```",
    "",
  ].join("\n");

  const expected = [
    "# Pipelines",
    "",
    "Formatted already:",
    "",
    "```alloy",
    TIDY.trimEnd(),
    "```",
    "",
    "Not formatted:",
    "",
    "```alloy",
    TIDY.trimEnd(),
    "```",
    "",
    "Does not parse, left as written:",
    "",
    "```alloy",
    "logging {",
    "  level =",
    "```",
    "",
    "- River, the old name, in a list:",
    "",
    "  ```river title=old.river",
    "  a   = 1",
    "  bbb = [1, 2]",
    "  ```",
    "",
    "Another language stays as written:",
    "",
    "```hcl",
    "a   = 1",
    "```",
    "",
  ].join("\n");

  it("formats alloy and river fences through the plugin, and leaves a fence that does not parse unchanged", async () => {
    expect(await prettier.format(markdown, { filepath: "README.md", plugins: [plugin] })).toBe(expected);
    expect(await prettier.format(markdown, { filepath: "README.mdx", plugins: [plugin] })).toBe(expected);
    // Without the plugin, Prettier leaves every fence as written.
    expect(await prettier.format(markdown, { filepath: "README.md" })).toBe(markdown);
  });

  it("leaves fences alone when embeddedLanguageFormatting is off", async () => {
    expect(await prettier.format(markdown, { filepath: "README.md", plugins: [plugin], embeddedLanguageFormatting: "off" })).toBe(markdown);
  });
});

describe("what loads the plugin", () => {
  it("nothing alloyc, alloyc fmt or alloyc lint loads contains Prettier or the plugin, and the plugin's entry imports no Prettier", async () => {
    const { metafile } = await build({ ...cliBundle(join(repoRoot, "node_modules/.cache/alloyc-test-prettier-startup")), write: false, metafile: true });
    const outputs = metafile.outputs;
    /** Every input bundled into `entry` and the chunks it imports statically (not through import()). */
    const staticInputs = (entry: string): string[] => {
      const seen = new Set<string>();
      const visit = (out: string): void => {
        if (seen.has(out)) return;
        seen.add(out);
        for (const i of outputs[out]?.imports ?? []) if (i.kind === "import-statement" && !i.external) visit(i.path);
      };
      visit(entry);
      return [...seen].flatMap((out) => Object.keys(outputs[out]?.inputs ?? {}));
    };
    const outputOf = (name: string): string => Object.keys(outputs).find((o) => o.endsWith(`/${name}.js`) && !o.includes("/chunks/")) as string;
    /** The output that holds `input` (main imports each command with import() when it runs). */
    const holding = (input: string): string => Object.keys(outputs).find((o) => input in (outputs[o]?.inputs ?? {})) as string;
    const startup = staticInputs(outputOf("main"));
    for (const command of ["fmt", "lint"]) {
      const loaded = [...startup, ...staticInputs(holding(`src/cli/commands/${command}.ts`))];
      expect(loaded).toContain(`src/cli/commands/${command}.ts`);
      expect(loaded.filter((f) => f.includes("node_modules/prettier/") || f.startsWith("src/prettier/")), command).toEqual([]);
    }
    expect(startup.filter((f) => f.includes("node_modules/prettier/") || f.startsWith("src/prettier/"))).toEqual([]);
    const plugin = staticInputs(outputOf("prettier"));
    expect(plugin).toContain("src/prettier/parse.ts");
    expect(plugin.filter((f) => f.includes("node_modules/prettier/"))).toEqual([]);
    // alloyc import loads Prettier with import() when it runs; the plugin and the fmt/lint paths never import it.
    const outputsOf = (entry: string): string[] => {
      const seen = new Set<string>();
      const visit = (out: string): void => {
        if (seen.has(out)) return;
        seen.add(out);
        for (const i of outputs[out]?.imports ?? []) if (i.kind === "import-statement" && !i.external) visit(i.path);
      };
      visit(entry);
      return [...seen];
    };
    const externals = (entry: string): string[] => outputsOf(entry).flatMap((o) => (outputs[o]?.imports ?? []).filter((i) => i.external).map((i) => i.path));
    expect(externals(outputOf("prettier"))).not.toContain("prettier");
    for (const command of ["fmt", "lint"]) expect(externals(holding(`src/cli/commands/${command}.ts`)), command).not.toContain("prettier");
    expect(externals(outputOf("main"))).not.toContain("prettier");
    // …and the one that does is the import facade's (so the assertions above can fail).
    const importers = Object.keys(outputs).filter((o) => (outputs[o]?.imports ?? []).some((i) => i.external && i.path === "prettier"));
    expect(importers.length).toBeGreaterThan(0);
    for (const o of importers) expect(Object.keys(outputs[o]?.inputs ?? {}).some((f) => f.startsWith("src/import")), o).toBe(true);
  });
});
